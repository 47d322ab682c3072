using NanoTcp.Wire;

namespace NanoTcp.Tcp
{
    /// <summary>Segments out: data and FIN within the peer's window and MSS, Nagle, ACKs, SYNs, resets.</summary>
    public sealed partial class TcpLayer
    {
        /// <summary>RFC 1122 §4.2.3.4: how long a short segment waits for a wider window with nothing in flight (0.1–1 s).</summary>
        private const int SillyWindowOverrideMilliseconds = 200;

        private bool _outputHeld;

        /// <summary>Set while the override timeout sends what the window allows, however short.</summary>
        private bool _sillyWindowOverride;
        private int _heldConnections;

        /// <summary>
        /// Until <see cref="ReleaseOutput"/>, SEND and CLOSE only queue their data and FIN; the release sends them. The
        /// firmware holds output while its HTTP server writes a step's responses, so that a response and the FIN after it
        /// leave as one segment, and several writes as few full ones (like Linux's TCP_CORK for one step).
        /// </summary>
        internal void HoldOutput()
        {
            lock (SyncRoot)
            {
                _outputHeld = true;
            }
        }

        /// <summary>Ends <see cref="HoldOutput"/>: sends what the connections queued meanwhile.</summary>
        internal void ReleaseOutput()
        {
            lock (SyncRoot)
            {
                _outputHeld = false;
                if (_heldConnections == 0)
                {
                    return;
                }

                _heldConnections = 0;
                long now = _clock.Milliseconds;
                for (int i = 0; i < _tcbs.Length; i++)
                {
                    Tcb tcb = _tcbs[i];
                    if (tcb.OutputHeld)
                    {
                        tcb.OutputHeld = false;
                        Output(tcb, now, int.MaxValue);
                    }
                }
            }
        }

        /// <summary>An application call's output: at once, or at <see cref="ReleaseOutput"/> while held.</summary>
        private void OutputOrHold(Tcb tcb, long now)
        {
            if (!_outputHeld)
            {
                Output(tcb, now, int.MaxValue);
                return;
            }

            if (!tcb.OutputHeld)
            {
                tcb.OutputHeld = true;
                _heldConnections++;
            }
        }

        /// <summary>
        /// RCV.WND with receiver silly window avoidance (RFC 1122 §4.2.3.3, RFC 9293 §3.8.6.2.2): the right edge
        /// RCV.NXT + RCV.WND stays where it was last advertised until the ring's free space (at most 65535 without
        /// window scaling) would move it by min(half the ring, Eff.snd.MSS); then the window is all the free space.
        /// A reader taking a few bytes at a time from a full ring so never offers the peer a small window. The edge
        /// never moves left: arriving data fills the ring exactly as it advances RCV.NXT.
        /// </summary>
        private static int ReceiveWindow(Tcb tcb)
        {
            int free = tcb.ReceiveBuffer.Free;
            if (free > 65535)
            {
                free = 65535;
            }

            // Data taken beyond the edge (a zero-window probe; the ring takes what fits, as BSD does) leaves it at RCV.NXT.
            int offered = (int)(tcb.RcvAdv - tcb.RcvNxt);
            if (offered < 0)
            {
                offered = 0;
            }

            int threshold = tcb.ReceiveBuffer.Capacity / 2;
            if (threshold > tcb.SndMss)
            {
                threshold = tcb.SndMss;
            }

            return free - offered >= threshold || offered > free ? free : offered;
        }

        /// <summary>Bytes of data sent and not yet acknowledged (SYN and FIN not counted).</summary>
        private static int DataInFlight(Tcb tcb)
        {
            int n = (int)(tcb.SndNxt - tcb.SndUna);
            if (tcb.SndUna == tcb.Iss && n > 0)
            {
                n--;
            }

            if (tcb.FinQueued && SequenceNumber.GreaterThan(tcb.SndNxt, tcb.FinSeq) && SequenceNumber.LessThanOrEqual(tcb.SndUna, tcb.FinSeq))
            {
                n--;
            }

            return n;
        }

        private static bool MaySendData(TcpState state)
        {
            return state == TcpState.Established || state == TcpState.CloseWait || state == TcpState.FinWait1
                || state == TcpState.Closing || state == TcpState.LastAck;
        }

        /// <summary>
        /// Sends what the window, the MSS and Nagle allow, at most <paramref name="maxSegments"/> segments, with the FIN
        /// on the segment that carries the last byte (or alone once every byte has gone). Never beyond SND.UNA + SND.WND, never more than the peer's MSS per segment.
        /// </summary>
        private void Output(Tcb tcb, long now, int maxSegments)
        {
            if (!MaySendData(tcb.State))
            {
                return;
            }

            RestartAfterIdle(tcb, now);
            int sent = 0;
            bool heldShort = false;
            while (sent < maxSegments)
            {
                int inFlight = DataInFlight(tcb);
                int unsent = tcb.SendBuffer.Count - inFlight;
                if (unsent <= 0)
                {
                    break;
                }

                int usable = (int)(tcb.SndUna + (uint)SendWindow(tcb) - tcb.SndNxt);
                int length = unsent;
                if (length > tcb.SndMss)
                {
                    length = tcb.SndMss;
                }

                if (length > usable)
                {
                    length = usable;
                }

                if (length <= 0)
                {
                    break;
                }

                if (length < tcb.SndMss && !MaySendShort(tcb, length, unsent, inFlight))
                {
                    heldShort = inFlight == 0;
                    break;
                }

                int flags = TcpHeader.Ack;
                if (length == unsent)
                {
                    flags |= TcpHeader.Psh;
                }

                // The FIN rides on the segment that carries the last queued byte: one segment fewer per response.
                bool fin = tcb.FinQueued && !tcb.FinSent && tcb.SndNxt + (uint)length == tcb.FinSeq;
                if (fin)
                {
                    flags |= TcpHeader.Fin;
                }

                bool newData = tcb.SndNxt == tcb.SndMax;
                SendSegment(tcb, tcb.SndNxt, flags, inFlight, length, false);
                if (length < tcb.SndMss)
                {
                    tcb.SmallSegmentSent = true;
                    tcb.SmallSegmentEnd = tcb.SndNxt + (uint)length;
                }

                if (!newData)
                {
                    Counters.retransmissions++;
                }

                if (newData && !tcb.RttTiming)
                {
                    tcb.RttTiming = true;
                    tcb.RttSeq = tcb.SndNxt + (uint)length;
                    tcb.RttStarted = now;
                }

                tcb.SndNxt += (uint)length;
                if (fin)
                {
                    tcb.FinSent = true;
                    tcb.SndNxt++;
                }

                tcb.SndMax = SequenceNumber.Max(tcb.SndMax, tcb.SndNxt);
                tcb.LastDataSent = now;
                if (tcb.RetransmitDeadline == Tcb.Never)
                {
                    tcb.RetransmitDeadline = now + tcb.Rto;
                }

                sent++;
            }

            if (tcb.FinQueued && !tcb.FinSent && sent < maxSegments && tcb.SndNxt == tcb.FinSeq)
            {
                if (tcb.SndNxt != tcb.SndMax)
                {
                    Counters.retransmissions++;
                }

                SendSegment(tcb, tcb.SndNxt, TcpHeader.Fin | TcpHeader.Ack, 0, 0, false);
                tcb.FinSent = true;
                tcb.SndNxt++;
                tcb.SndMax = SequenceNumber.Max(tcb.SndMax, tcb.SndNxt);
                if (tcb.RetransmitDeadline == Tcb.Never)
                {
                    tcb.RetransmitDeadline = now + tcb.Rto;
                }
            }

            // Zero window with data waiting and nothing in flight: the persist timer probes (RFC 9293 §3.8.6.1).
            if (tcb.SndWnd == 0 && tcb.SendBuffer.Count > DataInFlight(tcb) && tcb.SndNxt == tcb.SndUna
                && tcb.RetransmitDeadline == Tcb.Never && tcb.PersistDeadline == Tcb.Never)
            {
                tcb.PersistBackoff = 0;
                tcb.PersistDeadline = now + tcb.Rto;
            }

            // A short segment held with nothing in flight: no ACK will widen the window, so the override timeout sends it.
            if (heldShort && tcb.RetransmitDeadline == Tcb.Never && tcb.PersistDeadline == Tcb.Never)
            {
                tcb.PersistDeadline = now + SillyWindowOverrideMilliseconds;
            }
        }

        /// <summary>
        /// The sender's silly window avoidance (RFC 9293 §3.8.6.2.1, RFC 1122 §4.2.3.4) for a segment of
        /// <paramref name="length"/> &lt; MSS bytes of new data, the most the usable window min(cwnd, SND.WND) − in
        /// flight lets go of <paramref name="unsent"/> queued bytes. It goes when it is at least Fs·max(SND.WND) with
        /// Fs = 1/2, or when all queued data can go and Nagle allows, or at the override timeout. A short segment is held
        /// for an ACK only while two full segments are in flight (the peer ACKs those at once, RFC 5681 §4.2): with
        /// less, holding it would wait for the peer's delayed ACK, so it goes (a 2 KB ring or window still gives the
        /// peer two segments to ACK). With nothing in flight no ACK comes: the override timeout sends it.
        /// </summary>
        private bool MaySendShort(Tcb tcb, int length, int unsent, int inFlight)
        {
            if (_sillyWindowOverride || SequenceNumber.LessThan(tcb.SndNxt, tcb.SndMax) || length * 2 >= tcb.MaxSndWnd)
            {
                return true; // the override, a retransmission (already segmented), or a peer with a small window
            }

            bool ackDue = inFlight >= 2 * tcb.SndMss;
            if (length < unsent)
            {
                return inFlight != 0 && !ackDue; // the window leaves less than a segment of what is queued
            }

            if (inFlight == 0 || tcb.FinQueued)
            {
                return true; // all queued data, nothing in flight or the application has closed: nothing will fill it
            }

            // The application waits to queue more once the due ACK frees the ring: that fills the segment. A tail of an
            // eighth of the ring or more goes: holding it would leave that much of a small ring idle every round trip.
            if (tcb.MoreDataWaiting && ackDue && length * 8 < tcb.SendBuffer.Capacity)
            {
                return false;
            }

            // Nagle (RFC 9293 §3.7.4) in Minshall's form: hold a short segment back while an earlier short segment is
            // unacknowledged.
            return tcb.NoDelay || !tcb.SmallSegmentSent || !SequenceNumber.GreaterThan(tcb.SmallSegmentEnd, tcb.SndUna);
        }

        /// <summary>Builds one segment of connection <paramref name="tcb"/> in the transmit buffer and sends it.</summary>
        private void SendSegment(Tcb tcb, uint seq, int flags, int dataSkip, int dataLength, bool mssOption)
        {
            byte[] b = _transmit;
            int o = _transportOffset;
            int window = ReceiveWindow(tcb);
            tcb.RcvAdv = tcb.RcvNxt + (uint)window;
            uint ack = (flags & TcpHeader.Ack) != 0 ? tcb.RcvNxt : 0;
            int headerLength = TcpHeader.Write(b, o, tcb.LocalPort, tcb.RemotePort, seq, ack, flags, window, mssOption ? LocalMss : -1);
            if (dataLength > 0)
            {
                tcb.SendBuffer.Peek(dataSkip, b, o + headerLength, dataLength);
            }

            if ((flags & TcpHeader.Ack) != 0)
            {
                tcb.DelayedAckDeadline = Tcb.Never;
                tcb.FullSegmentsUnacked = 0;
            }

            Transmit(tcb.LocalAddress, tcb.LocalPort, tcb.RemoteAddress, tcb.RemotePort, seq, ack, flags, window, headerLength, dataLength);
        }

        /// <summary>
        /// A bare ACK: &lt;SEQ=SND.NXT&gt;&lt;ACK=RCV.NXT&gt;&lt;CTL=ACK&gt;, with SND.NXT taken as the highest sequence
        /// number sent (SND.MAX) but not beyond the peer's window (SND.UNA + SND.WND). After a timeout SND.NXT goes back
        /// to SND.UNA while the peer may already hold everything up to SND.MAX; an ACK with an older SEQ would fail the
        /// peer's acceptability test and its ACK field be lost (both sides retransmitting would then never progress).
        /// Capping at the window's end keeps the SEQ acceptable when the peer's window closed on data in flight.
        /// </summary>
        private void SendAck(Tcb tcb)
        {
            SendSegment(tcb, AckSequence(tcb), TcpHeader.Ack, 0, 0, false);
        }

        private static uint AckSequence(Tcb tcb)
        {
            uint windowEnd = tcb.SndUna + (uint)tcb.SndWnd;
            uint seq = SequenceNumber.LessThanOrEqual(tcb.SndMax, windowEnd) ? tcb.SndMax : windowEnd;
            return SequenceNumber.LessThan(seq, tcb.SndNxt) ? tcb.SndNxt : seq;
        }

        /// <summary>&lt;SEQ=ISS&gt;&lt;ACK=RCV.NXT&gt;&lt;CTL=SYN,ACK&gt; with our MSS; (re)starts the retransmission timer.</summary>
        private void SendSynAck(Tcb tcb, long now)
        {
            SendSegment(tcb, tcb.Iss, TcpHeader.Syn | TcpHeader.Ack, 0, 0, true);
            tcb.RetransmitDeadline = now + tcb.Rto;
        }

        /// <summary>&lt;SEQ=ISS&gt;&lt;CTL=SYN&gt; with our MSS.</summary>
        private void SendSyn(Tcb tcb, long now)
        {
            SendSegment(tcb, tcb.Iss, TcpHeader.Syn, 0, 0, true);
            tcb.RetransmitDeadline = now + tcb.Rto;
        }

        /// <summary>A RST without a connection: &lt;SEQ=seq&gt;&lt;CTL=RST&gt; or &lt;SEQ=seq&gt;&lt;ACK=ack&gt;&lt;CTL=RST,ACK&gt;.</summary>
        private void SendReset(uint localAddress, int localPort, uint remoteAddress, int remotePort, uint seq, uint ack, bool withAck)
        {
            Counters.resetsSent++;
            SendBare(localAddress, localPort, remoteAddress, remotePort, seq, ack, withAck ? TcpHeader.Rst | TcpHeader.Ack : TcpHeader.Rst, 0);
        }

        /// <summary>A header-only segment outside any connection slot (resets, TIME-WAIT ACKs).</summary>
        private void SendBare(uint localAddress, int localPort, uint remoteAddress, int remotePort, uint seq, uint ack, int flags, int window)
        {
            if (window > 65535)
            {
                window = 65535;
            }

            int headerLength = TcpHeader.Write(_transmit, _transportOffset, localPort, remotePort, seq, ack, flags, window, -1);
            Transmit(localAddress, localPort, remoteAddress, remotePort, seq, ack, flags, window, headerLength, 0);
        }

        /// <summary>RFC 4987 §3.6: answer a SYN with a SYN,ACK whose ISN is a cookie; no state is kept.</summary>
        private void SendSynCookie(long now)
        {
            TcpSegment seg = _seg;
            int mss = EffectiveMss(seg.Mss);
            uint cookie = SynCookie.Make(_hash, now, seg.Destination, seg.DestinationPort, seg.Source, seg.SourcePort, seg.Seq, mss);
            Counters.synCookiesSent++;
            _lastSynCookieSent = now;
            int window = _config.ReceiveBufferSize > 65535 ? 65535 : _config.ReceiveBufferSize;
            uint ack = seg.Seq + 1;
            int headerLength = TcpHeader.Write(_transmit, _transportOffset, seg.DestinationPort, seg.SourcePort, cookie, ack, TcpHeader.Syn | TcpHeader.Ack, window, LocalMss);
            Transmit(seg.Destination, seg.DestinationPort, seg.Source, seg.SourcePort, cookie, ack, TcpHeader.Syn | TcpHeader.Ack, window, headerLength, 0);
        }

        /// <summary>Fills the checksum (pseudo-header folded in) and hands the segment to IPv4.</summary>
        private void Transmit(uint localAddress, int localPort, uint remoteAddress, int remotePort, uint seq, uint ack, int flags, int window, int headerLength, int dataLength)
        {
            byte[] b = _transmit;
            int o = _transportOffset;
            int length = headerLength + dataLength;
            uint source = localAddress != 0 ? localAddress : _ip.LocalAddress;
            TcpHeader.FillChecksum(b, o, length, source, remoteAddress);
            Counters.segmentsSent++;
            if (Trace != null)
            {
                Trace.Segment(_clock.Milliseconds, true, source, localPort, remoteAddress, remotePort, seq, ack, flags, window, dataLength);
            }

            if (!_ip.SendTransport(remoteAddress, TcpHeader.ProtocolNumber, length))
            {
                Counters.sendFailed++;
            }
        }

        /// <summary>RFC 6298 §2: an RTT sample when the timed segment is acknowledged; Karn: never from a retransmission.</summary>
        private void SampleRoundTrip(Tcb tcb, uint ack, long now)
        {
            if (!tcb.RttTiming || SequenceNumber.LessThan(ack, tcb.RttSeq))
            {
                return;
            }

            tcb.RttTiming = false;
            int r = (int)(now - tcb.RttStarted);
            if (!tcb.HasRttSample)
            {
                // RFC 6298 §2.2: SRTT = R, RTTVAR = R/2.
                tcb.HasRttSample = true;
                tcb.Srtt = r;
                tcb.RttVar = r / 2;
            }
            else
            {
                // RFC 6298 §2.3: RTTVAR = 3/4 RTTVAR + 1/4 |SRTT − R|, then SRTT = 7/8 SRTT + 1/8 R.
                int delta = tcb.Srtt - r;
                if (delta < 0)
                {
                    delta = -delta;
                }

                tcb.RttVar = ((3 * tcb.RttVar) + delta) / 4;
                tcb.Srtt = ((7 * tcb.Srtt) + r) / 8;
            }

            // RTO = SRTT + max(G, 4·RTTVAR) with a 1 ms clock granularity G, then the bounds.
            int k = 4 * tcb.RttVar;
            int rto = tcb.Srtt + (k > 1 ? k : 1);
            if (rto < _config.MinimumRetransmissionTimeout)
            {
                rto = _config.MinimumRetransmissionTimeout;
            }

            if (rto > _config.MaximumRetransmissionTimeout)
            {
                rto = _config.MaximumRetransmissionTimeout;
            }

            tcb.Rto = rto;
        }
    }
}
