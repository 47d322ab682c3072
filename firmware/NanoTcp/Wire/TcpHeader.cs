namespace NanoTcp.Wire
{
    /// <summary>
    /// TCP header fields (RFC 9293 §3.1) at <c>off</c> in <c>buf</c>. Call <see cref="IsValid"/> once before reading
    /// any field: it checks that the fixed header and the options the data offset announces lie inside the segment.
    /// </summary>
    internal static class TcpHeader
    {
        /// <summary>The fixed header without options.</summary>
        public const int MinLength = 20;

        /// <summary>The largest header: data offset 15 words.</summary>
        public const int MaxLength = 60;

        /// <summary>IPv4 protocol number of TCP.</summary>
        public const byte ProtocolNumber = 6;

        /// <summary>Control bit FIN: no more data from sender.</summary>
        public const byte Fin = 0x01;

        /// <summary>Control bit SYN: synchronize sequence numbers.</summary>
        public const byte Syn = 0x02;

        /// <summary>Control bit RST: reset the connection.</summary>
        public const byte Rst = 0x04;

        /// <summary>Control bit PSH: push function.</summary>
        public const byte Psh = 0x08;

        /// <summary>Control bit ACK: acknowledgment field is significant.</summary>
        public const byte Ack = 0x10;

        /// <summary>Control bit URG: urgent pointer field is significant.</summary>
        public const byte Urg = 0x20;

        /// <summary>Control bit ECE: ECN-Echo (RFC 3168).</summary>
        public const byte Ece = 0x40;

        /// <summary>Control bit CWR: congestion window reduced (RFC 3168).</summary>
        public const byte Cwr = 0x80;

        /// <summary>
        /// True when <paramref name="length"/> bytes at <paramref name="off"/> lie inside <paramref name="buf"/>, hold
        /// the fixed header, and the data offset is at least 5 words and no longer than the segment.
        /// </summary>
        public static bool IsValid(byte[] buf, int off, int length)
        {
            if (!Bytes.RangeIsInside(buf, off, length) || length < MinLength)
            {
                return false;
            }

            int dataOffset = DataOffset(buf, off);
            return dataOffset >= MinLength && dataOffset <= length;
        }

        public static ushort SourcePort(byte[] buf, int off) => Bytes.ReadUInt16(buf, off);

        public static void SetSourcePort(byte[] buf, int off, ushort value) => Bytes.WriteUInt16(buf, off, value);

        public static ushort DestinationPort(byte[] buf, int off) => Bytes.ReadUInt16(buf, off + 2);

        public static void SetDestinationPort(byte[] buf, int off, ushort value) => Bytes.WriteUInt16(buf, off + 2, value);

        public static uint SequenceNumber(byte[] buf, int off) => Bytes.ReadUInt32(buf, off + 4);

        public static void SetSequenceNumber(byte[] buf, int off, uint value) => Bytes.WriteUInt32(buf, off + 4, value);

        public static uint AcknowledgmentNumber(byte[] buf, int off) => Bytes.ReadUInt32(buf, off + 8);

        public static void SetAcknowledgmentNumber(byte[] buf, int off, uint value) => Bytes.WriteUInt32(buf, off + 8, value);

        /// <summary>The header length in bytes (the Data Offset field times 4).</summary>
        public static int DataOffset(byte[] buf, int off) => (buf[off + 12] >> 4) * 4;

        /// <summary>Sets the header length in bytes (a multiple of 4, 20..60); clears the reserved bits.</summary>
        public static void SetDataOffset(byte[] buf, int off, int headerLength) => buf[off + 12] = (byte)((headerLength / 4) << 4);

        /// <summary>The four reserved bits after the data offset (must be zero on send, ignored on receipt).</summary>
        public static int Reserved(byte[] buf, int off) => buf[off + 12] & 0x0F;

        /// <summary>The eight control bits (<see cref="Fin"/> … <see cref="Cwr"/>).</summary>
        public static byte Flags(byte[] buf, int off) => buf[off + 13];

        public static void SetFlags(byte[] buf, int off, byte flags) => buf[off + 13] = flags;

        /// <summary>True when every bit of <paramref name="flag"/> is set.</summary>
        public static bool HasFlag(byte[] buf, int off, byte flag) => (buf[off + 13] & flag) == flag;

        public static ushort Window(byte[] buf, int off) => Bytes.ReadUInt16(buf, off + 14);

        public static void SetWindow(byte[] buf, int off, ushort value) => Bytes.WriteUInt16(buf, off + 14, value);

        public static ushort Checksum(byte[] buf, int off) => Bytes.ReadUInt16(buf, off + 16);

        public static void SetChecksum(byte[] buf, int off, ushort value) => Bytes.WriteUInt16(buf, off + 16, value);

        public static ushort UrgentPointer(byte[] buf, int off) => Bytes.ReadUInt16(buf, off + 18);

        public static void SetUrgentPointer(byte[] buf, int off, ushort value) => Bytes.WriteUInt16(buf, off + 18, value);

        /// <summary>Where the options start (right after the fixed header).</summary>
        public static int OptionsOffset(int off) => off + MinLength;

        /// <summary>The length of the options area: data offset less the fixed header.</summary>
        public static int OptionsLength(byte[] buf, int off) => DataOffset(buf, off) - MinLength;

        /// <summary>
        /// Computes the checksum over the <paramref name="length"/> bytes of the segment with the pseudo-header folded
        /// in, and writes it.
        /// </summary>
        public static void FillChecksum(byte[] buf, int off, int length, uint source, uint destination)
        {
            buf[off + 16] = 0;
            buf[off + 17] = 0;
            SetChecksum(buf, off, InternetChecksum.Compute(buf, off, length, InternetChecksum.PseudoHeaderSum(source, destination, ProtocolNumber, length)));
        }

        /// <summary>True when the segment's checksum (pseudo-header included) is correct.</summary>
        public static bool ChecksumIsCorrect(byte[] buf, int off, int length, uint source, uint destination)
        {
            return InternetChecksum.Compute(buf, off, length, InternetChecksum.PseudoHeaderSum(source, destination, ProtocolNumber, length)) == 0;
        }
    }
}
