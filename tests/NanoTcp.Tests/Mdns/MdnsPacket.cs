using System;
using NanoTcp.Wire;

namespace NanoTcp.Tests.Mdns
{
    /// <summary>What an mDNS packet is, from its header and first record.</summary>
    internal enum MdnsPacketKind
    {
        Query,
        Probe,
        Response,
        Goodbye,
    }

    /// <summary>
    /// One mDNS packet the board sent, read field by field: the IP and UDP parts, the header, the first question and
    /// the first record (answer, else authority). Throws when the board sent something malformed.
    /// </summary>
    internal sealed class MdnsPacket
    {
        private const int Message = 42;

        public MdnsPacket(byte[] frame, long time)
        {
            Time = time;
            Frame = frame;
            DestinationMac = new byte[6];
            Array.Copy(frame, 0, DestinationMac, 0, 6);
            IpTtl = Ipv4Header.Ttl(frame, 14);
            Destination = Ipv4Header.Destination(frame, 14);
            DestinationPort = UdpHeader.DestinationPort(frame, 34);
            int length = UdpHeader.DatagramLength(frame, 34) - 8;
            Id = DnsMessage.Id(frame, Message);
            Flags = DnsMessage.Flags(frame, Message);
            Questions = DnsMessage.QuestionCount(frame, Message);
            Answers = DnsMessage.AnswerCount(frame, Message);
            Authorities = DnsMessage.AuthorityCount(frame, Message);
            int at = Message + DnsMessage.HeaderLength;
            var name = new byte[256];
            int end;
            if (Questions > 0)
            {
                if (DnsMessage.ExpandName(frame, Message, length, at, name, 0, out end) < 0)
                {
                    throw new InvalidOperationException("the board sent a bad question name");
                }

                QuestionName = DnsMessage.NameToString(name, 0);
                QuestionType = Bytes.ReadUInt16(frame, end);
                QuestionClass = Bytes.ReadUInt16(frame, end + 2);
                at = end + 4;
            }

            if (Answers + Authorities > 0)
            {
                if (DnsMessage.ExpandName(frame, Message, length, at, name, 0, out end) < 0 || end + 14 > Message + length)
                {
                    throw new InvalidOperationException("the board sent a bad record");
                }

                RecordName = DnsMessage.NameToString(name, 0);
                RecordType = Bytes.ReadUInt16(frame, end);
                RecordClass = Bytes.ReadUInt16(frame, end + 2);
                RecordTtl = Bytes.ReadUInt32(frame, end + 4);
                RecordAddress = Bytes.ReadUInt32(frame, end + 10);
            }

            if ((Flags & DnsMessage.FlagResponse) == 0)
            {
                Kind = Authorities > 0 ? MdnsPacketKind.Probe : MdnsPacketKind.Query;
            }
            else
            {
                Kind = RecordTtl == 0 ? MdnsPacketKind.Goodbye : MdnsPacketKind.Response;
            }
        }

        public long Time;
        public byte[] Frame;
        public byte[] DestinationMac;
        public byte IpTtl;
        public uint Destination;
        public ushort DestinationPort;
        public ushort Id;
        public ushort Flags;
        public int Questions;
        public int Answers;
        public int Authorities;
        public string QuestionName;
        public ushort QuestionType;
        public ushort QuestionClass;
        public string RecordName;
        public ushort RecordType;
        public ushort RecordClass;
        public uint RecordTtl;
        public uint RecordAddress;
        public MdnsPacketKind Kind;
    }
}
