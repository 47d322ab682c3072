namespace NanoTcp.Tcp
{
    /// <summary>
    /// Compact TIME-WAIT records kept apart from the connection slots: when a connection enters TIME-WAIT its slot
    /// and buffers are freed and only the four-tuple, SND.NXT, RCV.NXT and the expiry stay here. Parallel arrays,
    /// allocated once. When every record is in use, the one closest to expiry (the oldest) is recycled.
    /// A record may instead be in FIN-WAIT-2 (<see cref="IsFinWait2"/>): the application has closed, our FIN is
    /// acknowledged, and only the peer's FIN is awaited; that FIN turns it into TIME-WAIT.
    /// </summary>
    internal sealed class TimeWaitTable
    {
        private readonly bool[] _inUse;
        private readonly uint[] _localAddress;
        private readonly uint[] _remoteAddress;
        private readonly int[] _localPort;
        private readonly int[] _remotePort;
        private readonly uint[] _sndNxt;
        private readonly uint[] _rcvNxt;
        private readonly long[] _expiry;
        private readonly bool[] _finWait2;
        private int _count;

        /// <summary>
        /// The earliest expiry of the records in use (long.MaxValue when none), or long.MinValue when not known: then
        /// <see cref="Expire"/> scans. Every poll calls Expire; on nanoCLR the scan of an idle table costs more than
        /// the rest of it.
        /// </summary>
        private long _earliest = long.MaxValue;

        public TimeWaitTable(int capacity)
        {
            _inUse = new bool[capacity];
            _localAddress = new uint[capacity];
            _remoteAddress = new uint[capacity];
            _localPort = new int[capacity];
            _remotePort = new int[capacity];
            _sndNxt = new uint[capacity];
            _rcvNxt = new uint[capacity];
            _expiry = new long[capacity];
            _finWait2 = new bool[capacity];
        }

        public int Capacity => _inUse.Length;

        public int Count => _count;

        /// <summary>Records overwritten before they expired because the table was full.</summary>
        public int Recycled;

        /// <summary>Adds a record; returns its index.</summary>
        public int Add(uint localAddress, int localPort, uint remoteAddress, int remotePort, uint sndNxt, uint rcvNxt, long expiry)
        {
            int slot = -1;
            int oldest = 0;
            for (int i = 0; i < _inUse.Length; i++)
            {
                if (!_inUse[i])
                {
                    slot = i;
                    break;
                }

                if (_expiry[i] < _expiry[oldest])
                {
                    oldest = i;
                }
            }

            if (slot < 0)
            {
                slot = oldest;
                Recycled++;
                _earliest = long.MinValue; // the earliest record is the one overwritten
            }
            else
            {
                _count++;
            }

            _inUse[slot] = true;
            _localAddress[slot] = localAddress;
            _localPort[slot] = localPort;
            _remoteAddress[slot] = remoteAddress;
            _remotePort[slot] = remotePort;
            _sndNxt[slot] = sndNxt;
            _rcvNxt[slot] = rcvNxt;
            _expiry[slot] = expiry;
            _finWait2[slot] = false;
            if (expiry < _earliest)
            {
                _earliest = expiry;
            }

            return slot;
        }

        /// <summary>The index of the record for this four-tuple, or -1.</summary>
        public int Find(uint localAddress, int localPort, uint remoteAddress, int remotePort)
        {
            for (int i = 0; i < _inUse.Length; i++)
            {
                if (_inUse[i] && _localPort[i] == localPort && _remotePort[i] == remotePort
                    && _remoteAddress[i] == remoteAddress && _localAddress[i] == localAddress)
                {
                    return i;
                }
            }

            return -1;
        }

        public void Remove(int index)
        {
            if (_inUse[index])
            {
                _inUse[index] = false;
                _count--;
                if (_expiry[index] <= _earliest)
                {
                    _earliest = long.MinValue;
                }
            }
        }

        public bool InUse(int index) => _inUse[index];

        public uint SndNxt(int index) => _sndNxt[index];

        public uint RcvNxt(int index) => _rcvNxt[index];

        public long Expiry(int index) => _expiry[index];

        public void SetExpiry(int index, long expiry)
        {
            if (_expiry[index] <= _earliest)
            {
                _earliest = long.MinValue; // the earliest may move later
            }

            _expiry[index] = expiry;
            if (expiry < _earliest)
            {
                _earliest = expiry;
            }
        }

        public void SetRcvNxt(int index, uint rcvNxt) => _rcvNxt[index] = rcvNxt;

        /// <summary>True while the record waits in FIN-WAIT-2 for the peer's FIN (false: TIME-WAIT).</summary>
        public bool IsFinWait2(int index) => _finWait2[index];

        public void SetFinWait2(int index, bool finWait2) => _finWait2[index] = finWait2;

        public uint LocalAddress(int index) => _localAddress[index];

        public int LocalPort(int index) => _localPort[index];

        public uint RemoteAddress(int index) => _remoteAddress[index];

        public int RemotePort(int index) => _remotePort[index];

        /// <summary>Frees every record expired at <paramref name="now"/>; returns the earliest remaining expiry or long.MaxValue.</summary>
        public long Expire(long now)
        {
            if (now < _earliest)
            {
                return _earliest;
            }

            long next = long.MaxValue;
            for (int i = 0; i < _inUse.Length; i++)
            {
                if (!_inUse[i])
                {
                    continue;
                }

                if (_expiry[i] <= now)
                {
                    _inUse[i] = false;
                    _count--;
                }
                else if (_expiry[i] < next)
                {
                    next = _expiry[i];
                }
            }

            _earliest = next;
            return next;
        }
    }
}
