namespace NanoTcp.Http
{
    /// <summary>
    /// ASCII text straight into byte buffers: constant text encoded once, decimal and hexadecimal numbers formatted
    /// and parsed by hand (no Encoding, no StringBuilder, no string building on the hot path).
    /// </summary>
    internal static class HttpAscii
    {
        /// <summary>The longest decimal a long can need, with sign: "-9223372036854775808".</summary>
        public const int MaxDecimalLength = 20;

        /// <summary>Encodes <paramref name="text"/> once (for constants); characters above 127 become '?'.</summary>
        public static byte[] Encode(string text)
        {
            byte[] bytes = new byte[text.Length];
            for (int i = 0; i < bytes.Length; i++)
            {
                char c = text[i];
                bytes[i] = c < (char)128 ? (byte)c : (byte)'?';
            }

            return bytes;
        }

        /// <summary>Writes the decimal digits of <paramref name="value"/> at <paramref name="offset"/>; returns the offset after them.</summary>
        public static int WriteDecimal(byte[] buffer, int offset, long value)
        {
            if (value < 0)
            {
                buffer[offset++] = (byte)'-';
                if (value == long.MinValue)
                {
                    // -9223372036854775808 has no positive counterpart: write all but the last digit, then 8.
                    offset = WriteDecimal(buffer, offset, 922337203685477580L);
                    buffer[offset] = (byte)'8';
                    return offset + 1;
                }

                value = -value;
            }

            int digits = DecimalLength(value);
            int end = offset + digits;
            for (int i = end - 1; i >= offset; i--)
            {
                buffer[i] = (byte)('0' + (int)(value % 10));
                value /= 10;
            }

            return end;
        }

        /// <summary>How many digits <paramref name="value"/> (not negative) has in decimal; 1 for 0.</summary>
        public static int DecimalLength(long value)
        {
            int digits = 1;
            while (value >= 10)
            {
                value /= 10;
                digits++;
            }

            return digits;
        }

        /// <summary>Writes <paramref name="value"/> as exactly <paramref name="digits"/> lower-case hex digits (leading zeros).</summary>
        public static int WriteHexFixed(byte[] buffer, int offset, int value, int digits)
        {
            for (int i = digits - 1; i >= 0; i--)
            {
                int nibble = value & 0xF;
                buffer[offset + i] = (byte)(nibble < 10 ? '0' + nibble : 'a' + nibble - 10);
                value >>= 4;
            }

            return offset + digits;
        }

        /// <summary>Writes an IPv4 address (network order read as a number, 10.0.0.1 = 0x0A000001) in dotted decimal.</summary>
        public static int WriteIpv4(byte[] buffer, int offset, uint address)
        {
            for (int shift = 24; shift >= 0; shift -= 8)
            {
                offset = WriteDecimal(buffer, offset, (address >> shift) & 0xFF);
                if (shift > 0)
                {
                    buffer[offset++] = (byte)'.';
                }
            }

            return offset;
        }

        /// <summary>
        /// Parses 1..18 decimal digits (nothing else) into <paramref name="value"/>; false for an empty, non-digit or
        /// longer field, so a Content-Length can never overflow.
        /// </summary>
        public static bool TryParseDecimal(byte[] buffer, int offset, int length, out long value)
        {
            value = 0;
            if (length < 1 || length > 18)
            {
                return false;
            }

            for (int i = offset; i < offset + length; i++)
            {
                int d = buffer[i] - '0';
                if (d < 0 || d > 9)
                {
                    value = 0;
                    return false;
                }

                value = value * 10 + d;
            }

            return true;
        }

        /// <summary>ASCII lower case of one byte.</summary>
        public static int ToLower(int b)
        {
            return b >= 'A' && b <= 'Z' ? b + 32 : b;
        }

        /// <summary>True when the bytes equal <paramref name="text"/>, ignoring ASCII case.</summary>
        public static bool EqualsIgnoreCase(byte[] buffer, int offset, int length, string text)
        {
            if (length != text.Length)
            {
                return false;
            }

            for (int i = 0; i < length; i++)
            {
                if (ToLower(buffer[offset + i]) != ToLower(text[i]))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>True when the bytes equal <paramref name="text"/> exactly.</summary>
        public static bool EqualsExactly(byte[] buffer, int offset, int length, string text)
        {
            if (length != text.Length)
            {
                return false;
            }

            for (int i = 0; i < length; i++)
            {
                if (buffer[offset + i] != text[i])
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>True when the bytes start with <paramref name="text"/> exactly.</summary>
        public static bool StartsWith(byte[] buffer, int offset, int length, string text)
        {
            return length >= text.Length && EqualsExactly(buffer, offset, text.Length, text);
        }

        /// <summary>RFC 9110 §5.6.2 tchar: the characters a token (method, header name) may hold.</summary>
        public static bool IsTokenChar(int b)
        {
            if ((b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9'))
            {
                return true;
            }

            switch (b)
            {
                case '!': case '#': case '$': case '%': case '&': case '\'': case '*': case '+':
                case '-': case '.': case '^': case '_': case '`': case '|': case '~':
                    return true;
                default:
                    return false;
            }
        }
    }
}
