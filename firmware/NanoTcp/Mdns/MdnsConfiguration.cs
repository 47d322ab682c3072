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
    }
}
