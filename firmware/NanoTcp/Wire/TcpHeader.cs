using NanoTcp.Tcp;

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

        // Field offsets from the start of the header (RFC 9293 §3.1, figure 1).
        private const int SourcePortOffset = 0;
        private const int DestinationPortOffset = 2;
        private const int SequenceNumberOffset = 4;
        private const int AcknowledgmentNumberOffset = 8;
        private const int DataOffsetOffset = 12;
        private const int FlagsOffset = 13;
        private const int WindowOffset = 14;
        private const int ChecksumOffset = 16;
        private const int UrgentPointerOffset = 18;

        /// <summary>The data offset is the high nibble of its byte, the reserved bits the low nibble.</summary>
        private const int DataOffsetShift = 4;
        private const int ReservedMask = 0x0F;

        /// <summary>The data offset counts 32-bit words.</summary>
        private const int BytesPerWord = 4;

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
        /// The six control bits of RFC 793 (URG to FIN) that the layer acts on; ECE and CWR are dropped on reading
        /// (no ECN here, RFC 3168 §6.1.1: a host that did not negotiate it ignores them).
        /// </summary>
        public const int ControlBits = Urg | Ack | Psh | Rst | Syn | Fin;

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

        public static ushort SourcePort(byte[] buf, int off) => (ushort)((buf[off + SourcePortOffset] << 8) | buf[off + SourcePortOffset + 1]);

        public static void SetSourcePort(byte[] buf, int off, ushort value) => Bytes.WriteUInt16(buf, off + SourcePortOffset, value);

        public static ushort DestinationPort(byte[] buf, int off) => (ushort)((buf[off + DestinationPortOffset] << 8) | buf[off + DestinationPortOffset + 1]);

        public static void SetDestinationPort(byte[] buf, int off, ushort value) => Bytes.WriteUInt16(buf, off + DestinationPortOffset, value);

        public static uint SequenceNumber(byte[] buf, int off) => ((uint)buf[off + SequenceNumberOffset] << 24) | ((uint)buf[off + SequenceNumberOffset + 1] << 16) | ((uint)buf[off + SequenceNumberOffset + 2] << 8) | buf[off + SequenceNumberOffset + 3];

        public static void SetSequenceNumber(byte[] buf, int off, uint value) => Bytes.WriteUInt32(buf, off + SequenceNumberOffset, value);

        public static uint AcknowledgmentNumber(byte[] buf, int off) => ((uint)buf[off + AcknowledgmentNumberOffset] << 24) | ((uint)buf[off + AcknowledgmentNumberOffset + 1] << 16) | ((uint)buf[off + AcknowledgmentNumberOffset + 2] << 8) | buf[off + AcknowledgmentNumberOffset + 3];

        public static void SetAcknowledgmentNumber(byte[] buf, int off, uint value) => Bytes.WriteUInt32(buf, off + AcknowledgmentNumberOffset, value);

        /// <summary>The header length in bytes (the Data Offset field times 4).</summary>
        public static int DataOffset(byte[] buf, int off) => (buf[off + DataOffsetOffset] >> DataOffsetShift) * BytesPerWord;

        /// <summary>Sets the header length in bytes (a multiple of 4, 20..60); clears the reserved bits.</summary>
        public static void SetDataOffset(byte[] buf, int off, int headerLength) => buf[off + DataOffsetOffset] = (byte)((headerLength / BytesPerWord) << DataOffsetShift);

        /// <summary>The four reserved bits after the data offset (must be zero on send, ignored on receipt).</summary>
        public static int Reserved(byte[] buf, int off) => buf[off + DataOffsetOffset] & ReservedMask;

        /// <summary>The eight control bits (<see cref="Fin"/> … <see cref="Cwr"/>).</summary>
        public static byte Flags(byte[] buf, int off) => buf[off + FlagsOffset];

        public static void SetFlags(byte[] buf, int off, byte flags) => buf[off + FlagsOffset] = flags;

        /// <summary>True when every bit of <paramref name="flag"/> is set.</summary>
        public static bool HasFlag(byte[] buf, int off, byte flag) => (buf[off + FlagsOffset] & flag) == flag;

        public static ushort Window(byte[] buf, int off) => (ushort)((buf[off + WindowOffset] << 8) | buf[off + WindowOffset + 1]);

        public static void SetWindow(byte[] buf, int off, ushort value) => Bytes.WriteUInt16(buf, off + WindowOffset, value);

        public static ushort Checksum(byte[] buf, int off) => Bytes.ReadUInt16(buf, off + ChecksumOffset);

        public static void SetChecksum(byte[] buf, int off, ushort value) => Bytes.WriteUInt16(buf, off + ChecksumOffset, value);

        public static ushort UrgentPointer(byte[] buf, int off) => Bytes.ReadUInt16(buf, off + UrgentPointerOffset);

        public static void SetUrgentPointer(byte[] buf, int off, ushort value) => Bytes.WriteUInt16(buf, off + UrgentPointerOffset, value);

        /// <summary>Where the options start (right after the fixed header).</summary>
        public static int OptionsOffset(int off) => off + MinLength;

        /// <summary>The length of the options area: data offset less the fixed header.</summary>
        public static int OptionsLength(byte[] buf, int off) => DataOffset(buf, off) - MinLength;

        /// <summary>
        /// Checks the segment once (length and data offset, checksum with the pseudo-header, option list) and, when it
        /// passes, copies its fields into <paramref name="seg"/> (SEG.*; the data stays in <paramref name="buf"/>).
        /// The control bits kept are <see cref="ControlBits"/>; SEG.MSS is read from a SYN only (-1 otherwise).
        /// </summary>
        public static TcpHeaderCheck Read(byte[] buf, int off, int length, uint source, uint destination, TcpSegment seg)
        {
            if (!IsValid(buf, off, length))
            {
                return TcpHeaderCheck.Malformed;
            }

            if (!ChecksumIsCorrect(buf, off, length, source, destination))
            {
                return TcpHeaderCheck.BadChecksum;
            }

            int optionsLength = OptionsLength(buf, off);
            int options = OptionsOffset(off);
            if (!TcpOptions.IsValid(buf, options, optionsLength))
            {
                return TcpHeaderCheck.BadOptions;
            }

            seg.Source = source;
            seg.Destination = destination;
            seg.SourcePort = SourcePort(buf, off);
            seg.DestinationPort = DestinationPort(buf, off);
            seg.Seq = SequenceNumber(buf, off);
            seg.Ack = AcknowledgmentNumber(buf, off);
            seg.Flags = Flags(buf, off) & ControlBits;
            seg.Window = Window(buf, off);
            seg.Mss = (seg.Flags & Syn) != 0 ? TcpOptions.MaximumSegmentSize(buf, options, optionsLength) : -1;
            seg.Buffer = buf;
            int headerLength = DataOffset(buf, off);
            seg.DataOffset = off + headerLength;
            seg.DataLength = length - headerLength;
            return TcpHeaderCheck.Valid;
        }

        /// <summary>The header length <see cref="Write"/> uses: the fixed header, plus the MSS option when one is sent.</summary>
        public static int HeaderLength(bool mssOption) => mssOption ? MinLength + TcpOptions.MaximumSegmentSizeLength : MinLength;

        /// <summary>
        /// Builds the header at <paramref name="off"/>: reserved bits and urgent pointer zero, and an MSS
        /// option of <paramref name="mss"/> when it is not negative (a SYN's). Returns the header length. The checksum
        /// is filled once the data follows (<see cref="FillChecksum"/>).
        /// </summary>
        public static int Write(byte[] buf, int off, int sourcePort, int destinationPort, uint seq, uint ack, int flags, int window, int mss)
        {
            // Byte stores in place, not one Set* call per field: a call costs more than the store on nanoCLR.
            int headerLength = HeaderLength(mss >= 0);
            buf[off + SourcePortOffset] = (byte)(sourcePort >> 8);
            buf[off + SourcePortOffset + 1] = (byte)sourcePort;
            buf[off + DestinationPortOffset] = (byte)(destinationPort >> 8);
            buf[off + DestinationPortOffset + 1] = (byte)destinationPort;
            buf[off + SequenceNumberOffset] = (byte)(seq >> 24);
            buf[off + SequenceNumberOffset + 1] = (byte)(seq >> 16);
            buf[off + SequenceNumberOffset + 2] = (byte)(seq >> 8);
            buf[off + SequenceNumberOffset + 3] = (byte)seq;
            buf[off + AcknowledgmentNumberOffset] = (byte)(ack >> 24);
            buf[off + AcknowledgmentNumberOffset + 1] = (byte)(ack >> 16);
            buf[off + AcknowledgmentNumberOffset + 2] = (byte)(ack >> 8);
            buf[off + AcknowledgmentNumberOffset + 3] = (byte)ack;
            buf[off + DataOffsetOffset] = (byte)((headerLength / BytesPerWord) << DataOffsetShift);
            buf[off + FlagsOffset] = (byte)flags;
            buf[off + WindowOffset] = (byte)(window >> 8);
            buf[off + WindowOffset + 1] = (byte)window;
            buf[off + ChecksumOffset] = 0;
            buf[off + ChecksumOffset + 1] = 0;
            buf[off + UrgentPointerOffset] = 0;
            buf[off + UrgentPointerOffset + 1] = 0;
            if (mss >= 0)
            {
                TcpOptions.WriteMaximumSegmentSize(buf, OptionsOffset(off), (ushort)mss);
            }

            return headerLength;
        }

        /// <summary>
        /// Computes the checksum over the <paramref name="length"/> bytes of the segment with the pseudo-header folded
        /// in, and writes it.
        /// </summary>
        public static void FillChecksum(byte[] buf, int off, int length, uint source, uint destination)
        {
            buf[off + ChecksumOffset] = 0;
            buf[off + ChecksumOffset + 1] = 0;
            ushort checksum = InternetChecksum.Compute(buf, off, length, InternetChecksum.PseudoHeaderSum(source, destination, ProtocolNumber, length));
            buf[off + ChecksumOffset] = (byte)(checksum >> 8);
            buf[off + ChecksumOffset + 1] = (byte)checksum;
        }

        /// <summary>True when the segment's checksum (pseudo-header included) is correct.</summary>
        public static bool ChecksumIsCorrect(byte[] buf, int off, int length, uint source, uint destination)
        {
            return InternetChecksum.Compute(buf, off, length, InternetChecksum.PseudoHeaderSum(source, destination, ProtocolNumber, length)) == 0;
        }
    }
}
