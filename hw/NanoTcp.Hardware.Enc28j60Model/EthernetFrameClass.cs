namespace NanoTcp.Hardware.Enc28j60Model
{
    /// <summary>
    /// The frame properties both status vectors report (FACTS.md §3.3 RSV, §3.5 TSV): destination kind,
    /// type/length field checks, control, pause and VLAN frames. Offsets are from the destination address.
    /// </summary>
    internal static class EthernetFrameClass
    {
        private const int TypeOffset = 12;

        public static bool IsBroadcast(byte[] f, int off)
        {
            for (int i = 0; i < 6; i++)
            {
                if (f[off + i] != 0xFF)
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>Group address (I/G bit = LSb of the first octet), broadcast included.</summary>
        public static bool IsGroup(byte[] f, int off) => (f[off] & 0x01) != 0;

        public static int TypeOrLength(byte[] f, int off) => (f[off + TypeOffset] << 8) | f[off + TypeOffset + 1];

        /// <summary>Type/length &gt; 1500: a type field ("length out of range", normal for IP and ARP).</summary>
        public static bool IsLengthOutOfRange(byte[] f, int off, int length) =>
            length >= 14 && TypeOrLength(f, off) > 1500;

        /// <summary>
        /// A length field (≤ 1500) that disagrees with the data that follows the header. A frame padded to the
        /// 46-byte minimum payload with a smaller length field is consistent (padding is not data).
        /// </summary>
        public static bool IsLengthCheckError(byte[] f, int off, int lengthWithoutFcs)
        {
            if (lengthWithoutFcs < 14)
            {
                return false;
            }

            int field = TypeOrLength(f, off);
            if (field > 1500)
            {
                return false;
            }

            int data = lengthWithoutFcs - 14;
            if (field == data)
            {
                return false;
            }

            return !(data == 46 && field < 46);
        }

        /// <summary>MAC control frame (type 8808h).</summary>
        public static bool IsControl(byte[] f, int off, int length) => length >= 16 && TypeOrLength(f, off) == 0x8808;

        /// <summary>PAUSE control frame: type 8808h with opcode 0001h.</summary>
        public static bool IsPause(byte[] f, int off, int length) =>
            IsControl(f, off, length) && f[off + 14] == 0x00 && f[off + 15] == 0x01;

        /// <summary>VLAN tagged (type 8100h).</summary>
        public static bool IsVlan(byte[] f, int off, int length) => length >= 14 && TypeOrLength(f, off) == 0x8100;
    }
}
