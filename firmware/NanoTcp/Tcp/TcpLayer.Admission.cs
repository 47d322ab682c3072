using NanoTcp.Wire;

namespace NanoTcp.Tcp
{
    /// <summary>
    /// Admission of passive connections when slots run short: the admission queue of SYN-cookie peers (first come,
    /// first served), eviction of the connection stalled longest when a queued peer needs its slot, and the early
    /// end of half-open slots under pressure. Called from segment arrival (LISTEN) and from the timers.
    /// </summary>
    public sealed partial class TcpLayer
    {
        /// <summary>Peers in the admission queue: their cookie ACK found no slot and they wait for the next one.</summary>
        public int AdmissionQueueLength => _cookieWait.Live(_clock.Milliseconds);

        /// <summary>Under pressure: a peer waits for a slot, or SYN cookies went out recently.</summary>
        private bool UnderPressure(long now) => _cookieWait.Live(now) > 0 || now - _lastSynCookieSent < _config.PressureWindow;

        /// <summary>The slot of a connection created from a SYN cookie (LISTEN → SYN-RECEIVED → ESTABLISHED at once).</summary>
        private void OpenFromCookie(Tcb tcb, uint iss, int mss, int window, long now)
        {
            tcb.Iss = iss;
            tcb.SndUna = iss + 1;
            tcb.SndNxt = iss + 1;
            tcb.SndMax = iss + 1;
            tcb.SndWnd = window;
            tcb.MaxSndWnd = window;
            tcb.SndWl1 = tcb.Irs + 1;
            tcb.SndWl2 = iss + 1;
            tcb.SndMss = EffectiveMss(mss);
            tcb.Rto = _config.InitialRetransmissionTimeout;
            tcb.OpenStarted = now;
            tcb.LastProgress = now;
            SetState(tcb, TcpState.SynReceived, now);
            MarkEstablished(tcb, now);
        }

        /// <summary>A valid cookie ACK found no slot it may take: queue the peer with its first data, then try to admit.</summary>
        private void QueueCookiePeer(int listener, int mss, long now)
        {
            TcpSegment seg = _seg;
            int index = _cookieWait.Add(seg.Destination, seg.DestinationPort, seg.Source, seg.SourcePort, listener, seg.Seq - 1, seg.Ack - 1, mss, seg.Window,
                seg.Buffer, seg.DataOffset, seg.DataLength, now, now + _config.SynCookieWaitTimeout);
            if (index < 0)
            {
                Drop(TcpDropReason.NoSlot);
                return;
            }

            Counters.admissionsQueued++;
            AdmitWaiting(now);
        }

        /// <summary>
        /// A segment of a queued peer: its data is kept with the record where it continues the kept bytes (the request
        /// after a bare cookie ACK), the rest dropped (the peer retransmits it); the record lives longer. False when
        /// the peer is not queued.
        /// </summary>
        private bool WaitingPeerRetransmits(long now)
        {
            TcpSegment seg = _seg;
            int index = _cookieWait.Find(seg.Destination, seg.DestinationPort, seg.Source, seg.SourcePort, now);
            if (index < 0)
            {
                return false;
            }

            Counters.segmentsWhileQueued++;
            if (seg.DataLength > 0)
            {
                _cookieWait.Append(index, seg.Seq, seg.Buffer, seg.DataOffset, seg.DataLength);
            }

            _cookieWait.Renew(index, now + _config.SynCookieWaitTimeout);
            return true;
        }

        /// <summary>
        /// Gives free slots to queued peers, oldest first; when none is free, evicts the connection stalled longest
        /// (if one has stalled for <see cref="TcpConfiguration.EvictionStallTime"/>). The admitted connection is
        /// ESTABLISHED with the kept data in its receive ring, and the peer gets an ACK at once.
        /// </summary>
        private void AdmitWaiting(long now)
        {
            for (;;)
            {
                int index = _cookieWait.Oldest(now);
                Counters.admissionsExpired = _cookieWait.Expired;
                if (index < 0)
                {
                    return;
                }

                int listener = _cookieWait.Listener(index);
                if (_listenerPort[listener] != _cookieWait.LocalPort(index))
                {
                    _cookieWait.Remove(index); // the listener stopped; the peer's retransmission will be reset
                    continue;
                }

                if (PendingCount(listener) >= _listenerBacklog[listener])
                {
                    return; // the application accepts first; that frees nothing to evict for
                }

                Tcb tcb = AllocateSlot();
                if (tcb == null && EvictStalled(now))
                {
                    tcb = AllocateSlot();
                }

                if (tcb == null)
                {
                    return;
                }

                Counters.admittedFromQueue++;
                tcb.LocalAddress = _cookieWait.LocalAddress(index);
                tcb.LocalPort = _cookieWait.LocalPort(index);
                tcb.RemoteAddress = _cookieWait.RemoteAddress(index);
                tcb.RemotePort = _cookieWait.RemotePort(index);
                tcb.PassiveOpen = true;
                tcb.Listener = listener;
                tcb.Irs = _cookieWait.Irs(index);
                tcb.RcvNxt = tcb.Irs + 1;
                tcb.RcvAdv = tcb.RcvNxt;
                OpenFromCookie(tcb, _cookieWait.Iss(index), _cookieWait.Mss(index), _cookieWait.Window(index), now);
                int length = _cookieWait.DataLength(index);
                if (length > 0)
                {
                    tcb.RcvNxt += (uint)tcb.ReceiveBuffer.Write(_cookieWait.Data, _cookieWait.DataOffset(index), length);
                    tcb.Signal();
                }

                bool lost = _cookieWait.DataLost(index);
                _cookieWait.Remove(index);
                SendAck(tcb);
                if (lost)
                {
                    // The peer sent more than the record kept and backs off its retransmissions while it waits: three
                    // duplicate ACKs, as a receiver sends for segments past a hole, make it resend at once by fast
                    // retransmit (RFC 5681 §3.2) instead of at a timeout seconds away (a quiet slot is evicted).
                    for (int i = 0; i < DuplicateAckThreshold; i++)
                    {
                        SendAck(tcb);
                    }
                }
            }
        }

        /// <summary>
        /// Resets the passive connection that has made no progress for longest, if it has stalled for at least
        /// <see cref="TcpConfiguration.EvictionStallTime"/>. Called only when a queued peer needs a slot. While an
        /// evicted slot is still held (the application has not closed its handle yet) no second one is evicted.
        /// </summary>
        private bool EvictStalled(long now)
        {
            Tcb victim = null;
            for (int i = 0; i < _tcbs.Length; i++)
            {
                Tcb tcb = _tcbs[i];
                if (tcb.State == TcpState.Closed)
                {
                    if (tcb.Owner != null && tcb.Error == TcpError.Evicted)
                    {
                        return false;
                    }

                    continue;
                }

                if (tcb.PassiveOpen && now - tcb.LastProgress >= _config.EvictionStallTime
                    && (victim == null || tcb.LastProgress < victim.LastProgress))
                {
                    victim = tcb;
                }
            }

            if (victim == null)
            {
                return false;
            }

            Counters.connectionsEvicted++;
            Counters.resetsSent++;
            SendSegment(victim, victim.SndMax, TcpHeader.Rst, 0, 0, false);
            EndConnection(victim, TcpError.Evicted, now);
            return true;
        }

        /// <summary>When the next stalled connection becomes evictable while a peer waits; <see cref="Tcb.Never"/> otherwise.</summary>
        private long NextEviction(long now)
        {
            if (_cookieWait.Live(now) == 0)
            {
                return Tcb.Never;
            }

            long next = Tcb.Never;
            for (int i = 0; i < _tcbs.Length; i++)
            {
                Tcb tcb = _tcbs[i];
                if (tcb.State != TcpState.Closed && tcb.PassiveOpen)
                {
                    long at = tcb.LastProgress + _config.EvictionStallTime;
                    next = at < next ? at : next;
                }
            }

            return next;
        }

        /// <summary>
        /// Under pressure a passive SYN-RECEIVED slot lasts <see cref="TcpConfiguration.SynReceivedPressureTimeout"/>:
        /// a real peer's ACK comes within a round trip, a flood's never does. True when it was given up.
        /// </summary>
        private bool HalfOpenExpires(Tcb tcb, long now, bool pressure)
        {
            if (!pressure || tcb.State != TcpState.SynReceived || !tcb.PassiveOpen
                || now - tcb.OpenStarted < _config.SynReceivedPressureTimeout)
            {
                return false;
            }

            Counters.halfOpenExpired++;
            EndConnection(tcb, TcpError.None, now);
            return true;
        }
    }
}
