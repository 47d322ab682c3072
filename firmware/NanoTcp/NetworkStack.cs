using NanoTcp.Arp;
using NanoTcp.Dhcp;
using NanoTcp.Dns;
using NanoTcp.Hardware;
using NanoTcp.Icmp;
using NanoTcp.Ipv4;
using NanoTcp.Mdns;
using NanoTcp.Sntp;
using NanoTcp.Udp;
using NanoTcp.Wire;

namespace NanoTcp
{
    /// <summary>
    /// The IPv4 stack on one Ethernet link: owns one receive and one transmit frame buffer, the link, the clock, ARP,
    /// IPv4, ICMP, UDP, the DHCP, DNS and SNTP clients, the mDNS responder (when enabled) and the registered transports (TCP). One thread calls <see cref="Poll"/>, which
    /// drains frames from the link, dispatches them in place, runs the timers that are due, and returns when the next
    /// timer is due. Bad input is dropped and counted in <see cref="Drops"/>, never thrown.
    /// </summary>
    public sealed class NetworkStack
    {
        private readonly IEthernetLink _link;
        private readonly ITickSource _clock;
        private readonly int _maxFramesPerPoll;
        private readonly byte[] _mac = new byte[EthernetHeader.AddressLength];
        private readonly byte[] _receive;
        private readonly byte[] _transmit;
        private readonly byte[] _control = new byte[EthernetFrameLimits.MinFrameLength];
        private readonly DropCounters _drops = new DropCounters();
        private readonly ArpCache _arp;
        private readonly Ipv4Layer _ipv4;
        private readonly IcmpProtocol _icmp;
        private readonly UdpProtocol _udp;
        private readonly DhcpClient _dhcp;
        private readonly DnsClient _dns;
        private readonly MdnsResponder _mdns;
        private readonly SntpClient _sntp;
        private int _framesReceived;
        private int _framesSent;
        private bool _started;
        private bool _announceAtStart;
        private long _now;

        /// <summary>
        /// Builds the stack and allocates every buffer. With <see cref="NetworkConfiguration.UseDhcp"/> the DHCP client
        /// starts at the first <see cref="Poll"/>; otherwise a non-zero <see cref="NetworkConfiguration.Address"/> is
        /// configured at once.
        /// </summary>
        public NetworkStack(IEthernetLink link, ITickSource clock, NetworkConfiguration configuration)
        {
            if (link == null || clock == null || configuration == null)
            {
                throw new System.ArgumentNullException(link == null ? "link" : clock == null ? "clock" : "configuration");
            }

            if (configuration.FrameBufferLength < EthernetFrameLimits.MinFrameLength || configuration.ArpCacheEntries < 1 || configuration.MaxFramesPerPoll < 1)
            {
                throw new System.ArgumentException("FrameBufferLength must be at least 60, ArpCacheEntries and MaxFramesPerPoll at least 1");
            }

            _link = link;
            _clock = clock;
            _now = clock.Milliseconds;
            _maxFramesPerPoll = configuration.MaxFramesPerPoll;
            _receive = new byte[configuration.FrameBufferLength];
            _transmit = new byte[configuration.FrameBufferLength];
            link.GetMacAddress(_mac, 0);
            _arp = new ArpCache(this, configuration);
            _ipv4 = new Ipv4Layer(this, configuration);
            _icmp = new IcmpProtocol(this, configuration);
            _udp = new UdpProtocol(this, configuration);
            _ipv4.Register(Ipv4Header.ProtocolUdp, _udp);
            _dns = new DnsClient(this, clock, configuration.Dns ?? new DnsConfiguration());
            if (configuration.Mdns != null && configuration.Mdns.Enabled)
            {
                _mdns = new MdnsResponder(this, configuration.Mdns);
            }

            if (configuration.Sntp != null)
            {
                _sntp = new SntpClient(this, clock, configuration.Sntp);
            }

            if (configuration.UseDhcp)
            {
                _dhcp = new DhcpClient(this, configuration);
            }
            else if (configuration.Address != 0)
            {
                // Announced by the first Poll: the link (a driver) may not be initialised while the stack is built.
                _ipv4.Configure(configuration.Address, Ipv4Layer.MaskOfPrefix(configuration.PrefixLength), configuration.Gateway, false);
                _announceAtStart = true;
            }
        }

        /// <summary>What the IPv4 layer offers transports (give it to TCP's constructor).</summary>
        public IIpv4Sender Ipv4 => _ipv4;

        /// <summary>The IPv4 layer itself: address, mask, gateway.</summary>
        internal Ipv4Layer Ipv4Layer => _ipv4;

        /// <summary>The ARP cache.</summary>
        public ArpCache Arp => _arp;

        /// <summary>ICMP: ping, echo statistics.</summary>
        public IcmpProtocol Icmp => _icmp;

        /// <summary>UDP: bind ports, send datagrams.</summary>
        public UdpProtocol Udp => _udp;

        /// <summary>The DHCP client, or null when the address is static.</summary>
        public DhcpClient Dhcp => _dhcp;

        /// <summary>The DNS client (A records; servers configured or from DHCP).</summary>
        public DnsClient Dns => _dns;

        /// <summary>The mDNS responder for "host.local", or null when it is off (<see cref="NetworkConfiguration.Mdns"/>).</summary>
        public MdnsResponder Mdns => _mdns;
        /// <summary>The SNTP client (UTC beside the tick; servers configured or from DHCP), or null when <see cref="NetworkConfiguration.Sntp"/> is null.</summary>
        public SntpClient Sntp => _sntp;

        /// <summary>Drop counters by reason.</summary>
        public DropCounters Drops => _drops;

        /// <summary>Frames taken from the link.</summary>
        public int FramesReceived => _framesReceived;

        /// <summary>Frames handed to the link.</summary>
        public int FramesSent => _framesSent;

        /// <summary>The interface's address, or 0.</summary>
        public uint LocalAddress => _ipv4.LocalAddress;

        /// <summary>The link's MAC address (the stack's own copy: do not modify).</summary>
        internal byte[] MacAddress => _mac;

        /// <summary>The transmit frame buffer (transports write at <see cref="IIpv4Sender.TransportOffset"/>).</summary>
        internal byte[] TransmitBuffer => _transmit;

        /// <summary>The receive frame buffer (valid while a frame is handled).</summary>
        internal byte[] ReceiveBuffer => _receive;

        /// <summary>A 60-byte buffer for ARP, so that ARP never overwrites a frame being built in the transmit buffer.</summary>
        internal byte[] ControlBuffer => _control;

        /// <summary>
        /// The clock as read at the start of the last <see cref="Poll"/> (FACTS.md §10: one clock read per poll); sends
        /// between two polls use it too, so a run is deterministic given the same frames and poll times.
        /// </summary>
        internal long Now => _now;

        /// <summary>Copies the MAC address to <paramref name="buffer"/> at <paramref name="offset"/>.</summary>
        public void GetMacAddress(byte[] buffer, int offset)
        {
            System.Array.Copy(_mac, 0, buffer, offset, EthernetHeader.AddressLength);
        }

        /// <summary>Sets a static address (or 0 to remove it); <paramref name="prefixLength"/> 0..32.</summary>
        public void SetStaticAddress(uint address, int prefixLength, uint gateway)
        {
            if (prefixLength < 0 || prefixLength > 32)
            {
                throw new System.ArgumentOutOfRangeException("prefixLength", "a prefix length is 0 to 32");
            }

            _ipv4.Configure(address, Ipv4Layer.MaskOfPrefix(prefixLength), gateway);
        }

        /// <summary>
        /// Lets <paramref name="transport"/> receive IPv4 protocol <paramref name="protocol"/> (TCP is 6) and runs its
        /// timers from <see cref="Poll"/>. A second registration for the same protocol replaces the first.
        /// </summary>
        public void RegisterTransport(byte protocol, ITransportProtocol transport)
        {
            if (transport == null)
            {
                throw new System.ArgumentNullException("transport");
            }

            if (protocol == Ipv4Header.ProtocolIcmp)
            {
                throw new System.ArgumentException("ICMP is built into the stack and cannot be replaced");
            }

            _ipv4.Register(protocol, transport);
        }

        /// <summary>
        /// Receives and handles up to <see cref="NetworkConfiguration.MaxFramesPerPoll"/> frames, then runs the timers
        /// that are due. Returns the clock time (ms) of the next timer; the current time when frames may still be waiting;
        /// long.MaxValue when nothing is scheduled.
        /// </summary>
        public long Poll()
        {
            long now = _clock.Milliseconds;
            _now = now;
            if (!_started)
            {
                _started = true;
                if (_dhcp != null)
                {
                    _dhcp.Start(now);
                }

                if (_announceAtStart && _ipv4.LocalAddress != 0)
                {
                    _arp.SendGratuitous(_ipv4.LocalAddress);
                }
            }

            int frames = 0;
            while (frames < _maxFramesPerPoll)
            {
                int length = _link.Receive(_receive, 0, _receive.Length);
                if (length <= 0)
                {
                    break;
                }

                frames++;
                _framesReceived++;
                try
                {
                    HandleFrame(length);
                }
                catch (System.Exception)
                {
                    // Every parser validates before it reads, so this is a bug; the frame is lost, the stack lives on.
                    _drops.Add(DropReason.HandlerFault);
                }
            }

            long next = _arp.Poll(now);
            if (_dhcp != null)
            {
                long due = _dhcp.Poll(now);
                if (due < next)
                {
                    next = due;
                }
            }

            long names = _dns.Poll(now);
            if (names < next)
            {
                next = names;
            }

            long fragments = _ipv4.PollReassembly(now);
            if (fragments < next)
            {
                next = fragments;
            }

            if (_mdns != null)
            {
                long announce = _mdns.Poll(now);
                if (announce < next)
                {
                    next = announce;
                }
            }

            if (_sntp != null)
            {
                long time = _sntp.Poll(now);
                if (time < next)
                {
                    next = time;
                }
            }

            long transports = _ipv4.PollTransports(now);
            if (transports < next)
            {
                next = transports;
            }

            return frames == _maxFramesPerPoll ? now : next;
        }

        /// <summary>
        /// ARP saw a second conflict for our address within the defend interval (RFC 5227 §2.4 (b)): a DHCP lease is
        /// given up (DECLINE, start over); a static address is kept and the conflict stays counted (§2.4 (c)).
        /// </summary>
        internal void AddressConflictNotDefended(long now)
        {
            if (_dhcp != null)
            {
                _dhcp.AddressConflict(now);
            }
        }

        /// <summary>Hands one frame to the link, padded to the 60-byte minimum.</summary>
        internal void SendFrame(byte[] frame, int offset, int length)
        {
            if (length < EthernetFrameLimits.MinFrameLength && offset + EthernetFrameLimits.MinFrameLength <= frame.Length)
            {
                System.Array.Clear(frame, offset + length, EthernetFrameLimits.MinFrameLength - length);
                length = EthernetFrameLimits.MinFrameLength;
            }

            _framesSent++;
            _link.Send(frame, offset, length);
        }

        private void HandleFrame(int length)
        {
            byte[] frame = _receive;
            if (!EthernetHeader.IsValid(frame, 0, length))
            {
                _drops.Add(DropReason.EthernetTruncated);
                return;
            }

            bool broadcast = EthernetHeader.IsBroadcast(frame, 0) || _ipv4.AcceptsGroupFrame(frame, 0);
            if (!broadcast && !Bytes.Equal(frame, 0, _mac, 0, EthernetHeader.AddressLength))
            {
                _drops.Add(DropReason.EthernetNotForUs);
                return;
            }

            ushort etherType = EthernetHeader.EtherType(frame, 0);
            if (etherType == EthernetHeader.EtherTypeIpv4)
            {
                _ipv4.Receive(frame, EthernetHeader.Length, length - EthernetHeader.Length, broadcast);
            }
            else if (etherType == EthernetHeader.EtherTypeArp)
            {
                _arp.Receive(frame, EthernetHeader.Length, length - EthernetHeader.Length);
            }
            else
            {
                _drops.Add(DropReason.UnknownEtherType);
            }
        }
    }
}
