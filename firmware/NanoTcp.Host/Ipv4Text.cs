using System;
using System.Globalization;
using NanoTcp.Ipv4;

namespace NanoTcp.Host
{
    /// <summary>
    /// The PC app's option parsing of addresses: the stack's <see cref="Ipv4Address"/> plus the app's error message
    /// (FormatException) and "A/P" prefixes.
    /// </summary>
    public static class Ipv4Text
    {
        public static string Format(uint address) => Ipv4Address.Format(address);

        public static uint Parse(string text)
        {
            if (!TryParse(text, out uint address))
            {
                throw new FormatException("'" + text + "' is not an IPv4 address such as 10.0.77.2");
            }

            return address;
        }

        public static bool TryParse(string text, out uint address) => Ipv4Address.TryParse(text, out address);

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
