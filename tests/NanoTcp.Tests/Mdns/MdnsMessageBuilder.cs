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

        public byte[] ToArray()
        {
            DnsMessage.WriteHeader(_buffer, 0, _id, _flags, _questions, _answers, _authorities, 0);
            var message = new byte[_at];
            System.Array.Copy(_buffer, message, _at);
            return message;
        }

        private void WriteA(string name, uint ttl, uint address)
        {
            _at += DnsMessage.WriteName(name, _buffer, _at);
            _at = MdnsMessage.WriteAddressFields(_buffer, _at, DnsMessage.ClassInternet, ttl, address);
        }
    }
}
