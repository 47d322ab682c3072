using NanoTcp.Wire;

namespace NanoTcp.Ipv4
{
    /// <summary>
    /// IPv4 input and output (RFC 791, RFC 1122 §3.2): validates each packet once, accepts what is addressed to this
    /// host (and broadcasts, for UDP only), drops fragments and ignores options, hands the payload to ICMP or the
    /// transport registered for its protocol number; on output writes the IPv4 and Ethernet headers in front of a
    /// transport's bytes, picks the next hop (the destination on-subnet, else the gateway) and lets ARP send or hold
    /// the frame.
    /// </summary>
    internal sealed class Ipv4Layer : IIpv4Sender
    {
        /// <summary>The limited broadcast address 255.255.255.255.</summary>
        public const uint BroadcastAddress = 0xFFFFFFFF;

        private readonly NetworkStack _stack;
        private readonly byte _ttl;
        private readonly byte[] _protocols;
        private readonly ITransportProtocol[] _transports;
        private uint _address;
        private uint _mask;
        private uint _gateway;
        private ushort _identification;
        private int _receivedOffset;
        private int _receivedLength;
        private bool _receivedAsLinkGroup;

        internal Ipv4Layer(NetworkStack stack, NetworkConfiguration configuration)
        {
            _stack = stack;
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

        /// <summary>Where the IPv4 header of the packet being handled starts in the receive buffer (for ICMP errors).</summary>
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

            bool broadcast = IsBroadcast(destination);
            if (!broadcast && (_address == 0 || destination != _address))
            {
                // Before DHCP completes a server may answer to the offered address (RFC 2131 §4.1).
                if (!(_address == 0 && protocol == Ipv4Header.ProtocolUdp))
                {
                    _stack.Drops.Add(DropReason.Ipv4NotForUs);
                    return;
                }
            }

            if (Ipv4Header.IsFragment(buffer, offset))
            {
                _stack.Drops.Add(DropReason.Ipv4Fragment);
                return;
            }

            // RFC 1122 §3.2.1.3: a source that is broadcast, multicast or class E is discarded.
            if (source >= 0xE0000000 || IsBroadcast(source))
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
            return Send(_stack.TransmitBuffer, destination, protocol, transportLength);
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

        private bool Send(byte[] frame, uint destination, byte protocol, int transportLength)
        {
            if (transportLength < 0 || transportLength > frame.Length - TransportOffset)
            {
                _stack.Drops.Add(DropReason.SendTooLong);
                return false;
            }

            bool broadcast = IsBroadcast(destination);
            if (_address == 0 && destination != BroadcastAddress)
            {
                _stack.Drops.Add(DropReason.SendNoAddress);
                return false;
            }

            uint nextHop = destination;
            if (!broadcast && (destination & _mask) != (_address & _mask))
            {
                nextHop = _gateway;
                if (nextHop == 0)
                {
                    _stack.Drops.Add(DropReason.SendNoRoute);
                    return false;
                }
            }

            _identification++;
            int totalLength = Ipv4Header.MinLength + transportLength;
            Ipv4Header.Write(frame, EthernetHeader.Length, totalLength, _identification, _ttl, protocol, _address, destination);
            EthernetHeader.SetSource(frame, 0, _stack.MacAddress, 0);
            EthernetHeader.SetEtherType(frame, 0, EthernetHeader.EtherTypeIpv4);
            int frameLength = EthernetHeader.Length + totalLength;
            if (broadcast)
            {
                EthernetHeader.SetBroadcastDestination(frame, 0);
                _stack.SendFrame(frame, 0, frameLength);
                return true;
            }

            return _stack.Arp.SendOrHold(frame, 0, frameLength, nextHop);
        }
    }
}
