using System.Threading;
using NanoTcp.Hardware;
using NanoTcp.Wire;

namespace NanoTcp.Tcp
{
    /// <summary>
    /// TCP (RFC 9293) over the IPv4 layer: a fixed table of connection slots, a compact TIME-WAIT table, listener
    /// entries, and the timers, all allocated here once. The IPv4 layer calls <see cref="Receive"/> for each segment
    /// and <see cref="Poll"/> from its loop; the sockets API (<see cref="TcpListener"/>, <see cref="TcpConnection"/>)
    /// calls in from application threads. Every entry point holds <see cref="SyncRoot"/>; pass the stack's own lock
    /// object to the constructor so that application calls that transmit do not race the stack's other senders.
    /// This file: construction, dispatch, the slot and listener tables. Segment arrival, output and timers are in
    /// the TcpLayer.*.cs files beside it.
    /// </summary>
    public sealed partial class TcpLayer : ITransportProtocol
    {
        /// <summary>The peer MSS assumed when a SYN carries no MSS option (RFC 9293 §3.7.1).</summary>
        internal const int DefaultMss = 536;

        private const int FirstEphemeralPort = 49152;

        /// <summary>The dynamic ports 49152..65535 (RFC 6335 §6).</summary>
        private const uint EphemeralPortCount = 16384;

        private readonly IIpv4Sender _ip;
        private readonly ITickSource _clock;
        private readonly TcpConfiguration _config;
        private readonly Tcb[] _tcbs;
        private readonly TimeWaitTable _timeWait;
        private readonly SynCookieWaitTable _cookieWait;
        private readonly int[] _listenerPort;
        private readonly int[] _listenerBacklog;
        private readonly AutoResetEvent[] _listenerChanged;
        private readonly int[] _listenerWaiters;
        private readonly KeyedHash _hash;
        private readonly TcpSegment _seg = new TcpSegment();
        private readonly object _syncRoot;

        // The IPv4 sender's transmit buffer and transport offset, fixed for its life (IIpv4Sender): read once here,
        // not through an interface call per segment.
        private readonly byte[] _transmit;
        private readonly int _transportOffset;
        private long _establishedCounter;

        /// <summary>When the last SYN cookie was sent; far in the past when none was.</summary>
        private long _lastSynCookieSent = -4 * SynCookie.CounterPeriod;
        /// <summary>How many ephemeral ports have been drawn: the input of the keyed hash that picks the next.</summary>
        private uint _ephemeralPortDraws;

        /// <summary>The last M of an ISN (see <see cref="NewIss"/>).</summary>
        private uint _isnClock;

        // Per-arrival flag: an ACK is owed at once (not delayed) when processing ends.
        private bool _ackNow;

        public TcpLayer(IIpv4Sender ip, ITickSource clock, TcpConfiguration config, object syncRoot)
        {
            _ip = ip;
            _clock = clock;
            _config = config ?? new TcpConfiguration();
            _syncRoot = syncRoot ?? new object();
            _transmit = ip.TransmitBuffer;
            _transportOffset = ip.TransportOffset;
            _tcbs = new Tcb[_config.ConnectionCount];
            for (int i = 0; i < _tcbs.Length; i++)
            {
                _tcbs[i] = new Tcb(i, _config.SendBufferSize, _config.ReceiveBufferSize);
                _tcbs[i].Reset();
            }

            _timeWait = new TimeWaitTable(_config.TimeWaitRecordCount);
            _cookieWait = new SynCookieWaitTable(_config.SynCookieWaitRecordCount, _config.SynCookieWaitDataSize);
            _listenerPort = new int[_config.ListenerCount];
            _listenerBacklog = new int[_config.ListenerCount];
            _listenerChanged = new AutoResetEvent[_config.ListenerCount];
            _listenerWaiters = new int[_config.ListenerCount];
            for (int i = 0; i < _listenerChanged.Length; i++)
            {
                _listenerChanged[i] = new AutoResetEvent(false);
            }

            _hash = new KeyedHash(_config.SecretSeed);
            _isnClock = InitialSequenceNumber.Clock(_clock.Milliseconds) - 1;
        }

        /// <summary>The lock every entry point holds.</summary>
        public object SyncRoot => _syncRoot;

        public TcpConfiguration Configuration => _config;

        public TcpCounters Counters { get; } = new TcpCounters();

        /// <summary>Optional trace of states and segments; null costs one test per event.</summary>
        public ITcpTraceListener Trace { get; set; }

        public ITickSource Clock => _clock;

        internal TimeWaitTable TimeWaitRecords => _timeWait;

        /// <summary>The slot table, for inspection (tests, status pages).</summary>
        internal Tcb Slot(int index) => _tcbs[index];

        public int SlotCount => _tcbs.Length;

        /// <summary>Our MSS: the largest data that fits one IPv4 packet after a 20-byte TCP header.</summary>
        public int LocalMss => _ip.MaxTransportLength - TcpHeader.MinLength;

        /// <summary>Slots in use (not CLOSED, or held by the application until it closes).</summary>
        public int ConnectionsInUse
        {
            get
            {
                int n = 0;
                for (int i = 0; i < _tcbs.Length; i++)
                {
                    if (!IsFree(_tcbs[i]))
                    {
                        n++;
                    }
                }

                return n;
            }
        }

        /// <inheritdoc />
        public void Receive(byte[] buffer, int offset, int length, uint source, uint destination)
        {
            lock (_syncRoot)
            {
                Counters.segmentsReceived++;
                if (!ReadSegment(buffer, offset, length, source, destination))
                {
                    return;
                }

                long now = _clock.Milliseconds;
                TcpSegment seg = _seg;
                if (Trace != null)
                {
                    Trace.Segment(now, false, seg.Source, seg.SourcePort, seg.Destination, seg.DestinationPort, seg.Seq, seg.Ack, seg.Flags, seg.Window, seg.DataLength);
                }

                SegmentArrives(now);
                AdmitWaiting(now);
            }
        }

        /// <inheritdoc />
        public long Poll(long now)
        {
            lock (_syncRoot)
            {
                return RunTimers(now);
            }
        }

        /// <summary>
        /// Reads the header into the one segment record (<see cref="TcpHeader.Read"/> checks it once) and applies the
        /// decisions for impossible input. Bad input is counted and dropped.
        /// </summary>
        private bool ReadSegment(byte[] buffer, int offset, int length, uint source, uint destination)
        {
            TcpSegment seg = _seg;
            switch (TcpHeader.Read(buffer, offset, length, source, destination, seg))
            {
                case TcpHeaderCheck.Malformed:
                    DropUnread(TcpDropReason.MalformedHeader, source, destination);
                    return false;
                case TcpHeaderCheck.BadChecksum:
                    DropUnread(TcpDropReason.BadChecksum, source, destination);
                    return false;
                case TcpHeaderCheck.BadOptions:
                    DropUnread(TcpDropReason.BadOptions, source, destination);
                    return false;
            }

            // Decisions for impossible input (no RFC forbids them outright): port 0 is no port (RFC 6335 §6 reserves it),
            // so nothing answers it, not even a RST; a SYN with RST or FIN mixes opening with ending and is dropped as
            // scanners' probes, never opening or ending a connection.
            if (seg.SourcePort == 0 || seg.DestinationPort == 0)
            {
                Drop(TcpDropReason.PortZero);
                return false;
            }

            if ((seg.Flags & TcpHeader.Syn) != 0 && (seg.Flags & (TcpHeader.Rst | TcpHeader.Fin)) != 0)
            {
                Drop(TcpDropReason.SynWithRstOrFin);
                return false;
            }

            return true;
        }

        /// <summary>Counts the arriving segment (read into the record) as dropped for <paramref name="reason"/> and tells the trace listener.</summary>
        private void Drop(TcpDropReason reason)
        {
            Counters.drops[(int)reason]++;
            if (Trace != null)
            {
                TcpSegment seg = _seg;
                Trace.SegmentDropped(_clock.Milliseconds, reason, seg.Source, seg.SourcePort, seg.Destination, seg.DestinationPort, seg.Seq, seg.Flags);
            }
        }

        /// <summary>As <see cref="Drop"/> for a segment whose header could not be read: only its addresses are known.</summary>
        private void DropUnread(TcpDropReason reason, uint source, uint destination)
        {
            Counters.drops[(int)reason]++;
            if (Trace != null)
            {
                Trace.SegmentDropped(_clock.Milliseconds, reason, source, 0, destination, 0, 0, 0);
            }
        }

        /// <summary>RFC 9293 §3.10.7: find the connection the segment belongs to and process it in its state.</summary>
        private void SegmentArrives(long now)
        {
            TcpSegment seg = _seg;
            Tcb tcb = FindConnection(seg.Destination, seg.DestinationPort, seg.Source, seg.SourcePort);
            if (tcb != null)
            {
                _ackNow = false;
                if (tcb.State == TcpState.SynSent)
                {
                    SegmentArrivesInSynSent(tcb, now);
                }
                else
                {
                    SegmentArrivesInSynchronizedState(tcb, now);
                }

                if (tcb.State != TcpState.Closed)
                {
                    Output(tcb, now, int.MaxValue);
                    if (_ackNow)
                    {
                        SendAck(tcb);
                    }

                    if (tcb.State == TcpState.FinWait2 && tcb.ApplicationClosed)
                    {
                        ReleaseFinWait2(tcb, now);
                    }
                }

                return;
            }

            int record = _timeWait.Find(seg.Destination, seg.DestinationPort, seg.Source, seg.SourcePort);
            if (record >= 0 && SegmentArrivesInTimeWait(record, now))
            {
                return;
            }

            int listener = FindListener(seg.DestinationPort);
            if (listener >= 0)
            {
                SegmentArrivesInListen(listener, now);
                return;
            }

            SegmentArrivesInClosed();
        }

        private Tcb FindConnection(uint localAddress, int localPort, uint remoteAddress, int remotePort)
        {
            for (int i = 0; i < _tcbs.Length; i++)
            {
                Tcb tcb = _tcbs[i];
                if (tcb.State != TcpState.Closed && tcb.LocalPort == localPort && tcb.RemotePort == remotePort
                    && tcb.RemoteAddress == remoteAddress && tcb.LocalAddress == localAddress)
                {
                    return tcb;
                }
            }

            return null;
        }

        private static bool IsFree(Tcb tcb) => tcb.State == TcpState.Closed && tcb.Owner == null;

        private Tcb AllocateSlot()
        {
            for (int i = 0; i < _tcbs.Length; i++)
            {
                if (IsFree(_tcbs[i]))
                {
                    Tcb tcb = _tcbs[i];
                    tcb.Reset();
                    tcb.KeepAliveIdle = _config.KeepAliveIdle;
                    tcb.KeepAliveInterval = _config.KeepAliveInterval;
                    tcb.KeepAliveProbes = _config.KeepAliveProbes;
                    return tcb;
                }
            }

            return null;
        }

        private int FreeSlotCount()
        {
            int n = 0;
            for (int i = 0; i < _tcbs.Length; i++)
            {
                if (IsFree(_tcbs[i]))
                {
                    n++;
                }
            }

            return n;
        }

        private int HalfOpenCount()
        {
            int n = 0;
            for (int i = 0; i < _tcbs.Length; i++)
            {
                if (_tcbs[i].State == TcpState.SynReceived && _tcbs[i].PassiveOpen)
                {
                    n++;
                }
            }

            return n;
        }

        /// <summary>Connections of a listener not yet accepted (half-open included): what the backlog bounds.</summary>
        private int PendingCount(int listener)
        {
            int n = 0;
            for (int i = 0; i < _tcbs.Length; i++)
            {
                Tcb tcb = _tcbs[i];
                if (tcb.State != TcpState.Closed && tcb.PassiveOpen && !tcb.Accepted && tcb.Listener == listener)
                {
                    n++;
                }
            }

            return n;
        }

        private int FindListener(int port)
        {
            for (int i = 0; i < _listenerPort.Length; i++)
            {
                if (_listenerPort[i] == port)
                {
                    return i;
                }
            }

            return -1;
        }

        private void SetState(Tcb tcb, TcpState state, long now)
        {
            TcpState from = tcb.State;
            tcb.State = state;
            if (Trace != null)
            {
                Trace.StateChanged(now, tcb.Slot, tcb.LocalPort, tcb.RemoteAddress, tcb.RemotePort, from, state);
            }

            tcb.Signal();
        }

        /// <summary>
        /// The connection is over (CLOSED): timers stop; if the application still holds it and has not closed it,
        /// the slot stays held (data already received can still be read) until it does; otherwise it is freed.
        /// </summary>
        private void EndConnection(Tcb tcb, TcpError error, long now)
        {
            if (error != TcpError.None)
            {
                tcb.Error = error;
                tcb.ReceiveBuffer.Clear();
                tcb.HeldCount = 0;
            }

            tcb.SendBuffer.Clear();
            tcb.RetransmitDeadline = Tcb.Never;
            tcb.PersistDeadline = Tcb.Never;
            tcb.DelayedAckDeadline = Tcb.Never;
            tcb.KeepAliveDeadline = Tcb.Never;
            tcb.FinWait2Deadline = Tcb.Never;
            SetState(tcb, TcpState.Closed, now);
            if (tcb.Owner == null || tcb.ApplicationClosed)
            {
                tcb.Owner = null;
            }

            if (tcb.PassiveOpen && !tcb.Accepted && tcb.Listener >= 0)
            {
                SignalListener(tcb.Listener);
            }
        }

        /// <summary>When a TIME-WAIT record entered or restarted now expires: 2·MSL (RFC 9293 §3.6.1).</summary>
        private long TimeWaitExpiry(long now) => now + (2L * _config.MaximumSegmentLifetime);

        /// <summary>RFC 9293 §3.6: the connection enters TIME-WAIT; its slot is freed and a compact record kept.</summary>
        private void EnterTimeWait(Tcb tcb, long now)
        {
            _timeWait.Add(tcb.LocalAddress, tcb.LocalPort, tcb.RemoteAddress, tcb.RemotePort, tcb.SndNxt, tcb.RcvNxt, TimeWaitExpiry(now));
            SetState(tcb, TcpState.TimeWait, now);
            EndConnection(tcb, TcpError.None, now);
        }

        /// <summary>
        /// FIN-WAIT-2 after the application has closed: our FIN is acknowledged and nothing is left for the slot but
        /// to wait for the peer's FIN, which may never come. As Linux does with its FIN-WAIT-2 mini-sockets, a compact
        /// record takes over (for <see cref="TcpConfiguration.FinWait2Timeout"/>) and the slot is freed at once, so a
        /// server that closes first is never blocked by clients that keep their side open.
        /// </summary>
        private void ReleaseFinWait2(Tcb tcb, long now)
        {
            if (tcb.DelayedAckDeadline != Tcb.Never)
            {
                SendAck(tcb);
            }

            int record = _timeWait.Add(tcb.LocalAddress, tcb.LocalPort, tcb.RemoteAddress, tcb.RemotePort, tcb.SndMax, tcb.RcvNxt, now + _config.FinWait2Timeout);
            _timeWait.SetFinWait2(record, true);
            EndConnection(tcb, TcpError.None, now);
        }

        private void MarkEstablished(Tcb tcb, long now)
        {
            SetState(tcb, TcpState.Established, now);
            tcb.EstablishedOrder = ++_establishedCounter;
            StartCongestionControl(tcb, now);
            tcb.RetransmitDeadline = tcb.SndUna == tcb.SndMax ? Tcb.Never : tcb.RetransmitDeadline;
            tcb.Retries = 0;
            if (tcb.KeepAlive)
            {
                tcb.KeepAliveDeadline = now + tcb.KeepAliveIdle;
            }

            if (tcb.PassiveOpen && tcb.Listener >= 0)
            {
                SignalListener(tcb.Listener);
            }
        }

        private uint NewIss(long now, uint localAddress, int localPort, uint remoteAddress, int remotePort)
        {
            // M never stands still (RFC 6528 §3, RFC 9293 §3.4.1): the millisecond tick gives two opens within one
            // millisecond the same M, so one four-tuple opened, reset and opened again would reuse its ISN.
            uint m = InitialSequenceNumber.Clock(now);
            if (SequenceNumber.LessThanOrEqual(m, _isnClock))
            {
                m = _isnClock + 1;
            }

            _isnClock = m;
            return m + InitialSequenceNumber.Offset(_hash, localAddress, localPort, remoteAddress, remotePort);
        }

        private int EffectiveMss(int peerMss)
        {
            int mss = peerMss > 0 ? peerMss : DefaultMss;
            return mss < LocalMss ? mss : LocalMss;
        }
    }
}
