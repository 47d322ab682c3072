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

        /// <summary>Destination unreachable code 2: protocol unreachable.</summary>
        public const byte CodeProtocolUnreachable = 2;

        /// <summary>Destination unreachable code 3: port unreachable.</summary>
        public const byte CodePortUnreachable = 3;

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
