namespace NanoTcp.Host
{
    /// <summary>The `nanotcp` options, after parsing.</summary>
    public sealed class HostOptions
    {
        public const int DefaultForwardPort = 8080;

        /// <summary>Loopback port forwarded to the board's port 80 (0 = no forward).</summary>
        public int ForwardPort { get; set; } = DefaultForwardPort;

        /// <summary>TAP device bridged to the board's wire, or null.</summary>
        public string Tap { get; set; }

        /// <summary>Address and prefix given to the kernel side of the TAP device, or null.</summary>
        public string HostIp { get; set; }

        /// <summary>The board's static (or DHCP fallback) address.</summary>
        public uint Address { get; set; } = 0x0A004D02; // 10.0.77.2

        public int PrefixLength { get; set; } = 24;

        public uint Gateway { get; set; }

        public bool Dhcp { get; set; }

        /// <summary>The SNTP server the board sets its clock from (0: the servers of DHCP option 42).</summary>
        public uint NtpServer { get; set; }

        /// <summary>The SNTP server by name, resolved through the board's DNS client (null: none).</summary>
        public string NtpServerName { get; set; }

        /// <summary>The stack straight on the wire, without the ENC28J60 model and driver.</summary>
        public bool Direct { get; set; }

        public int Connections { get; set; } = 4;

        /// <summary>Size of each TCP ring of the board (send and receive, per connection), bytes.</summary>
        public int TcpBufferSize { get; set; } = 8192;

        /// <summary>Maximum segment lifetime in seconds (TIME-WAIT lasts twice this).</summary>
        public int MslSeconds { get; set; } = 30;

        public string Pcap { get; set; }

        public bool Trace { get; set; }

        /// <summary>The board's mDNS host label (answers for NAME.local); null: no mDNS responder.</summary>
        public string HostName { get; set; }

        /// <summary>The DNS-SD instance of the HTTP server (NAME._http._tcp.local); null: the host name when there is one.</summary>
        public string ServiceName { get; set; }

        /// <summary>Faults the wire injects on every frame (--faults), or null for a clean wire.</summary>
        public NanoTcp.Hardware.Simulation.WireFaults Faults { get; set; }

        /// <summary>Seed of the wire's fault generator (--faults seed=N).</summary>
        public int FaultSeed { get; set; } = FaultOption.DefaultSeed;

        /// <summary>The forwarding host's own address on the wire (the board's subnet, .253 by default).</summary>
        public uint ForwarderAddress => (Address & 0xFFFFFF00) | 0xFD;
    }
}
