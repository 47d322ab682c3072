namespace NanoTcp.Tcp
{
    /// <summary>
    /// Receives every state transition and every segment sent or received, with the tick. Optional: when none is
    /// attached the layer only tests one field for null per event.
    /// </summary>
    public interface ITcpTraceListener
    {
        /// <summary>Connection slot <paramref name="slot"/> (local port, remote address and port) moved from <paramref name="from"/> to <paramref name="to"/>.</summary>
        void StateChanged(long now, int slot, int localPort, uint remoteAddress, int remotePort, TcpState from, TcpState to);

        /// <summary>A segment left (<paramref name="sent"/>) or arrived; <paramref name="flags"/> as in <see cref="NanoTcp.Wire.TcpHeader"/> (Fin … Urg), <paramref name="length"/> is the data length.</summary>
        void Segment(long now, bool sent, uint source, int sourcePort, uint destination, int destinationPort, uint seq, uint ack, int flags, int window, int length);
    }
}
