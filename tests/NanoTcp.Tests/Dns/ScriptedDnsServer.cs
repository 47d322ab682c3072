using System;
using System.Collections;
using NanoTcp.Tests.Ipv4;
using NanoTcp.Wire;

namespace NanoTcp.Tests.Dns
{
    /// <summary>Makes a bad datagram from the good answer a server would send (for the malformed-answer tests).</summary>
    internal delegate byte[] BadReply(byte[] good);

    /// <summary>
    /// A DNS server written for the tests, on its own scripted host: answers A queries from its records as a
    /// recursive server would (the CNAME chain, then the A record), NXDOMAIN for names it is told, nothing while
    /// <see cref="Silent"/>; records every query. <see cref="Corrupt"/> sends a bad datagram before each good answer.
    /// </summary>
    internal sealed class ScriptedDnsServer
    {
        private readonly ScriptedHost _host;
        private readonly ScriptedHost _spoofer;
        private readonly Network _net;
        private readonly ArrayList _records = new ArrayList();
        private readonly ArrayList _missing = new ArrayList();

        public ScriptedDnsServer(Network net, int n)
        {
            _net = net;
            _host = net.AddHost(n);
            _spoofer = net.AddHost(n + 100);
            net.AddResponder(Step);
        }

        public uint Address => _host.Address;

        /// <summary>Another host on the wire that sends the bad datagram when <see cref="CorruptFromOtherAddress"/> is set.</summary>
        public uint SpooferAddress => _spoofer.Address;

        public bool Silent { get; set; }

        /// <summary>False: only the records of the asked name itself go into an answer (a CNAME without its target).</summary>
        public bool ChainInAnswer { get; set; } = true;

        /// <summary>Answer every query with this RCODE and no records (0: normal answers).</summary>
        public int ResponseCode { get; set; }

        public BadReply Corrupt { get; set; }

        public ushort CorruptFromPort { get; set; } = DnsMessage.ServerPort;

        public bool CorruptFromOtherAddress { get; set; }

        public ArrayList Queries { get; } = new ArrayList();

        public Query LastQuery => (Query)Queries[Queries.Count - 1];

        internal sealed class Query
        {
            public ushort Id;
            public ushort Flags;
            public ushort SourcePort;
            public uint Destination;
            public string Name;
            public ushort Type;
            public ushort Class;
            public long Time;
        }

        private sealed class Record
        {
            public string Name;
            public ushort Type;
            public uint Ttl;
            public uint Address;
            public string Target;
        }

        public void AddA(string name, uint address, uint ttl)
        {
            _records.Add(new Record { Name = name, Type = DnsMessage.TypeA, Ttl = ttl, Address = address });
        }

        public void AddCname(string name, string target, uint ttl)
        {
            _records.Add(new Record { Name = name, Type = DnsMessage.TypeCname, Ttl = ttl, Target = target });
        }

        public void AddNameError(string name)
        {
            _missing.Add(name);
        }

        /// <summary>Forgets every record and name error (a name that moves: clear, then add its new record).</summary>
        public void Clear()
        {
            _records.Clear();
            _missing.Clear();
        }

        private void Step()
        {
            foreach (byte[] frame in _host.Drain())
            {
                if (ScriptedHost.IsArp(frame, ArpPacket.OperationRequest) && ArpPacket.TargetProtocolAddress(frame, 14) == _host.Address)
                {
                    var senderMac = new byte[6];
                    Array.Copy(frame, 22, senderMac, 0, 6);
                    _host.Send(Frames.Arp(ArpPacket.OperationReply, _host.Mac, _host.Address, senderMac, ArpPacket.SenderProtocolAddress(frame, 14)));
                    continue;
                }

                if (!ScriptedHost.IsIpv4(frame, Ipv4Header.ProtocolUdp) || UdpHeader.DestinationPort(frame, 34) != DnsMessage.ServerPort)
                {
                    continue;
                }

                int msg = 42;
                int length = UdpHeader.DatagramLength(frame, 34) - 8;
                int end;
                var name = new byte[256];
                if (length < DnsMessage.HeaderLength || DnsMessage.ExpandName(frame, msg, length, msg + 12, name, 0, out end) < 0 || end + 4 > msg + length)
                {
                    throw new InvalidOperationException("the client sent a malformed DNS query");
                }

                var query = new Query
                {
                    Id = DnsMessage.Id(frame, msg),
                    Flags = DnsMessage.Flags(frame, msg),
                    SourcePort = UdpHeader.SourcePort(frame, 34),
                    Destination = Ipv4Header.Destination(frame, 14),
                    Name = DnsMessage.NameToString(name, 0),
                    Type = Bytes.ReadUInt16(frame, end),
                    Class = Bytes.ReadUInt16(frame, end + 2),
                    Time = _net.Clock.Milliseconds,
                };
                Queries.Add(query);
                if (Silent)
                {
                    continue;
                }

                var clientMac = new byte[6];
                Array.Copy(frame, 6, clientMac, 0, 6);
                uint client = Ipv4Header.Source(frame, 14);
                byte[] good = Answer(query);
                if (Corrupt != null)
                {
                    ScriptedHost from = CorruptFromOtherAddress ? _spoofer : _host;
                    from.Send(Frames.Udp(clientMac, _host.Mac, from.Address, client, CorruptFromPort, query.SourcePort, Corrupt(good)));
                }

                _host.Send(Frames.Udp(clientMac, _host.Mac, _host.Address, client, DnsMessage.ServerPort, query.SourcePort, good));
            }
        }

        /// <summary>The answer to <paramref name="query"/>: the question repeated, then the chain of records (owner names compressed when they are the question's).</summary>
        private byte[] Answer(Query query)
        {
            var message = new byte[DnsMessage.MaxUdpLength];
            int at = DnsMessage.HeaderLength;
            int nameLength = DnsMessage.WriteName(query.Name, message, at);
            at += nameLength;
            Bytes.WriteUInt16(message, at, query.Type);
            Bytes.WriteUInt16(message, at + 2, query.Class);
            at += 4;
            int code = ResponseCode;
            if (code == 0 && IsMissing(query.Name))
            {
                code = DnsMessage.ResponseNameError;
            }

            int count = 0;
            string current = query.Name;
            for (int hop = 0; code == 0 && hop < 12; hop++)
            {
                Record record = Find(current);
                if (record == null)
                {
                    break;
                }

                if (current == query.Name && hop == 0)
                {
                    message[at] = 0xC0;
                    message[at + 1] = DnsMessage.HeaderLength;
                    at += 2;
                }
                else
                {
                    at += DnsMessage.WriteName(current, message, at);
                }

                Bytes.WriteUInt16(message, at, record.Type);
                Bytes.WriteUInt16(message, at + 2, DnsMessage.ClassInternet);
                Bytes.WriteUInt32(message, at + 4, record.Ttl);
                int data = at + 10;
                int dataLength;
                if (record.Type == DnsMessage.TypeA)
                {
                    Bytes.WriteUInt32(message, data, record.Address);
                    dataLength = 4;
                }
                else
                {
                    dataLength = DnsMessage.WriteName(record.Target, message, data);
                }

                Bytes.WriteUInt16(message, at + 8, (ushort)dataLength);
                at = data + dataLength;
                count++;
                if (record.Type == DnsMessage.TypeA || !ChainInAnswer)
                {
                    break;
                }

                current = record.Target;
            }

            DnsMessage.WriteHeader(message, 0, query.Id, (ushort)(DnsMessage.FlagResponse | DnsMessage.FlagRecursionDesired | 0x0080 | code), 1, count, 0, 0);
            return Frames.Slice(message, 0, at);
        }

        private bool IsMissing(string name)
        {
            foreach (string missing in _missing)
            {
                if (missing == name)
                {
                    return true;
                }
            }

            return false;
        }

        private Record Find(string name)
        {
            foreach (Record record in _records)
            {
                if (record.Name.ToLower() == name.ToLower())
                {
                    return record;
                }
            }

            return null;
        }
    }
}
