using NanoTcp.Wire;

namespace NanoTcp.Tcp
{
    /// <summary>
    /// Congestion control (RFC 9293 §3.8.2 requires RFC 5681): slow start, congestion avoidance, fast retransmit and
    /// NewReno fast recovery (RFC 6582), limited transmit (RFC 3042) and the restart after idle (RFC 5681 §4.1).
    /// Called from <see cref="ProcessAck"/> (new and duplicate ACKs), <see cref="RetransmissionTimeout"/> (loss found
    /// by the timer), <see cref="MarkEstablished"/> (initial window) and <see cref="Output"/> (the send window).
    /// </summary>
    public sealed partial class TcpLayer
    {
        /// <summary>RFC 5681 §3.2: the third duplicate ACK in a row is taken as a loss.</summary>
        internal const int DuplicateAckThreshold = 3;

        /// <summary>RFC 5681 §3.1: ssthresh starts "arbitrarily high": the largest window a peer can offer unscaled.</summary>
        internal const int InitialSlowStartThreshold = 65535;

        /// <summary>RFC 5681 §3.1 equation (1): IW = 2, 3 or 4 segments by SMSS.</summary>
        internal static int InitialWindow(int smss)
        {
            if (smss > 2190)
            {
                return 2 * smss;
            }

            return smss > 1095 ? 3 * smss : 4 * smss;
        }

        /// <summary>At the end of the handshake, once SMSS is known: IW, a high ssthresh, recover = ISS (RFC 6582 §3.2).</summary>
        private static void StartCongestionControl(Tcb tcb, long now)
        {
            tcb.Cwnd = InitialWindow(tcb.SndMss);
            tcb.Ssthresh = InitialSlowStartThreshold;
            tcb.DupAcks = 0;
            tcb.InFastRecovery = false;
            tcb.Recover = tcb.Iss;
            tcb.AckedInAvoidance = 0;
            tcb.LastDataSent = now;
        }

        /// <summary>
        /// The window <see cref="Output"/> may fill: min(cwnd, rwnd). On the first two duplicate ACKs, limited
        /// transmit (RFC 3042) allows one more segment of new data each, so a small window still produces the third
        /// duplicate (not while going back after a timeout: that would resend old data).
        /// </summary>
        private static int SendWindow(Tcb tcb)
        {
            int cwnd = tcb.Cwnd;
            if (!tcb.InFastRecovery && tcb.DupAcks > 0 && tcb.SndNxt == tcb.SndMax)
            {
                cwnd += (tcb.DupAcks < DuplicateAckThreshold ? tcb.DupAcks : DuplicateAckThreshold - 1) * tcb.SndMss;
            }

            return cwnd < tcb.SndWnd ? cwnd : tcb.SndWnd;
        }

        /// <summary>
        /// RFC 5681 §4.1: before sending new data with nothing in flight, a connection idle for more than an RTO
        /// starts again from RW = min(IW, cwnd), since its old cwnd no longer reflects the path.
        /// </summary>
        private void RestartAfterIdle(Tcb tcb, long now)
        {
            if (tcb.SndUna != tcb.SndMax || now - tcb.LastDataSent <= tcb.Rto)
            {
                return;
            }

            int restart = InitialWindow(tcb.SndMss);
            if (tcb.Cwnd > restart)
            {
                tcb.Cwnd = restart;
                tcb.AckedInAvoidance = 0;
                Counters.idleRestarts++;
            }
        }

        /// <summary>
        /// RFC 5681 §2: a duplicate ACK acknowledges SND.UNA again while data is outstanding, carries no data, SYN or
        /// FIN, and leaves the window unchanged. Checked before the window update of the fifth step.
        /// </summary>
        private bool IsDuplicateAck(Tcb tcb, uint ack)
        {
            TcpSegment seg = _seg;
            return ack == tcb.SndUna && tcb.SndMax != tcb.SndUna && seg.DataLength == 0 && !seg.Syn && !seg.Fin
                && seg.Window == tcb.SndWnd;
        }

        /// <summary>
        /// A duplicate ACK. The third starts fast retransmit and fast recovery (RFC 5681 §3.2 steps 2–4, RFC 6582
        /// §3.2 step 2) unless it belongs to data sent before the last recovery or timeout (SND.UNA below recover);
        /// each one in fast recovery inflates cwnd by one SMSS so a new segment may leave (step 3).
        /// </summary>
        private void DuplicateAckArrived(Tcb tcb, long now)
        {
            tcb.DupAcks++;
            if (tcb.DupAcks == 1)
            {
                tcb.FlightAtFirstDupAck = (int)(tcb.SndMax - tcb.SndUna);
            }

            if (tcb.InFastRecovery)
            {
                tcb.Cwnd += tcb.SndMss;
                return;
            }

            if (tcb.DupAcks != DuplicateAckThreshold || SequenceNumber.LessThan(tcb.SndUna, tcb.Recover))
            {
                return;
            }

            // RFC 5681 §3.2 step 2: FlightSize without the segments limited transmit sent.
            tcb.Ssthresh = LossThreshold(tcb.FlightAtFirstDupAck, tcb.SndMss);
            tcb.Recover = tcb.SndMax;
            tcb.InFastRecovery = true;
            Counters.fastRetransmits++;
            RetransmitFirstUnacknowledged(tcb, now);
            tcb.Cwnd = tcb.Ssthresh + (DuplicateAckThreshold * tcb.SndMss);
        }

        /// <summary>
        /// SND.UNA advanced by <paramref name="acked"/> bytes. In fast recovery (RFC 6582 §3.2 steps 3–4): a full
        /// ACK (covering recover) ends it with cwnd = min(ssthresh, max(FlightSize, SMSS) + SMSS); a partial ACK
        /// retransmits the next unacknowledged segment at once and deflates cwnd by the bytes acknowledged (adding
        /// back one SMSS when at least one was). Otherwise slow start below ssthresh (cwnd += min(acked, SMSS)) and
        /// congestion avoidance above it (one SMSS per cwnd of bytes acknowledged, RFC 5681 §3.1 byte counting).
        /// cwnd does not grow beyond the send ring: no more than the ring can ever be in flight.
        /// </summary>
        private void NewAckArrived(Tcb tcb, int acked, long now)
        {
            int smss = tcb.SndMss;
            if (tcb.InFastRecovery)
            {
                if (!SequenceNumber.LessThan(tcb.SndUna, tcb.Recover))
                {
                    int flight = (int)(tcb.SndMax - tcb.SndUna);
                    int deflated = (flight > smss ? flight : smss) + smss;
                    tcb.Cwnd = deflated < tcb.Ssthresh ? deflated : tcb.Ssthresh;
                    tcb.InFastRecovery = false;
                    tcb.DupAcks = 0;
                    tcb.AckedInAvoidance = 0;
                    return;
                }

                Counters.partialAckRetransmits++;
                RetransmitFirstUnacknowledged(tcb, now);
                tcb.Cwnd -= acked;
                if (acked >= smss)
                {
                    tcb.Cwnd += smss;
                }

                if (tcb.Cwnd < smss)
                {
                    tcb.Cwnd = smss;
                }

                return;
            }

            tcb.DupAcks = 0;
            if (tcb.Cwnd >= tcb.SendBuffer.Capacity)
            {
                return;
            }

            if (tcb.Cwnd < tcb.Ssthresh)
            {
                tcb.Cwnd += acked < smss ? acked : smss;
                return;
            }

            tcb.AckedInAvoidance += acked;
            if (tcb.AckedInAvoidance >= tcb.Cwnd)
            {
                tcb.AckedInAvoidance -= tcb.Cwnd;
                tcb.Cwnd += smss;
            }
        }

        /// <summary>
        /// RFC 5681 §3.1 equation (4) and §3.2: after a timeout, cwnd is one segment (the loss window) and, on the
        /// first expiry for this data, ssthresh = max(FlightSize / 2, 2·SMSS); recover = the highest sequence number
        /// sent, so duplicate ACKs for data sent before the timeout start no fast retransmit (RFC 6582 §4).
        /// </summary>
        private void CongestionAfterTimeout(Tcb tcb, bool firstExpiry)
        {
            if (firstExpiry)
            {
                tcb.Ssthresh = LossThreshold((int)(tcb.SndMax - tcb.SndUna), tcb.SndMss);
            }

            tcb.Cwnd = tcb.SndMss;
            tcb.InFastRecovery = false;
            tcb.DupAcks = 0;
            tcb.AckedInAvoidance = 0;
            tcb.Recover = tcb.SndMax;
            Counters.retransmissionTimeouts++;
        }

        /// <summary>RFC 5681 §3.1 equation (4): max(FlightSize / 2, 2·SMSS).</summary>
        private static int LossThreshold(int flightSize, int smss)
        {
            int half = flightSize / 2;
            int floor = 2 * smss;
            return half > floor ? half : floor;
        }

        /// <summary>
        /// Sends the segment at SND.UNA again (at most SMSS of the oldest unacknowledged data, or the FIN alone)
        /// without moving SND.NXT, and restarts the retransmission timer for it. Karn: the RTT sample is abandoned.
        /// </summary>
        private void RetransmitFirstUnacknowledged(Tcb tcb, long now)
        {
            int outstanding = (int)(tcb.SndMax - tcb.SndUna);
            bool finOutstanding = tcb.FinQueued && SequenceNumber.LessThanOrEqual(tcb.SndUna, tcb.FinSeq)
                && SequenceNumber.LessThan(tcb.FinSeq, tcb.SndMax);
            if (finOutstanding)
            {
                outstanding--;
            }

            int length = outstanding < tcb.SndMss ? outstanding : tcb.SndMss;
            tcb.RttTiming = false;
            Counters.retransmissions++;
            if (length > 0)
            {
                SendSegment(tcb, tcb.SndUna, TcpHeader.Ack, 0, length, false);
            }
            else if (finOutstanding)
            {
                SendSegment(tcb, tcb.FinSeq, TcpHeader.Fin | TcpHeader.Ack, 0, 0, false);
            }

            tcb.RetransmitDeadline = now + tcb.Rto;
        }
    }
}
