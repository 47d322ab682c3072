namespace NanoTcp.Wire
{
    /// <summary>
    /// A DHCP message (RFC 2131 §2, BOOTP layout) at <c>off</c> in <c>buf</c>: the fixed 236-byte part, the magic
    /// cookie, then options (<see cref="DhcpOptions"/>).
    /// </summary>
    internal static class DhcpMessage
    {
        /// <summary>Fixed fields up to and including the file field.</summary>
        public const int FixedLength = 236;

        /// <summary>Fixed part plus the magic cookie: where options start.</summary>
        public const int OptionsOffset = 240;

        /// <summary>The magic cookie 99.130.83.99 (RFC 2131 §3).</summary>
        public const uint MagicCookie = 0x63825363;

        /// <summary>op: BOOTREQUEST.</summary>
        public const byte OpBootRequest = 1;

        /// <summary>op: BOOTREPLY.</summary>
        public const byte OpBootReply = 2;

        /// <summary>The BROADCAST bit of the flags field.</summary>
        public const ushort FlagBroadcast = 0x8000;

        /// <summary>UDP port of the server.</summary>
        public const ushort ServerPort = 67;

        /// <summary>UDP port of the client.</summary>
        public const ushort ClientPort = 68;

        /// <summary>DHCP message types (option 53).</summary>
        public const byte TypeDiscover = 1;

        public const byte TypeOffer = 2;

        public const byte TypeRequest = 3;

        public const byte TypeDecline = 4;

        public const byte TypeAck = 5;

        public const byte TypeNak = 6;

        public const byte TypeRelease = 7;

        /// <summary>
        /// True when the message holds the fixed part, the magic cookie and a well-formed options list, with an
        /// Ethernet hardware address (htype 1, hlen 6).
        /// </summary>
        public static bool IsValid(byte[] buf, int off, int length)
        {
            return Bytes.RangeIsInside(buf, off, length) && length >= OptionsOffset
                && buf[off + 1] == ArpPacket.HardwareTypeEthernet && buf[off + 2] == EthernetHeader.AddressLength
                && Bytes.ReadUInt32(buf, off + FixedLength) == MagicCookie
                && DhcpOptions.IsValid(buf, off + OptionsOffset, length - OptionsOffset);
        }

        public static byte Op(byte[] buf, int off) => buf[off];

        public static uint TransactionId(byte[] buf, int off) => Bytes.ReadUInt32(buf, off + 4);

        public static ushort Seconds(byte[] buf, int off) => Bytes.ReadUInt16(buf, off + 8);

        public static ushort Flags(byte[] buf, int off) => Bytes.ReadUInt16(buf, off + 10);

        /// <summary>ciaddr: the client's address when it already has one.</summary>
        public static uint ClientAddress(byte[] buf, int off) => Bytes.ReadUInt32(buf, off + 12);

        /// <summary>yiaddr: the address offered or assigned to the client.</summary>
        public static uint YourAddress(byte[] buf, int off) => Bytes.ReadUInt32(buf, off + 16);

        /// <summary>siaddr: next server.</summary>
        public static uint ServerAddress(byte[] buf, int off) => Bytes.ReadUInt32(buf, off + 20);

        /// <summary>giaddr: relay agent.</summary>
        public static uint GatewayAddress(byte[] buf, int off) => Bytes.ReadUInt32(buf, off + 24);

        /// <summary>Offset of chaddr (16 bytes; the first 6 are the MAC).</summary>
        public static int ClientHardwareAddressOffset(int off) => off + 28;

        /// <summary>
        /// Writes the fixed part and the magic cookie of a BOOTREQUEST (or a BOOTREPLY when <paramref name="op"/> says
        /// so): everything zero except the given fields. Returns the offset where options start.
        /// </summary>
        public static int WriteFixed(byte[] buf, int off, byte op, uint transactionId, ushort seconds, ushort flags, uint clientAddress, uint yourAddress, byte[] mac, int macOff)
        {
            System.Array.Clear(buf, off, OptionsOffset);
            buf[off] = op;
            buf[off + 1] = (byte)ArpPacket.HardwareTypeEthernet;
            buf[off + 2] = EthernetHeader.AddressLength;
            Bytes.WriteUInt32(buf, off + 4, transactionId);
            Bytes.WriteUInt16(buf, off + 8, seconds);
            Bytes.WriteUInt16(buf, off + 10, flags);
            Bytes.WriteUInt32(buf, off + 12, clientAddress);
            Bytes.WriteUInt32(buf, off + 16, yourAddress);
            System.Array.Copy(mac, macOff, buf, off + 28, EthernetHeader.AddressLength);
            Bytes.WriteUInt32(buf, off + FixedLength, MagicCookie);
            return off + OptionsOffset;
        }
    }
}
