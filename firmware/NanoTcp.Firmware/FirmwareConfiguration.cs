using NanoTcp.Drivers.Enc28j60;
using NanoTcp.Http;
using NanoTcp.Tcp;

namespace NanoTcp.Firmware
{
    /// <summary>
    /// Everything <see cref="NanoTcpFirmware"/> needs to know, read once when it is built (every buffer is allocated
    /// then). The top-level values are the ones a board owner sets (addressing, connection count, buffer sizes, MSL);
    /// they are copied into the per-layer configurations <see cref="Network"/>, <see cref="Tcp"/>, <see cref="Http"/>
    /// and <see cref="Driver"/>, which hold every other setting with its default. Addresses are uints read as numbers
    /// (10.0.0.1 is 0x0A000001).
    /// </summary>
    public sealed class FirmwareConfiguration
    {
        /// <summary>The interface's MAC address (6 bytes). Default 02-4E-54-43-50-01, locally administered.</summary>
        public byte[] MacAddress { get; set; } = new byte[] { 0x02, 0x4E, 0x54, 0x43, 0x50, 0x01 };

        /// <summary>Static address; with <see cref="UseDhcp"/> the fallback address (0 = none).</summary>
        public uint Address { get; set; }

        /// <summary>Prefix length of <see cref="Address"/> (default 24).</summary>
        public int PrefixLength { get; set; } = 24;

        /// <summary>Default gateway of <see cref="Address"/> (0 = none).</summary>
        public uint Gateway { get; set; }

        /// <summary>Ask a DHCP server for the address (RFC 2131); <see cref="Address"/> is the fallback.</summary>
        public bool UseDhcp { get; set; }

        /// <summary>With DHCP: use the static <see cref="Address"/> when no lease came within this time (default 10 s; 0 = never).</summary>
        public int DhcpFallbackMilliseconds { get; set; } = 10000;

        /// <summary>
        /// Answer for <see cref="HostName"/>.local by Multicast DNS (RFC 6762; default off). Also makes the ENC28J60
        /// accept multicast frames. The responder adds 519 bytes of fixed buffers (firmware/NanoTcp/README.md, "mDNS").
        /// </summary>
        public bool UseMdns { get; set; }

        /// <summary>The mDNS host label (default "nanotcp": the board answers for nanotcp.local; "nanotcp-2" after a conflict).</summary>
        public string HostName { get; set; } = "nanotcp";

        /// <summary>
        /// With <see cref="UseMdns"/>: advertise the HTTP server by DNS-SD (RFC 6763) as "HttpServiceName._http._tcp.local"
        /// on <see cref="HttpPort"/> with TXT "path=/" (null, the default: no service). 1 to 55 printable ASCII
        /// characters, no '.'; about 120 bytes more for the responder (firmware/NanoTcp/README.md, "mDNS").
        /// </summary>
        public string HttpServiceName { get; set; }

        /// <summary>The SNTP server the board's UTC clock is set from (0 = the servers DHCP names in option 42); more in <see cref="NetworkConfiguration.Sntp"/>.</summary>
        public uint NtpServer { get; set; }

        /// <summary>The SNTP server by name ("pool.ntp.org"), resolved through the DNS client before each request; used in place of <see cref="NtpServer"/> (null: none).</summary>
        public string NtpServerName { get; set; }

        /// <summary>TCP connection slots, and HTTP sessions (default 4).</summary>
        public int ConnectionCount { get; set; } = 4;

        /// <summary>
        /// TCP send ring per connection (default 8192 bytes: with the receive ring, 16 KB per slot, 64 KB for 4 slots;
        /// 8 KB rings are the smallest that reach 85 % of the line both ways through the ENC28J60 path, see firmware/NanoTcp/Tcp/README.md).
        /// </summary>
        public int SendBufferSize { get; set; } = 8192;

        /// <summary>TCP receive ring per connection, the advertised window (default 8192 bytes: the smallest that receives at 98 % of the line through the ENC28J60 path).</summary>
        public int ReceiveBufferSize { get; set; } = 8192;

        /// <summary>Maximum segment lifetime; TIME-WAIT lasts twice this (default 30 s).</summary>
        public int MaximumSegmentLifetimeMilliseconds { get; set; } = 30000;

        /// <summary>The HTTP server's TCP port (default 80).</summary>
        public int HttpPort { get; set; } = 80;

        /// <summary>Connections the TCP layer completes and holds for the HTTP server before it accepts them (default 4).</summary>
        public int ListenBacklog { get; set; } = 4;

        /// <summary>Longest wait of <see cref="NanoTcpFirmware.Run"/> between two poll steps when an INT pin can wake it, against a lost edge (default 100 ms).</summary>
        public int MaxSleepMilliseconds { get; set; } = 100;

        /// <summary>Longest wait of <see cref="NanoTcpFirmware.Run"/> between two poll steps when the driver has no INT pin and must look at the chip: the polling period (default 2 ms).</summary>
        public int PollingSleepMilliseconds { get; set; } = 2;

        /// <summary>IPv4 stack settings (ARP, ICMP, UDP, DHCP timers, frame buffer length).</summary>
        public NetworkConfiguration Network { get; set; } = new NetworkConfiguration();

        /// <summary>TCP settings (timers, TIME-WAIT records, SYN cookies).</summary>
        public TcpConfiguration Tcp { get; set; } = new TcpConfiguration();

        /// <summary>
        /// HTTP settings (header and body buffers, time-outs). The output buffer defaults to 1460 bytes here, the MSS of
        /// a 1500-byte MTU: a response's first segment is then a full one, and Nagle (in Minshall's form) lets the short
        /// rest follow at once instead of waiting for the peer's delayed ACK (measured: up to 200 ms per response).
        /// </summary>
        public HttpServerConfiguration Http { get; set; } = DefaultHttp();

        private static HttpServerConfiguration DefaultHttp()
        {
            HttpServerConfiguration http = new HttpServerConfiguration();
            http.OutputBufferSize = 1460;
            return http;
        }

        /// <summary>ENC28J60 driver settings (duplex, SPI waits); its MAC address is <see cref="MacAddress"/>. Its Delay defaults to Thread.Sleep.</summary>
        public Enc28j60Options Driver { get; set; } = new Enc28j60Options();
    }
}
