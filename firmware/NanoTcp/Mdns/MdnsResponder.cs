using NanoTcp.Udp;
using NanoTcp.Wire;

namespace NanoTcp.Mdns
{
    /// <summary>
    /// Multicast DNS responder (RFC 6762) for one unique record, the A record of "host.local". When the interface has an
    /// address (at start, and again whenever it changes, as after a DHCP lease) it probes for the name three times
    /// 250 ms apart (§8.1), then announces it twice one second apart (§8.3). A conflicting answer while probing makes
    /// it take the next name, "host-2.local", "host-3.local"... (§9); one after announcing makes it probe again. It
    /// answers A and ANY queries for the name: one-shot queries from a port other than 5353 by unicast with the
    /// query's ID and question (§6.7); the QU bit and queries sent to our address by unicast to port 5353 (§5.4,
    /// §5.5); other queries on 224.0.0.251 at most once a second (§6), not at all when the query lists our record
    /// as a known answer with at least half its TTL (§7.1). <see cref="Stop"/> says goodbye (TTL 0, §10.1).
    /// Every packet is sent with IP TTL 255 (§11). The responses are built in the stack's transmit buffer; the only
    /// memory of its own is two 256-byte names. Runs on the stack's thread (from <see cref="NetworkStack.Poll"/>).
    /// This file: state, timers, sending; MdnsResponder.Receive.cs: checking and reading a message.
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
        private int _nameLength;
        private int _suffix = 1;
        private string _hostName;
        private MdnsState _state = MdnsState.Waiting;
        private uint _address;
        private int _probesSent;
        private int _announcementsSent;
        private long _due = Never;
        private bool _multicastSent;
        private long _lastMulticast;
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
            _label = new byte[host.Length];
            for (int i = 0; i < host.Length; i++)
            {
                _label[i] = (byte)host[i];
            }

            byte[] mac = new byte[EthernetHeader.AddressLength];
            stack.GetMacAddress(mac, 0);
            _random = new System.Random((mac[3] << 16) | (mac[4] << 8) | mac[5]);
            BuildName();
            stack.Udp.Bind(MdnsMessage.Port, new UdpReceiveHandler(ReceiveDatagram));
            stack.Ipv4Layer.JoinGroup(MdnsMessage.GroupAddress);
        }

        /// <summary>The name claimed or being probed, "nanotcp.local" (a new string only after a rename).</summary>
        public string HostName => _hostName;

        /// <summary>Where the responder stands with its name.</summary>
        public MdnsState State => _state;

        /// <summary>True once a conflict made the responder give up the configured name.</summary>
        public bool Renamed => _suffix > 1;

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

        /// <summary>Sends the goodbye (our record with TTL 0, §10.1) when the name was announced, then answers nothing more.</summary>
        public void Stop()
        {
            if ((_state == MdnsState.Announcing || _state == MdnsState.Announced) && _address != 0)
            {
                SendAnswer(MdnsMessage.GroupAddress, MdnsMessage.Port, 0, true);
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
                SendAnswer(MdnsMessage.GroupAddress, MdnsMessage.Port, _ttl, true);
                _counters.announcements++;
                _multicastSent = true;
                _lastMulticast = now;
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

        /// <summary>§9: while probing, take the next name; once announced, probe the same name again.</summary>
        private void OnConflict(long now)
        {
            _counters.conflicts++;
            if (now - _conflictWindowStart >= ConflictWindowMilliseconds)
            {
                _conflictWindowStart = now;
                _conflicts = 0;
            }

            _conflicts++;
            if (_state == MdnsState.Probing)
            {
                _suffix = _suffix >= MaxSuffix ? 2 : _suffix + 1;
                _counters.renames++;
                BuildName();
            }

            StartProbing(now, 0);
        }

        /// <summary>§8.2: the other host's probe wins the tie-break: wait one second, then probe again from the first.</summary>
        private void DeferProbing(long now)
        {
            _counters.conflicts++;
            _probesSent = 0;
            _due = now + TieBreakDelayMilliseconds;
        }

        /// <summary>A probe (§8.1): a QU question for the name, type ANY, with our proposed record in the authority section.</summary>
        private void SendProbe()
        {
            byte[] tx = _stack.TransmitBuffer;
            int msg = _stack.Udp.PayloadOffset;
            int at = DnsMessage.WriteHeader(tx, msg, 0, 0, 1, 0, 1, 0);
            System.Array.Copy(_name, 0, tx, at, _nameLength);
            at += _nameLength;
            Bytes.WriteUInt16(tx, at, MdnsMessage.TypeAny);
            Bytes.WriteUInt16(tx, at + 2, DnsMessage.ClassInternet | MdnsMessage.ClassUnicastResponse);
            at = MdnsMessage.WritePointerToFirstName(tx, at + DnsMessage.QuestionFixedLength);
            at = MdnsMessage.WriteAddressFields(tx, at, DnsMessage.ClassInternet, _ttl, _address);
            _counters.probesSent++;
            Send(MdnsMessage.GroupAddress, MdnsMessage.Port, at - msg);
        }

        /// <summary>A response holding our record alone (announcement, answer, goodbye), the cache-flush bit set when asked.</summary>
        private void SendAnswer(uint destination, ushort port, uint ttl, bool cacheFlush)
        {
            byte[] tx = _stack.TransmitBuffer;
            int msg = _stack.Udp.PayloadOffset;
            int at = DnsMessage.WriteHeader(tx, msg, 0, MdnsMessage.FlagsResponse, 0, 1, 0, 0);
            System.Array.Copy(_name, 0, tx, at, _nameLength);
            at += _nameLength;
            ushort recordClass = cacheFlush ? (ushort)(DnsMessage.ClassInternet | MdnsMessage.ClassCacheFlush) : DnsMessage.ClassInternet;
            at = MdnsMessage.WriteAddressFields(tx, at, recordClass, ttl, _address);
            Send(destination, port, at - msg);
        }

        /// <summary>§6.7: the answer to a one-shot query: its ID, its question again, no cache-flush bit, TTL at most 10 s.</summary>
        private void SendLegacyAnswer(uint destination, ushort port, ushort id, ushort questionType)
        {
            byte[] tx = _stack.TransmitBuffer;
            int msg = _stack.Udp.PayloadOffset;
            int at = DnsMessage.WriteHeader(tx, msg, id, MdnsMessage.FlagsResponse, 1, 1, 0, 0);
            System.Array.Copy(_name, 0, tx, at, _nameLength);
            at += _nameLength;
            Bytes.WriteUInt16(tx, at, questionType);
            Bytes.WriteUInt16(tx, at + 2, DnsMessage.ClassInternet);
            at = MdnsMessage.WritePointerToFirstName(tx, at + DnsMessage.QuestionFixedLength);
            at = MdnsMessage.WriteAddressFields(tx, at, DnsMessage.ClassInternet, _ttl < LegacyTtlSeconds ? _ttl : LegacyTtlSeconds, _address);
            Send(destination, port, at - msg);
        }

        private void Send(uint destination, ushort port, int length)
        {
            _stack.Udp.SendPrepared(destination, MdnsMessage.Port, port, length, MdnsMessage.IpTtl);
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
