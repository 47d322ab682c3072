using System.Threading;

namespace NanoTcp.Tcp
{
    /// <summary>
    /// One connection slot: the transmission control block of RFC 9293 §3.3.1 with its two rings, allocated once
    /// when the layer starts and reused for every connection. Fields carry the RFC's names. Timer deadlines are
    /// board-tick milliseconds; <see cref="Never"/> means the timer is off.
    /// </summary>
    internal sealed class Tcb
    {
        public const long Never = long.MaxValue;

        public readonly int Slot;
        public readonly ByteRing SendBuffer;
        public readonly ByteRing ReceiveBuffer;

        /// <summary>Signalled on every change an application may wait for (state, data, space), while one waits.</summary>
        public readonly AutoResetEvent Changed = new AutoResetEvent(false);

        /// <summary>
        /// Application threads inside a blocking call on this slot. Never reset with the slot: a thread still inside
        /// a call counts itself out when it leaves.
        /// </summary>
        public int Waiters;

        public TcpState State;

        public TcpError Error;

        /// <summary>The last ICMP error that did not end the connection (RFC 1122 §4.2.3.9).</summary>
        public TcpSoftError SoftError;

        /// <summary>The application's handle, or null (a passive connection not yet accepted).</summary>
        public TcpConnection Owner;

        public uint LocalAddress;
        public int LocalPort;
        public uint RemoteAddress;
        public int RemotePort;

        // Send sequence variables (RFC 9293 §3.3.1). SndMax is the highest sequence number ever sent (SND.NXT can
        // move back to SND.UNA when the retransmission timer fires).
        public uint Iss;
        public uint SndUna;
        public uint SndNxt;
        public uint SndMax;
        public int SndWnd;
        public uint SndWl1;
        public uint SndWl2;
        public int MaxSndWnd;

        /// <summary>Largest data in one segment we send: the peer's MSS (536 when absent) capped by our link.</summary>
        public int SndMss;

        // Receive sequence variables. RCV.WND is the receive ring's free space.
        public uint Irs;
        public uint RcvNxt;

        /// <summary>Out-of-order ranges held in the receive ring's free space (sorted, disjoint), at most <see cref="ReassemblyRanges"/>.</summary>
        public const int ReassemblyRanges = 4;
        public readonly uint[] HeldSeq = new uint[ReassemblyRanges];
        public readonly int[] HeldLength = new int[ReassemblyRanges];
        public int HeldCount;

        /// <summary>
        /// RCV.NXT + RCV.WND as last advertised: the right edge, which moves right only in steps worth a segment
        /// (receiver silly window avoidance) and never left. Set to RCV.NXT when RCV.NXT is first known.
        /// </summary>
        public uint RcvAdv;

        /// <summary>Opened by a listener (index <see cref="Listener"/>) rather than by Connect.</summary>
        public bool PassiveOpen;
        public int Listener;
        public bool Accepted;
        public long EstablishedOrder;

        /// <summary>The application asked for a FIN (Shutdown or Close).</summary>
        public bool FinQueued;
        public bool FinSent;
        public uint FinSeq;

        /// <summary>SEND or CLOSE queued while output was held (<see cref="TcpLayer.HoldOutput"/>): send on release.</summary>
        public bool OutputHeld;

        /// <summary>The peer's FIN has been received: end of stream once the ring is empty.</summary>
        public bool FinReceived;

        /// <summary>The application called Close: no more reads; FIN-WAIT-2 may time out.</summary>
        public bool ApplicationClosed;

        /// <summary>Nagle's algorithm off (RFC 9293 §3.7.4); on by default.</summary>
        public bool NoDelay;

        /// <summary>End of the last segment sent shorter than the MSS (Minshall's variant of Nagle).</summary>
        public uint SmallSegmentEnd;
        public bool SmallSegmentSent;

        /// <summary>The application's last SEND did not fit the ring: more data follows, so a short tail is silly (RFC 1122 §4.2.3.4).</summary>
        public bool MoreDataWaiting;

        // Retransmission (RFC 6298). Rto in ms; Retries counts expiries of the current timer.
        public long RetransmitDeadline;
        public int Rto;
        public int Retries;

        /// <summary>When the timer first expired without progress since (the start of R2, RFC 1122 §4.2.3.5).</summary>
        public long RetransmitStarted;
        public long OpenStarted;

        /// <summary>Last time the connection moved: opened, new data received, or sent data acknowledged (eviction age).</summary>
        public long LastProgress;
        public bool HasRttSample;
        public int Srtt;
        public int RttVar;
        public bool RttTiming;
        public uint RttSeq;
        public long RttStarted;

        // Congestion control (RFC 5681, NewReno fast recovery RFC 6582). Cwnd and Ssthresh in bytes; DupAcks counts
        // duplicate ACKs in a row; Recover is the highest sequence number sent when recovery began; AckedInAvoidance
        // counts bytes acknowledged toward the next SMSS of growth in congestion avoidance; LastDataSent for the
        // restart after idle (RFC 5681 §4.1); FlightAtFirstDupAck is FlightSize before limited transmit added to it.
        public int Cwnd;
        public int Ssthresh;
        public int DupAcks;
        public int FlightAtFirstDupAck;
        public bool InFastRecovery;
        public uint Recover;
        public int AckedInAvoidance;
        public long LastDataSent;

        // Persist (zero-window probes).
        public long PersistDeadline;
        public int PersistBackoff;

        // Delayed ACK: an ACK is owed; FullSegmentsUnacked counts full segments since the last ACK we sent.
        public long DelayedAckDeadline;
        public int FullSegmentsUnacked;

        // Keep-alive (RFC 1122 §4.2.3.6), off by default.
        public bool KeepAlive;
        public int KeepAliveIdle;
        public int KeepAliveInterval;
        public int KeepAliveProbes;
        public int KeepAliveProbesSent;
        public long KeepAliveDeadline;

        public long FinWait2Deadline;

        public Tcb(int slot, int sendBufferSize, int receiveBufferSize)
        {
            Slot = slot;
            SendBuffer = new ByteRing(sendBufferSize);
            ReceiveBuffer = new ByteRing(receiveBufferSize);
        }

        /// <summary>True in the states RFC 9293 calls synchronized (after the handshake).</summary>
        public bool IsSynchronized => State >= TcpState.Established;

        /// <summary>
        /// Wakes the application threads waiting on this slot. A Set is a native call (a mutex on .NET, the interpreter
        /// on nanoFramework), so it is made only while a thread waits: a waiter counts itself in before it checks, and
        /// the interlocked read orders this read after the change the caller made, so either the waiter's check sees
        /// the change or this sees the waiter.
        /// </summary>
        public void Signal()
        {
            if (Interlocked.CompareExchange(ref Waiters, 0, 0) != 0)
            {
                Changed.Set();
            }
        }

        /// <summary>Resets every field for a new connection in this slot.</summary>
        public void Reset()
        {
            State = TcpState.Closed;
            Error = TcpError.None;
            SoftError = TcpSoftError.None;
            Owner = null;
            LocalAddress = 0;
            LocalPort = 0;
            RemoteAddress = 0;
            RemotePort = 0;
            Iss = 0;
            SndUna = 0;
            SndNxt = 0;
            SndMax = 0;
            SndWnd = 0;
            SndWl1 = 0;
            SndWl2 = 0;
            MaxSndWnd = 0;
            SndMss = 536;
            Irs = 0;
            RcvNxt = 0;
            RcvAdv = 0;
            HeldCount = 0;
            PassiveOpen = false;
            Listener = -1;
            Accepted = false;
            EstablishedOrder = 0;
            FinQueued = false;
            FinSent = false;
            FinSeq = 0;
            OutputHeld = false;
            FinReceived = false;
            ApplicationClosed = false;
            NoDelay = false;
            SmallSegmentEnd = 0;
            SmallSegmentSent = false;
            MoreDataWaiting = false;
            RetransmitDeadline = Never;
            Rto = 0;
            Retries = 0;
            RetransmitStarted = 0;
            OpenStarted = 0;
            LastProgress = 0;
            HasRttSample = false;
            Srtt = 0;
            RttVar = 0;
            RttTiming = false;
            RttSeq = 0;
            RttStarted = 0;
            Cwnd = 0;
            Ssthresh = 0;
            DupAcks = 0;
            FlightAtFirstDupAck = 0;
            InFastRecovery = false;
            Recover = 0;
            AckedInAvoidance = 0;
            LastDataSent = 0;
            PersistDeadline = Never;
            PersistBackoff = 0;
            DelayedAckDeadline = Never;
            FullSegmentsUnacked = 0;
            KeepAlive = false;
            KeepAliveProbesSent = 0;
            KeepAliveDeadline = Never;
            FinWait2Deadline = Never;
            SendBuffer.Clear();
            ReceiveBuffer.Clear();
        }
    }
}
