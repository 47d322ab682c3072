namespace NanoTcp.Wire
{
    /// <summary>
    /// DNS messages (RFC 1035 §4.1): the 12-byte header, names as length-prefixed labels with compression pointers
    /// (§4.1.4), the question and resource records. <c>msg</c>/<c>length</c> describe the whole message, since a
    /// compression pointer counts from its start. Names are handled in wire form (labels, then a zero byte).
    /// </summary>
    internal static class DnsMessage
    {
        public const int HeaderLength = 12;

        /// <summary>UDP port of a DNS server.</summary>
        public const ushort ServerPort = 53;

        /// <summary>The largest message over UDP without EDNS (RFC 1035 §4.2.1).</summary>
        public const int MaxUdpLength = 512;

        /// <summary>The longest name in wire form, the final zero byte included (RFC 1035 §2.3.4).</summary>
        public const int MaxNameLength = 255;

        /// <summary>The longest label (RFC 1035 §2.3.4).</summary>
        public const int MaxLabelLength = 63;

        /// <summary>Compression pointers followed in one name at most (each must also point before the last one).</summary>
        public const int MaxPointers = 16;

        public const ushort FlagResponse = 0x8000;
        public const ushort OpcodeMask = 0x7800;
        public const ushort FlagTruncated = 0x0200;
        public const ushort FlagRecursionDesired = 0x0100;
        public const ushort ResponseCodeMask = 0x000F;

        public const int ResponseNoError = 0;
        public const int ResponseFormatError = 1;
        public const int ResponseServerFailure = 2;
        public const int ResponseNameError = 3;
        public const int ResponseRefused = 5;

        public const ushort TypeA = 1;
        public const ushort TypeCname = 5;
        public const ushort ClassInternet = 1;

        /// <summary>Type, class, TTL and RDLENGTH after a record's name.</summary>
        public const int RecordFixedLength = 10;

        /// <summary>Type and class after the question's name.</summary>
        public const int QuestionFixedLength = 4;

        private const int IdOffset = 0;
        private const int FlagsOffset = 2;
        private const int QuestionCountOffset = 4;
        private const int AnswerCountOffset = 6;
        private const int AuthorityCountOffset = 8;
        private const int AdditionalCountOffset = 10;
        private const int PointerMask = 0xC0;

        public static bool IsValidHeader(byte[] buf, int msg, int length)
        {
            return Bytes.RangeIsInside(buf, msg, length) && length >= HeaderLength;
        }

        public static ushort Id(byte[] buf, int msg) => Bytes.ReadUInt16(buf, msg + IdOffset);

        public static ushort Flags(byte[] buf, int msg) => Bytes.ReadUInt16(buf, msg + FlagsOffset);

        public static int ResponseCode(byte[] buf, int msg) => Flags(buf, msg) & ResponseCodeMask;

        public static int QuestionCount(byte[] buf, int msg) => Bytes.ReadUInt16(buf, msg + QuestionCountOffset);

        public static int AnswerCount(byte[] buf, int msg) => Bytes.ReadUInt16(buf, msg + AnswerCountOffset);

        public static int AuthorityCount(byte[] buf, int msg) => Bytes.ReadUInt16(buf, msg + AuthorityCountOffset);

        public static int AdditionalCount(byte[] buf, int msg) => Bytes.ReadUInt16(buf, msg + AdditionalCountOffset);

        /// <summary>Writes a header; returns the offset after it.</summary>
        public static int WriteHeader(byte[] buf, int msg, ushort id, ushort flags, int questions, int answers, int authorities, int additionals)
        {
            Bytes.WriteUInt16(buf, msg + IdOffset, id);
            Bytes.WriteUInt16(buf, msg + FlagsOffset, flags);
            Bytes.WriteUInt16(buf, msg + QuestionCountOffset, (ushort)questions);
            Bytes.WriteUInt16(buf, msg + AnswerCountOffset, (ushort)answers);
            Bytes.WriteUInt16(buf, msg + AuthorityCountOffset, (ushort)authorities);
            Bytes.WriteUInt16(buf, msg + AdditionalCountOffset, (ushort)additionals);
            return msg + HeaderLength;
        }

        /// <summary>
        /// Writes <paramref name="name"/> ("www.example.com", a final dot allowed) in wire form at <paramref name="off"/>;
        /// returns its length, or -1 when it is empty, has an empty or too long label, is too long, or holds a character
        /// outside printable ASCII. <paramref name="buf"/> needs <see cref="MaxNameLength"/> bytes from <paramref name="off"/>.
        /// </summary>
        public static int WriteName(string name, byte[] buf, int off)
        {
            if (name == null)
            {
                return -1;
            }

            int count = name.Length;
            if (count > 0 && name[count - 1] == '.')
            {
                count--;
            }

            if (count == 0 || count + 2 > MaxNameLength)
            {
                return -1;
            }

            int lengthAt = off;
            int at = off + 1;
            for (int i = 0; i <= count; i++)
            {
                if (i == count || name[i] == '.')
                {
                    int label = at - lengthAt - 1;
                    if (label == 0 || label > MaxLabelLength)
                    {
                        return -1;
                    }

                    buf[lengthAt] = (byte)label;
                    lengthAt = at;
                    at++;
                    continue;
                }

                char c = name[i];
                if (c <= ' ' || c > '~')
                {
                    return -1;
                }

                buf[at++] = (byte)c;
            }

            buf[lengthAt] = 0;
            return at - off;
        }

        /// <summary>
        /// Follows the name at <paramref name="at"/> through its compression pointers and copies it, uncompressed, to
        /// <paramref name="destination"/> (null: only check it). Returns its wire length, or -1 when a label or pointer
        /// runs past the message, a pointer does not point before the previous one (so no loop), there are more than
        /// <see cref="MaxPointers"/>, a label type is reserved, or the name exceeds <see cref="MaxNameLength"/>.
        /// <paramref name="end"/> is the offset after the name where it stands (after its first pointer).
        /// </summary>
        public static int ExpandName(byte[] buf, int msg, int length, int at, byte[] destination, int destinationOffset, out int end)
        {
            end = -1;
            int limit = msg + length;
            int position = at;
            int lowest = at;
            int written = 0;
            int pointers = 0;
            for (;;)
            {
                if (position < msg || position >= limit)
                {
                    return -1;
                }

                int label = buf[position];
                if ((label & PointerMask) == PointerMask)
                {
                    if (position + 1 >= limit)
                    {
                        return -1;
                    }

                    int target = msg + (((label & ~PointerMask) << 8) | buf[position + 1]);
                    if (end < 0)
                    {
                        end = position + 2;
                    }

                    pointers++;
                    if (target >= lowest || pointers > MaxPointers)
                    {
                        return -1;
                    }

                    lowest = target;
                    position = target;
                    continue;
                }

                if ((label & PointerMask) != 0 || label > limit - position - 1 || written + label + 1 > MaxNameLength)
                {
                    return -1;
                }

                if (destination != null)
                {
                    System.Array.Copy(buf, position, destination, destinationOffset + written, label + 1);
                }

                written += label + 1;
                if (label == 0)
                {
                    if (end < 0)
                    {
                        end = position + 1;
                    }

                    return written;
                }

                position += label + 1;
            }
        }

        /// <summary>True when two names in wire form are equal, ASCII letters compared without case (RFC 4343).</summary>
        public static bool NamesEqual(byte[] a, int aOffset, byte[] b, int bOffset, int length)
        {
            for (int i = 0; i < length; i++)
            {
                int x = a[aOffset + i];
                int y = b[bOffset + i];
                if (x != y && Lower(x) != Lower(y))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>A name in wire form (already checked) as text, "www.example.com" (for logs and tests; allocates).</summary>
        public static string NameToString(byte[] buf, int off)
        {
            char[] text = new char[MaxNameLength];
            int count = 0;
            int at = off;
            while (buf[at] != 0)
            {
                int label = buf[at];
                if (count > 0)
                {
                    text[count++] = '.';
                }

                for (int i = 1; i <= label; i++)
                {
                    text[count++] = (char)buf[at + i];
                }

                at += label + 1;
            }

            return new string(text, 0, count);
        }

        private static int Lower(int c)
        {
            return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
        }
    }
}
