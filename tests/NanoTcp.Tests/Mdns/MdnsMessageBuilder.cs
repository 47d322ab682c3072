using NanoTcp.Wire;

namespace NanoTcp.Tests.Mdns
{
    /// <summary>
    /// Builds an mDNS message for a scripted peer: the header, then questions, answers and authority records in that
    /// order (names written in full; the counts are filled as they are added).
    /// </summary>
    internal sealed class MdnsMessageBuilder
    {
        private readonly byte[] _buffer = new byte[512];
        private int _at = DnsMessage.HeaderLength;
        private int _questions;
        private int _answers;
        private int _authorities;
        private readonly ushort _id;
        private readonly ushort _flags;

        public MdnsMessageBuilder(ushort id, ushort flags)
        {
            _id = id;
            _flags = flags;
        }

        public static MdnsMessageBuilder Query() => new MdnsMessageBuilder(0, 0);

        public static MdnsMessageBuilder Response() => new MdnsMessageBuilder(0, MdnsMessage.FlagsResponse);

        public MdnsMessageBuilder Question(string name, ushort type, ushort questionClass)
        {
            _at += DnsMessage.WriteName(name, _buffer, _at);
            Bytes.WriteUInt16(_buffer, _at, type);
            Bytes.WriteUInt16(_buffer, _at + 2, questionClass);
            _at += 4;
            _questions++;
            return this;
        }

        public MdnsMessageBuilder Answer(string name, uint ttl, uint address)
        {
            WriteA(name, ttl, address);
            _answers++;
            return this;
        }

        public MdnsMessageBuilder Authority(string name, uint ttl, uint address)
        {
            WriteA(name, ttl, address);
            _authorities++;
            return this;
        }

        /// <summary>A record of any type in the answer section, its data given.</summary>
        public MdnsMessageBuilder AnswerRecord(string name, ushort type, uint ttl, byte[] data)
        {
            WriteRecord(name, type, ttl, data);
            _answers++;
            return this;
        }

        /// <summary>A record of any type in the authority section (a probe's proposal), its data given.</summary>
        public MdnsMessageBuilder AuthorityRecord(string name, ushort type, uint ttl, byte[] data)
        {
            WriteRecord(name, type, ttl, data);
            _authorities++;
            return this;
        }

        /// <summary>PTR data: the target name in wire form.</summary>
        public static byte[] PtrData(string target)
        {
            var buffer = new byte[256];
            int length = DnsMessage.WriteName(target, buffer, 0);
            var data = new byte[length];
            System.Array.Copy(buffer, data, length);
            return data;
        }

        /// <summary>SRV data (RFC 2782): priority 0, weight 0, the port, the target name.</summary>
        public static byte[] SrvData(ushort port, string target)
        {
            byte[] name = PtrData(target);
            var data = new byte[6 + name.Length];
            Bytes.WriteUInt16(data, 4, port);
            System.Array.Copy(name, 0, data, 6, name.Length);
            return data;
        }

        /// <summary>TXT data: one string with its length byte.</summary>
        public static byte[] TxtData(string text)
        {
            var data = new byte[1 + text.Length];
            data[0] = (byte)text.Length;
            for (int i = 0; i < text.Length; i++)
            {
                data[1 + i] = (byte)text[i];
            }

            return data;
        }

        public byte[] ToArray()
        {
            DnsMessage.WriteHeader(_buffer, 0, _id, _flags, _questions, _answers, _authorities, 0);
            var message = new byte[_at];
            System.Array.Copy(_buffer, message, _at);
            return message;
        }

        private void WriteRecord(string name, ushort type, uint ttl, byte[] data)
        {
            _at += DnsMessage.WriteName(name, _buffer, _at);
            Bytes.WriteUInt16(_buffer, _at, type);
            Bytes.WriteUInt16(_buffer, _at + 2, DnsMessage.ClassInternet);
            Bytes.WriteUInt32(_buffer, _at + 4, ttl);
            Bytes.WriteUInt16(_buffer, _at + 8, (ushort)data.Length);
            System.Array.Copy(data, 0, _buffer, _at + 10, data.Length);
            _at += 10 + data.Length;
        }

        private void WriteA(string name, uint ttl, uint address)
        {
            _at += DnsMessage.WriteName(name, _buffer, _at);
            _at = MdnsMessage.WriteAddressFields(_buffer, _at, DnsMessage.ClassInternet, ttl, address);
        }
    }
}
