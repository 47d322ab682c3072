namespace NanoTcp.Wire
{
    /// <summary>UDP header fields (RFC 768) at <c>off</c> in <c>buf</c>.</summary>
    internal static class UdpHeader
    {
        /// <summary>Source port, destination port, length, checksum.</summary>
        public const int Length = 8;

        /// <summary>
        /// True when the header fits and its Length field is at least 8 and no more than the <paramref name="length"/>
        /// bytes the IP layer delivered.
        /// </summary>
        public static bool IsValid(byte[] buf, int off, int length)
        {
            if (!Bytes.RangeIsInside(buf, off, length) || length < Length)
            {
                return false;
            }

            int datagramLength = DatagramLength(buf, off);
            return datagramLength >= Length && datagramLength <= length;
        }

        public static ushort SourcePort(byte[] buf, int off) => Bytes.ReadUInt16(buf, off);

        public static void SetSourcePort(byte[] buf, int off, ushort value) => Bytes.WriteUInt16(buf, off, value);

        public static ushort DestinationPort(byte[] buf, int off) => Bytes.ReadUInt16(buf, off + 2);

        public static void SetDestinationPort(byte[] buf, int off, ushort value) => Bytes.WriteUInt16(buf, off + 2, value);

        /// <summary>The Length field: header plus data.</summary>
        public static int DatagramLength(byte[] buf, int off) => Bytes.ReadUInt16(buf, off + 4);

        public static void SetDatagramLength(byte[] buf, int off, int value) => Bytes.WriteUInt16(buf, off + 4, (ushort)value);

        public static ushort Checksum(byte[] buf, int off) => Bytes.ReadUInt16(buf, off + 6);

        public static void SetChecksum(byte[] buf, int off, ushort value) => Bytes.WriteUInt16(buf, off + 6, value);

        /// <summary>
        /// True when the checksum is absent (zero: RFC 768 "no checksum") or verifies with the pseudo-header.
        /// </summary>
        public static bool ChecksumIsCorrect(byte[] buf, int off, int datagramLength, uint source, uint destination)
        {
            if (Checksum(buf, off) == 0)
            {
                return true;
            }

            return InternetChecksum.Compute(buf, off, datagramLength, InternetChecksum.PseudoHeaderSum(source, destination, Ipv4Header.ProtocolUdp, datagramLength)) == 0;
        }

        /// <summary>Computes and writes the checksum; a computed zero is sent as 0xFFFF (RFC 768).</summary>
        public static void FillChecksum(byte[] buf, int off, int datagramLength, uint source, uint destination)
        {
            buf[off + 6] = 0;
            buf[off + 7] = 0;
            ushort checksum = InternetChecksum.Compute(buf, off, datagramLength, InternetChecksum.PseudoHeaderSum(source, destination, Ipv4Header.ProtocolUdp, datagramLength));
            SetChecksum(buf, off, checksum == 0 ? (ushort)0xFFFF : checksum);
        }
    }
}
