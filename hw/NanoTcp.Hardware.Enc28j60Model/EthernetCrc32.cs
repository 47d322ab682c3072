namespace NanoTcp.Hardware.Enc28j60Model
{
    /// <summary>
    /// IEEE 802.3 CRC-32: the frame check sequence the MAC appends and checks, and the hash-table index of the
    /// receive filter (FACTS.md §2.3).
    /// </summary>
    public static class EthernetCrc32
    {
        private static readonly uint[] Table = BuildTable();

        private static uint[] BuildTable()
        {
            var table = new uint[256];
            for (uint n = 0; n < 256; n++)
            {
                uint c = n;
                for (int k = 0; k < 8; k++)
                {
                    c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
                }

                table[n] = c;
            }

            return table;
        }

        /// <summary>The FCS of <paramref name="length"/> bytes; on the wire it is sent least significant byte first.</summary>
        public static uint Compute(byte[] buffer, int offset, int length)
        {
            uint crc = 0xFFFFFFFFu;
            for (int i = 0; i < length; i++)
            {
                crc = Table[(crc ^ buffer[offset + i]) & 0xFF] ^ (crc >> 8);
            }

            return ~crc;
        }

        /// <summary>True when the last 4 bytes of the range are the FCS of the bytes before them.</summary>
        public static bool FcsMatches(byte[] buffer, int offset, int lengthWithFcs)
        {
            if (lengthWithFcs < 4)
            {
                return false;
            }

            int dataLength = lengthWithFcs - 4;
            uint fcs = Compute(buffer, offset, dataLength);
            int p = offset + dataLength;
            uint sent = (uint)(buffer[p] | (buffer[p + 1] << 8) | (buffer[p + 2] << 16) | (buffer[p + 3] << 24));
            return fcs == sent;
        }

        /// <summary>Appends the FCS (least significant byte first) after <paramref name="length"/> bytes.</summary>
        public static void AppendFcs(byte[] buffer, int offset, int length)
        {
            uint fcs = Compute(buffer, offset, length);
            int p = offset + length;
            buffer[p] = (byte)fcs;
            buffer[p + 1] = (byte)(fcs >> 8);
            buffer[p + 2] = (byte)(fcs >> 16);
            buffer[p + 3] = (byte)(fcs >> 24);
        }

        /// <summary>
        /// Hash-table index of a destination address (FACTS.md §2.3, as CycloneTCP computes it): CRC-32 with
        /// polynomial 04C11DB7h, preset FFFFFFFFh, bits fed least significant first into a most-significant-first
        /// register; the index is register bits 28:23.
        /// </summary>
        public static int HashTableIndex(byte[] buffer, int offset)
        {
            uint crc = 0xFFFFFFFFu;
            for (int i = 0; i < 6; i++)
            {
                int b = buffer[offset + i];
                for (int bit = 0; bit < 8; bit++)
                {
                    uint feedback = ((crc >> 31) ^ (uint)(b >> bit)) & 1;
                    crc <<= 1;
                    if (feedback != 0)
                    {
                        crc ^= 0x04C11DB7u;
                    }
                }
            }

            return (int)((crc >> 23) & 0x3F);
        }
    }
}
