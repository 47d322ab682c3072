namespace NanoTcp.Tcp
{
    /// <summary>
    /// Segment arrival, RFC 9293 §3.10.7.4, fifth step: the ACK field (SND.UNA advancing, the send window update, the
    /// FIN-WAIT-1 / CLOSING / LAST-ACK transitions on the ACK of our FIN). Called by
    /// <see cref="SegmentArrivesInSynchronizedState"/> in TcpLayer.Arrival.cs; congestion control on each ACK is in
    /// TcpLayer.Congestion.cs.
    /// </summary>
    public sealed partial class TcpLayer
    {
        /// <summary>Fifth step, the ACK field. Returns false when the segment is dropped (or the connection ended).</summary>
        private bool ProcessAck(Tcb tcb, long now)
        {
            TcpSegment seg = _seg;
            if (!seg.HasAck)
            {
                Drop(TcpDropReason.WithoutAck);
                return false;
            }

            uint ack = seg.Ack;
            if (tcb.State == TcpState.SynReceived)
            {
                if (SequenceNumber.LessThan(tcb.SndUna, ack) && SequenceNumber.LessThanOrEqual(ack, tcb.SndNxt))
                {
                    tcb.SndWnd = seg.Window;
                    tcb.SndWl1 = seg.Seq;
                    tcb.SndWl2 = ack;
                    MarkEstablished(tcb, now);
                    SampleRoundTrip(tcb, ack, now);
                    RestartRtoAfterRetransmittedSyn(tcb);
                }
                else
                {
                    Drop(TcpDropReason.AckOutOfRange);
                    SendReset(tcb.LocalAddress, tcb.LocalPort, tcb.RemoteAddress, tcb.RemotePort, ack, 0, false);
                    return false;
                }
            }

            // RFC 5961 §5: acceptable only in [SND.UNA − MAX.SND.WND, SND.MAX]; otherwise ACK and drop.
            if (SequenceNumber.GreaterThan(ack, tcb.SndMax)
                || SequenceNumber.LessThan(ack, tcb.SndUna - (uint)tcb.MaxSndWnd))
            {
                Drop(TcpDropReason.AckOutOfRange);
                _ackNow = true;
                return false;
            }

            if (SequenceNumber.GreaterThan(ack, tcb.SndUna))
            {
                int acked = (int)(ack - tcb.SndUna);
                AcknowledgeSentData(tcb, ack, now);
                NewAckArrived(tcb, acked, now);
            }
            else if (tcb.State != TcpState.SynReceived && IsDuplicateAck(tcb, ack))
            {
                DuplicateAckArrived(tcb, now);
            }

            // Send window update (RFC 9293 §3.10.7.4, fifth step), only from a segment not older than the last.
            if (SequenceNumber.LessThan(tcb.SndWl1, seg.Seq)
                || (tcb.SndWl1 == seg.Seq && SequenceNumber.LessThanOrEqual(tcb.SndWl2, ack)))
            {
                tcb.SndWnd = seg.Window;
                tcb.SndWl1 = seg.Seq;
                tcb.SndWl2 = ack;
                if (seg.Window > tcb.MaxSndWnd)
                {
                    tcb.MaxSndWnd = seg.Window;
                }

                if (seg.Window > 0)
                {
                    tcb.PersistDeadline = Tcb.Never;
                    tcb.PersistBackoff = 0;
                }
            }

            bool finAcked = tcb.FinQueued && SequenceNumber.GreaterThan(tcb.SndUna, tcb.FinSeq);
            switch (tcb.State)
            {
                case TcpState.FinWait1:
                    if (finAcked)
                    {
                        SetState(tcb, TcpState.FinWait2, now);
                        if (tcb.ApplicationClosed)
                        {
                            tcb.FinWait2Deadline = now + _config.FinWait2Timeout;
                        }
                    }

                    break;
                case TcpState.Closing:
                    if (finAcked)
                    {
                        EnterTimeWait(tcb, now);
                        return false;
                    }

                    break;
                case TcpState.LastAck:
                    if (finAcked)
                    {
                        EndConnection(tcb, TcpError.None, now);
                        return false;
                    }

                    break;
            }

            return true;
        }

        /// <summary>
        /// RFC 6298 §5.7: when the SYN or SYN,ACK had to be retransmitted (so no RTT sample was taken), the RTO for
        /// data starts again at 3 s (three times the initial RTO), not at the backed-off value.
        /// </summary>
        private void RestartRtoAfterRetransmittedSyn(Tcb tcb)
        {
            if (!tcb.HasRttSample)
            {
                int rto = 3 * _config.InitialRetransmissionTimeout;
                tcb.Rto = rto < _config.MaximumRetransmissionTimeout ? rto : _config.MaximumRetransmissionTimeout;
            }
        }

        /// <summary>SND.UNA advances: drop acknowledged bytes, take an RTT sample (Karn), restart or stop the timer.</summary>
        private void AcknowledgeSentData(Tcb tcb, uint ack, long now)
        {
            int acked = (int)(ack - tcb.SndUna);
            if (tcb.SndUna == tcb.Iss)
            {
                acked--; // our SYN
            }

            if (tcb.FinQueued && SequenceNumber.LessThanOrEqual(tcb.SndUna, tcb.FinSeq) && SequenceNumber.GreaterThan(ack, tcb.FinSeq))
            {
                acked--; // our FIN
                tcb.FinSent = true;
            }

            tcb.SendBuffer.Discard(acked);
            tcb.SndUna = ack;
            tcb.LastProgress = now;
            if (SequenceNumber.LessThan(tcb.SndNxt, ack))
            {
                tcb.SndNxt = ack;
            }

            SampleRoundTrip(tcb, ack, now);
            tcb.Retries = 0;
            tcb.RetransmitDeadline = tcb.SndUna == tcb.SndMax ? Tcb.Never : now + tcb.Rto;
            tcb.Signal();
        }
    }
}
