using System.Threading;
using NanoTcp.Hardware;
using NanoTcp.Wire;

namespace NanoTcp.Tcp
{
    /// <summary>The user calls of RFC 9293 §3.10.1–§3.10.6 (OPEN, SEND, RECEIVE, CLOSE, ABORT), used by the sockets API.</summary>
    public sealed partial class TcpLayer
    {
        /// <summary>
        /// The loop's wake signal (null: none). Every application call through <see cref="TcpConnection"/> that may give
        /// the loop work or a nearer deadline (data queued, data read, shutdown, close, abort, connect) sets it afterwards,
        /// so a loop waiting for its next timer runs at once (ARCHITECTURE.md, "Runtime model").
        /// </summary>
        public IWakeSignal Wake { get; set; }

        /// <summary>Sets <see cref="Wake"/>, after an application call made its change (outside the lock).</summary>
        internal void WakeLoop()
        {
            IWakeSignal wake = Wake;
            if (wake != null)
            {
                wake.Set();
            }
        }

        /// <summary>Claims a listener entry for <paramref name="port"/>; returns its index.</summary>
        internal int AddListener(int port, int backlog)
        {
            if (port <= 0 || port > 65535)
            {
                throw new System.ArgumentOutOfRangeException(nameof(port), "a TCP port is 1..65535");
            }

            lock (_syncRoot)
            {
                if (FindListener(port) >= 0)
                {
                    throw new System.InvalidOperationException("port " + port.ToString() + " already has a listener; stop it first");
                }

                for (int i = 0; i < _listenerPort.Length; i++)
                {
                    if (_listenerPort[i] == 0)
                    {
                        _listenerPort[i] = port;
                        _listenerBacklog[i] = backlog > 0 ? backlog : 1;
                        _listenerChanged[i].Reset();
                        return i;
                    }
                }
            }

            throw new TableFullException("all " + _listenerPort.Length.ToString() + " listener entries are in use; raise TcpConfiguration.ListenerCount");
        }

        /// <summary>Frees a listener entry; connections it had not yet handed out are reset.</summary>
        internal void RemoveListener(int listener)
        {
            lock (_syncRoot)
            {
                long now = _clock.Milliseconds;
                _listenerPort[listener] = 0;
                for (int i = 0; i < _tcbs.Length; i++)
                {
                    Tcb tcb = _tcbs[i];
                    if (tcb.State != TcpState.Closed && tcb.PassiveOpen && !tcb.Accepted && tcb.Listener == listener)
                    {
                        Counters.resetsSent++;
                        SendSegment(tcb, tcb.SndMax, TcpHeader.Rst, 0, 0, false);
                        EndConnection(tcb, TcpError.Aborted, now);
                    }
                }

                SignalListener(listener);
            }
        }

        internal WaitHandle ListenerChanged(int listener) => _listenerChanged[listener];

        /// <summary>Counts an accepting thread in before it first looks for a connection (see <see cref="Tcb.Signal"/>).</summary>
        internal void BeginAcceptWait(int listener) => Interlocked.Increment(ref _listenerWaiters[listener]);

        internal void EndAcceptWait(int listener) => Interlocked.Decrement(ref _listenerWaiters[listener]);

        /// <summary>Wakes the threads waiting in Accept on <paramref name="listener"/>, only if one waits (as <see cref="Tcb.Signal"/>).</summary>
        private void SignalListener(int listener)
        {
            if (Interlocked.CompareExchange(ref _listenerWaiters[listener], 0, 0) != 0)
            {
                _listenerChanged[listener].Set();
            }
        }

        /// <summary>
        /// The earliest established connection of the listener not yet accepted, marked accepted, with its handle; or
        /// null without allocating anything when none is waiting.
        /// </summary>
        internal TcpConnection TakePending(int listener)
        {
            lock (_syncRoot)
            {
                Tcb best = null;
                for (int i = 0; i < _tcbs.Length; i++)
                {
                    Tcb tcb = _tcbs[i];
                    if (tcb.PassiveOpen && !tcb.Accepted && tcb.Listener == listener
                        && (tcb.State == TcpState.Established || tcb.State == TcpState.CloseWait)
                        && (best == null || tcb.EstablishedOrder < best.EstablishedOrder))
                    {
                        best = tcb;
                    }
                }

                if (best == null)
                {
                    return null;
                }

                TcpConnection connection = new TcpConnection(this);
                best.Accepted = true;
                best.Owner = connection;
                connection.Attach(best);
                return connection;
            }
        }

        internal bool HasPending(int listener)
        {
            lock (_syncRoot)
            {
                for (int i = 0; i < _tcbs.Length; i++)
                {
                    Tcb tcb = _tcbs[i];
                    if (tcb.PassiveOpen && !tcb.Accepted && tcb.Listener == listener
                        && (tcb.State == TcpState.Established || tcb.State == TcpState.CloseWait))
                    {
                        return true;
                    }
                }

                return false;
            }
        }

        /// <summary>Active OPEN (RFC 9293 §3.10.1): CLOSED → SYN-SENT, SYN sent with our MSS.</summary>
        internal Tcb OpenActive(uint remoteAddress, int remotePort, TcpConnection owner)
        {
            if (remotePort <= 0 || remotePort > 65535)
            {
                throw new System.ArgumentOutOfRangeException(nameof(remotePort), "a TCP port is 1..65535");
            }

            lock (_syncRoot)
            {
                Tcb tcb = AllocateSlot();
                if (tcb == null)
                {
                    throw new TableFullException("all " + _tcbs.Length.ToString() + " connection slots are in use; close one or raise TcpConfiguration.ConnectionCount");
                }

                long now = _clock.Milliseconds;
                tcb.Owner = owner;
                tcb.LocalAddress = _ip.LocalAddress;
                tcb.LocalPort = NextEphemeralPort(remoteAddress, remotePort);
                tcb.RemoteAddress = remoteAddress;
                tcb.RemotePort = remotePort;
                tcb.Iss = NewIss(now, tcb.LocalAddress, tcb.LocalPort, remoteAddress, remotePort);
                tcb.SndUna = tcb.Iss;
                tcb.SndNxt = tcb.Iss + 1;
                tcb.SndMax = tcb.SndNxt;
                tcb.OpenStarted = now;
                tcb.Rto = _config.InitialRetransmissionTimeout;
                SetState(tcb, TcpState.SynSent, now);
                SendSyn(tcb, now);
                tcb.RttTiming = true;
                tcb.RttSeq = tcb.SndNxt;
                tcb.RttStarted = now;
                return tcb;
            }
        }

        /// <summary>
        /// A random free port of the dynamic range (RFC 6056 §3.3.1, algorithm 1), drawn with the keyed hash over a
        /// counter: a counter would let an off-path attacker who saw one port guess the next (RFC 6056 §2.1).
        /// </summary>
        private int NextEphemeralPort(uint remoteAddress, int remotePort)
        {
            for (int attempt = 0; attempt < 4 * EphemeralPortCount; attempt++)
            {
                int port = FirstEphemeralPort + (int)(_hash.Compute(_ephemeralPortDraws++, 0, 0, 0, 0x504F5254) % EphemeralPortCount);
                if (FindListener(port) >= 0)
                {
                    continue;
                }

                bool used = false;
                for (int i = 0; i < _tcbs.Length; i++)
                {
                    if (!IsFree(_tcbs[i]) && _tcbs[i].LocalPort == port)
                    {
                        used = true;
                        break;
                    }
                }

                if (!used && _timeWait.Find(_ip.LocalAddress, port, remoteAddress, remotePort) < 0)
                {
                    return port;
                }
            }

            throw new TableFullException("no free local port");
        }

        /// <summary>SEND: queues up to <paramref name="count"/> bytes in the send ring and sends what may go; returns how many were queued.</summary>
        internal int Write(Tcb tcb, byte[] buffer, int offset, int count)
        {
            lock (_syncRoot)
            {
                int n = tcb.SendBuffer.Write(buffer, offset, count);
                tcb.MoreDataWaiting = n < count;
                if (n > 0)
                {
                    OutputOrHold(tcb, _clock.Milliseconds);
                }

                return n;
            }
        }

        /// <summary>RECEIVE: takes up to <paramref name="count"/> bytes; announces the window once its right edge may move by a segment or half the ring.</summary>
        internal int Read(Tcb tcb, byte[] buffer, int offset, int count)
        {
            lock (_syncRoot)
            {
                int n = tcb.ReceiveBuffer.Read(buffer, offset, count);
                if (n > 0 && tcb.State != TcpState.Closed && tcb.IsSynchronized)
                {
                    // ReceiveWindow moves the edge only by the silly-window threshold, so this is one update per threshold freed.
                    int window = ReceiveWindow(tcb);
                    if (window > 0 && SequenceNumber.GreaterThan(tcb.RcvNxt + (uint)window, tcb.RcvAdv))
                    {
                        SendAck(tcb);
                    }
                }

                return n;
            }
        }

        /// <summary>CLOSE of the sending side (RFC 9293 §3.10.4): FIN after the queued data.</summary>
        internal void Shutdown(Tcb tcb)
        {
            lock (_syncRoot)
            {
                long now = _clock.Milliseconds;
                switch (tcb.State)
                {
                    case TcpState.SynSent:
                        EndConnection(tcb, TcpError.None, now);
                        return;
                    case TcpState.SynReceived:
                    case TcpState.Established:
                        QueueFin(tcb);
                        SetState(tcb, TcpState.FinWait1, now);
                        break;
                    case TcpState.CloseWait:
                        QueueFin(tcb);
                        SetState(tcb, TcpState.LastAck, now);
                        break;
                    default:
                        return;
                }

                OutputOrHold(tcb, now);
            }
        }

        private static void QueueFin(Tcb tcb)
        {
            if (tcb.FinQueued)
            {
                return;
            }

            tcb.FinQueued = true;
            uint firstDataSeq = tcb.SndUna == tcb.Iss ? tcb.Iss + 1 : tcb.SndUna;
            tcb.FinSeq = firstDataSeq + (uint)tcb.SendBuffer.Count;
        }

        /// <summary>
        /// CLOSE by the application: FIN (if not sent yet); the slot is given back when the protocol is done. With
        /// received data the application never read, the peer gets a RST instead of a FIN and the slot is freed at
        /// once (RFC 1122 §4.2.2.13, RFC 9293 §3.6): a FIN would tell it that everything it sent was taken.
        /// </summary>
        internal void Close(Tcb tcb)
        {
            lock (_syncRoot)
            {
                long now = _clock.Milliseconds;
                tcb.ApplicationClosed = true;
                if (tcb.State == TcpState.Closed)
                {
                    tcb.Owner = null;
                    return;
                }

                if (tcb.ReceiveBuffer.Count > 0)
                {
                    Counters.resetsOnCloseWithUnreadData++;
                    ResetConnection(tcb, now);
                    return;
                }

                if (tcb.State == TcpState.FinWait2)
                {
                    ReleaseFinWait2(tcb, now);
                    return;
                }

                Shutdown(tcb);
                if (tcb.State == TcpState.Closed)
                {
                    tcb.Owner = null;
                }
            }
        }

        /// <summary>ABORT (RFC 9293 §3.10.5): a RST to the peer if synchronized or half-open; the slot is freed at once.</summary>
        internal void Abort(Tcb tcb)
        {
            lock (_syncRoot)
            {
                long now = _clock.Milliseconds;
                tcb.ApplicationClosed = true;
                if (tcb.State != TcpState.Closed)
                {
                    ResetConnection(tcb, now);
                }

                tcb.Owner = null;
            }
        }

        /// <summary>
        /// Ends the connection abortively: &lt;SEQ=SND.NXT&gt;&lt;CTL=RST&gt; to the peer when it knows of the connection
        /// (not in SYN-SENT, RFC 9293 §3.10.5), rings emptied, slot freed once the application has let go of it.
        /// </summary>
        private void ResetConnection(Tcb tcb, long now)
        {
            if (tcb.State != TcpState.SynSent)
            {
                Counters.resetsSent++;
                SendSegment(tcb, tcb.SndMax, TcpHeader.Rst, 0, 0, false);
            }

            EndConnection(tcb, TcpError.Aborted, now);
        }

        /// <summary>Turns keep-alive on with the given times (ms) and probe count, or off.</summary>
        internal void SetKeepAlive(Tcb tcb, bool on, int idle, int interval, int probes)
        {
            lock (_syncRoot)
            {
                tcb.KeepAlive = on;
                tcb.KeepAliveIdle = idle;
                tcb.KeepAliveInterval = interval;
                tcb.KeepAliveProbes = probes;
                tcb.KeepAliveProbesSent = 0;
                tcb.KeepAliveDeadline = on && tcb.IsSynchronized ? _clock.Milliseconds + idle : Tcb.Never;
            }
        }
    }
}
