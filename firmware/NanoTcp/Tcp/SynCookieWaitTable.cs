namespace NanoTcp.Tcp
{
    /// <summary>
    /// Peers whose valid SYN-cookie segment found no free slot. Such a peer already believes its connection open
    /// and only retransmits its data with a doubling back-off, while new SYNs from other clients arrive at once;
    /// on a busy server each freed slot went to a newcomer and the cookie connection could wait many seconds.
    /// While a record lives, one free slot is kept for it (new SYNs and other cookies do not take it), so the
    /// peer's next retransmission connects. Parallel arrays, allocated once; a full table takes no new record.
    /// </summary>
    internal sealed class SynCookieWaitTable
    {
        private readonly bool[] _inUse;
        private readonly uint[] _localAddress;
        private readonly uint[] _remoteAddress;
        private readonly int[] _localPort;
        private readonly int[] _remotePort;
        private readonly long[] _expiry;

        public SynCookieWaitTable(int capacity)
        {
            _inUse = new bool[capacity];
            _localAddress = new uint[capacity];
            _remoteAddress = new uint[capacity];
            _localPort = new int[capacity];
            _remotePort = new int[capacity];
            _expiry = new long[capacity];
        }

        /// <summary>Records not expired at <paramref name="now"/>; expired ones are removed.</summary>
        public int Live(long now)
        {
            int n = 0;
            for (int i = 0; i < _inUse.Length; i++)
            {
                if (_inUse[i])
                {
                    if (now - _expiry[i] >= 0)
                    {
                        _inUse[i] = false;
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

        /// <summary>Adds a record, or renews the four-tuple's existing one, to expire at <paramref name="expiry"/>. False when full.</summary>
        public bool AddOrRenew(uint localAddress, int localPort, uint remoteAddress, int remotePort, long now, long expiry)
        {
            int index = Find(localAddress, localPort, remoteAddress, remotePort, now);
            if (index < 0)
            {
                Live(now);
                for (int i = 0; i < _inUse.Length; i++)
                {
                    if (!_inUse[i])
                    {
                        index = i;
                        break;
                    }
                }

                if (index < 0)
                {
                    return false;
                }

                _inUse[index] = true;
                _localAddress[index] = localAddress;
                _localPort[index] = localPort;
                _remoteAddress[index] = remoteAddress;
                _remotePort[index] = remotePort;
            }

            _expiry[index] = expiry;
            return true;
        }

        public void Remove(int index)
        {
            _inUse[index] = false;
        }
    }
}
