namespace NanoTcp.Wire
{
    /// <summary>
    /// DHCP options (RFC 2132): code 0 is one byte of padding, code 255 ends the list, every other code is followed by
    /// a length byte that counts only the data. <c>off</c>/<c>length</c> describe the options area.
    /// </summary>
    internal static class DhcpOptions
    {
        public const byte Pad = 0;

        public const byte SubnetMask = 1;

        public const byte Router = 3;

        public const byte DomainNameServer = 6;

        public const byte HostName = 12;

        /// <summary>NTP servers, a list of addresses (RFC 2132 §8.3).</summary>
        public const byte NtpServers = 42;

        public const byte RequestedIpAddress = 50;

        public const byte IpAddressLeaseTime = 51;

        public const byte MessageType = 53;

        public const byte ServerIdentifier = 54;

        public const byte ParameterRequestList = 55;

        public const byte MaximumMessageSize = 57;

        public const byte RenewalTime = 58;

        public const byte RebindingTime = 59;

        public const byte ClientIdentifier = 61;

        public const byte End = 255;

        /// <summary>True when every option other than Pad and End has its length byte and data inside the area.</summary>
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
                byte code = buf[i];
                if (code == End)
                {
                    return true;
                }

                if (code == Pad)
                {
                    i++;
                    continue;
                }

                if (i + 1 >= end || buf[i + 1] > end - i - 2)
                {
                    return false;
                }

                i += 2 + buf[i + 1];
            }

            return true;
        }

        /// <summary>The offset of the data of the first option <paramref name="code"/>, or -1; its length is at <c>result - 1</c>.</summary>
        public static int Find(byte[] buf, int off, int length, byte code)
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
                if (current == End)
                {
                    return -1;
                }

                if (current == Pad)
                {
                    i++;
                    continue;
                }

                if (i + 1 >= end || buf[i + 1] > end - i - 2)
                {
                    return -1;
                }

                if (current == code)
                {
                    return i + 2;
                }

                i += 2 + buf[i + 1];
            }

            return -1;
        }

        /// <summary>The one-byte value of option <paramref name="code"/>, or -1 when absent or of another length.</summary>
        public static int FindByte(byte[] buf, int off, int length, byte code)
        {
            int at = Find(buf, off, length, code);
            return at < 0 || buf[at - 1] != 1 ? -1 : buf[at];
        }

        /// <summary>
        /// The first 4-byte value of option <paramref name="code"/> (an address or a time), or
        /// <paramref name="absent"/> when the option is missing or shorter than 4 bytes.
        /// </summary>
        public static uint FindUInt32(byte[] buf, int off, int length, byte code, uint absent)
        {
            int at = Find(buf, off, length, code);
            return at < 0 || buf[at - 1] < 4 ? absent : Bytes.ReadUInt32(buf, at);
        }

        /// <summary>Writes a one-byte option; returns the offset after it.</summary>
        public static int WriteByte(byte[] buf, int off, byte code, byte value)
        {
            buf[off] = code;
            buf[off + 1] = 1;
            buf[off + 2] = value;
            return off + 3;
        }

        /// <summary>Writes a 4-byte option (an address); returns the offset after it.</summary>
        public static int WriteUInt32(byte[] buf, int off, byte code, uint value)
        {
            buf[off] = code;
            buf[off + 1] = 4;
            Bytes.WriteUInt32(buf, off + 2, value);
            return off + 6;
        }
    }
}
