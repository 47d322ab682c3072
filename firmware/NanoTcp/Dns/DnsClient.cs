using System.Threading;
using NanoTcp.Hardware;
using NanoTcp.Udp;
using NanoTcp.Wire;

namespace NanoTcp.Dns
{
    /// <summary>
    /// DNS stub resolver for A records (RFC 1035 §7, RFC 1123 §6.1.3): a fixed number of query slots and a fixed cache,
    /// all allocated when the stack is built. A query goes to the servers in turn (configured, else DHCP option 6), from
    /// a random source port with a random transaction ID; the wait doubles after each round over the servers. CNAME
    /// chains are followed, in the answer and by asking again for the chain's last name (bounded). Answers from
    /// another address or port, with another ID or question, truncated or malformed are dropped and counted
    /// (<see cref="Counters"/>). Non-blocking: <see cref="BeginQuery"/>, <see cref="State"/>, <see cref="Address"/>,
    /// <see cref="EndQuery"/>; blocking: <see cref="Resolve"/> from another thread than the stack's.
    /// This file: the application calls and the timers; DnsClient.Answer.cs: checking and reading an answer.
    /// </summary>
    public sealed partial class DnsClient
    {
        /// <summary>Servers used at most (configured or from DHCP).</summary>
        public const int MaxServers = 3;

        private const int NameBufferLength = DnsMessage.MaxNameLength + 1;
        private const int FirstEphemeralPort = 49152;
        private const int EphemeralPorts = 16384;
        private const int SlotBits = 8;
        private const int SlotMask = 0xFF;

        private readonly NetworkStack _stack;
        private readonly ITickSource _clock;
        private readonly DnsConfiguration _configuration;
        private readonly System.Random _random;
        private readonly uint[] _servers;
        private readonly int _configuredServers;
        private readonly DnsCounters _counters = new DnsCounters();
        private readonly UdpReceiveHandler _receive;

        // Query slots.
        private readonly DnsQueryState[] _state;
        private readonly int[] _generation;
        private readonly byte[][] _name;
        private readonly int[] _nameLength;
        private readonly byte[][] _question;
        private readonly int[] _questionLength;
        private readonly ushort[] _id;
        private readonly ushort[] _port;
        private readonly uint[] _server;
        private readonly int[] _attempt;
        private readonly long[] _due;
        private readonly int[] _chain;
        private readonly uint[] _ttl;
        private readonly uint[] _address;
        private readonly bool[] _serverFailed;
        private readonly AutoResetEvent[] _completed;

        // Cache entries: a name, its address and when it expires (0: free).
        private readonly byte[][] _cacheName;
        private readonly int[] _cacheNameLength;
        private readonly uint[] _cacheAddress;
        private readonly long[] _cacheExpires;

        // Scratch names for reading an answer (stack thread, under the lock).
        private readonly byte[] _owner = new byte[NameBufferLength];
        private readonly byte[] _current = new byte[NameBufferLength];

        internal DnsClient(NetworkStack stack, ITickSource clock, DnsConfiguration configuration)
        {
            if (configuration.Queries < 1 || configuration.Queries > SlotMask || configuration.CacheEntries < 0 || configuration.Attempts < 1
                || configuration.InitialTimeoutMilliseconds < 1 || configuration.MaxCnameChain < 0)
            {
                throw new System.ArgumentException("DnsConfiguration: Queries 1..255, CacheEntries 0 or more, Attempts and InitialTimeoutMilliseconds at least 1");
            }

            _stack = stack;
            _clock = clock;
            _configuration = configuration;
            SyncRoot = new object();
            byte[] mac = new byte[EthernetHeader.AddressLength];
            stack.GetMacAddress(mac, 0);
            _random = new System.Random(((mac[3] << 16) | (mac[4] << 8) | mac[5]) ^ (int)clock.Milliseconds ^ 0x444E53);
            _servers = new uint[MaxServers];
            uint[] configured = configuration.Servers;
            for (int i = 0; configured != null && i < configured.Length && _configuredServers < MaxServers; i++)
            {
                if (configured[i] != 0)
                {
                    _servers[_configuredServers++] = configured[i];
                }
            }

            _receive = new UdpReceiveHandler(ReceiveDatagram);
            int n = configuration.Queries;
            _state = new DnsQueryState[n];
            _generation = new int[n];
            _name = new byte[n][];
            _nameLength = new int[n];
            _question = new byte[n][];
            _questionLength = new int[n];
            _id = new ushort[n];
            _port = new ushort[n];
            _server = new uint[n];
            _attempt = new int[n];
            _due = new long[n];
            _chain = new int[n];
            _ttl = new uint[n];
            _address = new uint[n];
            _serverFailed = new bool[n];
            _completed = new AutoResetEvent[n];
            for (int i = 0; i < n; i++)
            {
                _name[i] = new byte[NameBufferLength];
                _question[i] = new byte[NameBufferLength];
                _completed[i] = new AutoResetEvent(false);
            }

            int entries = configuration.CacheEntries;
            _cacheName = new byte[entries][];
            _cacheNameLength = new int[entries];
            _cacheAddress = new uint[entries];
            _cacheExpires = new long[entries];
            for (int i = 0; i < entries; i++)
            {
                _cacheName[i] = new byte[NameBufferLength];
            }
        }

        /// <summary>
        /// The lock every call takes (default: the client's own). The firmware sets its loop's lock, the one it holds
        /// around <see cref="NetworkStack.Poll"/>, so that application threads and the stack's thread take turns.
        /// </summary>
        public object SyncRoot { get; set; }

        /// <summary>The loop's wake signal (null: none), set by <see cref="BeginQuery"/> so the query goes out at once.</summary>
        public IWakeSignal Wake { get; set; }

        /// <summary>What the client did and dropped.</summary>
        public DnsCounters Counters => _counters;

        /// <summary>The number of servers the next query would use.</summary>
        public int ServerCount
        {
            get
            {
                if (_configuredServers > 0)
                {
                    return _configuredServers;
                }

                NanoTcp.Dhcp.DhcpClient dhcp = _stack.Dhcp;
                int count = dhcp == null ? 0 : dhcp.DomainNameServerCount;
                return count > MaxServers ? MaxServers : count;
            }
        }

        /// <summary>Server <paramref name="index"/> (0..<see cref="ServerCount"/>-1): configured, else from DHCP.</summary>
        public uint Server(int index)
        {
            return _configuredServers > 0 ? _servers[index] : _stack.Dhcp.DomainNameServerAt(index);
        }

        /// <summary>Cache entries holding an unexpired answer.</summary>
        public int CacheCount
        {
            get
            {
                long now = _clock.Milliseconds;
                int count = 0;
                for (int i = 0; i < _cacheExpires.Length; i++)
                {
                    if (_cacheExpires[i] > now)
                    {
                        count++;
                    }
                }

                return count;
            }
        }

        /// <summary>
        /// Starts resolving <paramref name="name"/> ("www.example.com") to an IPv4 address and returns a handle for
        /// <see cref="State"/>, <see cref="Address"/> and <see cref="EndQuery"/>; -1 when every query slot is in use.
        /// An unexpired cached answer makes the query Answered at once; otherwise the query goes out at the next poll.
        /// Never blocks. Throws <see cref="System.ArgumentException"/> for a name that is not a host name.
        /// </summary>
        public int BeginQuery(string name)
        {
            int handle;
            lock (SyncRoot)
            {
                int slot = -1;
                for (int i = 0; i < _state.Length; i++)
                {
                    if (_state[i] == DnsQueryState.None)
                    {
                        slot = i;
                        break;
                    }
                }

                if (slot < 0)
                {
                    return -1;
                }

                int length = DnsMessage.WriteName(name, _name[slot], 0);
                if (length < 0)
                {
                    throw new System.ArgumentException("a host name is dot-separated labels of 1 to 63 printable ASCII characters, 253 characters at most");
                }

                handle = slot | (_generation[slot] << SlotBits);
                _nameLength[slot] = length;
                _completed[slot].Reset();
                long now = _clock.Milliseconds;
                int entry = FindCached(_name[slot], length, now);
                if (entry >= 0)
                {
                    _counters.cacheHits++;
                    _address[slot] = _cacheAddress[entry];
                    _state[slot] = DnsQueryState.Answered;
                    _completed[slot].Set();
                    return handle;
                }

                System.Array.Copy(_name[slot], 0, _question[slot], 0, length);
                _questionLength[slot] = length;
                _state[slot] = DnsQueryState.Pending;
                _attempt[slot] = 0;
                _chain[slot] = 0;
                _ttl[slot] = (uint)_configuration.MaxTtlSeconds;
                _address[slot] = 0;
                _serverFailed[slot] = false;
                _port[slot] = 0;
                _due[slot] = long.MinValue;
            }

            IWakeSignal wake = Wake;
            if (wake != null)
            {
                wake.Set();
            }

            return handle;
        }

        /// <summary>Where query <paramref name="query"/> stands (None for an ended or unknown handle).</summary>
        public DnsQueryState State(int query)
        {
            lock (SyncRoot)
            {
                int slot = SlotOf(query);
                return slot < 0 ? DnsQueryState.None : _state[slot];
            }
        }

        /// <summary>The address found (0 unless the query is Answered).</summary>
        public uint Address(int query)
        {
            lock (SyncRoot)
            {
                int slot = SlotOf(query);
                return slot < 0 || _state[slot] != DnsQueryState.Answered ? 0 : _address[slot];
            }
        }

        /// <summary>Frees the query's slot (a pending query is abandoned: its answer will find no listener).</summary>
        public void EndQuery(int query)
        {
            lock (SyncRoot)
            {
                int slot = SlotOf(query);
                if (slot >= 0)
                {
                    ReleasePort(slot);
                    _state[slot] = DnsQueryState.None;
                    _generation[slot] = (_generation[slot] + 1) & 0x7FFFFF;
                }
            }
        }

        /// <summary>
        /// Resolves <paramref name="name"/> and waits, on the query's completion event (set by the stack's thread), until
        /// it is answered or fails, at most <paramref name="timeoutMilliseconds"/> (-1: until the attempts run out).
        /// Call it from another thread than the one polling the stack. Throws <see cref="DnsException"/> when no address
        /// is found, <see cref="System.InvalidOperationException"/> when every query slot is in use.
        /// </summary>
        public uint Resolve(string name, int timeoutMilliseconds)
        {
            int query = BeginQuery(name);
            if (query < 0)
            {
                throw new System.InvalidOperationException("every DNS query slot is in use: end a query or raise DnsConfiguration.Queries");
            }

            AutoResetEvent completed = _completed[query & SlotMask];
            long deadline = timeoutMilliseconds < 0 ? long.MaxValue : _clock.Milliseconds + timeoutMilliseconds;
            try
            {
                for (;;)
                {
                    DnsQueryState state = State(query);
                    if (state == DnsQueryState.Answered)
                    {
                        return Address(query);
                    }

                    if (state != DnsQueryState.Pending)
                    {
                        throw new DnsException(state, "no address for " + name + ": " + StateText(state));
                    }

                    long remaining = deadline == long.MaxValue ? int.MaxValue : deadline - _clock.Milliseconds;
                    if (remaining <= 0)
                    {
                        throw new DnsException(DnsQueryState.TimedOut, "no address for " + name + " within " + timeoutMilliseconds.ToString() + " ms");
                    }

                    completed.WaitOne(remaining > int.MaxValue ? int.MaxValue : (int)remaining, false);
                }
            }
            finally
            {
                EndQuery(query);
            }
        }

        /// <summary>Sends what is due; returns the clock time of the next query time-out (long.MaxValue: none).</summary>
        internal long Poll(long now)
        {
            lock (SyncRoot)
            {
                long next = long.MaxValue;
                for (int slot = 0; slot < _state.Length; slot++)
                {
                    if (_state[slot] != DnsQueryState.Pending)
                    {
                        continue;
                    }

                    if (now >= _due[slot])
                    {
                        SendAttempt(slot, now);
                    }

                    if (_state[slot] == DnsQueryState.Pending && _due[slot] < next)
                    {
                        next = _due[slot];
                    }
                }

                return next;
            }
        }

        private static string StateText(DnsQueryState state)
        {
            switch (state)
            {
                case DnsQueryState.NameError: return "the name does not exist (NXDOMAIN)";
                case DnsQueryState.NoAddress: return "the name has no A record";
                case DnsQueryState.ServerFailure: return "the servers failed or refused";
                default: return "no server answered";
            }
        }

        private int SlotOf(int query)
        {
            int slot = query & SlotMask;
            return query < 0 || slot >= _state.Length || _generation[slot] != (query >> SlotBits) ? -1 : slot;
        }

        /// <summary>The next attempt of a query: to server attempt mod servers, waiting Initial·2^round (RFC 1536 §1 back-off).</summary>
        private void SendAttempt(int slot, long now)
        {
            int servers = ServerCount;
            if (_attempt[slot] >= _configuration.Attempts || servers == 0)
            {
                Finish(slot, _serverFailed[slot] ? DnsQueryState.ServerFailure : DnsQueryState.TimedOut);
                return;
            }

            if (_port[slot] == 0 && !ClaimPort(slot))
            {
                // Every random port tried was bound; try again after one wait.
                _due[slot] = now + _configuration.InitialTimeoutMilliseconds;
                return;
            }

            int attempt = _attempt[slot];
            int round = attempt / servers;
            uint server = Server(attempt % servers);
            _server[slot] = server;
            _id[slot] = (ushort)_random.Next(0x10000);
            _attempt[slot] = attempt + 1;
            long wait = (long)_configuration.InitialTimeoutMilliseconds << (round > 16 ? 16 : round);
            _due[slot] = now + wait;

            byte[] buffer = _stack.TransmitBuffer;
            int start = _stack.Udp.PayloadOffset;
            int at = DnsMessage.WriteHeader(buffer, start, _id[slot], DnsMessage.FlagRecursionDesired, 1, 0, 0, 0);
            System.Array.Copy(_question[slot], 0, buffer, at, _questionLength[slot]);
            at += _questionLength[slot];
            Bytes.WriteUInt16(buffer, at, DnsMessage.TypeA);
            Bytes.WriteUInt16(buffer, at + 2, DnsMessage.ClassInternet);
            at += DnsMessage.QuestionFixedLength;
            _counters.queriesSent++;
            if (attempt > 0)
            {
                _counters.retransmissions++;
            }

            _stack.Udp.SendPrepared(server, _port[slot], DnsMessage.ServerPort, at - start);
        }

        /// <summary>Binds a random unused port from the dynamic range (RFC 6335 §6; RFC 5452 §9.2: unpredictable).</summary>
        private bool ClaimPort(int slot)
        {
            UdpProtocol udp = _stack.Udp;
            for (int tries = 0; tries < 8; tries++)
            {
                ushort port = (ushort)(FirstEphemeralPort + _random.Next(EphemeralPorts));
                if (!udp.IsBound(port))
                {
                    udp.Bind(port, _receive);
                    _port[slot] = port;
                    return true;
                }
            }

            return false;
        }

        private void ReleasePort(int slot)
        {
            if (_port[slot] != 0)
            {
                _stack.Udp.Unbind(_port[slot]);
                _port[slot] = 0;
            }
        }

        private void Finish(int slot, DnsQueryState state)
        {
            ReleasePort(slot);
            _state[slot] = state;
            switch (state)
            {
                case DnsQueryState.Answered:
                    _counters.answers++;
                    Remember(slot);
                    break;
                case DnsQueryState.NameError:
                    _counters.nameErrors++;
                    break;
                case DnsQueryState.NoAddress:
                    _counters.noAddress++;
                    break;
                default:
                    _counters.timedOut++;
                    break;
            }

            _completed[slot].Set();
        }

        private int FindCached(byte[] name, int length, long now)
        {
            for (int i = 0; i < _cacheExpires.Length; i++)
            {
                if (_cacheExpires[i] > now && _cacheNameLength[i] == length && DnsMessage.NamesEqual(_cacheName[i], 0, name, 0, length))
                {
                    return i;
                }
            }

            return -1;
        }

        /// <summary>Keeps an answer for its TTL (never with TTL 0, RFC 1035 §3.2.1): the same name's entry, a free or expired one, else the soonest to expire.</summary>
        private void Remember(int slot)
        {
            if (_ttl[slot] == 0 || _cacheExpires.Length == 0)
            {
                return;
            }

            long now = _stack.Now;
            int length = _nameLength[slot];
            int chosen = 0;
            for (int i = 0; i < _cacheExpires.Length; i++)
            {
                if (_cacheNameLength[i] == length && DnsMessage.NamesEqual(_cacheName[i], 0, _name[slot], 0, length))
                {
                    chosen = i;
                    break;
                }

                if (_cacheExpires[i] < _cacheExpires[chosen])
                {
                    chosen = i;
                }
            }

            System.Array.Copy(_name[slot], 0, _cacheName[chosen], 0, length);
            _cacheNameLength[chosen] = length;
            _cacheAddress[chosen] = _address[slot];
            _cacheExpires[chosen] = now + (long)_ttl[slot] * 1000;
        }
    }
}
