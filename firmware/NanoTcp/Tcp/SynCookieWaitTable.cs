namespace NanoTcp.Tcp
{
    /// <summary>
    /// The admission queue: peers whose valid SYN-cookie ACK found no slot it could take (every slot busy, the
    /// listener's backlog full, or older peers already waiting). Each record keeps what the cookie carried (the
    /// four-tuple, both ISNs, the MSS, the peer's window) and the first bytes of the segment's data, so that when a
    /// slot frees the oldest record becomes an ESTABLISHED connection at once, with its request, without waiting
    /// for the peer's retransmission (200 ms or more, doubling). First come, first served by arrival order. Only
    /// a valid cookie (a peer that completed the handshake from its address) gets a record, so spoofed SYNs cannot
    /// fill it. Parallel arrays and one data pool, allocated once; a full table takes no new record.
    /// </summary>
    internal sealed class SynCookieWaitTable
    {
        private readonly bool[] _inUse;
        private readonly uint[] _localAddress;
        private readonly uint[] _remoteAddress;
        private readonly int[] _localPort;
        private readonly int[] _remotePort;
        private readonly int[] _listener;
        private readonly uint[] _irs;
        private readonly uint[] _iss;
        private readonly int[] _mss;
        private readonly int[] _window;
        private readonly long[] _order;
        private readonly long[] _expiry;
        private readonly int[] _dataLength;
        private readonly bool[] _dataLost;
        private readonly byte[] _data;
        private readonly int _dataSize;
        private long _nextOrder;

        // Records in use: with none (the usual case) every look-up returns at once, no loop per segment.
        private int _used;

        public SynCookieWaitTable(int capacity, int dataSize)
        {
            _inUse = new bool[capacity];
            _localAddress = new uint[capacity];
            _remoteAddress = new uint[capacity];
            _localPort = new int[capacity];
            _remotePort = new int[capacity];
            _listener = new int[capacity];
            _irs = new uint[capacity];
            _iss = new uint[capacity];
            _mss = new int[capacity];
            _window = new int[capacity];
            _order = new long[capacity];
            _expiry = new long[capacity];
            _dataLength = new int[capacity];
            _dataLost = new bool[capacity];
            _dataSize = dataSize;
            _data = new byte[capacity * dataSize];
        }

        /// <summary>Records that expired (their peer stopped retransmitting) since the table was made.</summary>
        public int Expired;

        /// <summary>Records not expired at <paramref name="now"/>; expired ones are removed and counted.</summary>
        public int Live(long now)
        {
            if (_used == 0)
            {
                return 0;
            }

            int n = 0;
            for (int i = 0; i < _inUse.Length; i++)
            {
                if (_inUse[i])
                {
                    if (now - _expiry[i] >= 0)
                    {
                        _inUse[i] = false;
                        _used--;
                        Expired++;
                    }
                    else
                    {
                        n++;
                    }
                }
            }

            return n;
        }

        /// <summary>Index of the live record of this four-tuple, or -1.</summary>
        public int Find(uint localAddress, int localPort, uint remoteAddress, int remotePort, long now)
        {
            if (_used == 0)
            {
                return -1;
            }

            for (int i = 0; i < _inUse.Length; i++)
            {
                if (_inUse[i] && _remotePort[i] == remotePort && _localPort[i] == localPort
                    && _remoteAddress[i] == remoteAddress && _localAddress[i] == localAddress && now - _expiry[i] < 0)
                {
                    return i;
                }
            }

            return -1;
        }

        /// <summary>The live record that arrived first, or -1.</summary>
        public int Oldest(long now)
        {
            if (Live(now) == 0)
            {
                return -1;
            }

            int oldest = -1;
            for (int i = 0; i < _inUse.Length; i++)
            {
                if (_inUse[i] && (oldest < 0 || _order[i] < _order[oldest]))
                {
                    oldest = i;
                }
            }

            return oldest;
        }

        /// <summary>
        /// Adds a record with up to <see cref="DataSize"/> bytes of the segment's data, to expire at
        /// <paramref name="expiry"/>; the index, or -1 when the table is full.
        /// </summary>
        public int Add(uint localAddress, int localPort, uint remoteAddress, int remotePort, int listener, uint irs, uint iss, int mss, int window, byte[] data, int offset, int length, long now, long expiry)
        {
            Live(now);
            for (int i = 0; i < _inUse.Length; i++)
            {
                if (!_inUse[i])
                {
                    _inUse[i] = true;
                    _used++;
                    _localAddress[i] = localAddress;
                    _localPort[i] = localPort;
                    _remoteAddress[i] = remoteAddress;
                    _remotePort[i] = remotePort;
                    _listener[i] = listener;
                    _irs[i] = irs;
                    _iss[i] = iss;
                    _mss[i] = mss;
                    _window[i] = window;
                    _order[i] = _nextOrder++;
                    _expiry[i] = expiry;
                    int n = length < _dataSize ? length : _dataSize;
                    if (n > 0)
                    {
                        System.Array.Copy(data, offset, _data, i * _dataSize, n);
                    }

                    _dataLength[i] = n;
                    _dataLost[i] = length > n;
                    return i;
                }
            }

            return -1;
        }

        /// <summary>The peer sent again while waiting: it is still there, keep its record longer.</summary>
        public void Renew(int index, long expiry) => _expiry[index] = expiry;

        /// <summary>
        /// Keeps the data of a later segment of a waiting peer that starts at <paramref name="seq"/>, as far as it
        /// continues the kept bytes and fits (a bare cookie ACK is followed by the request); notes bytes it could not
        /// keep. Returns the bytes kept.
        /// </summary>
        public int Append(int index, uint seq, byte[] data, int offset, int length)
        {
            uint next = _irs[index] + 1 + (uint)_dataLength[index];
            int skip = (int)(next - seq);
            if (skip >= length)
            {
                return 0; // a retransmission of kept bytes
            }

            if (skip < 0)
            {
                _dataLost[index] = true; // a later segment after a gap
                return 0;
            }

            int n = length - skip;
            int room = _dataSize - _dataLength[index];
            if (n > room)
            {
                n = room;
                _dataLost[index] = true;
            }
            if (n > 0)
            {
                System.Array.Copy(data, offset + skip, _data, (index * _dataSize) + _dataLength[index], n);
                _dataLength[index] += n;
            }

            return n;
        }

        public void Remove(int index)
        {
            if (_inUse[index])
            {
                _inUse[index] = false;
                _used--;
            }
        }

        public int DataSize => _dataSize;

        public byte[] Data => _data;

        public int DataOffset(int index) => index * _dataSize;

        public int DataLength(int index) => _dataLength[index];

        /// <summary>The peer sent data beyond the kept bytes (past <see cref="DataSize"/> or after a gap): it must resend it.</summary>
        public bool DataLost(int index) => _dataLost[index];

        public uint LocalAddress(int index) => _localAddress[index];

        public int LocalPort(int index) => _localPort[index];

        public uint RemoteAddress(int index) => _remoteAddress[index];

        public int RemotePort(int index) => _remotePort[index];

        public int Listener(int index) => _listener[index];

        public uint Irs(int index) => _irs[index];

        public uint Iss(int index) => _iss[index];

        public int Mss(int index) => _mss[index];

        public int Window(int index) => _window[index];
    }
}
