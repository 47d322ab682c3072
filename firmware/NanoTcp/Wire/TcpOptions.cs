namespace NanoTcp.Wire
{
    /// <summary>
    /// The TCP options list (RFC 9293 §3.1, §3.2): kind 0 ends the list, kind 1 is one byte of padding, every other
    /// kind has a length byte that counts kind and length. <c>off</c> and <c>length</c> describe the options area
    /// (<see cref="TcpHeader.OptionsOffset"/>, <see cref="TcpHeader.OptionsLength"/>).
    /// </summary>
    internal static class TcpOptions
    {
        /// <summary>Kind 0: end of option list.</summary>
        public const byte EndOfOptionList = 0;

        /// <summary>Kind 1: no-operation (padding).</summary>
        public const byte NoOperation = 1;

        /// <summary>Kind 2: maximum segment size.</summary>
        public const byte MaximumSegmentSizeKind = 2;

        /// <summary>Length of the MSS option: kind, length, 16-bit value.</summary>
        public const int MaximumSegmentSizeLength = 4;

        /// <summary>Kind 3: window scale (RFC 7323), length 3.</summary>
        public const byte WindowScaleKind = 3;

        /// <summary>Kind 4: SACK permitted (RFC 2018), length 2.</summary>
        public const byte SackPermittedKind = 4;

        /// <summary>Kind 8: timestamps (RFC 7323), length 10.</summary>
        public const byte TimestampsKind = 8;

        /// <summary>
        /// True when the list is well formed: every option other than End and NOP has a length of at least 2 that
        /// stays inside the area, and an MSS option is exactly 4 bytes. Bytes after End are not examined.
        /// </summary>
        public static bool IsValid(byte[] buf, int off, int length)
        {
            if (!Bytes.RangeIsInside(buf, off, length))
            {
                return false;
            }

            int end = off + length;
            int i = off;
            while (i < end)
            {
                byte kind = buf[i];
                if (kind == EndOfOptionList)
                {
                    return true;
                }

                if (kind == NoOperation)
                {
                    i++;
                    continue;
                }

                if (i + 1 >= end)
                {
                    return false;
                }

                int optionLength = buf[i + 1];
                if (optionLength < 2 || optionLength > end - i)
                {
                    return false;
                }

                if (kind == MaximumSegmentSizeKind && optionLength != MaximumSegmentSizeLength)
                {
                    return false;
                }

                i += optionLength;
            }

            return true;
        }

        /// <summary>
        /// The offset of the first option of <paramref name="kind"/> (its kind byte), or -1 when there is none or the
        /// list is malformed before it.
        /// </summary>
        public static int Find(byte[] buf, int off, int length, byte kind)
        {
            if (!Bytes.RangeIsInside(buf, off, length))
            {
                return -1;
            }

            int end = off + length;
            int i = off;
            while (i < end)
            {
                byte current = buf[i];
                if (current == EndOfOptionList)
                {
                    return -1;
                }

                if (current == NoOperation)
                {
                    i++;
                    continue;
                }

                if (i + 1 >= end)
                {
                    return -1;
                }

                int optionLength = buf[i + 1];
                if (optionLength < 2 || optionLength > end - i)
                {
                    return -1;
                }

                if (current == kind)
                {
                    return i;
                }

                i += optionLength;
            }

            return -1;
        }

        /// <summary>The peer's maximum segment size, or -1 when the list carries no (well-formed) MSS option.</summary>
        public static int MaximumSegmentSize(byte[] buf, int off, int length)
        {
            int at = Find(buf, off, length, MaximumSegmentSizeKind);
            if (at < 0 || buf[at + 1] != MaximumSegmentSizeLength)
            {
                return -1;
            }

            return Bytes.ReadUInt16(buf, at + 2);
        }

        /// <summary>Writes an MSS option (4 bytes) at <paramref name="off"/>; returns the number of bytes written.</summary>
        public static int WriteMaximumSegmentSize(byte[] buf, int off, ushort maximumSegmentSize)
        {
            buf[off] = MaximumSegmentSizeKind;
            buf[off + 1] = MaximumSegmentSizeLength;
            Bytes.WriteUInt16(buf, off + 2, maximumSegmentSize);
            return MaximumSegmentSizeLength;
        }
    }
}
