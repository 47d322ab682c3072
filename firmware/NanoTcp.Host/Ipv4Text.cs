using System;
using System.Globalization;

namespace NanoTcp.Host
{
    /// <summary>IPv4 addresses as the stack keeps them (10.0.0.1 = 0x0A000001) to and from dotted text.</summary>
    public static class Ipv4Text
    {
        public static string Format(uint address) =>
            string.Create(CultureInfo.InvariantCulture, $"{address >> 24}.{(address >> 16) & 0xFF}.{(address >> 8) & 0xFF}.{address & 0xFF}");

        public static uint Parse(string text)
        {
            if (!TryParse(text, out uint address))
            {
                throw new FormatException("'" + text + "' is not an IPv4 address such as 10.0.77.2");
            }

            return address;
        }

        public static bool TryParse(string text, out uint address)
        {
            address = 0;
            string[] parts = (text ?? string.Empty).Split('.');
            if (parts.Length != 4)
            {
                return false;
            }

            foreach (string part in parts)
            {
                if (part.Length == 0 || part.Length > 3 || !byte.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out byte value))
                {
                    return false;
                }

                address = (address << 8) | value;
            }

            return true;
        }

        /// <summary>Parses "A/P" (address and prefix length); "A" alone means /24.</summary>
        public static (uint Address, int Prefix) ParseWithPrefix(string text)
        {
            string[] parts = (text ?? string.Empty).Split('/');
            int prefix = 24;
            if (parts.Length > 2 || (parts.Length == 2 && (!int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out prefix) || prefix > 32)))
            {
                throw new FormatException("'" + text + "' is not ADDRESS/PREFIX such as 10.0.77.2/24");
            }

            return (Parse(parts[0]), prefix);
        }
    }
}
