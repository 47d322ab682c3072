namespace NanoTcp.Dns
{
    /// <summary>Sizes and times of the DNS client (<see cref="DnsClient"/>), read once when the stack is built.</summary>
    public sealed class DnsConfiguration
    {
        /// <summary>
        /// Servers to ask, in order (addresses as numbers, 10.0.0.1 = 0x0A000001). Null or empty: the servers of DHCP
        /// option 6. At most <see cref="DnsClient.MaxServers"/> are used.
        /// </summary>
        public uint[] Servers { get; set; }

        /// <summary>Answers kept with their TTL (default 4; each holds a 256-byte name, the address and the expiry: about 272 bytes).</summary>
        public int CacheEntries { get; set; } = 4;

        /// <summary>Queries in flight at once (default 2; each holds two 256-byte names, the asked one and the one being asked, about 570 bytes).</summary>
        public int Queries { get; set; } = 2;

        /// <summary>Wait for the first answer (default 1 s); doubled after each round over the servers.</summary>
        public int InitialTimeoutMilliseconds { get; set; } = 1000;

        /// <summary>Queries sent for one name, over every server, before it fails as timed out (default 4).</summary>
        public int Attempts { get; set; } = 4;

        /// <summary>CNAME records followed for one name at most (default 8), against loops and long chains.</summary>
        public int MaxCnameChain { get; set; } = 8;

        /// <summary>Longest time an answer stays in the cache, whatever its TTL (default 1 day, RFC 8767 §4 spirit).</summary>
        public int MaxTtlSeconds { get; set; } = 86400;
    }
}
