using System;

namespace NanoTcp.Wire
{
    /// <summary>
    /// The Internet checksum (RFC 1071): the ones' complement of the ones' complement sum of 16-bit big-endian words,
    /// an odd last byte padded with a zero. Shaped for the nanoFramework interpreter (shared/nano/FACTS.md §10): the
    /// data is read 8 bytes at a time with BitConverter.ToUInt64 (four reads per loop pass), the two 32-bit halves are summed into a ulong, and
    /// the sum is folded and byte-swapped once at the end (RFC 1071 §2(B): the sum is independent of byte order).
    /// The IPv4 pseudo-header (RFC 9293 §3.1, RFC 768) is folded in as a number: no pseudo-header buffer.
    /// </summary>
    internal static class InternetChecksum
    {
        /// <summary>
        /// Read once: on nanoCLR BitConverter.IsLittleEndian is a call into the runtime, a static field is a load.
        /// </summary>
        private static readonly bool LittleEndian = BitConverter.IsLittleEndian;

        /// <summary>
        /// The sum of the TCP/UDP pseudo-header as 16-bit big-endian words: source and destination address, zero and
        /// protocol, and the transport length. Pass it as <c>initial</c> to <see cref="Compute(byte[], int, int, uint)"/>.
        /// </summary>
        public static uint PseudoHeaderSum(uint source, uint destination, byte protocol, int length)
        {
            return (source >> 16) + (source & 0xFFFF) + (destination >> 16) + (destination & 0xFFFF) + protocol + (uint)(length & 0xFFFF);
        }

        /// <summary>The checksum of <paramref name="length"/> bytes at <paramref name="offset"/>, ready to write big-endian.</summary>
        public static ushort Compute(byte[] buffer, int offset, int length)
        {
            return (ushort)(~Sum(buffer, offset, length, 0) & 0xFFFF);
        }

        /// <summary>
        /// The checksum of <paramref name="length"/> bytes at <paramref name="offset"/> with <paramref name="initial"/>
        /// (a big-endian word sum such as <see cref="PseudoHeaderSum"/>) added in. Over data that contains a correct
        /// checksum the result is 0.
        /// </summary>
        public static ushort Compute(byte[] buffer, int offset, int length, uint initial)
        {
            // Sum's result is already folded to 16 bits (Complement's Fold would be a second call for nothing).
            return (ushort)(~Sum(buffer, offset, length, initial) & 0xFFFF);
        }

        /// <summary>The ones' complement of a folded 16-bit sum: the value written into a checksum field.</summary>
        public static ushort Complement(uint sum)
        {
            return (ushort)(~Fold(sum) & 0xFFFF);
        }

        /// <summary>
        /// Adds the bytes at <paramref name="offset"/> to <paramref name="initial"/> as 16-bit big-endian words and
        /// returns the ones' complement sum folded to 16 bits (not complemented). Pieces chained this way must each
        /// start at an even position of the checksummed data.
        /// </summary>
        public static uint Sum(byte[] buffer, int offset, int length, uint initial)
        {
            ulong sum = 0;
            int i = offset;
            int end = offset + length;
            // 32 bytes per pass, then 8 at a time, in the machine's byte order; the 375 halves of a full frame cannot
            // overflow 64 bits. Unrolled because on nanoCLR the loop's own instructions cost as much as a read (−15 %).
            int blockEnd = end - 31;
            while (i < blockEnd)
            {
                ulong b0 = BitConverter.ToUInt64(buffer, i);
                ulong b1 = BitConverter.ToUInt64(buffer, i + 8);
                ulong b2 = BitConverter.ToUInt64(buffer, i + 16);
                ulong b3 = BitConverter.ToUInt64(buffer, i + 24);
                sum += (b0 & 0xFFFFFFFF) + (b0 >> 32) + (b1 & 0xFFFFFFFF) + (b1 >> 32) + (b2 & 0xFFFFFFFF) + (b2 >> 32) + (b3 & 0xFFFFFFFF) + (b3 >> 32);
                i += 32;
            }

            blockEnd = end - 7;
            while (i < blockEnd)
            {
                ulong block = BitConverter.ToUInt64(buffer, i);
                sum += (block & 0xFFFFFFFF) + (block >> 32);
                i += 8;
            }

            bool littleEndian = LittleEndian;
            while (i < end - 1)
            {
                sum += littleEndian ? (uint)(buffer[i] | (buffer[i + 1] << 8)) : (uint)((buffer[i] << 8) | buffer[i + 1]);
                i += 2;
            }

            if (i < end)
            {
                // The odd last byte is the high byte of a big-endian word padded with zero.
                sum += littleEndian ? buffer[i] : (uint)(buffer[i] << 8);
            }

            // The folds are written out, not called: on nanoCLR a call costs as much as the arithmetic of 8 bytes.
            sum = (sum & 0xFFFFFFFF) + (sum >> 32);
            sum = (sum & 0xFFFFFFFF) + (sum >> 32);
            uint folded = (uint)sum;
            folded = (folded & 0xFFFF) + (folded >> 16);
            folded = (folded & 0xFFFF) + (folded >> 16);
            if (littleEndian)
            {
                folded = ((folded & 0xFF) << 8) | (folded >> 8);
            }

            // initial < 2^32 and folded < 2^16: two folds of their sum suffice.
            ulong total = (ulong)folded + (initial & 0xFFFF) + (initial >> 16);
            uint result = (uint)((total & 0xFFFF) + (total >> 16));
            return (result & 0xFFFF) + (result >> 16);
        }

        private static uint Fold(uint sum)
        {
            sum = (sum & 0xFFFF) + (sum >> 16);
            sum = (sum & 0xFFFF) + (sum >> 16);
            return sum;
        }
    }
}
