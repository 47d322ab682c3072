namespace NanoTcp.Tcp
{
    /// <summary>
    /// Receives every state transition, every segment sent or received and every segment dropped, with the tick. Optional: when none is
    /// attached the layer only tests one field for null per event.
    /// </summary>
    public interface ITcpTraceListener
    {
        /// <summary>Connection slot <paramref name="slot"/> (local port, remote address and port) moved from <paramref name="from"/> to <paramref name="to"/>.</summary>
        void StateChanged(long now, int slot, int localPort, uint remoteAddress, int remotePort, TcpState from, TcpState to);

        /// <summary>A segment left (<paramref name="sent"/>) or arrived; <paramref name="flags"/> as in <see cref="NanoTcp.Wire.TcpHeader"/> (Fin … Urg), <paramref name="length"/> is the data length.</summary>
        void Segment(long now, bool sent, uint source, int sourcePort, uint destination, int destinationPort, uint seq, uint ack, int flags, int window, int length);

        /// <summary>
        /// An arriving segment was dropped for <paramref name="reason"/>. Those dropped by the header checks
        /// (<see cref="TcpDropReason.MalformedHeader"/> to <see cref="TcpDropReason.SynWithRstOrFin"/>) have no
        /// <see cref="Segment"/> event; for the first three the header was not read: ports, <paramref name="seq"/> and
        /// <paramref name="flags"/> are 0.
        /// </summary>
        void SegmentDropped(long now, TcpDropReason reason, uint source, int sourcePort, uint destination, int destinationPort, uint seq, int flags);
    }
}
