using NanoTcp.Hardware;

namespace NanoTcp
{
    /// <summary>
    /// Every size and time of the IPv4 stack, read once when <see cref="NetworkStack"/> is created (all buffers are
    /// allocated then). Addresses are uints in network order read as numbers (10.0.0.1 is 0x0A000001).
    /// </summary>
    public sealed class NetworkConfiguration
    {
        /// <summary>Length of the receive and the transmit frame buffer (default 1514: header plus 1500).</summary>
        public int FrameBufferLength { get; set; } = EthernetFrameLimits.MaxFrameLength;

        /// <summary>Frames taken from the link in one <see cref="NetworkStack.Poll"/> at most (default 8).</summary>
        public int MaxFramesPerPoll { get; set; } = 8;

        /// <summary>Transport protocols that can be registered besides UDP (default 4).</summary>
        public int MaxTransports { get; set; } = 4;

        /// <summary>ARP cache entries (default 8); each holds one outgoing packet while it resolves.</summary>
        public int ArpCacheEntries { get; set; } = 8;

        /// <summary>How long a resolved ARP entry is used before it is dropped (default 5 minutes).</summary>
        public int ArpEntryLifetimeMilliseconds { get; set; } = 300000;

        /// <summary>Time between ARP requests for an unresolved address (default 1 s).</summary>
        public int ArpRequestIntervalMilliseconds { get; set; } = 1000;

        /// <summary>ARP requests sent before the held packet is dropped (default 3).</summary>
        public int ArpRequestAttempts { get; set; } = 3;

        /// <summary>
        /// Unicast requests sent to the cached MAC of an entry in doubt before broadcast requests take over (default 2,
        /// one per <see cref="ArpRequestIntervalMilliseconds"/>; RFC 1122 §2.3.2.1 unicast poll).
        /// </summary>
        public int ArpUnicastProbes { get; set; } = 2;

        /// <summary>
        /// RFC 5227 DEFEND_INTERVAL (default 10 s): after a gratuitous ARP that defends our address against a conflicting
        /// host, further conflicts within this time are reported instead of defended.
        /// </summary>
        public int ArpDefendIntervalMilliseconds { get; set; } = 10000;

        /// <summary>
        /// Datagrams that can be in reassembly at once (RFC 791; default 0 = off: fragments are dropped and counted). Each
        /// costs a buffer of <see cref="ReassemblyMaxDatagramLength"/> bytes plus 8 bytes per fragment range, allocated
        /// at start. Off by default on the board: TCP never needs it (MSS), DNS answers fit one frame, and 2 × 4 KB is a
        /// tenth of what the ESP32 heap has left beside TCP's rings.
        /// </summary>
        public int ReassemblyDatagrams { get; set; }

        /// <summary>Largest datagram reassembled, IPv4 header included (default 4096; 576 to 65535).</summary>
        public int ReassemblyMaxDatagramLength { get; set; } = 4096;

        /// <summary>Fragments one datagram may come in (default 16; more discards it).</summary>
        public int ReassemblyMaxFragments { get; set; } = 16;

        /// <summary>
        /// Time a datagram may take to arrive whole, from its first fragment (default 30 s, Linux's ipfrag_time; RFC 791
        /// starts at 15 s, RFC 1122 §3.3.2 suggests 60 to 120 s, too long to pin a buffer on a small board).
        /// </summary>
        public int ReassemblyTimeoutMilliseconds { get; set; } = 30000;

        /// <summary>Time to live of every packet sent (default 64).</summary>
        public byte Ttl { get; set; } = 64;

        /// <summary>At most one ICMP error per this interval (default 100 ms, RFC 1812 §4.3.2.8 rate limit).</summary>
        public int IcmpErrorIntervalMilliseconds { get; set; } = 100;

        /// <summary>UDP ports that can be bound at once (default 8; DHCP uses one, each DNS query in flight one, an SNTP request in flight one).</summary>
        public int UdpBindings { get; set; } = 8;

        /// <summary>Static address, or the fallback address when <see cref="UseDhcp"/> is set (0 = none).</summary>
        public uint Address { get; set; }

        /// <summary>Prefix length of <see cref="Address"/> (default 24).</summary>
        public int PrefixLength { get; set; } = 24;

        /// <summary>Default gateway for <see cref="Address"/> (0 = none).</summary>
        public uint Gateway { get; set; }

        /// <summary>Obtain the address from a DHCP server (RFC 2131).</summary>
        public bool UseDhcp { get; set; }

        /// <summary>With DHCP: use <see cref="Address"/> when no lease came within this time (0 = never).</summary>
        public int DhcpFallbackMilliseconds { get; set; }

        /// <summary>First DHCP retransmission timeout (RFC 2131 §4.1: 4 s), doubled each time.</summary>
        public int DhcpInitialRetransmitMilliseconds { get; set; } = 4000;

        /// <summary>Largest DHCP retransmission timeout (RFC 2131 §4.1: 64 s).</summary>
        public int DhcpMaxRetransmitMilliseconds { get; set; } = 64000;

        /// <summary>Random jitter added to each DHCP timeout, up to plus or minus this (RFC 2131 §4.1: 1 s).</summary>
        public int DhcpJitterMilliseconds { get; set; } = 1000;

        /// <summary>REQUESTs sent in REQUESTING before starting over (default 4).</summary>
        public int DhcpRequestAttempts { get; set; } = 4;

        /// <summary>How long to listen after the ARP probe of an offered address (default 1 s, RFC 5227 spirit).</summary>
        public int DhcpProbeWaitMilliseconds { get; set; } = 1000;

        /// <summary>Wait after a DECLINE before starting over (RFC 2131 §3.1.5: at least 10 s).</summary>
        public int DhcpDeclineBackoffMilliseconds { get; set; } = 10000;

        /// <summary>Smallest retransmission interval in RENEWING and REBINDING (RFC 2131 §4.4.5: 60 s).</summary>
        public int DhcpMinRenewRetransmitMilliseconds { get; set; } = 60000;

        /// <summary>The DNS client's servers, cache and times (<see cref="NetworkStack.Dns"/>).</summary>
        public NanoTcp.Dns.DnsConfiguration Dns { get; set; } = new NanoTcp.Dns.DnsConfiguration();

        /// <summary>The mDNS responder's switch and host name (<see cref="NetworkStack.Mdns"/>; off by default).</summary>
        public NanoTcp.Mdns.MdnsConfiguration Mdns { get; set; } = new NanoTcp.Mdns.MdnsConfiguration();

        /// <summary>The SNTP client's servers and times (<see cref="NetworkStack.Sntp"/>); null: no SNTP client.</summary>
        public NanoTcp.Sntp.SntpConfiguration Sntp { get; set; } = new NanoTcp.Sntp.SntpConfiguration();
    }
}
