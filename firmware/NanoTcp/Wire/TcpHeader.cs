namespace NanoTcp.Wire
{
    /// <summary>
    /// TCP header fields (RFC 9293 §3.1) at <c>off</c> in <c>buf</c>. Call <see cref="IsValid"/> once before reading
    /// any field: it checks that the fixed header and the options the data offset announces lie inside the segment.
    /// The fields read per segment shift their bytes in place rather than call <see cref="Bytes"/>: on nanoCLR every
    /// call costs about as much as the read itself (shared/nano/FACTS.md §10).
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

        public static ushort SourcePort(byte[] buf, int off) => (ushort)((buf[off] << 8) | buf[off + 1]);

        public static void SetSourcePort(byte[] buf, int off, ushort value) => Bytes.WriteUInt16(buf, off, value);

        public static ushort DestinationPort(byte[] buf, int off) => (ushort)((buf[off + 2] << 8) | buf[off + 3]);

        public static void SetDestinationPort(byte[] buf, int off, ushort value) => Bytes.WriteUInt16(buf, off + 2, value);

        public static uint SequenceNumber(byte[] buf, int off) => ((uint)buf[off + 4] << 24) | ((uint)buf[off + 5] << 16) | ((uint)buf[off + 6] << 8) | buf[off + 7];

        public static void SetSequenceNumber(byte[] buf, int off, uint value) => Bytes.WriteUInt32(buf, off + 4, value);

        public static uint AcknowledgmentNumber(byte[] buf, int off) => ((uint)buf[off + 8] << 24) | ((uint)buf[off + 9] << 16) | ((uint)buf[off + 10] << 8) | buf[off + 11];

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

        public static ushort Window(byte[] buf, int off) => (ushort)((buf[off + 14] << 8) | buf[off + 15]);

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
        /// Writes the 20-byte fixed header in one call: ports, sequence and acknowledgment numbers, data offset
        /// (<paramref name="headerLength"/>, reserved bits zero), control bits, window; checksum and urgent pointer zero.
        /// </summary>
        public static void Write(byte[] buf, int off, int sourcePort, int destinationPort, uint seq, uint ack, int headerLength, int flags, int window)
        {
            buf[off] = (byte)(sourcePort >> 8);
            buf[off + 1] = (byte)sourcePort;
            buf[off + 2] = (byte)(destinationPort >> 8);
            buf[off + 3] = (byte)destinationPort;
            buf[off + 4] = (byte)(seq >> 24);
            buf[off + 5] = (byte)(seq >> 16);
            buf[off + 6] = (byte)(seq >> 8);
            buf[off + 7] = (byte)seq;
            buf[off + 8] = (byte)(ack >> 24);
            buf[off + 9] = (byte)(ack >> 16);
            buf[off + 10] = (byte)(ack >> 8);
            buf[off + 11] = (byte)ack;
            buf[off + 12] = (byte)((headerLength / 4) << 4);
            buf[off + 13] = (byte)flags;
            buf[off + 14] = (byte)(window >> 8);
            buf[off + 15] = (byte)window;
            buf[off + 16] = 0;
            buf[off + 17] = 0;
            buf[off + 18] = 0;
            buf[off + 19] = 0;
        }

        /// <summary>
        /// Computes the checksum over the <paramref name="length"/> bytes of the segment with the pseudo-header folded
        /// in, and writes it.
        /// </summary>
        public static void FillChecksum(byte[] buf, int off, int length, uint source, uint destination)
        {
            buf[off + 16] = 0;
            buf[off + 17] = 0;
            ushort checksum = InternetChecksum.Compute(buf, off, length, InternetChecksum.PseudoHeaderSum(source, destination, ProtocolNumber, length));
            buf[off + 16] = (byte)(checksum >> 8);
            buf[off + 17] = (byte)checksum;
        }

        /// <summary>True when the segment's checksum (pseudo-header included) is correct.</summary>
        public static bool ChecksumIsCorrect(byte[] buf, int off, int length, uint source, uint destination)
        {
            return InternetChecksum.Compute(buf, off, length, InternetChecksum.PseudoHeaderSum(source, destination, ProtocolNumber, length)) == 0;
        }
    }
}
