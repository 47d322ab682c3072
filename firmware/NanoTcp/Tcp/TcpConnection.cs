using System;
using System.Threading;
using NanoTcp.Hardware;

namespace NanoTcp.Tcp
{
    /// <summary>
    /// One TCP connection as the application sees it. Blocking calls take a time-out in milliseconds
    /// (System.Threading.Timeout.Infinite = -1) and wait for the thread that polls the stack; their failures are
    /// explicit exceptions: <see cref="ConnectionRefusedException"/>, <see cref="ConnectionResetException"/>,
    /// <see cref="ConnectionTimedOutException"/>, <see cref="ConnectionClosedException"/>, <see cref="TableFullException"/>.
    /// The Try* calls and the properties never block and never throw for the connection's state, for single-threaded
    /// firmware loops: TrySend and TryReceive return -1 on failure, with <see cref="State"/> and <see cref="Error"/> readable.
    /// </summary>
    public sealed class TcpConnection : IDisposable
    {
        private const int WaitSlice = 100;

        private readonly TcpLayer _layer;
        private Tcb _tcb;
        private TcpError _finalError;
        private uint _remoteAddress;
        private int _remotePort;
        private int _localPort;

        internal TcpConnection(TcpLayer layer)
        {
            _layer = layer;
        }

        /// <summary>Starts an active open and returns at once (state SYN-SENT); see <see cref="WaitConnected"/>.</summary>
        public static TcpConnection BeginConnect(TcpLayer layer, uint remoteAddress, int remotePort)
        {
            if (layer == null)
            {
                throw new ArgumentNullException(nameof(layer));
            }

            TcpConnection connection = new TcpConnection(layer);
            connection.Attach(layer.OpenActive(remoteAddress, remotePort, connection));
            layer.WakeLoop();
            return connection;
        }

        /// <summary>Active open that blocks until ESTABLISHED, refused, or <paramref name="timeoutMilliseconds"/> pass.</summary>
        public static TcpConnection Connect(TcpLayer layer, uint remoteAddress, int remotePort, int timeoutMilliseconds)
        {
            TcpConnection connection = BeginConnect(layer, remoteAddress, remotePort);
            try
            {
                connection.WaitConnected(timeoutMilliseconds);
            }
            catch (TcpException)
            {
                connection.Abort();
                throw;
            }

            return connection;
        }

        /// <summary>
        /// Connect by name: resolves <paramref name="hostName"/> with <paramref name="dns"/> (the stack's
        /// <see cref="NetworkStack.Dns"/>), then opens as <see cref="Connect(TcpLayer, uint, int, int)"/>, both within
        /// <paramref name="timeoutMilliseconds"/> (-1: no limit of its own). Throws <see cref="NanoTcp.Dns.DnsException"/>
        /// when the name has no address. Call it from another thread than the stack's.
        /// </summary>
        public static TcpConnection Connect(TcpLayer layer, NanoTcp.Dns.DnsClient dns, string hostName, int remotePort, int timeoutMilliseconds)
        {
            if (layer == null || dns == null)
            {
                throw new ArgumentNullException(layer == null ? nameof(layer) : nameof(dns));
            }

            long start = layer.Clock.Milliseconds;
            uint address = dns.Resolve(hostName, timeoutMilliseconds);
            int left = timeoutMilliseconds;
            if (timeoutMilliseconds >= 0)
            {
                left = timeoutMilliseconds - (int)(layer.Clock.Milliseconds - start);
                if (left <= 0)
                {
                    throw new ConnectionTimedOutException("connect to " + hostName + " timed out while resolving the name");
                }
            }

            return Connect(layer, address, remotePort, left);
        }

        internal void Attach(Tcb tcb)
        {
            _tcb = tcb;
            _remoteAddress = tcb.RemoteAddress;
            _remotePort = tcb.RemotePort;
            _localPort = tcb.LocalPort;
        }

        /// <summary>CLOSED once the connection is over or the application has closed it.</summary>
        public TcpState State
        {
            get
            {
                Tcb tcb = Owned();
                return tcb == null ? TcpState.Closed : tcb.State;
            }
        }

        /// <summary>Why the connection failed, or None.</summary>
        public TcpError Error
        {
            get
            {
                Tcb tcb = Owned();
                return tcb == null ? _finalError : tcb.Error;
            }
        }

        /// <summary>The last ICMP error reported for this connection that did not end it (unreachable, time exceeded), or None.</summary>
        public TcpSoftError SoftError
        {
            get
            {
                Tcb tcb = Owned();
                return tcb == null ? TcpSoftError.None : tcb.SoftError;
            }
        }

        public uint RemoteAddress => _remoteAddress;

        public int RemotePort => _remotePort;

        public int LocalPort => _localPort;

        /// <summary>Bytes received and not yet read.</summary>
        public int Available
        {
            get
            {
                Tcb tcb = Owned();
                return tcb == null ? 0 : tcb.ReceiveBuffer.Count;
            }
        }

        /// <summary>Free space in the send ring (0 once the sending side is shut down).</summary>
        public int SpaceFree
        {
            get
            {
                Tcb tcb = Owned();
                return tcb == null || !MaySend(tcb) ? 0 : tcb.SendBuffer.Free;
            }
        }

        /// <summary>True when a Send would queue at least one byte without waiting.</summary>
        public bool CanWrite => SpaceFree > 0;

        /// <summary>True when the peer has closed its side and every byte has been read.</summary>
        public bool EndOfStream
        {
            get
            {
                Tcb tcb = Owned();
                return tcb != null && tcb.FinReceived && tcb.ReceiveBuffer.Count == 0;
            }
        }

        /// <summary>Nagle's algorithm off when true (it is on by default).</summary>
        public bool NoDelay
        {
            get
            {
                Tcb tcb = Owned();
                return tcb != null && tcb.NoDelay;
            }

            set
            {
                Owned(true).NoDelay = value;
            }
        }

        /// <summary>Keep-alive on or off with idle time, probe interval (ms) and probe count.</summary>
        public void SetKeepAlive(bool on, int idleMilliseconds, int intervalMilliseconds, int probes)
        {
            _layer.SetKeepAlive(Owned(true), on, idleMilliseconds, intervalMilliseconds, probes);
            _layer.WakeLoop();
        }

        /// <summary>Waits for ESTABLISHED; throws refused or timed out (the SYN retries give up by themselves too).</summary>
        public void WaitConnected(int timeoutMilliseconds)
        {
            long deadline = Deadline(timeoutMilliseconds);
            Tcb waitedOn = BeginWait();
            try
            {
                for (;;)
                {
                    Tcb tcb = Owned(true);
                    if (tcb.State != TcpState.SynSent && tcb.State != TcpState.SynReceived)
                    {
                        ThrowIfFailed(tcb);
                        return;
                    }

                    WaitOrTimeOut(tcb, deadline, "connect");
                }
            }
            finally
            {
                EndWait(waitedOn);
            }
        }

        /// <summary>
        /// Queues as much as fits now (possibly 0); never blocks and throws only for bad arguments. Returns -1 when the
        /// connection can no longer send: it failed (see <see cref="Error"/>), the sending side is shut down, or the
        /// handle is closed. (An exception would allocate on the board, every time a firmware loop polls.)
        /// </summary>
        public int TrySend(byte[] buffer, int offset, int count)
        {
            CheckArguments(buffer, offset, count);
            Tcb tcb = Owned();
            if (tcb == null || tcb.Error != TcpError.None || !MaySend(tcb))
            {
                return -1;
            }

            int n = _layer.Write(tcb, buffer, offset, count);
            if (n > 0)
            {
                _layer.WakeLoop();
            }

            return n;
        }

        /// <summary>Queues all <paramref name="count"/> bytes, waiting for space; throws timed out if they did not all fit in time.</summary>
        public int Send(byte[] buffer, int offset, int count, int timeoutMilliseconds)
        {
            CheckArguments(buffer, offset, count);
            long deadline = Deadline(timeoutMilliseconds);
            int done = 0;
            Tcb waitedOn = BeginWait();
            try
            {
                while (done < count)
                {
                    Tcb tcb = Owned(true);
                    ThrowIfCannotSend(tcb);
                    int n = _layer.Write(tcb, buffer, offset + done, count - done);
                    done += n;
                    if (n > 0)
                    {
                        _layer.WakeLoop();
                    }

                    if (done < count)
                    {
                        WaitOrTimeOut(tcb, deadline, "send");
                    }
                }
            }
            finally
            {
                EndWait(waitedOn);
            }

            return done;
        }

        /// <summary>
        /// Takes what has arrived (possibly 0; <see cref="EndOfStream"/> tells the peer's FIN apart); never blocks and
        /// throws only for bad arguments. Returns -1 when nothing is left to read and the connection failed (see
        /// <see cref="Error"/>), or the handle is closed.
        /// </summary>
        public int TryReceive(byte[] buffer, int offset, int count)
        {
            CheckArguments(buffer, offset, count);
            Tcb tcb = Owned();
            if (tcb == null)
            {
                return -1;
            }

            int n = _layer.Read(tcb, buffer, offset, count);
            if (n > 0)
            {
                _layer.WakeLoop();
            }

            return n == 0 && tcb.Error != TcpError.None ? -1 : n;
        }

        /// <summary>Waits for at least one byte; returns 0 at end of stream; throws timed out, reset or closed.</summary>
        public int Receive(byte[] buffer, int offset, int count, int timeoutMilliseconds)
        {
            CheckArguments(buffer, offset, count);
            long deadline = Deadline(timeoutMilliseconds);
            Tcb waitedOn = BeginWait();
            try
            {
                for (;;)
                {
                    Tcb tcb = Owned(true);
                    int n = _layer.Read(tcb, buffer, offset, count);
                    if (n > 0 || count == 0)
                    {
                        if (n > 0)
                        {
                            _layer.WakeLoop();
                        }

                        return n;
                    }

                    ThrowIfFailed(tcb);
                    if (tcb.FinReceived || tcb.State == TcpState.Closed)
                    {
                        return 0;
                    }

                    WaitOrTimeOut(tcb, deadline, "receive");
                }
            }
            finally
            {
                EndWait(waitedOn);
            }
        }

        /// <summary>Shuts down the sending side (FIN after the queued data); receiving goes on (half-close).</summary>
        public void Shutdown()
        {
            _layer.Shutdown(Owned(true));
            _layer.WakeLoop();
        }

        /// <summary>Orderly close: FIN after the queued data; the handle is unusable afterwards.</summary>
        public void Close()
        {
            Tcb tcb = Owned();
            if (tcb == null)
            {
                return;
            }

            _finalError = tcb.Error;
            _layer.Close(tcb);
            _tcb = null;
            _layer.WakeLoop();
        }

        /// <summary>Abortive close: RST to the peer, slot freed at once.</summary>
        public void Abort()
        {
            Tcb tcb = Owned();
            if (tcb == null)
            {
                return;
            }

            _finalError = TcpError.Aborted;
            _layer.Abort(tcb);
            _tcb = null;
            _layer.WakeLoop();
        }

        public void Dispose()
        {
            Close();
        }

        private Tcb Owned()
        {
            Tcb tcb = _tcb;
            return tcb != null && tcb.Owner == this ? tcb : null;
        }

        private Tcb Owned(bool throwIfClosed)
        {
            Tcb tcb = Owned();
            if (tcb == null && throwIfClosed)
            {
                throw new ConnectionClosedException("the connection is closed; open a new one");
            }

            return tcb;
        }

        private static bool MaySend(Tcb tcb)
        {
            return !tcb.FinQueued && (tcb.State == TcpState.Established || tcb.State == TcpState.CloseWait
                || tcb.State == TcpState.SynSent || tcb.State == TcpState.SynReceived);
        }

        private static void ThrowIfCannotSend(Tcb tcb)
        {
            ThrowIfFailed(tcb);
            if (!MaySend(tcb))
            {
                throw new ConnectionClosedException("the sending side is shut down; no more data can be sent");
            }
        }

        private static void ThrowIfFailed(Tcb tcb)
        {
            switch (tcb.Error)
            {
                case TcpError.Refused:
                    throw new ConnectionRefusedException("the peer refused the connection (RST)");
                case TcpError.Unreachable:
                    throw new ConnectionRefusedException("the peer's host answered ICMP protocol or port unreachable");
                case TcpError.Reset:
                    throw new ConnectionResetException("the peer reset the connection (RST)");
                case TcpError.TimedOut:
                    throw new ConnectionTimedOutException("the peer stopped answering (retransmissions exhausted)");
                case TcpError.Aborted:
                    throw new ConnectionClosedException("the connection was aborted");
                case TcpError.Evicted:
                    throw new ConnectionResetException("the stack reset this stalled connection to give its slot to a waiting client (see TcpConfiguration.EvictionStallTime)");
            }
        }

        private long Deadline(int timeoutMilliseconds)
        {
            return timeoutMilliseconds < 0 ? long.MaxValue : _layer.Clock.Milliseconds + timeoutMilliseconds;
        }

        /// <summary>
        /// Counts this thread in as a waiter on the slot before the call first looks at it, so that the stack signals
        /// every change from then on (<see cref="Tcb.Signal"/>); null when the handle is closed (the call then throws).
        /// </summary>
        private Tcb BeginWait()
        {
            Tcb tcb = _tcb;
            if (tcb != null)
            {
                Interlocked.Increment(ref tcb.Waiters);
            }

            return tcb;
        }

        private static void EndWait(Tcb tcb)
        {
            if (tcb != null)
            {
                Interlocked.Decrement(ref tcb.Waiters);
            }
        }

        private void WaitOrTimeOut(Tcb tcb, long deadline, string operation)
        {
            ITickSource clock = _layer.Clock;
            long remaining = deadline == long.MaxValue ? WaitSlice : deadline - clock.Milliseconds;
            if (remaining <= 0)
            {
                throw new ConnectionTimedOutException(operation + " timed out");
            }

            tcb.Changed.WaitOne(remaining > WaitSlice ? WaitSlice : (int)remaining, false);
        }

        private static void CheckArguments(byte[] buffer, int offset, int count)
        {
            if (buffer == null)
            {
                throw new ArgumentNullException(nameof(buffer));
            }

            if (offset < 0 || count < 0 || offset + count > buffer.Length)
            {
                throw new ArgumentOutOfRangeException(nameof(count), "offset and count must lie inside the buffer");
            }
        }
    }
}
