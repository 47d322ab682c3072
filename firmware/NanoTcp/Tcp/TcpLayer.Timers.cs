using NanoTcp.Wire;

namespace NanoTcp.Tcp
{
    /// <summary>Timers, all from the tick passed to Poll: retransmission, SYN/SYN-ACK retry, persist, delayed ACK, keep-alive, FIN-WAIT-2, TIME-WAIT.</summary>
    public sealed partial class TcpLayer
    {
        private long RunTimers(long now)
        {
            long next = _timeWait.Expire(now);
            bool pressure = UnderPressure(now);
            for (int i = 0; i < _tcbs.Length; i++)
            {
                Tcb tcb = _tcbs[i];
                if (tcb.State == TcpState.Closed || HalfOpenExpires(tcb, now, pressure))
                {
                    continue;
                }

                if (tcb.RetransmitDeadline <= now)
                {
                    RetransmissionTimeout(tcb, now);
                }

                if (tcb.State != TcpState.Closed && tcb.PersistDeadline <= now)
                {
                    PersistTimeout(tcb, now);
                }

                if (tcb.State != TcpState.Closed && tcb.DelayedAckDeadline <= now)
                {
                    SendAck(tcb);
                }

                if (tcb.State != TcpState.Closed && tcb.KeepAliveDeadline <= now)
                {
                    KeepAliveTimeout(tcb, now);
                }

                if (tcb.State != TcpState.Closed && tcb.FinWait2Deadline <= now)
                {
                    // The application has closed and the peer never sent its FIN: give the slot back.
                    EndConnection(tcb, TcpError.None, now);
                }

                if (tcb.State == TcpState.Closed)
                {
                    continue;
                }

                // Compared in place: five calls per slot per poll add up on nanoCLR.
                if (tcb.RetransmitDeadline < next)
                {
                    next = tcb.RetransmitDeadline;
                }

                if (tcb.PersistDeadline < next)
                {
                    next = tcb.PersistDeadline;
                }

                if (tcb.DelayedAckDeadline < next)
                {
                    next = tcb.DelayedAckDeadline;
                }

                if (tcb.KeepAliveDeadline < next)
                {
                    next = tcb.KeepAliveDeadline;
                }

                if (tcb.FinWait2Deadline < next)
                {
                    next = tcb.FinWait2Deadline;
                }
                if (pressure && tcb.State == TcpState.SynReceived && tcb.PassiveOpen)
                {
                    next = Earliest(next, tcb.OpenStarted + _config.SynReceivedPressureTimeout);
                }
            }

            AdmitWaiting(now);
            return Earliest(next, NextEviction(now));
        }

        private static long Earliest(long a, long b) => a < b ? a : b;

        /// <summary>
        /// The retransmission timer fired. SYN-SENT: resend the SYN with a doubled interval until the give-up time;
        /// SYN-RECEIVED: resend the SYN,ACK a bounded number of times; otherwise RFC 6298 §5.4–5.6: retransmit the
        /// earliest unacknowledged segment, double the RTO, and after too many tries reset the connection.
        /// </summary>
        private void RetransmissionTimeout(Tcb tcb, long now)
        {
            _ip.NextHopInDoubt(tcb.RemoteAddress); // RFC 1122 §2.3.2.1: a wrong ARP entry shows as retransmissions.
            tcb.RttTiming = false; // Karn: no sample from anything sent before this point.
            if (tcb.State == TcpState.SynSent)
            {
                long giveUp = tcb.OpenStarted + _config.SynGiveUpTime;
                if (now >= giveUp)
                {
                    EndConnection(tcb, TcpError.TimedOut, now);
                    return;
                }

                tcb.Retries++;
                tcb.Rto *= 2;
                Counters.retransmissions++;
                SendSyn(tcb, now);
                if (tcb.RetransmitDeadline > giveUp)
                {
                    tcb.RetransmitDeadline = giveUp;
                }

                return;
            }

            if (tcb.State == TcpState.SynReceived)
            {
                if (tcb.Retries >= _config.SynAckRetries)
                {
                    EndConnection(tcb, tcb.PassiveOpen ? TcpError.None : TcpError.TimedOut, now);
                    return;
                }

                tcb.Retries++;
                tcb.Rto *= 2;
                Counters.retransmissions++;
                SendSynAck(tcb, now);
                return;
            }

            if (tcb.SndUna == tcb.SndMax)
            {
                tcb.RetransmitDeadline = Tcb.Never;
                return;
            }

            if (tcb.Retries == 0)
            {
                tcb.RetransmitStarted = now;
            }

            if (tcb.Retries >= _config.MaximumRetransmissions && now - tcb.RetransmitStarted >= _config.MaximumRetransmissionTime)
            {
                Counters.connectionsTimedOut++;
                Counters.resetsSent++;
                SendSegment(tcb, tcb.SndMax, TcpHeader.Rst, 0, 0, false);
                EndConnection(tcb, TcpError.TimedOut, now);
                return;
            }

            bool firstExpiry = tcb.Retries == 0;
            tcb.Retries++;
            tcb.Rto *= 2;
            if (tcb.Rto > _config.MaximumRetransmissionTimeout)
            {
                tcb.Rto = _config.MaximumRetransmissionTimeout;
            }

            // Go back to the first unacknowledged byte and send one segment from there.
            tcb.SndNxt = tcb.SndUna;
            tcb.FinSent = false;
            tcb.RetransmitDeadline = Tcb.Never;
            if (tcb.SndWnd == 0 && tcb.SendBuffer.Count > 0)
            {
                // The peer closed its window: the persist timer takes over (it never gives up while answered).
                tcb.Retries = 0;
                tcb.PersistBackoff = 0;
                tcb.PersistDeadline = now;
                PersistTimeout(tcb, now);
                return;
            }

            CongestionAfterTimeout(tcb, firstExpiry);
            Output(tcb, now, 1);
            tcb.RetransmitDeadline = now + tcb.Rto;
        }

        /// <summary>
        /// Zero-window probe (RFC 9293 §3.8.6.1): a segment the receiver must answer with an ACK carrying its current
        /// window. It is sent as &lt;SEQ=SND.UNA−1&gt; without data (as Linux does), so it never puts a byte beyond the
        /// window; the interval doubles up to the RTO bound and probing goes on while the peer answers.
        /// </summary>
        private void PersistTimeout(Tcb tcb, long now)
        {
            tcb.PersistDeadline = Tcb.Never;
            if (tcb.SndWnd != 0)
            {
                // The sender's silly window override timeout (RFC 1122 §4.2.3.4): send the short segment it held.
                _sillyWindowOverride = true;
                Output(tcb, now, 1);
                _sillyWindowOverride = false;
                return;
            }

            if (tcb.SendBuffer.Count == 0)
            {
                return;
            }

            SendSegment(tcb, tcb.SndUna - 1, TcpHeader.Ack, 0, 0, false);
            tcb.PersistBackoff++;
            long interval = (long)tcb.Rto << (tcb.PersistBackoff < 6 ? tcb.PersistBackoff : 6);
            if (interval > _config.MaximumRetransmissionTimeout)
            {
                interval = _config.MaximumRetransmissionTimeout;
            }

            tcb.PersistDeadline = now + interval;
        }

        /// <summary>RFC 1122 §4.2.3.6: after the idle time, probe &lt;SEQ=SND.NXT−1&gt;; after the last unanswered probe, drop.</summary>
        private void KeepAliveTimeout(Tcb tcb, long now)
        {
            if (tcb.KeepAliveProbesSent >= tcb.KeepAliveProbes)
            {
                EndConnection(tcb, TcpError.TimedOut, now);
                return;
            }

            tcb.KeepAliveProbesSent++;
            SendSegment(tcb, tcb.SndMax - 1, TcpHeader.Ack, 0, 0, false);
            tcb.KeepAliveDeadline = now + tcb.KeepAliveInterval;
        }
    }
}
