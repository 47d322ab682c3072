namespace NanoTcp.Http
{
    /// <summary>
    /// CRC-32 as in IEEE 802.3, zlib and gzip (reflected polynomial 0xEDB88320, initial value and final XOR 0xFFFFFFFF),
    /// table-driven: one table read, one shift and two XORs per byte, the cheapest byte-wise check on the interpreter
    /// (shared/nano/FACTS.md §10). Used by "/upload"; any tool can compute the same value (python3 -c "zlib.crc32").
    /// </summary>
    internal static class Crc32
    {
        private const uint Polynomial = 0xEDB88320;

        /// <summary>The value before the first byte (and of an empty input once finished).</summary>
        public const uint Initial = 0xFFFFFFFF;

        private static readonly uint[] Table = MakeTable();

        /// <summary>Continues <paramref name="crc"/> (start with <see cref="Initial"/>) over <paramref name="count"/> bytes.</summary>
        public static uint Update(uint crc, byte[] buffer, int offset, int count)
        {
            uint[] table = Table;
            int end = offset + count;
            for (int i = offset; i < end; i++)
            {
                crc = table[(crc ^ buffer[i]) & 0xFF] ^ (crc >> 8);
            }

            return crc;
        }

        /// <summary>The CRC-32 of the bytes passed to <see cref="Update"/>.</summary>
        public static uint Finish(uint crc)
        {
            return crc ^ 0xFFFFFFFF;
        }

        private static uint[] MakeTable()
        {
            uint[] table = new uint[256];
            for (uint n = 0; n < 256; n++)
            {
                uint c = n;
                for (int k = 0; k < 8; k++)
                {
                    c = (c & 1) != 0 ? Polynomial ^ (c >> 1) : c >> 1;
                }

                table[n] = c;
            }

            return table;
        }
    }
}
