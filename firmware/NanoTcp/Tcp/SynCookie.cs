namespace NanoTcp.Tcp
{
    /// <summary>
    /// SYN cookies of RFC 4987 §3.6: the server's ISN carries everything it would have kept for a half-open
    /// connection. Top 5 bits: a time counter t (one step per 64 s) mod 32; next 3 bits: an index into
    /// <see cref="MssTable"/>; low 24 bits: a keyed hash of the four-tuple, t and the client's ISN. A returning ACK
    /// is valid when ACK − 1 decodes with t equal to the current or previous counter and the hash matches.
    /// </summary>
    internal static class SynCookie
    {
        /// <summary>Milliseconds per step of the time counter.</summary>
        public const int CounterPeriod = 64000;

        private static readonly int[] MssTable = { 536, 1024, 1220, 1300, 1360, 1400, 1440, 1460 };

        /// <summary>The largest table MSS not above <paramref name="mss"/>, as its index.</summary>
        public static int EncodeMss(int mss)
        {
            int index = 0;
            for (int i = 0; i < MssTable.Length; i++)
            {
                if (MssTable[i] <= mss)
                {
                    index = i;
                }
            }

            return index;
        }

        public static int DecodeMss(int index) => MssTable[index & 7];

        public static uint Make(KeyedHash hash, long now, uint localAddress, int localPort, uint remoteAddress, int remotePort, uint clientIsn, int mss)
        {
            uint t = (uint)(now / CounterPeriod) & 31;
            return Build(hash, t, EncodeMss(mss), localAddress, localPort, remoteAddress, remotePort, clientIsn);
        }

        /// <summary>The MSS the cookie carries if <paramref name="cookie"/> is valid at <paramref name="now"/>, else -1.</summary>
        public static int Check(KeyedHash hash, long now, uint localAddress, int localPort, uint remoteAddress, int remotePort, uint clientIsn, uint cookie)
        {
            uint current = (uint)(now / CounterPeriod) & 31;
            uint t = cookie >> 27;
            if (t != current && t != ((current - 1) & 31))
            {
                return -1;
            }

            int mssIndex = (int)((cookie >> 24) & 7);
            if (Build(hash, t, mssIndex, localAddress, localPort, remoteAddress, remotePort, clientIsn) != cookie)
            {
                return -1;
            }

            return MssTable[mssIndex];
        }

        private static uint Build(KeyedHash hash, uint t, int mssIndex, uint localAddress, int localPort, uint remoteAddress, int remotePort, uint clientIsn)
        {
            uint h = hash.Compute(localAddress, localPort, remoteAddress, remotePort, clientIsn ^ (t * 0x9E3779B9));
            return (t << 27) | ((uint)mssIndex << 24) | (h & 0x00FFFFFF);
        }
    }
}
