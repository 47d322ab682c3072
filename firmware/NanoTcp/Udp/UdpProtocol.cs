using NanoTcp.Icmp;
using NanoTcp.Wire;

namespace NanoTcp.Udp
{
    /// <summary>
    /// UDP (RFC 768, RFC 1122 §4.1): a fixed table of bound ports, each with a receive callback that sees the data in
    /// place; checksums verified on receipt (zero means none) and always generated on send; port unreachable for a
    /// unicast datagram to a port nobody bound.
    /// </summary>
    public sealed class UdpProtocol : ITransportProtocol
    {
        private readonly NetworkStack _stack;
        private readonly ushort[] _ports;
        private readonly UdpReceiveHandler[] _handlers;
        private int _datagramsReceived;
        private readonly byte[] _header = new byte[UdpHeader.Length];

        internal UdpProtocol(NetworkStack stack, NetworkConfiguration configuration)
        {
            _stack = stack;
            _ports = new ushort[configuration.UdpBindings];
            _handlers = new UdpReceiveHandler[configuration.UdpBindings];
        }

        /// <summary>Datagrams delivered to a bound port.</summary>
        public int DatagramsReceived => _datagramsReceived;

        /// <summary>Where a datagram's data goes in the transmit buffer for <see cref="SendPrepared(uint, ushort, ushort, int)"/>.</summary>
        public int PayloadOffset => _stack.Ipv4.TransportOffset + UdpHeader.Length;

        /// <summary>The largest datagram data that fits one frame (1472 on Ethernet).</summary>
        public int MaxPayloadLength => _stack.Ipv4.MaxTransportLength - UdpHeader.Length;

        /// <summary>Binds <paramref name="port"/>: its datagrams go to <paramref name="handler"/>.</summary>
        public void Bind(ushort port, UdpReceiveHandler handler)
        {
            if (port == 0 || handler == null)
            {
                throw new System.ArgumentException("bind a port from 1 to 65535 with a handler");
            }

            if (IndexOf(port) >= 0)
            {
                throw new System.InvalidOperationException("UDP port " + port.ToString() + " is already bound: unbind it first");
            }

            int free = IndexOf(0);
            if (free < 0)
            {
                throw new System.InvalidOperationException("all UDP bindings are in use: raise NetworkConfiguration.UdpBindings");
            }

            _ports[free] = port;
            _handlers[free] = handler;
        }

        /// <summary>True when <paramref name="port"/> is bound.</summary>
        public bool IsBound(ushort port)
        {
            return port != 0 && IndexOf(port) >= 0;
        }

        /// <summary>Releases <paramref name="port"/>; returns false when it was not bound.</summary>
        public bool Unbind(ushort port)
        {
            int i = IndexOf(port);
            if (i < 0 || port == 0)
            {
                return false;
            }

            _ports[i] = 0;
            _handlers[i] = null;
            return true;
        }

        /// <summary>Largest datagram data <see cref="Send"/> takes: 65507 bytes, sent in IPv4 fragments beyond <see cref="MaxPayloadLength"/>.</summary>
        public const int MaxDatagramPayloadLength = 65535 - Ipv4Header.MinLength - UdpHeader.Length;

        /// <summary>
        /// Copies <paramref name="length"/> bytes of <paramref name="data"/> into a datagram and sends it; data longer than
        /// <see cref="MaxPayloadLength"/> goes out in IPv4 fragments. Returns false when the IPv4 layer dropped it (no
        /// address, no route, ARP busy; counted there).
        /// </summary>
        public bool Send(uint destination, ushort sourcePort, ushort destinationPort, byte[] data, int offset, int length)
        {
            if (length < 0 || length > MaxDatagramPayloadLength)
            {
                throw new System.ArgumentOutOfRangeException("length", "a datagram's data is at most MaxDatagramPayloadLength (65507) bytes");
            }

            if (length > MaxPayloadLength)
            {
                return SendFragmented(destination, sourcePort, destinationPort, data, offset, length);
            }

            if (length > 0)
            {
                System.Array.Copy(data, offset, _stack.TransmitBuffer, PayloadOffset, length);
            }

            return SendPrepared(destination, sourcePort, destinationPort, length);
        }

        /// <summary>
        /// Sends the <paramref name="length"/> bytes the caller already wrote at <see cref="PayloadOffset"/> of the
        /// transmit buffer (no copy).
        /// </summary>
        public bool SendPrepared(uint destination, ushort sourcePort, ushort destinationPort, int length)
        {
            return SendPrepared(destination, sourcePort, destinationPort, length, 0);
        }

        /// <summary>As <see cref="SendPrepared(uint, ushort, ushort, int)"/> with IP time to live <paramref name="ttl"/> (0: the configured one).</summary>
        internal bool SendPrepared(uint destination, ushort sourcePort, ushort destinationPort, int length, byte ttl)
        {
            if (length < 0 || length > MaxPayloadLength)
            {
                throw new System.ArgumentOutOfRangeException("length", "a datagram's data must fit one frame: at most MaxPayloadLength bytes");
            }

            IIpv4Sender ipv4 = _stack.Ipv4;
            byte[] frame = ipv4.TransmitBuffer;
            int at = ipv4.TransportOffset;
            int datagramLength = UdpHeader.Length + length;
            UdpHeader.SetSourcePort(frame, at, sourcePort);
            UdpHeader.SetDestinationPort(frame, at, destinationPort);
            UdpHeader.SetDatagramLength(frame, at, datagramLength);
            UdpHeader.FillChecksum(frame, at, datagramLength, ipv4.LocalAddress, destination);
            if (ttl != 0)
            {
                return _stack.Ipv4Layer.SendTransport(destination, Ipv4Header.ProtocolUdp, datagramLength, ttl);
            }

            return ipv4.SendTransport(destination, Ipv4Header.ProtocolUdp, datagramLength);
        }

        private bool SendFragmented(uint destination, ushort sourcePort, ushort destinationPort, byte[] data, int offset, int length)
        {
            int datagramLength = UdpHeader.Length + length;
            UdpHeader.SetSourcePort(_header, 0, sourcePort);
            UdpHeader.SetDestinationPort(_header, 0, destinationPort);
            UdpHeader.SetDatagramLength(_header, 0, datagramLength);
            UdpHeader.SetChecksum(_header, 0, 0);
            uint sum = InternetChecksum.PseudoHeaderSum(_stack.Ipv4.LocalAddress, destination, Ipv4Header.ProtocolUdp, datagramLength);
            sum = InternetChecksum.Sum(_header, 0, UdpHeader.Length, sum);
            ushort checksum = InternetChecksum.Compute(data, offset, length, sum);
            UdpHeader.SetChecksum(_header, 0, checksum == 0 ? (ushort)0xFFFF : checksum);
            return _stack.Ipv4Layer.SendDatagram(destination, Ipv4Header.ProtocolUdp, _header, 0, UdpHeader.Length, data, offset, length);
        }

        /// <summary>Handles one datagram at <paramref name="offset"/> (the IPv4 payload).</summary>
        public void Receive(byte[] buffer, int offset, int length, uint source, uint destination)
        {
            if (!UdpHeader.IsValid(buffer, offset, length))
            {
                _stack.Drops.Add(DropReason.UdpMalformed);
                return;
            }

            int datagramLength = UdpHeader.DatagramLength(buffer, offset);
            if (!UdpHeader.ChecksumIsCorrect(buffer, offset, datagramLength, source, destination))
            {
                _stack.Drops.Add(DropReason.UdpBadChecksum);
                return;
            }

            ushort port = UdpHeader.DestinationPort(buffer, offset);
            int i = port == 0 ? -1 : IndexOf(port);
            if (i < 0)
            {
                _stack.Drops.Add(DropReason.UdpNoListener);
                uint local = _stack.Ipv4.LocalAddress;
                if (local != 0 && destination == local)
                {
                    _stack.Icmp.SendDestinationUnreachable(IcmpHeader.CodePortUnreachable);
                }

                return;
            }

            _datagramsReceived++;
            _handlers[i](buffer, offset + UdpHeader.Length, datagramLength - UdpHeader.Length, source, UdpHeader.SourcePort(buffer, offset), destination, port);
        }

        /// <summary>UDP keeps no timers.</summary>
        public long Poll(long now)
        {
            return long.MaxValue;
        }

        private int IndexOf(ushort port)
        {
            for (int i = 0; i < _ports.Length; i++)
            {
                if (_ports[i] == port)
                {
                    return i;
                }
            }

            return -1;
        }
    }
}
