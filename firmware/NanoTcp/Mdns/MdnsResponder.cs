using NanoTcp.Udp;
using NanoTcp.Wire;

namespace NanoTcp.Mdns
{
    /// <summary>
    /// Multicast DNS responder (RFC 6762) for the A record of "host.local" and, when configured, one DNS-SD service
    /// (RFC 6763, <see cref="MdnsService"/>): the unique SRV and TXT records of "instance._http._tcp.local" and the
    /// shared PTR records of "_http._tcp.local" and "_services._dns-sd._udp.local". When the interface has an
    /// address (at start, and again whenever it changes, as after a DHCP lease) it probes for its unique names three
    /// times 250 ms apart (§8.1), then announces every record twice one second apart (§8.3). A conflicting answer while
    /// probing makes it take the next name, "host-2.local" or "instance (2)" (§9); one after announcing makes it probe
    /// again. It answers queries for its records: one-shot queries from a port other than 5353 by unicast with the
    /// query's ID and question (§6.7); the QU bit and queries sent to our address by unicast to port 5353 (§5.4,
    /// §5.5); other queries on 224.0.0.251, each record at most once a second (§6), leaving out the records the query
    /// lists as known answers with at least half their TTL (§7.1). A PTR answer carries the SRV, TXT and A records as
    /// additional records (RFC 6763 §12). <see cref="Stop"/> says goodbye to every record (TTL 0, §10.1). Every packet
    /// is sent with IP TTL 255 (§11). The responses are built in the stack's transmit buffer; the memory of its own is
    /// two 256-byte names and, with a service, its name and TXT data (about 120 bytes more). Runs on the stack's
    /// thread (from <see cref="NetworkStack.Poll"/>). This file: state and timers; MdnsResponder.Records.cs: writing
    /// and sending records; MdnsResponder.Receive.cs: checking and reading a message.
    /// </summary>
    public sealed partial class MdnsResponder
    {
        /// <summary>Probes sent for a name (§8.1).</summary>
        public const int ProbeCount = 3;

        /// <summary>Time between probes, and from the last probe to the first announcement (§8.1).</summary>
        public const int ProbeIntervalMilliseconds = 250;

        /// <summary>Wait after losing a simultaneous-probe tie-break before probing again (§8.2).</summary>
        public const int TieBreakDelayMilliseconds = 1000;

        /// <summary>Announcements sent (§8.3: at least two).</summary>
        public const int AnnouncementCount = 2;

        /// <summary>Time between the announcements (§8.3: one second).</summary>
        public const int AnnouncementIntervalMilliseconds = 1000;

        /// <summary>The record is multicast at most once per this interval (§6)...</summary>
        public const int MulticastIntervalMilliseconds = 1000;

        /// <summary>...except in answer to a probe, at most once per this (§6).</summary>
        public const int ProbeDefenceIntervalMilliseconds = 250;

        /// <summary>Longest TTL in an answer to a one-shot (legacy unicast) query (§6.7).</summary>
        public const uint LegacyTtlSeconds = 10;

        /// <summary>The longest host label configured: the label limit (63) less room for "-99999".</summary>
        public const int MaxHostNameLength = 56;

        // §8.1: after fifteen conflicts within ten seconds, wait five seconds before each further probe round.
        private const int ConflictWindowMilliseconds = 10000;
        private const int ConflictLimit = 15;
        private const int ConflictBackoffMilliseconds = 5000;

        private const int MaxSuffix = 99999;
        private const int NameBufferLength = DnsMessage.MaxNameLength + 1;
        private const long Never = long.MaxValue;

        private static readonly byte[] LocalLabel = new byte[] { 5, (byte)'l', (byte)'o', (byte)'c', (byte)'a', (byte)'l', 0 };

        private readonly NetworkStack _stack;
        private readonly System.Random _random;
        private readonly uint _ttl;
        private readonly byte[] _label;
        private readonly byte[] _name = new byte[NameBufferLength];
        private readonly byte[] _scratch = new byte[NameBufferLength];
        private readonly MdnsCounters _counters = new MdnsCounters();
        private readonly MdnsService _service;
        private readonly long[] _lastMulticast = new long[RecordCount];
        private int _nameLength;
        private int _suffix = 1;
        private string _hostName;
        private MdnsState _state = MdnsState.Waiting;
        private uint _address;
        private int _probesSent;
        private int _announcementsSent;
        private long _due = Never;
        private int _conflicts;
        private long _conflictWindowStart;

        internal MdnsResponder(NetworkStack stack, MdnsConfiguration configuration)
        {
            string host = configuration.HostName;
            if (!IsHostLabel(host) || configuration.RecordTtlSeconds < 1)
            {
                throw new System.ArgumentException("MdnsConfiguration.HostName: 1 to 56 characters among letters, digits and '-' (no dot); RecordTtlSeconds at least 1");
            }

            _stack = stack;
            _ttl = (uint)configuration.RecordTtlSeconds;
            if (configuration.ServiceName != null)
            {
                _service = new MdnsService(configuration.ServiceName, configuration.ServicePort, configuration.ServiceTxt);
            }

            _label = new byte[host.Length];
            for (int i = 0; i < host.Length; i++)
            {
                _label[i] = (byte)host[i];
            }

            byte[] mac = new byte[EthernetHeader.AddressLength];
            stack.GetMacAddress(mac, 0);
            _random = new System.Random((mac[3] << 16) | (mac[4] << 8) | mac[5]);
            BuildName();
            ForgetMulticasts();
            stack.Udp.Bind(MdnsMessage.Port, new UdpReceiveHandler(ReceiveDatagram));
            stack.Ipv4Layer.JoinGroup(MdnsMessage.GroupAddress);
        }

        /// <summary>The name claimed or being probed, "nanotcp.local" (a new string only after a rename).</summary>
        public string HostName => _hostName;

        /// <summary>Where the responder stands with its name.</summary>
        public MdnsState State => _state;

        /// <summary>True once a conflict made the responder give up the configured name.</summary>
        public bool Renamed => _suffix > 1;

        /// <summary>The DNS-SD instance label advertised ("nanotcp", "nanotcp (2)" after a conflict), or null without a service.</summary>
        public string ServiceInstance => _service == null ? null : _service.Instance;

        /// <summary>The port in the service's SRV record (0 without a service).</summary>
        public int ServicePort => _service == null ? 0 : _service.Port;

        /// <summary>True once a conflict made the responder give up the configured instance name.</summary>
        public bool ServiceRenamed => _service != null && _service.Renamed;

        /// <summary>The state as the status page shows it: "off", "waiting", "probing", "announcing", "announced".</summary>
        public string StateName
        {
            get
            {
                switch (_state)
                {
                    case MdnsState.Waiting: return "waiting";
                    case MdnsState.Probing: return "probing";
                    case MdnsState.Announcing: return "announcing";
                    case MdnsState.Announced: return "announced";
                    default: return "off";
                }
            }
        }

        /// <summary>What the responder did and dropped.</summary>
        public MdnsCounters Counters => _counters;

        /// <summary>Sends the goodbye (every record with TTL 0, §10.1) when the names were announced, then answers nothing more.</summary>
        public void Stop()
        {
            if ((_state == MdnsState.Announcing || _state == MdnsState.Announced) && _address != 0)
            {
                SendResponse(MdnsMessage.GroupAddress, MdnsMessage.Port, AllRecords(), 0, Goodbye);
                _counters.goodbyes++;
            }

            _state = MdnsState.Off;
            _due = Never;
        }

        /// <summary>Starts over on an address change, sends the probes and announcements that are due; returns the next due time.</summary>
        internal long Poll(long now)
        {
            if (_state == MdnsState.Off)
            {
                return Never;
            }

            uint address = _stack.LocalAddress;
            if (address != _address)
            {
                _address = address;
                if (address == 0)
                {
                    _state = MdnsState.Waiting;
                    _due = Never;
                    return Never;
                }

                // §8.1: a random 0-250 ms wait first, so that hosts powered on together do not probe together.
                StartProbing(now, _random.Next(ProbeIntervalMilliseconds));
            }

            if (_state == MdnsState.Waiting || now < _due)
            {
                return _due;
            }

            if (_state == MdnsState.Probing)
            {
                if (_probesSent < ProbeCount)
                {
                    SendProbe();
                    _probesSent++;
                    _due = now + ProbeIntervalMilliseconds;
                    return _due;
                }

                _state = MdnsState.Announcing;
                _announcementsSent = 0;
            }

            if (_state == MdnsState.Announcing)
            {
                int records = AllRecords();
                SendResponse(MdnsMessage.GroupAddress, MdnsMessage.Port, records, 0, Multicast);
                _counters.announcements++;
                MarkMulticast(records, now);
                _announcementsSent++;
                if (_announcementsSent >= AnnouncementCount)
                {
                    _state = MdnsState.Announced;
                    _due = Never;
                }
                else
                {
                    _due = now + AnnouncementIntervalMilliseconds;
                }
            }

            return _due;
        }

        private void StartProbing(long now, int delay)
        {
            if (_conflicts >= ConflictLimit && now - _conflictWindowStart < ConflictWindowMilliseconds && delay < ConflictBackoffMilliseconds)
            {
                delay = ConflictBackoffMilliseconds;
            }

            _state = MdnsState.Probing;
            _probesSent = 0;
            _due = now + delay;
        }

        /// <summary>§9: while probing, take the next host name (or instance name); once announced, probe the same names again.</summary>
        private void OnConflict(long now, bool service)
        {
            _counters.conflicts++;
            if (now - _conflictWindowStart >= ConflictWindowMilliseconds)
            {
                _conflictWindowStart = now;
                _conflicts = 0;
            }

            _conflicts++;
            if (_state == MdnsState.Probing && service)
            {
                _service.Rename();
                _counters.serviceRenames++;
            }
            else if (_state == MdnsState.Probing)
            {
                _suffix = _suffix >= MaxSuffix ? 2 : _suffix + 1;
                _counters.renames++;
                BuildName();
            }

            ForgetMulticasts();
            StartProbing(now, 0);
        }

        /// <summary>§8.2: the other host's probe wins the tie-break: wait one second, then probe again from the first.</summary>
        private void DeferProbing(long now)
        {
            _counters.conflicts++;
            _probesSent = 0;
            _due = now + TieBreakDelayMilliseconds;
        }

        /// <summary>Writes "label[-suffix].local" in wire form into the name buffer and its text into <see cref="HostName"/>.</summary>
        private void BuildName()
        {
            int at = 1;
            System.Array.Copy(_label, 0, _name, at, _label.Length);
            at += _label.Length;
            if (_suffix > 1)
            {
                _name[at++] = (byte)'-';
                at = WriteDecimal(_name, at, _suffix);
            }

            _name[0] = (byte)(at - 1);
            System.Array.Copy(LocalLabel, 0, _name, at, LocalLabel.Length);
            _nameLength = at + LocalLabel.Length;
            _hostName = DnsMessage.NameToString(_name, 0);
        }

        private static int WriteDecimal(byte[] buf, int at, int value)
        {
            int digits = 1;
            for (int v = value / 10; v > 0; v /= 10)
            {
                digits++;
            }

            for (int i = digits - 1; i >= 0; i--)
            {
                buf[at + i] = (byte)('0' + (value % 10));
                value /= 10;
            }

            return at + digits;
        }

        private static bool IsHostLabel(string host)
        {
            if (host == null || host.Length < 1 || host.Length > MaxHostNameLength)
            {
                return false;
            }

            for (int i = 0; i < host.Length; i++)
            {
                char c = host[i];
                bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
                if (!letter && !(c >= '0' && c <= '9') && c != '-')
                {
                    return false;
                }
            }

            return true;
        }
    }
}
