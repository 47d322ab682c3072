namespace NanoTcp.Sntp
{
    /// <summary>Servers and times of the SNTP client (<see cref="SntpClient"/>), read once when the stack is built.</summary>
    public sealed class SntpConfiguration
    {
        /// <summary>
        /// Servers to ask, in order (addresses as numbers, 10.0.0.1 = 0x0A000001). Null or empty: the servers of DHCP
        /// option 42. At most <see cref="SntpClient.MaxServers"/> are used.
        /// </summary>
        public uint[] Servers { get; set; }

        /// <summary>
        /// A server by name ("pool.ntp.org"; null: none), used in place of <see cref="Servers"/> and option 42: resolved
        /// through the stack's DNS client, with its retries, before each request (its cache answers until the TTL
        /// runs out, so a pool's new address is taken up). A name that does not resolve counts as an unanswered request.
        /// </summary>
        public string ServerName { get; set; }

        /// <summary>Time between two requests while the server answers (default 1024 s; at least 16 s, RFC 4330 §10: never under 15 s).</summary>
        public int PollIntervalSeconds { get; set; } = 1024;

        /// <summary>Longest poll interval a RATE kiss-o'-death can double it to (default 2^17 s, about 36 h: RFC 5905 MAXPOLL).</summary>
        public int MaxPollIntervalSeconds { get; set; } = 131072;

        /// <summary>Wait after the first unanswered request (default 16 s); doubled after each one, up to the poll interval.</summary>
        public int RetryIntervalSeconds { get; set; } = 16;

        /// <summary>How long a request waits for its reply before it counts as unanswered (default 2 s).</summary>
        public int ResponseTimeoutMilliseconds { get; set; } = 2000;
    }
}
