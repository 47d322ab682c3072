namespace NanoTcp.Tcp
{
    /// <summary>
    /// Initial sequence numbers of RFC 6528 §3: ISN = M + F(localip, localport, remoteip, remoteport, secretkey),
    /// where M is a timer ticking every 4 µs (derived here from the millisecond tick: 250 ticks per ms) and F is
    /// the keyed hash. Different four-tuples start at unrelated points; the same four-tuple moves forward with time.
    /// </summary>
    internal static class InitialSequenceNumber
    {
        public static uint Generate(KeyedHash hash, long now, uint localAddress, int localPort, uint remoteAddress, int remotePort)
        {
            return Clock(now) + Offset(hash, localAddress, localPort, remoteAddress, remotePort);
        }

        /// <summary>M: the 4 µs timer at <paramref name="now"/> (ms).</summary>
        public static uint Clock(long now) => (uint)(now * 250);

        /// <summary>F: the four-tuple's keyed offset.</summary>
        public static uint Offset(KeyedHash hash, uint localAddress, int localPort, uint remoteAddress, int remotePort)
        {
            return hash.Compute(localAddress, localPort, remoteAddress, remotePort, 0x49534E31);
        }
    }
}
