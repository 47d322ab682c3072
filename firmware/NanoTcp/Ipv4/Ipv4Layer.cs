using NanoTcp.Wire;

namespace NanoTcp.Ipv4
{
    /// <summary>
    /// IPv4 input and output (RFC 791, RFC 1122 §3.2): validates each packet once, accepts what is addressed to this
    /// host (and broadcasts and joined multicast groups, for UDP only), reassembles fragments when configured
    /// (Ipv4Reassembly.cs; dropped otherwise), ignores options, hands the payload to ICMP or the transport registered for
    /// its protocol number; on output writes the IPv4 and Ethernet headers in front of a transport's bytes, picks the
    /// next hop (the destination on-subnet or a multicast group's MAC, else the gateway) and lets ARP send or hold the
    /// frame; a datagram larger than a frame goes out in fragments (Ipv4Layer.Fragmentation.cs).
    /// </summary>
    internal sealed partial class Ipv4Layer : IIpv4Sender
    {
        /// <summary>The limited broadcast address 255.255.255.255.</summary>
        public const uint BroadcastAddress = 0xFFFFFFFF;

        /// <summary>Multicast groups that can be joined at once (mDNS uses one).</summary>
        public const int MaxGroups = 2;

        private readonly NetworkStack _stack;
        private readonly byte _ttl;
        private readonly byte[] _protocols;
        private readonly ITransportProtocol[] _transports;
        private readonly uint[] _groups = new uint[MaxGroups];
        private uint _address;
        private uint _mask;
        private uint _gateway;
        private ushort _identification;
        private int _receivedOffset;
        private int _receivedLength;
        private bool _receivedAsLinkGroup;
        private byte[] _receivedBuffer;
        private readonly Ipv4Reassembly _reassembly;

        internal Ipv4Layer(NetworkStack stack, NetworkConfiguration configuration)
        {
            _stack = stack;
            if (configuration.ReassemblyDatagrams > 0)
            {
                if (configuration.ReassemblyMaxDatagramLength < 576 || configuration.ReassemblyMaxDatagramLength > 65535 || configuration.ReassemblyMaxFragments < 2
                    || configuration.ReassemblyTimeoutMilliseconds < 1)
                {
                    throw new System.ArgumentException("ReassemblyMaxDatagramLength must be 576 to 65535, ReassemblyMaxFragments at least 2, ReassemblyTimeoutMilliseconds at least 1");
                }

                _reassembly = new Ipv4Reassembly(stack, configuration);
            }

            _ttl = configuration.Ttl;
            _protocols = new byte[configuration.MaxTransports + 1];
            _transports = new ITransportProtocol[configuration.MaxTransports + 1];
        }

        /// <summary>The interface's address, or 0 before one is configured.</summary>
        public uint LocalAddress => _address;

        /// <summary>The subnet mask (0 before an address is configured).</summary>
        public uint SubnetMask => _mask;

        /// <summary>The default gateway, or 0.</summary>
        public uint Gateway => _gateway;

        /// <summary>The stack's transmit frame buffer.</summary>
        public byte[] TransmitBuffer => _stack.TransmitBuffer;

        /// <summary>Ethernet and IPv4 headers come first: 14 + 20.</summary>
        public int TransportOffset => EthernetHeader.Length + Ipv4Header.MinLength;

        /// <summary>The transmit buffer less both headers (1480 with 1514-byte frames).</summary>
        public int MaxTransportLength => _stack.TransmitBuffer.Length - TransportOffset;

        /// <summary>Datagrams reassembled from fragments and delivered.</summary>
        public int DatagramsReassembled => _reassembly == null ? 0 : _reassembly.Reassembled;

        /// <summary>Datagrams in reassembly now.</summary>
        public int ReassembliesInProgress => _reassembly == null ? 0 : _reassembly.InProgress;

        /// <summary>The buffer holding the packet being handled: the receive buffer, or a reassembly buffer.</summary>
        internal byte[] ReceivedBuffer => _receivedBuffer;

        /// <summary>Where the IPv4 header of the packet being handled starts in <see cref="ReceivedBuffer"/> (for ICMP errors).</summary>
        internal int ReceivedOffset => _receivedOffset;

        /// <summary>The total length of the packet being handled.</summary>
        internal int ReceivedLength => _receivedLength;

        /// <summary>
        /// True when the packet being handled came in a link-layer broadcast or multicast frame: RFC 1122 §3.2.2 forbids
        /// ICMP errors about it.
        /// </summary>
        internal bool ReceivedAsLinkGroup => _receivedAsLinkGroup;

        /// <summary>The mask of a prefix length (24 → 255.255.255.0); 0..32.</summary>
        public static uint MaskOfPrefix(int prefixLength)
        {
            if (prefixLength <= 0)
            {
                return 0;
            }

            return prefixLength >= 32 ? 0xFFFFFFFF : ~(0xFFFFFFFF >> prefixLength);
        }

        /// <summary>The prefix length of a mask (255.255.255.0 → 24): the leading one bits.</summary>
        public static int PrefixOfMask(uint mask)
        {
            int prefix = 0;
            while (prefix < 32 && (mask & (0x80000000 >> prefix)) != 0)
            {
                prefix++;
            }

            return prefix;
        }

        /// <summary>
        /// Sets (or with 0 removes) the interface address. The ARP cache is flushed and a gratuitous ARP announces a
        /// new address.
        /// </summary>
        public void Configure(uint address, uint mask, uint gateway)
        {
            Configure(address, mask, gateway, true);
        }

        /// <summary>As <see cref="Configure(uint, uint, uint)"/>; without <paramref name="announce"/> no frame is sent.</summary>
        internal void Configure(uint address, uint mask, uint gateway, bool announce)
        {
            bool changed = address != _address;
            _address = address;
            _mask = address == 0 ? 0 : mask;
            _gateway = address == 0 ? 0 : gateway;
            if (changed)
            {
                _stack.Arp.Flush();
                if (address != 0 && announce)
                {
                    _stack.Arp.SendGratuitous(address);
                }
            }
        }

        /// <summary>
        /// Removes the address but keeps the ARP cache, so that a frame already held for ARP (a DHCPRELEASE sent just
        /// before) still goes out when the reply comes.
        /// </summary>
        internal void RemoveKeepingNeighbours()
        {
            _address = 0;
            _mask = 0;
            _gateway = 0;
        }

        /// <summary>Registers <paramref name="transport"/> for IPv4 protocol <paramref name="protocol"/> (replacing an earlier one).</summary>
        internal void Register(byte protocol, ITransportProtocol transport)
        {
            for (int i = 0; i < _transports.Length; i++)
            {
                if (_transports[i] != null && _protocols[i] == protocol)
                {
                    _transports[i] = transport;
                    return;
                }
            }

            for (int i = 0; i < _transports.Length; i++)
            {
                if (_transports[i] == null)
                {
                    _protocols[i] = protocol;
                    _transports[i] = transport;
                    return;
                }
            }

            throw new System.InvalidOperationException("all transport slots are in use: raise NetworkConfiguration.MaxTransports");
        }

        /// <summary>The transport registered for <paramref name="protocol"/>, or null.</summary>
        internal ITransportProtocol TransportFor(byte protocol)
        {
            for (int i = 0; i < _transports.Length; i++)
            {
                if (_transports[i] != null && _protocols[i] == protocol)
                {
                    return _transports[i];
                }
            }

            return null;
        }

        /// <summary>Runs every registered transport's timers; returns the earliest next-due time.</summary>
        internal long PollTransports(long now)
        {
            long next = long.MaxValue;
            for (int i = 0; i < _transports.Length; i++)
            {
                if (_transports[i] != null)
                {
                    long due = _transports[i].Poll(now);
                    if (due < next)
                    {
                        next = due;
                    }
                }
            }

            return next;
        }

        /// <summary>True for an IPv4 multicast address (224.0.0.0/4, RFC 5771).</summary>
        public static bool IsMulticast(uint address)
        {
            return (address & 0xF0000000) == 0xE0000000;
        }

        /// <summary>
        /// Receives UDP to the multicast <paramref name="group"/> from now on (RFC 1112 level 1 without IGMP: only
        /// link-local groups such as 224.0.0.251 need no report). The link must pass group frames (the ENC28J60's
        /// <c>AcceptMulticast</c>).
        /// </summary>
        public void JoinGroup(uint group)
        {
            if (!IsMulticast(group))
            {
                throw new System.ArgumentException("a multicast group is an address in 224.0.0.0/4");
            }

            if (IsJoinedGroup(group))
            {
                return;
            }

            for (int i = 0; i < _groups.Length; i++)
            {
                if (_groups[i] == 0)
                {
                    _groups[i] = group;
                    return;
                }
            }

            throw new System.InvalidOperationException("every multicast group slot is in use (Ipv4Layer.MaxGroups)");
        }

        /// <summary>True when <paramref name="address"/> is a joined multicast group.</summary>
        public bool IsJoinedGroup(uint address)
        {
            for (int i = 0; i < _groups.Length; i++)
            {
                if (_groups[i] == address && address != 0)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>True when the frame's destination MAC is the group MAC of a joined group.</summary>
        internal bool AcceptsGroupFrame(byte[] frame, int off)
        {
            for (int i = 0; i < _groups.Length; i++)
            {
                if (_groups[i] != 0 && EthernetHeader.IsIpv4MulticastDestination(frame, off, _groups[i]))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>True when <paramref name="destination"/> is this subnet's directed broadcast or the limited broadcast.</summary>
        public bool IsBroadcast(uint destination)
        {
            return destination == BroadcastAddress || (_address != 0 && _mask != 0xFFFFFFFF && destination == (_address | ~_mask));
        }

        /// <summary>Handles one IPv4 packet at <paramref name="offset"/> in the receive buffer (after the Ethernet header).</summary>
        internal void Receive(byte[] buffer, int offset, int length, bool linkGroup)
        {
            if (!Ipv4Header.IsValid(buffer, offset, length))
            {
                _stack.Drops.Add(DropReason.Ipv4Malformed);
                return;
            }

            if (!Ipv4Header.ChecksumIsCorrect(buffer, offset))
            {
                _stack.Drops.Add(DropReason.Ipv4BadChecksum);
                return;
            }

            int headerLength = Ipv4Header.HeaderLength(buffer, offset);
            int totalLength = Ipv4Header.TotalLength(buffer, offset);
            uint source = Ipv4Header.Source(buffer, offset);
            uint destination = Ipv4Header.Destination(buffer, offset);
            byte protocol = Ipv4Header.Protocol(buffer, offset);

            // A joined group is taken as a broadcast: UDP only, no ICMP error, no echo reply.
            bool broadcast = IsBroadcast(destination) || IsJoinedGroup(destination);
            if (!broadcast && (_address == 0 || destination != _address))
            {
                // Before DHCP completes a server may answer to the offered address (RFC 2131 §4.1).
                if (!(_address == 0 && protocol == Ipv4Header.ProtocolUdp))
                {
                    _stack.Drops.Add(DropReason.Ipv4NotForUs);
                    return;
                }
            }

            // RFC 1122 §3.2.1.3: a source that is broadcast, multicast, class E or loopback (127/8) is discarded. So is
            // our own address from the wire (a LAND attack): answering it would talk to ourselves through ARP.
            if (source >= 0xE0000000 || IsBroadcast(source) || (source >> 24) == 127 || (source == _address && _address != 0))
            {
                _stack.Drops.Add(DropReason.Ipv4BadSource);
                return;
            }

            // RFC 1122 §2.3.2.1: traffic from a neighbour confirms its ARP entry, or shows that it is wrong.
            if (_address != 0 && source != 0)
            {
                int sourceMac = EthernetHeader.SourceOffset(offset - EthernetHeader.Length);
                if ((source & _mask) == (_address & _mask))
                {
                    _stack.Arp.Confirm(source, buffer, sourceMac, true);
                }
                else if (_gateway != 0)
                {
                    _stack.Arp.Confirm(_gateway, buffer, sourceMac, false);
                }
            }

            if (Ipv4Header.IsFragment(buffer, offset))
            {
                if (_reassembly == null)
                {
                    _stack.Drops.Add(DropReason.Ipv4Fragment);
                    return;
                }

                int slot = _reassembly.Receive(buffer, offset, headerLength, totalLength, !broadcast && !linkGroup && destination == _address);
                if (slot >= 0)
                {
                    byte[] whole = _reassembly.Buffer(slot);
                    Deliver(whole, 0, Ipv4Header.MinLength, Ipv4Header.TotalLength(whole, 0), source, destination, protocol, broadcast, linkGroup);
                    _reassembly.Free(slot);
                }

                return;
            }

            Deliver(buffer, offset, headerLength, totalLength, source, destination, protocol, broadcast, linkGroup);
        }

        /// <summary>Drops reassembled datagrams whose time ran out; returns when the next one runs out.</summary>
        internal long PollReassembly(long now)
        {
            return _reassembly == null ? long.MaxValue : _reassembly.Poll(now);
        }

        /// <summary>Hands a whole datagram (received in one piece or reassembled) to ICMP or its transport.</summary>
        private void Deliver(byte[] buffer, int offset, int headerLength, int totalLength, uint source, uint destination, byte protocol, bool broadcast, bool linkGroup)
        {
            _receivedBuffer = buffer;
            _receivedOffset = offset;
            _receivedLength = totalLength;
            _receivedAsLinkGroup = linkGroup;
            int transportOffset = offset + headerLength;
            int transportLength = totalLength - headerLength;

            if (protocol == Ipv4Header.ProtocolIcmp)
            {
                _stack.Icmp.Receive(buffer, transportOffset, transportLength, source, destination, broadcast);
                return;
            }

            if (broadcast && protocol != Ipv4Header.ProtocolUdp)
            {
                _stack.Drops.Add(DropReason.Ipv4BroadcastNotAllowed);
                return;
            }

            for (int i = 0; i < _transports.Length; i++)
            {
                if (_transports[i] != null && _protocols[i] == protocol)
                {
                    _transports[i].Receive(buffer, transportOffset, transportLength, source, destination);
                    return;
                }
            }

            // RFC 1122 §3.2.2.1: a protocol nobody handles gets protocol unreachable (rate-limited, unicast only).
            _stack.Drops.Add(DropReason.Ipv4UnknownProtocol);
            if (destination == _address && _address != 0)
            {
                _stack.Icmp.SendDestinationUnreachable(IcmpHeader.CodeProtocolUnreachable);
            }
        }

        /// <summary>
        /// Sends the <paramref name="transportLength"/> bytes at <see cref="TransportOffset"/> of the transmit buffer.
        /// </summary>
        public bool SendTransport(uint destination, byte protocol, int transportLength)
        {
            return Send(_stack.TransmitBuffer, destination, protocol, transportLength, _ttl);
        }

        /// <summary>As <see cref="SendTransport(uint, byte, int)"/> with IP time to live <paramref name="ttl"/> (mDNS sends 255).</summary>
        internal bool SendTransport(uint destination, byte protocol, int transportLength, byte ttl)
        {
            return Send(_stack.TransmitBuffer, destination, protocol, transportLength, ttl);
        }

        /// <summary>Re-validates the ARP entry of <paramref name="destination"/>'s next hop (see <see cref="IIpv4Sender.NextHopInDoubt"/>).</summary>
        public void NextHopInDoubt(uint destination)
        {
            if (_address == 0 || IsBroadcast(destination))
            {
                return;
            }

            _stack.Arp.Revalidate((destination & _mask) == (_address & _mask) ? destination : _gateway);
        }

        private bool Send(byte[] frame, uint destination, byte protocol, int transportLength, byte ttl)
        {
            if (transportLength < 0 || transportLength > frame.Length - TransportOffset)
            {
                _stack.Drops.Add(DropReason.SendTooLong);
                return false;
            }

            uint nextHop;
            if (!Route(destination, out nextHop))
            {
                return false;
            }

            _identification++;
            return SendPacket(frame, destination, nextHop, protocol, transportLength, _identification, 0, ttl);
        }

        /// <summary>The next hop of <paramref name="destination"/> (0 for a broadcast), or false (counted) when there is none.</summary>
        private bool Route(uint destination, out uint nextHop)
        {
            nextHop = 0;
            bool broadcast = IsBroadcast(destination);
            bool multicast = IsMulticast(destination);
            if (_address == 0 && destination != BroadcastAddress)
            {
                _stack.Drops.Add(DropReason.SendNoAddress);
                return false;
            }

            if (broadcast)
            {
                return true;
            }

            nextHop = destination;
            if (!multicast && (destination & _mask) != (_address & _mask))
            {
                nextHop = _gateway;
                if (nextHop == 0)
                {
                    _stack.Drops.Add(DropReason.SendNoRoute);
                    return false;
                }
            }

            return true;
        }

        /// <summary>
        /// Writes the IPv4 header (DF unless <paramref name="fragment"/> holds the MF flag or an offset) and the
        /// Ethernet header in front of the transport bytes already in <paramref name="frame"/>, and sends it.
        /// </summary>
        private bool SendPacket(byte[] frame, uint destination, uint nextHop, byte protocol, int transportLength, ushort identification, ushort fragment, byte ttl)
        {
            int totalLength = Ipv4Header.MinLength + transportLength;
            Ipv4Header.Write(frame, EthernetHeader.Length, totalLength, identification, ttl, protocol, _address, destination);
            if (fragment != 0)
            {
                Ipv4Header.SetFlagsAndFragmentOffset(frame, EthernetHeader.Length, fragment);
                Ipv4Header.SetHeaderChecksum(frame, EthernetHeader.Length, 0);
                Ipv4Header.SetHeaderChecksum(frame, EthernetHeader.Length, InternetChecksum.Compute(frame, EthernetHeader.Length, Ipv4Header.MinLength));
            }

            EthernetHeader.SetSource(frame, 0, _stack.MacAddress, 0);
            EthernetHeader.SetEtherType(frame, 0, EthernetHeader.EtherTypeIpv4);
            int frameLength = EthernetHeader.Length + totalLength;
            if (nextHop == 0)
            {
                EthernetHeader.SetBroadcastDestination(frame, 0);
                _stack.SendFrame(frame, 0, frameLength);
                return true;
            }

            if (IsMulticast(destination))
            {
                // RFC 1112 §6.4: no ARP, the group's MAC.
                EthernetHeader.SetIpv4MulticastDestination(frame, 0, destination);
                _stack.SendFrame(frame, 0, frameLength);
                return true;
            }

            return _stack.Arp.SendOrHold(frame, 0, frameLength, nextHop);
        }
    }
}
