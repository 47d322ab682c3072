namespace NanoTcp.Tcp
{
    /// <summary>
    /// Segment arrival in LISTEN (RFC 9293 §3.10.7.2) with SYN cookies (RFC 4987 §3.6): a SYN gets a slot or a
    /// cookie; a returning cookie ACK gets a slot or joins the admission queue (TcpLayer.Admission.cs). Called by
    /// <see cref="SegmentArrives"/> when no connection and no TIME-WAIT record matches.
    /// </summary>
    public sealed partial class TcpLayer
    {
        /// <summary>RFC 9293 §3.10.7.2: LISTEN. RST ignored; ACK reset (unless it returns a valid SYN cookie); SYN opens.</summary>
        private void SegmentArrivesInListen(int listener, long now)
        {
            TcpSegment seg = _seg;
            if (seg.Rst)
            {
                // A queued cookie peer that gave up leaves the admission queue.
                int waiting = _cookieWait.Find(seg.Destination, seg.DestinationPort, seg.Source, seg.SourcePort, now);
                if (waiting >= 0)
                {
                    _cookieWait.Remove(waiting);
                }

                Drop(TcpDropReason.ResetWithoutConnection);
                return;
            }

            if (seg.HasAck)
            {
                if (!seg.Syn && _config.SynCookies && WaitingPeerRetransmits(now))
                {
                    return;
                }

                if (!seg.Syn && _config.SynCookies && AcceptSynCookie(listener, now))
                {
                    return;
                }

                // A cookie checks only on the peer's first segment (it hashes the peer's ISN). When that segment
                // found no slot and no room in the queue, the peer's later data or FIN fails the check; a RST would
                // kill a connection the peer already believes open. While cookies are recent, such a segment is
                // dropped instead: the peer retransmits from its first byte, which checks again. A bare ACK is reset.
                if (!seg.Syn && seg.Length > 0 && now - _lastSynCookieSent < 2 * SynCookie.CounterPeriod)
                {
                    Drop(TcpDropReason.AfterSynCookies);
                    return;
                }

                SendReset(seg.Destination, seg.DestinationPort, seg.Source, seg.SourcePort, seg.Ack, 0, false);
                return;
            }

            if (!seg.Syn)
            {
                Drop(TcpDropReason.WithoutSyn);
                return;
            }

            // A slot is spent on a half-open connection only while one is free, no client waits for one (first come,
            // first served), the backlog has room and the half-open limit is not reached. Otherwise the SYN gets a
            // SYN cookie and no state: the peer's ACK (and request) then gets a slot or joins the admission queue,
            // instead of the peer backing off its SYN (1, 2, 4 s...) while fresh clients take every freed slot.
            if (FreeSlotCount() == 0 || _cookieWait.Live(now) > 0 || PendingCount(listener) >= _listenerBacklog[listener]
                || HalfOpenCount() >= _config.HalfOpenLimit)
            {
                if (_config.SynCookies)
                {
                    SendSynCookie(now);
                }
                else
                {
                    Drop(TcpDropReason.ListenOverflow);
                }

                return;
            }

            Tcb tcb = AllocateSlot();

            // Data or FIN on the SYN is not taken: it is not acknowledged, so the peer sends it again.
            BindPassiveOpen(tcb, listener, seg.Seq);
            tcb.Iss = NewIss(now, tcb.LocalAddress, tcb.LocalPort, tcb.RemoteAddress, tcb.RemotePort);
            tcb.SndUna = tcb.Iss;
            tcb.SndNxt = tcb.Iss + 1;
            tcb.SndMax = tcb.SndNxt;
            tcb.SndWnd = seg.Window;
            tcb.MaxSndWnd = seg.Window;
            tcb.SndWl1 = seg.Seq;
            tcb.SndWl2 = tcb.Iss;
            tcb.SndMss = EffectiveMss(seg.Mss);
            tcb.OpenStarted = now;
            tcb.LastProgress = now;
            tcb.Rto = _config.InitialRetransmissionTimeout;
            SetState(tcb, TcpState.SynReceived, now);
            SendSynAck(tcb, now);
            tcb.RttTiming = true;
            tcb.RttSeq = tcb.SndNxt;
            tcb.RttStarted = now;
        }

        /// <summary>A slot taken by a passive open: the arriving segment's four-tuple, the listener, and the peer's ISN.</summary>
        private void BindPassiveOpen(Tcb tcb, int listener, uint irs)
        {
            TcpSegment seg = _seg;
            tcb.LocalAddress = seg.Destination;
            tcb.LocalPort = seg.DestinationPort;
            tcb.RemoteAddress = seg.Source;
            tcb.RemotePort = seg.SourcePort;
            tcb.PassiveOpen = true;
            tcb.Listener = listener;
            tcb.Irs = irs;
            tcb.RcvNxt = irs + 1;
            tcb.RcvAdv = tcb.RcvNxt;
        }

        /// <summary>
        /// RFC 4987 §3.6: an ACK to a listener that returns a cookie we issued creates the connection directly in
        /// ESTABLISHED when a slot is free and no one queues before it, and the segment is processed there (it may
        /// carry data). Otherwise the peer joins the admission queue with its first data (or, the queue full, the
        /// segment is dropped and its retransmission checks again).
        /// </summary>
        private bool AcceptSynCookie(int listener, long now)
        {
            TcpSegment seg = _seg;
            int mss = SynCookie.Check(_hash, now, seg.Destination, seg.DestinationPort, seg.Source, seg.SourcePort, seg.Seq - 1, seg.Ack - 1);
            if (mss < 0)
            {
                return false;
            }

            Tcb tcb = _cookieWait.Live(now) == 0 && PendingCount(listener) < _listenerBacklog[listener] ? AllocateSlot() : null;
            if (tcb == null)
            {
                QueueCookiePeer(listener, mss, now);
                return true;
            }

            Counters.synCookiesAccepted++;
            BindPassiveOpen(tcb, listener, seg.Seq - 1);
            OpenFromCookie(tcb, seg.Ack - 1, mss, seg.Window, now);
            _ackNow = false;
            SegmentArrivesInSynchronizedState(tcb, now);
            if (tcb.State != TcpState.Closed)
            {
                Output(tcb, now, int.MaxValue);
                if (_ackNow)
                {
                    SendAck(tcb);
                }
            }

            return true;
        }
    }
}
