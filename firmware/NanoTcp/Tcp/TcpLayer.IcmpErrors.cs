using NanoTcp.Wire;

namespace NanoTcp.Tcp
{
    /// <summary>
    /// ICMP errors handed to TCP (RFC 1122 §4.2.3.9, RFC 5927), called by the ICMP layer through
    /// <see cref="ITransportErrorReceiver"/> with the quoted IPv4 packet already checked to be ours and long enough.
    /// </summary>
    public sealed partial class TcpLayer : ITransportErrorReceiver
    {
        /// <inheritdoc />
        public void ErrorArrived(byte type, byte code, byte[] buffer, int quoted, int quotedLength)
        {
            lock (_syncRoot)
            {
                Counters.icmpErrorsReceived++;
                int header = quoted + Ipv4Header.HeaderLength(buffer, quoted);
                Tcb tcb = FindConnection(Ipv4Header.Source(buffer, quoted), TcpHeader.SourcePort(buffer, header), Ipv4Header.Destination(buffer, quoted), TcpHeader.DestinationPort(buffer, header));
                if (tcb == null)
                {
                    Counters.icmpErrorsNoConnection++;
                    return;
                }

                // RFC 5927 §4.1: only an error quoting a sequence number we have sent and not yet seen acknowledged
                // (SND.UNA ≤ SEG.SEQ < SND.MAX) is believed; a blind attacker would have to guess it.
                uint seq = TcpHeader.SequenceNumber(buffer, header);
                if (SequenceNumber.LessThan(seq, tcb.SndUna) || !SequenceNumber.LessThan(seq, tcb.SndMax))
                {
                    Counters.icmpErrorsOutOfWindow++;
                    return;
                }

                if (type == IcmpHeader.TypeDestinationUnreachable && code == IcmpHeader.CodeFragmentationNeeded)
                {
                    // No path MTU discovery: our segments fit the link MTU and the ESP32 board's path is one LAN.
                    Counters.icmpFragmentationNeeded++;
                    return;
                }

                bool hard = type == IcmpHeader.TypeDestinationUnreachable
                    && (code == IcmpHeader.CodeProtocolUnreachable || code == IcmpHeader.CodePortUnreachable);
                if (hard && tcb.State == TcpState.SynSent)
                {
                    // RFC 1122 §4.2.3.9 (hard error), RFC 5927 §4.2: the peer's host has no such protocol or port.
                    Counters.icmpConnectionsAborted++;
                    EndConnection(tcb, TcpError.Unreachable, _clock.Milliseconds);
                    return;
                }

                // Soft (or hard on a synchronized connection, RFC 5927 §4.2): reported, the connection goes on and
                // its retransmissions decide.
                Counters.icmpSoftErrors++;
                tcb.SoftError = SoftErrorOf(type, code);
                tcb.Signal();
            }
        }

        private static TcpSoftError SoftErrorOf(byte type, byte code)
        {
            if (type == IcmpHeader.TypeTimeExceeded)
            {
                return TcpSoftError.TimeExceeded;
            }

            switch (code)
            {
                case IcmpHeader.CodeProtocolUnreachable:
                    return TcpSoftError.ProtocolUnreachable;
                case IcmpHeader.CodePortUnreachable:
                    return TcpSoftError.PortUnreachable;
                case IcmpHeader.CodeNetUnreachable:
                case 6: // destination network unknown
                case 9: // network administratively prohibited
                case 11: // network unreachable for type of service
                    return TcpSoftError.NetUnreachable;
                default:
                    return TcpSoftError.HostUnreachable;
            }
        }
    }
}
