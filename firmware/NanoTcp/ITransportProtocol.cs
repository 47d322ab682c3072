namespace NanoTcp
{
    /// <summary>
    /// A transport protocol plugged into the IPv4 layer: it is handed every valid IPv4 packet of its protocol
    /// number that is addressed to this host, and its timers are run from the stack's poll loop.
    /// </summary>
    public interface ITransportProtocol
    {
        /// <summary>
        /// Processes one packet in place. <paramref name="offset"/> is the transport header in
        /// <paramref name="buffer"/> and <paramref name="length"/> the transport header plus data (the IPv4 total
        /// length less the IPv4 header). Bad input is dropped and counted, never thrown.
        /// </summary>
        void Receive(byte[] buffer, int offset, int length, uint source, uint destination);

        /// <summary>Runs the timers due at <paramref name="now"/> (ms); returns when the next one is due, or long.MaxValue.</summary>
        long Poll(long now);
    }
}
