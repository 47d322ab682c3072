using System;

namespace NanoTcp.Ipv4
{
    /// <summary>
    /// IPv4 addresses as the stack keeps them (a uint in network order: 192.168.1.250 = 0xC0A801FA) to and from
    /// dotted-decimal text (RFC 791 §3.2 writes them so; the four parts are decimal, 0..255). For configuration and
    /// logs, not for the per-frame path (it allocates a string).
    /// </summary>
    public static class Ipv4Address
    {
        private const int Parts = 4;
        private const int MaxDigits = 3;
        private const int MaxPart = 255;

        /// <summary>
        /// Reads "A.B.C.D" (four decimal parts of one to three digits, each at most 255, nothing else) into
        /// <paramref name="address"/>; false, and 0, for anything else (null, spaces, signs, a missing or fifth part).
        /// </summary>
        public static bool TryParse(string text, out uint address)
        {
            address = 0;
            if (text == null)
            {
                return false;
            }

            uint result = 0;
            int part = 0, digits = 0, value = 0;
            for (int i = 0; i <= text.Length; i++)
            {
                char c = i < text.Length ? text[i] : '.';
                if (c >= '0' && c <= '9')
                {
                    value = (value * 10) + (c - '0');
                    if (++digits > MaxDigits || value > MaxPart)
                    {
                        return false;
                    }

                    continue;
                }

                // The end of a part: a dot, or the end of the text (read as a dot after the fourth part).
                if (c != '.' || digits == 0 || part == Parts)
                {
                    return false;
                }

                result = (result << 8) | (uint)value;
                part++;
                digits = 0;
                value = 0;
            }

            if (part != Parts)
            {
                return false;
            }

            address = result;
            return true;
        }

        /// <summary>Reads "A.B.C.D"; throws <see cref="ArgumentException"/> naming the text when it is not an address.</summary>
        public static uint Parse(string text)
        {
            uint address;
            if (!TryParse(text, out address))
            {
                throw new ArgumentException("'" + text + "' is not an IPv4 address such as 192.168.1.250");
            }

            return address;
        }

        /// <summary>"A.B.C.D" for <paramref name="address"/>.</summary>
        public static string Format(uint address)
        {
            return (address >> 24).ToString() + "." + ((address >> 16) & 0xFF).ToString() + "." + ((address >> 8) & 0xFF).ToString() + "." + (address & 0xFF).ToString();
        }
    }
}
