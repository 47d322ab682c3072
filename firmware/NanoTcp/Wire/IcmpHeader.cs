namespace NanoTcp.Wire
{
    /// <summary>ICMP message fields (RFC 792) at <c>off</c> in <c>buf</c>: type, code, checksum, then the rest of the header.</summary>
    internal static class IcmpHeader
    {
        /// <summary>Type, code, checksum and the 4-byte rest of header.</summary>
        public const int Length = 8;

        /// <summary>Type 0: echo reply.</summary>
        public const byte TypeEchoReply = 0;

        /// <summary>Type 3: destination unreachable.</summary>
        public const byte TypeDestinationUnreachable = 3;

        /// <summary>Type 8: echo request.</summary>
        public const byte TypeEchoRequest = 8;

        /// <summary>Type 11: time exceeded (TTL or reassembly).</summary>
        public const byte TypeTimeExceeded = 11;

        /// <summary>Time exceeded code 1: fragment reassembly time exceeded (RFC 792).</summary>
        public const byte CodeFragmentReassemblyTimeExceeded = 1;

        /// <summary>Destination unreachable code 0: net unreachable.</summary>
        public const byte CodeNetUnreachable = 0;

        /// <summary>Destination unreachable code 1: host unreachable.</summary>
        public const byte CodeHostUnreachable = 1;

        /// <summary>Destination unreachable code 2: protocol unreachable.</summary>
        public const byte CodeProtocolUnreachable = 2;

        /// <summary>Destination unreachable code 3: port unreachable.</summary>
        public const byte CodePortUnreachable = 3;

        /// <summary>Destination unreachable code 4: fragmentation needed and DF set (RFC 1191: next-hop MTU in bytes 6–7).</summary>
        public const byte CodeFragmentationNeeded = 4;

        /// <summary>
        /// True when an error message's quoted packet (at <paramref name="off"/> + <see cref="Length"/>) holds an IPv4
        /// header (version 4, header length at least 20) and the first 8 bytes of its data (RFC 792, RFC 1122 §3.2.2).
        /// </summary>
        public static bool QuotesIpv4Packet(byte[] buf, int off, int length)
        {
            int quoted = off + Length;
            int quotedLength = length - Length;
            if (quotedLength < Ipv4Header.MinLength + 8 || Ipv4Header.Version(buf, quoted) != 4)
            {
                return false;
            }

            int headerLength = Ipv4Header.HeaderLength(buf, quoted);
            return headerLength >= Ipv4Header.MinLength && quotedLength >= headerLength + 8;
        }

        /// <summary>True when the 8-byte header lies inside the <paramref name="length"/> bytes of the message.</summary>
        public static bool IsValid(byte[] buf, int off, int length) => Bytes.RangeIsInside(buf, off, length) && length >= Length;

        /// <summary>True when the checksum over the whole message verifies.</summary>
        public static bool ChecksumIsCorrect(byte[] buf, int off, int length) => InternetChecksum.Compute(buf, off, length) == 0;

        public static byte Type(byte[] buf, int off) => buf[off];

        public static void SetType(byte[] buf, int off, byte value) => buf[off] = value;

        public static byte Code(byte[] buf, int off) => buf[off + 1];

        public static void SetCode(byte[] buf, int off, byte value) => buf[off + 1] = value;

        public static ushort Checksum(byte[] buf, int off) => Bytes.ReadUInt16(buf, off + 2);

        public static void SetChecksum(byte[] buf, int off, ushort value) => Bytes.WriteUInt16(buf, off + 2, value);

        /// <summary>Echo identifier (RFC 792, echo and echo reply).</summary>
        public static ushort Identifier(byte[] buf, int off) => Bytes.ReadUInt16(buf, off + 4);

        public static void SetIdentifier(byte[] buf, int off, ushort value) => Bytes.WriteUInt16(buf, off + 4, value);

        /// <summary>Echo sequence number.</summary>
        public static ushort SequenceNumber(byte[] buf, int off) => Bytes.ReadUInt16(buf, off + 6);

        public static void SetSequenceNumber(byte[] buf, int off, ushort value) => Bytes.WriteUInt16(buf, off + 6, value);

        /// <summary>Computes and writes the checksum over the <paramref name="length"/> bytes of the message.</summary>
        public static void FillChecksum(byte[] buf, int off, int length)
        {
            buf[off + 2] = 0;
            buf[off + 3] = 0;
            SetChecksum(buf, off, InternetChecksum.Compute(buf, off, length));
        }
    }
}
