using NanoTcp.Wire;

namespace NanoTcp.Tcp
{
    /// <summary>
    /// Segment arrival for the compact TIME-WAIT and FIN-WAIT-2 records (RFC 9293 §3.10.7.4, §3.6.1), which hold no
    /// slot (<see cref="TimeWaitTable"/>). Called by <see cref="SegmentArrives"/> when no connection slot matches.
    /// </summary>
    public sealed partial class TcpLayer
    {
        /// <summary>
        /// A segment for a four-tuple in TIME-WAIT (RFC 9293 §3.10.7.4 and §3.6.1). Returns false when a new SYN
        /// with a higher sequence number has removed the record, so the caller hands the SYN to the listener.
        /// </summary>
        private bool SegmentArrivesInTimeWait(int record, long now)
        {
            TcpSegment seg = _seg;
            uint rcvNxt = _timeWait.RcvNxt(record);
            uint sndNxt = _timeWait.SndNxt(record);
            bool finWait2 = _timeWait.IsFinWait2(record);
            if (!finWait2 && seg.Syn && !seg.HasAck && !seg.Rst && SequenceNumber.GreaterThan(seg.Seq, rcvNxt) && FindListener(seg.DestinationPort) >= 0)
            {
                _timeWait.Remove(record);
                return false;
            }

            if (!IsAcceptable(seg.Seq, seg.Length, rcvNxt, (uint)_config.ReceiveBufferSize))
            {
                Drop(TcpDropReason.Unacceptable);
                if (!seg.Rst)
                {
                    // A retransmitted FIN lands here (it is below RCV.NXT): ACK it again and restart 2·MSL.
                    if (seg.Fin && !finWait2)
                    {
                        _timeWait.SetExpiry(record, TimeWaitExpiry(now));
                    }

                    SendBare(seg.Destination, seg.DestinationPort, seg.Source, seg.SourcePort, sndNxt, rcvNxt, TcpHeader.Ack, _config.ReceiveBufferSize);
                }

                return true;
            }

            if (seg.Rst)
            {
                if (seg.Seq == rcvNxt)
                {
                    _timeWait.Remove(record);
                }
                else
                {
                    Counters.challengeAcksSent++;
                    SendBare(seg.Destination, seg.DestinationPort, seg.Source, seg.SourcePort, sndNxt, rcvNxt, TcpHeader.Ack, _config.ReceiveBufferSize);
                }

                return true;
            }

            if (seg.Syn)
            {
                Counters.challengeAcksSent++;
                SendBare(seg.Destination, seg.DestinationPort, seg.Source, seg.SourcePort, sndNxt, rcvNxt, TcpHeader.Ack, _config.ReceiveBufferSize);
                return true;
            }

            if (finWait2)
            {
                return SegmentArrivesInFinWait2Record(record, now);
            }

            if (seg.Fin)
            {
                _timeWait.SetExpiry(record, TimeWaitExpiry(now));
                SendBare(seg.Destination, seg.DestinationPort, seg.Source, seg.SourcePort, sndNxt, rcvNxt, TcpHeader.Ack, _config.ReceiveBufferSize);
            }

            return true;
        }

        /// <summary>
        /// An acceptable segment, neither RST nor SYN, for a FIN-WAIT-2 record (the application has closed): the
        /// peer's FIN at RCV.NXT is ACKed and the record enters TIME-WAIT (RFC 9293 §3.10.7.4, eighth step); new data
        /// can no longer be delivered, so it is answered by a RST and the record dropped (RFC 1122 §4.2.2.13).
        /// </summary>
        private bool SegmentArrivesInFinWait2Record(int record, long now)
        {
            TcpSegment seg = _seg;
            uint rcvNxt = _timeWait.RcvNxt(record);
            uint sndNxt = _timeWait.SndNxt(record);
            if (seg.DataLength > 0)
            {
                Counters.resetsOnDataAfterClose++;
                _timeWait.Remove(record);
                SendReset(seg.Destination, seg.DestinationPort, seg.Source, seg.SourcePort, sndNxt, 0, false);
                return true;
            }

            if (seg.Fin && seg.Seq == rcvNxt)
            {
                _timeWait.SetRcvNxt(record, rcvNxt + 1);
                _timeWait.SetFinWait2(record, false);
                _timeWait.SetExpiry(record, TimeWaitExpiry(now));
                SendBare(seg.Destination, seg.DestinationPort, seg.Source, seg.SourcePort, sndNxt, rcvNxt + 1, TcpHeader.Ack, _config.ReceiveBufferSize);
            }

            return true;
        }
    }
}
