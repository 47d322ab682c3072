namespace NanoTcp.Wire
{
    /// <summary>
    /// Big-endian (network order) reads and writes of 16- and 32-bit fields at an offset in a byte array, by
    /// explicit shifts (no BinaryPrimitives on nanoFramework). Callers validate lengths first.
    /// </summary>
    internal static class Bytes
    {
        /// <summary>Reads the 16-bit big-endian value at <paramref name="offset"/>.</summary>
        public static ushort ReadUInt16(byte[] buffer, int offset)
        {
            return (ushort)((buffer[offset] << 8) | buffer[offset + 1]);
        }

        /// <summary>Writes <paramref name="value"/> big-endian at <paramref name="offset"/>.</summary>
        public static void WriteUInt16(byte[] buffer, int offset, ushort value)
        {
            buffer[offset] = (byte)(value >> 8);
            buffer[offset + 1] = (byte)value;
        }

        /// <summary>Reads the 32-bit big-endian value at <paramref name="offset"/>.</summary>
        public static uint ReadUInt32(byte[] buffer, int offset)
        {
            return ((uint)buffer[offset] << 24) | ((uint)buffer[offset + 1] << 16) | ((uint)buffer[offset + 2] << 8) | buffer[offset + 3];
        }

        /// <summary>Writes <paramref name="value"/> big-endian at <paramref name="offset"/>.</summary>
        public static void WriteUInt32(byte[] buffer, int offset, uint value)
        {
            buffer[offset] = (byte)(value >> 24);
            buffer[offset + 1] = (byte)(value >> 16);
            buffer[offset + 2] = (byte)(value >> 8);
            buffer[offset + 3] = (byte)value;
        }

        /// <summary>True when the <paramref name="count"/> bytes at <paramref name="offset"/> equal those at <paramref name="otherOffset"/> in <paramref name="other"/>.</summary>
        public static bool Equal(byte[] buffer, int offset, byte[] other, int otherOffset, int count)
        {
            for (int i = 0; i < count; i++)
            {
                if (buffer[offset + i] != other[otherOffset + i])
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>True when <paramref name="offset"/> and <paramref name="length"/> describe a range inside <paramref name="buffer"/>.</summary>
        public static bool RangeIsInside(byte[] buffer, int offset, int length)
        {
            return buffer != null && offset >= 0 && length >= 0 && offset <= buffer.Length && length <= buffer.Length - offset;
        }
    }
}
