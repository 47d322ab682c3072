namespace NanoTcp.Mdns
{
    /// <summary>The mDNS responder's switch, name and times (<see cref="MdnsResponder"/>), read once when the stack is built.</summary>
    public sealed class MdnsConfiguration
    {
        /// <summary>Answer for <see cref="HostName"/>.local on 224.0.0.251:5353 (default off).</summary>
        public bool Enabled { get; set; }

        /// <summary>The host label claimed in .local (default "nanotcp"): 1 to 56 printable ASCII characters, no dot.</summary>
        public string HostName { get; set; } = "nanotcp";

        /// <summary>TTL of the A record (default 120 s, RFC 6762 §10 for records with a host name).</summary>
        public int RecordTtlSeconds { get; set; } = 120;

        /// <summary>
        /// Advertise an HTTP server by DNS-SD (RFC 6763) as "ServiceName._http._tcp.local" (null, the default: no
        /// service): 1 to 55 printable ASCII characters, spaces allowed, no '.' or '\'. Renamed "ServiceName (2)" on a
        /// conflict.
        /// </summary>
        public string ServiceName { get; set; }

        /// <summary>The port in the service's SRV record (default 80).</summary>
        public int ServicePort { get; set; } = 80;

        /// <summary>The strings of the service's TXT record (default "path=/", RFC 6763 §6 and the _http registration).</summary>
        public string[] ServiceTxt { get; set; } = new string[] { "path=/" };
    }
}
