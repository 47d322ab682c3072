using NanoTcp.Wire;

namespace NanoTcp.Icmp
{
    /// <summary>
    /// ICMP (RFC 792, RFC 1122 §3.2.2): answers echo requests (a reassembled one in fragments), reports echo
    /// replies to the application, hands destination-unreachable and time-exceeded errors about our packets to the
    /// transport that sent them (<see cref="ITransportErrorReceiver"/>), and sends rate-limited destination-unreachable
    /// errors for the IPv4 layer and time-exceeded errors for its reassembly.
    /// </summary>
    public sealed class IcmpProtocol
    {
        private readonly NetworkStack _stack;
        private readonly int _errorInterval;
        private long _lastError;
        private bool _anyErrorSent;
        private int _echoRequestsAnswered;
        private int _echoRepliesReceived;
        private int _errorsReceived;
        private int _errorsSent;

        internal IcmpProtocol(NetworkStack stack, NetworkConfiguration configuration)
        {
            _stack = stack;
            _errorInterval = configuration.IcmpErrorIntervalMilliseconds;
        }

        /// <summary>Called for each echo reply received (null: none).</summary>
        public EchoReplyHandler EchoReplyReceived { get; set; }

        /// <summary>Echo requests answered.</summary>
        public int EchoRequestsAnswered => _echoRequestsAnswered;

        /// <summary>Echo replies received.</summary>
        public int EchoRepliesReceived => _echoRepliesReceived;

        /// <summary>Destination-unreachable and time-exceeded messages about packets we sent, handed to their transport (or dropped when it takes none).</summary>
        public int ErrorsReceived => _errorsReceived;

        /// <summary>Destination-unreachable and time-exceeded messages sent (rate-limited ones not counted here but as drops).</summary>
        public int ErrorsSent => _errorsSent;

        /// <summary>
        /// Sends an echo request to <paramref name="destination"/> carrying <paramref name="length"/> bytes of
        /// <paramref name="data"/>. Returns false when the IPv4 layer dropped it (counted there).
        /// </summary>
        public bool SendEchoRequest(uint destination, ushort identifier, ushort sequenceNumber, byte[] data, int offset, int length)
        {
            IIpv4Sender ipv4 = _stack.Ipv4;
            if (length < 0 || length > ipv4.MaxTransportLength - IcmpHeader.Length)
            {
                throw new System.ArgumentOutOfRangeException("length", "the echo data must fit one frame: at most MaxTransportLength - 8 bytes");
            }

            byte[] frame = ipv4.TransmitBuffer;
            int at = ipv4.TransportOffset;
            IcmpHeader.SetType(frame, at, IcmpHeader.TypeEchoRequest);
            IcmpHeader.SetCode(frame, at, 0);
            IcmpHeader.SetIdentifier(frame, at, identifier);
            IcmpHeader.SetSequenceNumber(frame, at, sequenceNumber);
            if (length > 0)
            {
                System.Array.Copy(data, offset, frame, at + IcmpHeader.Length, length);
            }

            IcmpHeader.FillChecksum(frame, at, IcmpHeader.Length + length);
            return ipv4.SendTransport(destination, Ipv4Header.ProtocolIcmp, IcmpHeader.Length + length);
        }

        /// <summary>Handles one ICMP message at <paramref name="offset"/>.</summary>
        internal void Receive(byte[] buffer, int offset, int length, uint source, uint destination, bool broadcast)
        {
            if (!IcmpHeader.IsValid(buffer, offset, length))
            {
                _stack.Drops.Add(DropReason.IcmpMalformed);
                return;
            }

            if (!IcmpHeader.ChecksumIsCorrect(buffer, offset, length))
            {
                _stack.Drops.Add(DropReason.IcmpBadChecksum);
                return;
            }

            byte type = IcmpHeader.Type(buffer, offset);
            if (type == IcmpHeader.TypeEchoRequest && !broadcast)
            {
                AnswerEcho(buffer, offset, length, source);
                return;
            }

            if (type == IcmpHeader.TypeEchoReply && !broadcast)
            {
                _echoRepliesReceived++;
                EchoReplyHandler handler = EchoReplyReceived;
                if (handler != null)
                {
                    handler(source, IcmpHeader.Identifier(buffer, offset), IcmpHeader.SequenceNumber(buffer, offset), buffer, offset + IcmpHeader.Length, length - IcmpHeader.Length);
                }

                return;
            }

            if ((type == IcmpHeader.TypeDestinationUnreachable || type == IcmpHeader.TypeTimeExceeded) && !broadcast)
            {
                HandToTransport(buffer, offset, length);
                return;
            }

            // Echo to a broadcast address is not answered (RFC 1122 §3.2.2.6 allows silence); other types are not ours.
            _stack.Drops.Add(DropReason.IcmpUnsupportedType);
        }

        /// <summary>
        /// Sends destination unreachable with <paramref name="code"/> about the packet being received: its IPv4 header
        /// and the first 8 bytes of its data (RFC 792). Never about a packet that came as a link-layer broadcast (RFC 1122 §3.2.2).
        /// </summary>
        internal void SendDestinationUnreachable(byte code)
        {
            if (_stack.Ipv4Layer.ReceivedAsLinkGroup)
            {
                return;
            }

            byte[] received = _stack.Ipv4Layer.ReceivedBuffer;
            int packet = _stack.Ipv4Layer.ReceivedOffset;
            int quoted = Ipv4Header.HeaderLength(received, packet) + 8;
            int packetLength = _stack.Ipv4Layer.ReceivedLength;
            SendError(IcmpHeader.TypeDestinationUnreachable, code, received, packet, quoted > packetLength ? packetLength : quoted);
        }

        /// <summary>
        /// Sends time exceeded with <paramref name="code"/> quoting <paramref name="quotedLength"/> bytes of the packet at
        /// <paramref name="packet"/> (its header and 8 bytes of data); the reassembly timer calls it (RFC 1122 §3.3.2).
        /// </summary>
        internal void SendTimeExceeded(byte code, byte[] buffer, int packet, int quotedLength)
        {
            SendError(IcmpHeader.TypeTimeExceeded, code, buffer, packet, quotedLength);
        }

        /// <summary>An error to the quoted packet's source; at most one per configured interval, whatever its type (RFC 1812 §4.3.2.8 spirit).</summary>
        private void SendError(byte type, byte code, byte[] buffer, int packet, int quoted)
        {
            long now = _stack.Now;
            if (_anyErrorSent && now - _lastError < _errorInterval)
            {
                _stack.Drops.Add(DropReason.IcmpRateLimited);
                return;
            }

            IIpv4Sender ipv4 = _stack.Ipv4;
            byte[] frame = ipv4.TransmitBuffer;
            int at = ipv4.TransportOffset;
            if (IcmpHeader.Length + quoted > ipv4.MaxTransportLength)
            {
                quoted = ipv4.MaxTransportLength - IcmpHeader.Length;
            }

            IcmpHeader.SetType(frame, at, type);
            IcmpHeader.SetCode(frame, at, code);
            Bytes.WriteUInt32(frame, at + 4, 0);
            System.Array.Copy(buffer, packet, frame, at + IcmpHeader.Length, quoted);
            IcmpHeader.FillChecksum(frame, at, IcmpHeader.Length + quoted);
            _anyErrorSent = true;
            _lastError = now;
            _errorsSent++;
            ipv4.SendTransport(Ipv4Header.Source(buffer, packet), Ipv4Header.ProtocolIcmp, IcmpHeader.Length + quoted);
        }

        /// <summary>
        /// RFC 1122 §3.2.2 and §4.2.3.9: an error about a packet we sent goes to the transport that sent it, which
        /// matches the quoted header against its own state. An error quoting a packet that is not from us, or cut
        /// shorter than an IPv4 header and 8 bytes of data, is dropped.
        /// </summary>
        private void HandToTransport(byte[] buffer, int offset, int length)
        {
            int quoted = offset + IcmpHeader.Length;
            if (!IcmpHeader.QuotesIpv4Packet(buffer, offset, length) || Ipv4Header.Source(buffer, quoted) != _stack.LocalAddress)
            {
                _stack.Drops.Add(DropReason.IcmpErrorMalformed);
                return;
            }

            _errorsReceived++;
            ITransportErrorReceiver receiver = _stack.Ipv4Layer.TransportFor(Ipv4Header.Protocol(buffer, quoted)) as ITransportErrorReceiver;
            if (receiver == null)
            {
                _stack.Drops.Add(DropReason.IcmpErrorNotHandled);
                return;
            }

            receiver.ErrorArrived(IcmpHeader.Type(buffer, offset), IcmpHeader.Code(buffer, offset), buffer, quoted, length - IcmpHeader.Length);
        }

        private void AnswerEcho(byte[] buffer, int offset, int length, uint source)
        {
            IIpv4Sender ipv4 = _stack.Ipv4;
            if (length > ipv4.MaxTransportLength)
            {
                // A reassembled request: the reply is made in place and goes out in fragments.
                IcmpHeader.SetType(buffer, offset, IcmpHeader.TypeEchoReply);
                IcmpHeader.SetCode(buffer, offset, 0);
                IcmpHeader.FillChecksum(buffer, offset, length);
                _echoRequestsAnswered++;
                _stack.Ipv4Layer.SendDatagram(source, Ipv4Header.ProtocolIcmp, null, 0, 0, buffer, offset, length);
                return;
            }

            byte[] frame = ipv4.TransmitBuffer;
            int at = ipv4.TransportOffset;
            System.Array.Copy(buffer, offset, frame, at, length);
            IcmpHeader.SetType(frame, at, IcmpHeader.TypeEchoReply);
            IcmpHeader.SetCode(frame, at, 0);
            IcmpHeader.FillChecksum(frame, at, length);
            _echoRequestsAnswered++;
            ipv4.SendTransport(source, Ipv4Header.ProtocolIcmp, length);
        }
    }
}
