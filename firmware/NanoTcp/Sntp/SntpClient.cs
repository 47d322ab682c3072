using NanoTcp.Hardware;
using NanoTcp.Udp;
using NanoTcp.Wire;

namespace NanoTcp.Sntp
{
    /// <summary>
    /// SNTP client (RFC 4330; RFC 5905 client mode): keeps a wall-clock offset beside the board's tick, so that
    /// UTC now = tick + offset (<see cref="UtcMilliseconds"/>); the tick itself stays the only time base of every timer.
    /// One request at a time goes to a server (configured, else DHCP option 42) from a random source port with a
    /// transmit timestamp whose low bits are random; the reply must come from that server's port 123 and echo the
    /// timestamp. While servers answer, a request goes out every poll interval; an unanswered request makes the next
    /// one go to the next server after a wait that doubles from <see cref="SntpConfiguration.RetryIntervalSeconds"/> up
    /// to the poll interval. Kiss-o'-death RATE doubles the poll interval (bounded); DENY and RSTR retire the server.
    /// A server given by name is resolved through the DNS client before each request (SntpClient.Name.cs).
    /// This file: the schedule and the application's view; SntpClient.Reply.cs: checking and using a reply.
    /// </summary>
    public sealed partial class SntpClient
    {
        /// <summary>Servers used at most (configured or from DHCP).</summary>
        public const int MaxServers = 3;

        private const int MinPollIntervalSeconds = 16;
        private const int FirstEphemeralPort = 49152;
        private const int EphemeralPorts = 16384;

        // Random low bits of the transmit fraction: below 2^-10 s, finer than the millisecond tick (RFC 5905 §6 fuzz).
        private const uint RandomFractionMask = 0x003FFFFF;

        private readonly NetworkStack _stack;
        private readonly ITickSource _clock;
        private readonly SntpConfiguration _configuration;
        private readonly System.Random _random;
        private readonly uint[] _servers = new uint[MaxServers];
        private readonly int _configuredServers;
        private readonly string _serverName;
        private readonly uint[] _denied = new uint[MaxServers + 1];
        private readonly SntpCounters _counters = new SntpCounters();
        private readonly UdpReceiveHandler _receive;
        private readonly System.Threading.ManualResetEvent _synchronizedEvent = new System.Threading.ManualResetEvent(false);
        private int _deniedCount;
        private int _serverIndex;
        private int _pollSeconds;
        private int _misses;
        private long _nextAt = long.MinValue;

        // The request in flight (_port 0: none).
        private ushort _port;
        private uint _server;
        private uint _sentSeconds;
        private uint _sentFraction;
        private long _sentAt;
        private long _timeoutAt;

        // The clock: UTC milliseconds = tick + _offset once _synchronized.
        private bool _synchronized;
        private long _offset;
        private long _delay;
        private long _updatedAt;

        internal SntpClient(NetworkStack stack, ITickSource clock, SntpConfiguration configuration)
        {
            if (configuration.PollIntervalSeconds < MinPollIntervalSeconds || configuration.MaxPollIntervalSeconds < configuration.PollIntervalSeconds
                || configuration.RetryIntervalSeconds < MinPollIntervalSeconds || configuration.ResponseTimeoutMilliseconds < 1)
            {
                throw new System.ArgumentException("SntpConfiguration: PollIntervalSeconds and RetryIntervalSeconds at least 16 (RFC 4330 §10), MaxPollIntervalSeconds at least PollIntervalSeconds, ResponseTimeoutMilliseconds at least 1");
            }

            _stack = stack;
            _clock = clock;
            _configuration = configuration;
            _pollSeconds = configuration.PollIntervalSeconds;
            SyncRoot = new object();
            byte[] mac = new byte[EthernetHeader.AddressLength];
            stack.GetMacAddress(mac, 0);
            _random = new System.Random(((mac[3] << 16) | (mac[4] << 8) | mac[5]) ^ (int)clock.Milliseconds ^ 0x4E5450);
            uint[] configured = configuration.Servers;
            for (int i = 0; configured != null && i < configured.Length && _configuredServers < MaxServers; i++)
            {
                if (configured[i] != 0)
                {
                    _servers[_configuredServers++] = configured[i];
                }
            }

            _serverName = configuration.ServerName;
            if (_serverName != null && DnsMessage.WriteName(_serverName, new byte[DnsMessage.MaxNameLength + 1], 0) < 0)
            {
                throw new System.ArgumentException("SntpConfiguration.ServerName: a host name is dot-separated labels of 1 to 63 printable ASCII characters, 253 characters at most");
            }

            _receive = new UdpReceiveHandler(ReceiveDatagram);
        }

        /// <summary>
        /// The lock every call takes (default: the client's own). The firmware sets its loop's lock, the one it holds
        /// around <see cref="NetworkStack.Poll"/>.
        /// </summary>
        public object SyncRoot { get; set; }

        /// <summary>What the client did and dropped.</summary>
        public SntpCounters Counters => _counters;

        /// <summary>True once a reply set the offset: <see cref="UtcMilliseconds"/> is then UTC.</summary>
        public bool IsSynchronized
        {
            get
            {
                lock (SyncRoot)
                {
                    return _synchronized;
                }
            }
        }

        /// <summary>
        /// UTC now, in milliseconds since 1970-01-01T00:00:00Z (seconds = value / 1000, the rest the fraction): the
        /// board's tick plus the offset from the last reply. 0 until <see cref="IsSynchronized"/>.
        /// </summary>
        public long UtcMilliseconds
        {
            get
            {
                lock (SyncRoot)
                {
                    return _synchronized ? _clock.Milliseconds + _offset : 0;
                }
            }
        }

        /// <summary>
        /// Waits until a reply has set the clock, at most <paramref name="timeoutMilliseconds"/> (-1: no limit); true
        /// when <see cref="IsSynchronized"/>. Call it from another thread than the one polling the stack.
        /// </summary>
        public bool WaitUntilSynchronized(int timeoutMilliseconds)
        {
            return _synchronizedEvent.WaitOne(timeoutMilliseconds, false);
        }

        /// <summary>UTC minus the board's tick, in milliseconds, from the last reply (0 until synchronised).</summary>
        public long OffsetMilliseconds => _offset;

        /// <summary>The round-trip delay of the last reply (RFC 5905 §8: (T4 - T1) - (T3 - T2)), in milliseconds.</summary>
        public long DelayMilliseconds => _delay;

        /// <summary>The tick (ms) of the last reply used, <see cref="long.MinValue"/> before the first.</summary>
        public long UpdatedAt => _synchronized ? _updatedAt : long.MinValue;

        /// <summary>The current poll interval in seconds (the configured one, doubled by each RATE kiss).</summary>
        public int PollIntervalSeconds => _pollSeconds;

        /// <summary>The tick (ms) when the next request goes out (long.MinValue: at the next poll that has an address and a server).</summary>
        public long NextRequestAt => _nextAt;

        /// <summary>The server of the request in flight or the next one, 0 when there is no server to ask.</summary>
        public uint Server
        {
            get
            {
                lock (SyncRoot)
                {
                    return _port != 0 ? _server : ChooseServer(false);
                }
            }
        }

        /// <summary>The number of servers known (configured, else from DHCP), retired ones included.</summary>
        public int ServerCount
        {
            get
            {
                if (_serverName != null)
                {
                    return _resolved != 0 ? 1 : 0;
                }

                if (_configuredServers > 0)
                {
                    return _configuredServers;
                }

                NanoTcp.Dhcp.DhcpClient dhcp = _stack.Dhcp;
                int count = dhcp == null ? 0 : dhcp.NtpServerCount;
                return count > MaxServers ? MaxServers : count;
            }
        }

        /// <summary>Server <paramref name="index"/> (0..<see cref="ServerCount"/>-1): configured, else from DHCP.</summary>
        public uint ServerAt(int index)
        {
            if (_serverName != null)
            {
                return _resolved;
            }

            return _configuredServers > 0 ? _servers[index] : _stack.Dhcp.NtpServerAt(index);
        }

        /// <summary>True when a DENY or RSTR kiss retired <paramref name="server"/>.</summary>
        public bool IsDenied(uint server)
        {
            for (int i = 0; i < _deniedCount; i++)
            {
                if (_denied[i] == server)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Sends what is due; returns the tick of the next request or time-out (long.MaxValue: none).</summary>
        internal long Poll(long now)
        {
            lock (SyncRoot)
            {
                if (_port != 0)
                {
                    if (now < _timeoutAt)
                    {
                        return _timeoutAt;
                    }

                    Unanswered(now);
                }

                if (now < _nextAt)
                {
                    return _nextAt;
                }

                if (_stack.LocalAddress == 0)
                {
                    return long.MaxValue;
                }

                if (_serverName != null)
                {
                    long resolving = Resolve(now);
                    if (resolving != 0)
                    {
                        return resolving;
                    }
                }

                uint server = ChooseServer(true);
                if (server == 0)
                {
                    return long.MaxValue;
                }

                return Send(server, now) ? _timeoutAt : now + _configuration.ResponseTimeoutMilliseconds;
            }
        }

        /// <summary>The first usable server from the current index on (false: without moving the index); 0 when none.</summary>
        private uint ChooseServer(bool move)
        {
            int count = ServerCount;
            for (int i = 0; i < count; i++)
            {
                int index = (_serverIndex + i) % count;
                uint server = ServerAt(index);
                if (server != 0 && !IsDenied(server))
                {
                    if (move)
                    {
                        _serverIndex = index;
                    }

                    return server;
                }
            }

            return 0;
        }

        private bool Send(uint server, long now)
        {
            if (!ClaimPort())
            {
                return false;
            }

            // RFC 5905 §6 / RFC 9109 spirit: the transmit timestamp is our best guess of UTC with random low bits, or
            // wholly random before the first reply; it must come back as the originate timestamp.
            if (_synchronized)
            {
                long utc = now + _offset;
                _sentSeconds = NtpTimestamp.SecondsOf(utc);
                _sentFraction = (NtpTimestamp.FractionOf(utc) & ~RandomFractionMask) | (NextRandom() & RandomFractionMask);
            }
            else
            {
                _sentSeconds = NextRandom();
                _sentFraction = NextRandom();
            }

            _server = server;
            _sentAt = now;
            _timeoutAt = now + _configuration.ResponseTimeoutMilliseconds;
            _counters.requestsSent++;
            int start = _stack.Udp.PayloadOffset;
            NtpPacket.WriteRequest(_stack.TransmitBuffer, start, _sentSeconds, _sentFraction);
            _stack.Udp.SendPrepared(server, _port, NtpPacket.ServerPort, NtpPacket.Length);
            return true;
        }

        /// <summary>No usable reply in time: the next server, after a wait doubling from the retry interval up to the poll interval.</summary>
        private void Unanswered(long now)
        {
            ReleasePort();
            _counters.unanswered++;
            BackOff(now);
        }

        /// <summary>The next request goes to the next server after a wait doubling from the retry interval up to the poll interval.</summary>
        private void BackOff(long now)
        {
            _misses++;
            _serverIndex++;
            long wait = (long)_configuration.RetryIntervalSeconds << (_misses > 20 ? 20 : _misses - 1);
            if (wait > _pollSeconds)
            {
                wait = _pollSeconds;
            }

            _nextAt = now + wait * 1000;
        }

        /// <summary>A random port from the dynamic range (RFC 6335 §6; RFC 9109 §3: unpredictable).</summary>
        private bool ClaimPort()
        {
            UdpProtocol udp = _stack.Udp;
            for (int tries = 0; tries < 8; tries++)
            {
                ushort port = (ushort)(FirstEphemeralPort + _random.Next(EphemeralPorts));
                if (!udp.IsBound(port))
                {
                    udp.Bind(port, _receive);
                    _port = port;
                    return true;
                }
            }

            return false;
        }

        private void ReleasePort()
        {
            if (_port != 0)
            {
                _stack.Udp.Unbind(_port);
                _port = 0;
            }
        }

        private uint NextRandom()
        {
            return (uint)_random.Next() ^ ((uint)_random.Next() << 16);
        }
    }
}
