using System;
using System.Collections;
using NanoTcp.Wire;

namespace NanoTcp.Tests.Mdns
{
    /// <summary>One question or record of a packet the board sent, its data read by type (A, SRV, TXT, PTR).</summary>
    internal sealed class MdnsRecord
    {
        public string Name;
        public ushort Type;
        public ushort Class;
        public uint Ttl;
        public uint Address;
        public ushort Port;
        public string Target;
        public string Text;
    }

    /// <summary>
    /// Every question and record of an mDNS packet the board sent (<see cref="MdnsPacket"/> reads only the first).
    /// Throws when the board sent something malformed.
    /// </summary>
    internal sealed class MdnsRecords
    {
        public const ushort TypePtr = 12;
        public const ushort TypeTxt = 16;
        public const ushort TypeSrv = 33;

        private const int Message = 42;

        private readonly byte[] _name = new byte[256];

        public MdnsRecords(byte[] frame)
        {
            int length = UdpHeader.DatagramLength(frame, 34) - 8;
            int at = Message + DnsMessage.HeaderLength;
            for (int i = 0; i < DnsMessage.QuestionCount(frame, Message); i++)
            {
                var question = new MdnsRecord();
                int end;
                question.Name = Name(frame, length, at, out end);
                question.Type = Bytes.ReadUInt16(frame, end);
                question.Class = Bytes.ReadUInt16(frame, end + 2);
                Questions.Add(question);
                at = end + 4;
            }

            at = Read(frame, length, at, DnsMessage.AnswerCount(frame, Message), Answers);
            at = Read(frame, length, at, DnsMessage.AuthorityCount(frame, Message), Authorities);
            at = Read(frame, length, at, DnsMessage.AdditionalCount(frame, Message), Additionals);
            if (at != Message + length)
            {
                throw new InvalidOperationException("the board's message has bytes after its records");
            }
        }

        public ArrayList Questions { get; } = new ArrayList();

        public ArrayList Answers { get; } = new ArrayList();

        public ArrayList Authorities { get; } = new ArrayList();

        public ArrayList Additionals { get; } = new ArrayList();

        /// <summary>The record of <paramref name="type"/> for <paramref name="name"/> in <paramref name="section"/>, or null.</summary>
        public static MdnsRecord Find(ArrayList section, string name, ushort type)
        {
            foreach (MdnsRecord record in section)
            {
                if (record.Name == name && record.Type == type)
                {
                    return record;
                }
            }

            return null;
        }

        private int Read(byte[] frame, int length, int at, int count, ArrayList section)
        {
            for (int i = 0; i < count; i++)
            {
                var record = new MdnsRecord();
                int end;
                record.Name = Name(frame, length, at, out end);
                record.Type = Bytes.ReadUInt16(frame, end);
                record.Class = Bytes.ReadUInt16(frame, end + 2);
                record.Ttl = Bytes.ReadUInt32(frame, end + 4);
                int dataLength = Bytes.ReadUInt16(frame, end + 8);
                int data = end + 10;
                if (data + dataLength > Message + length)
                {
                    throw new InvalidOperationException("the board sent a record past its message");
                }

                int unused;
                if (record.Type == DnsMessage.TypeA)
                {
                    record.Address = Bytes.ReadUInt32(frame, data);
                }
                else if (record.Type == TypeSrv)
                {
                    record.Port = Bytes.ReadUInt16(frame, data + 4);
                    record.Target = Name(frame, length, data + 6, out unused);
                }
                else if (record.Type == TypePtr)
                {
                    record.Target = Name(frame, length, data, out unused);
                }
                else if (record.Type == TypeTxt)
                {
                    var text = new char[dataLength];
                    for (int k = 0; k < dataLength; k++)
                    {
                        text[k] = (char)frame[data + k];
                    }

                    record.Text = new string(text);
                }

                section.Add(record);
                at = data + dataLength;
            }

            return at;
        }

        private string Name(byte[] frame, int length, int at, out int end)
        {
            if (DnsMessage.ExpandName(frame, Message, length, at, _name, 0, out end) < 0)
            {
                throw new InvalidOperationException("the board sent a bad name");
            }

            return DnsMessage.NameToString(_name, 0);
        }
    }
}
