using System;

namespace NanoTcp.Tcp
{
    /// <summary>A listening port (passive OPEN): Start, Accept with a time-out or TryAccept, Pending, Stop.</summary>
    public sealed class TcpListener
    {
        private const int WaitSlice = 100;

        private readonly TcpLayer _layer;
        private readonly int _port;
        private readonly int _backlog;
        private int _index = -1;

        public TcpListener(TcpLayer layer, int port, int backlog)
        {
            _layer = layer ?? throw new ArgumentNullException(nameof(layer));
            _port = port;
            _backlog = backlog;
        }

        public int Port => _port;

        public bool IsListening => _index >= 0;

        /// <summary>Claims the port; throws TableFullException when every listener entry is taken.</summary>
        public void Start()
        {
            if (_index < 0)
            {
                _index = _layer.AddListener(_port, _backlog);
            }
        }

        /// <summary>Frees the port; connections not yet accepted are reset.</summary>
        public void Stop()
        {
            if (_index >= 0)
            {
                int index = _index;
                _index = -1;
                _layer.RemoveListener(index);
            }
        }

        /// <summary>True when an established connection is waiting for Accept.</summary>
        public bool Pending()
        {
            return _index >= 0 && _layer.HasPending(_index);
        }

        /// <summary>The next established connection, or null at once (allocating nothing) when none is waiting.</summary>
        public TcpConnection TryAccept()
        {
            if (_index < 0)
            {
                throw new InvalidOperationException("the listener is not started; call Start first");
            }

            return _layer.TakePending(_index);
        }

        /// <summary>Waits up to <paramref name="timeoutMilliseconds"/> (-1: forever) for a connection; throws ConnectionTimedOutException.</summary>
        public TcpConnection Accept(int timeoutMilliseconds)
        {
            long deadline = timeoutMilliseconds < 0 ? long.MaxValue : _layer.Clock.Milliseconds + timeoutMilliseconds;
            int waitedOn = _index;
            if (waitedOn >= 0)
            {
                // Counted in before the first look, so every connection that arrives from here on signals (TcpLayer.SignalListener).
                _layer.BeginAcceptWait(waitedOn);
            }

            try
            {
                for (;;)
                {
                    int index = _index;
                    TcpConnection connection = TryAccept();
                    if (connection != null)
                    {
                        return connection;
                    }

                    long remaining = deadline == long.MaxValue ? WaitSlice : deadline - _layer.Clock.Milliseconds;
                    if (remaining <= 0)
                    {
                        throw new ConnectionTimedOutException("no connection arrived within " + timeoutMilliseconds.ToString() + " ms");
                    }

                    _layer.ListenerChanged(index).WaitOne(remaining > WaitSlice ? WaitSlice : (int)remaining, false);
                }
            }
            finally
            {
                if (waitedOn >= 0)
                {
                    _layer.EndAcceptWait(waitedOn);
                }
            }
        }
    }
}
