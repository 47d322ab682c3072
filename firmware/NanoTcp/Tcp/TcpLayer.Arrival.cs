using NanoTcp.Wire;

namespace NanoTcp.Tcp
{
    /// <summary>
    /// Segment arrival, RFC 9293 §3.10.7, one method per state and per step: CLOSED, SYN-SENT, and SYN-RECEIVED with
    /// the synchronized states. Called by <see cref="SegmentArrives"/>. LISTEN with SYN cookies is in
    /// TcpLayer.Listen.cs, the TIME-WAIT and FIN-WAIT-2 records in TcpLayer.TimeWait.cs, the fifth step (the ACK field)
    /// in TcpLayer.Acknowledgment.cs, out-of-order data in TcpLayer.Reassembly.cs.
    /// </summary>
    public sealed partial class TcpLayer
    {
        /// <summary>RFC 9293 §3.10.7.1: no connection and no listener. Never a RST in answer to a RST.</summary>
        private void SegmentArrivesInClosed()
        {
            TcpSegment seg = _seg;
            if (seg.Rst)
            {
                Drop(TcpDropReason.ResetWithoutConnection);
                return;
            }

            if (seg.HasAck)
            {
                SendReset(seg.Destination, seg.DestinationPort, seg.Source, seg.SourcePort, seg.Ack, 0, false);
            }
            else
            {
                SendReset(seg.Destination, seg.DestinationPort, seg.Source, seg.SourcePort, 0, seg.Seq + seg.Length, true);
            }
        }

        /// <summary>RFC 9293 §3.10.7.3: SYN-SENT.</summary>
        private void SegmentArrivesInSynSent(Tcb tcb, long now)
        {
            TcpSegment seg = _seg;

            // First: the ACK bit. An ACK of anything but our SYN is answered by a reset (unless it is one).
            bool ackAcceptable = false;
            if (seg.HasAck)
            {
                if (SequenceNumber.LessThanOrEqual(seg.Ack, tcb.Iss) || SequenceNumber.GreaterThan(seg.Ack, tcb.SndNxt))
                {
                    if (!seg.Rst)
                    {
                        SendReset(tcb.LocalAddress, tcb.LocalPort, tcb.RemoteAddress, tcb.RemotePort, seg.Ack, 0, false);
                    }

                    Drop(TcpDropReason.AckOutOfRange);
                    return;
                }

                ackAcceptable = SequenceNumber.LessThan(tcb.SndUna, seg.Ack) && SequenceNumber.LessThanOrEqual(seg.Ack, tcb.SndNxt);
            }

            // Second: the RST bit, accepted only when it acknowledges our SYN (RFC 5961 §3).
            if (seg.Rst)
            {
                if (ackAcceptable)
                {
                    Counters.resetsReceived++;
                    EndConnection(tcb, TcpError.Refused, now);
                }
                else
                {
                    Drop(TcpDropReason.ResetNotAcknowledgingSyn);
                }

                return;
            }

            // Fourth: the SYN bit.
            if (!seg.Syn)
            {
                Drop(TcpDropReason.WithoutSyn);
                return;
            }

            tcb.Irs = seg.Seq;
            tcb.RcvNxt = seg.Seq + 1;
            tcb.RcvAdv = tcb.RcvNxt;
            tcb.SndMss = EffectiveMss(seg.Mss);
            tcb.SndWnd = seg.Window;
            tcb.MaxSndWnd = seg.Window;
            tcb.SndWl1 = seg.Seq;
            if (ackAcceptable)
            {
                tcb.SndUna = seg.Ack;
                tcb.SndWl2 = seg.Ack;
                SampleRoundTrip(tcb, seg.Ack, now);
                RestartRtoAfterRetransmittedSyn(tcb);
                tcb.RetransmitDeadline = Tcb.Never;
                tcb.Retries = 0;
                MarkEstablished(tcb, now);
                _ackNow = true;

                // Data after the SYN: continue at the sixth step with the SYN stepped over. (A SYN with FIN never
                // gets here: SegmentArrives drops it, DroppedSynWithRstOrFin.)
                seg.Seq++;
                seg.Flags &= ~TcpHeader.Syn;
                ProcessSegmentText(tcb, now);
                return;
            }

            // Simultaneous open (RFC 9293 §3.5, figure 8): SYN-RECEIVED, send SYN,ACK.
            tcb.SndWl2 = tcb.Iss;
            tcb.Retries = 0;
            SetState(tcb, TcpState.SynReceived, now);
            SendSynAck(tcb, now);
            tcb.RttTiming = false;
        }

        /// <summary>RFC 9293 §3.10.7.4: SYN-RECEIVED and the synchronized states, step by step.</summary>
        private void SegmentArrivesInSynchronizedState(Tcb tcb, long now)
        {
            TcpSegment seg = _seg;
            if (tcb.State == TcpState.SynReceived && seg.Syn && !seg.Rst && seg.Seq == tcb.Irs)
            {
                HandleSynInSynReceived(tcb, now);
                return;
            }

            if (tcb.KeepAlive)
            {
                tcb.KeepAliveProbesSent = 0;
                tcb.KeepAliveDeadline = now + tcb.KeepAliveIdle;
            }

            if (!CheckSequenceNumber(tcb))
            {
                return;
            }

            if (seg.Rst)
            {
                ProcessReset(tcb, now);
                return;
            }

            if (seg.Syn)
            {
                ProcessSynInWindow(tcb, now);
                return;
            }

            if (!ProcessAck(tcb, now))
            {
                return;
            }

            // Sixth, the URG bit: urgent data is delivered inline with the rest of the stream; nothing to do.
            ProcessSegmentText(tcb, now);
            if (seg.Fin && tcb.State != TcpState.Closed)
            {
                ProcessFin(tcb, now);
            }
        }

        /// <summary>
        /// A SYN carrying the peer's ISN again in SYN-RECEIVED: a retransmitted SYN (our SYN,ACK was lost) is
        /// answered with the SYN,ACK again; a SYN,ACK acknowledging our SYN completes a simultaneous open
        /// (RFC 9293 figure 8: four segments in all).
        /// </summary>
        private void HandleSynInSynReceived(Tcb tcb, long now)
        {
            TcpSegment seg = _seg;
            if (!seg.HasAck)
            {
                SendSynAck(tcb, now);
                return;
            }

            if (seg.Ack == tcb.SndNxt && seg.Ack == tcb.Iss + 1)
            {
                tcb.SndUna = seg.Ack;
                tcb.SndWnd = seg.Window;
                tcb.MaxSndWnd = seg.Window;
                tcb.SndWl1 = seg.Seq;
                tcb.SndWl2 = seg.Ack;
                tcb.RetransmitDeadline = Tcb.Never;
                MarkEstablished(tcb, now);
                return;
            }

            SendReset(tcb.LocalAddress, tcb.LocalPort, tcb.RemoteAddress, tcb.RemotePort, seg.Ack, 0, false);
        }

        /// <summary>
        /// First step, the acceptability test of RFC 9293 §3.10.7.4 (four cases of SEG.LEN and RCV.WND). An
        /// unacceptable segment is answered with an ACK (unless it is a RST) and dropped.
        /// </summary>
        private bool CheckSequenceNumber(Tcb tcb)
        {
            TcpSegment seg = _seg;
            if (IsAcceptable(seg.Seq, seg.Length, tcb.RcvNxt, (uint)ReceiveWindow(tcb)))
            {
                return true;
            }

            Drop(TcpDropReason.Unacceptable);
            if (!seg.Rst)
            {
                _ackNow = true;
            }

            return false;
        }

        /// <summary>
        /// RFC 9293 §3.10.7.4: the four cases; a zero window still takes a segment at exactly RCV.NXT for its ACK and
        /// RST. One leniency, as in Linux: a segment without data may sit exactly at the window's right edge, because
        /// a peer that has filled our window sends its ACKs with SEQ = SND.NXT = that edge.
        /// </summary>
        internal static bool IsAcceptable(uint seq, uint length, uint rcvNxt, uint rcvWnd)
        {
            if (rcvWnd == 0)
            {
                return seq == rcvNxt;
            }

            if (length == 0)
            {
                return seq - rcvNxt <= rcvWnd;
            }

            return SequenceNumber.InWindow(seq, rcvNxt, rcvWnd) || SequenceNumber.InWindow(seq + length - 1, rcvNxt, rcvWnd);
        }

        /// <summary>Second step, the RST bit (RFC 5961 §3): exactly RCV.NXT resets; elsewhere in the window gets a challenge ACK.</summary>
        private void ProcessReset(Tcb tcb, long now)
        {
            TcpSegment seg = _seg;
            if (seg.Seq != tcb.RcvNxt)
            {
                Counters.challengeAcksSent++;
                _ackNow = true;
                return;
            }

            Counters.resetsReceived++;
            switch (tcb.State)
            {
                case TcpState.SynReceived:
                    // A passive open goes back to LISTEN (the listener entry stays); an active one is refused.
                    EndConnection(tcb, tcb.PassiveOpen ? TcpError.None : TcpError.Refused, now);
                    break;
                case TcpState.Established:
                case TcpState.FinWait1:
                case TcpState.FinWait2:
                case TcpState.CloseWait:
                    EndConnection(tcb, TcpError.Reset, now);
                    break;
                default:
                    // CLOSING, LAST-ACK: the application has closed; just delete the TCB.
                    EndConnection(tcb, TcpError.None, now);
                    break;
            }
        }

        /// <summary>Fourth step, the SYN bit: a passive SYN-RECEIVED returns to LISTEN; elsewhere a challenge ACK (RFC 5961 §4).</summary>
        private void ProcessSynInWindow(Tcb tcb, long now)
        {
            if (tcb.State == TcpState.SynReceived && tcb.PassiveOpen)
            {
                EndConnection(tcb, TcpError.None, now);
                return;
            }

            Counters.challengeAcksSent++;
            _ackNow = true;
        }

        /// <summary>Seventh step, the segment text: only in-order bytes are taken (out-of-order ones are dropped and re-ACKed).</summary>
        private void ProcessSegmentText(Tcb tcb, long now)
        {
            TcpSegment seg = _seg;
            if (seg.DataLength == 0)
            {
                return;
            }

            if (tcb.State != TcpState.Established && tcb.State != TcpState.FinWait1 && tcb.State != TcpState.FinWait2)
            {
                // CLOSE-WAIT, CLOSING, LAST-ACK: the peer already sent FIN; text is ignored.
                Drop(TcpDropReason.DataAfterFin);
                return;
            }

            int offset = seg.DataOffset;
            int length = seg.DataLength;
            uint seq = seg.Seq;
            if (SequenceNumber.LessThan(seq, tcb.RcvNxt))
            {
                int skip = (int)(tcb.RcvNxt - seq);
                if (skip >= length)
                {
                    Drop(TcpDropReason.Duplicate);
                    _ackNow = true;
                    return;
                }

                offset += skip;
                length -= skip;
                seq = tcb.RcvNxt;
            }

            if (tcb.ApplicationClosed)
            {
                // RFC 1122 §4.2.2.13: new data after CLOSE can never be read; a RST tells the peer it was lost.
                Counters.resetsOnDataAfterClose++;
                ResetConnection(tcb, now);
                return;
            }

            if (seq != tcb.RcvNxt)
            {
                // Ahead of RCV.NXT: held in the ring's free space (never delivered before the gap is filled), or
                // dropped when there is no room; either way the peer gets an immediate ACK of RCV.NXT.
                HoldOutOfOrder(tcb, seq, offset, length);
                _ackNow = true;
                return;
            }

            int taken = tcb.ReceiveBuffer.Write(seg.Buffer, offset, length);
            tcb.RcvNxt += (uint)taken;
            if (taken > 0)
            {
                tcb.LastProgress = now;
            }
            if (taken < length)
            {
                // Beyond the window: the rest is dropped and the peer told where we are.
                Drop(TcpDropReason.BeyondWindow);
                _ackNow = true;
            }

            if (tcb.HeldCount > 0 && taken > 0)
            {
                taken += DeliverHeld(tcb);
                _ackNow = true;
            }

            if (taken > 0)
            {
                tcb.Signal();
                tcb.FullSegmentsUnacked++;
                if (tcb.FullSegmentsUnacked >= 2)
                {
                    _ackNow = true;
                }
                else if (tcb.DelayedAckDeadline == Tcb.Never)
                {
                    tcb.DelayedAckDeadline = now + _config.DelayedAckTimeout;
                }
            }
        }

        /// <summary>Eighth step, the FIN bit: taken only when it is the next sequence number expected.</summary>
        private void ProcessFin(Tcb tcb, long now)
        {
            TcpSegment seg = _seg;
            if (seg.Seq + (uint)seg.DataLength != tcb.RcvNxt)
            {
                Drop(TcpDropReason.FinOutOfOrder);
                return;
            }

            tcb.RcvNxt++;
            tcb.FinReceived = true;
            _ackNow = true;
            tcb.Signal();
            switch (tcb.State)
            {
                case TcpState.Established:
                    SetState(tcb, TcpState.CloseWait, now);
                    break;
                case TcpState.FinWait1:
                    if (tcb.FinQueued && SequenceNumber.GreaterThan(tcb.SndUna, tcb.FinSeq))
                    {
                        SendAck(tcb);
                        EnterTimeWait(tcb, now);
                    }
                    else
                    {
                        SetState(tcb, TcpState.Closing, now);
                    }

                    break;
                case TcpState.FinWait2:
                    SendAck(tcb);
                    EnterTimeWait(tcb, now);
                    break;
            }
        }
    }
}
