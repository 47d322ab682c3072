namespace NanoTcp.Wire
{
    /// <summary>
    /// An ARP packet for IPv4 over Ethernet (RFC 826) at <c>off</c> in <c>buf</c>. Addresses are uints in network
    /// order read as numbers (10.0.0.1 is 0x0A000001).
    /// </summary>
    internal static class ArpPacket
    {
        /// <summary>Length of an Ethernet/IPv4 ARP packet.</summary>
        public const int Length = 28;

        /// <summary>ar$hrd for Ethernet.</summary>
        public const ushort HardwareTypeEthernet = 1;

        /// <summary>ar$op: request.</summary>
        public const ushort OperationRequest = 1;

        /// <summary>ar$op: reply.</summary>
        public const ushort OperationReply = 2;

        /// <summary>
        /// True when the packet fits in <paramref name="length"/> and is Ethernet/IPv4 (hardware type 1, protocol
        /// 0x0800, address lengths 6 and 4); other ARP variants are not ours to read.
        /// </summary>
        public static bool IsValid(byte[] buf, int off, int length)
        {
            return Bytes.RangeIsInside(buf, off, length) && length >= Length
                && HardwareType(buf, off) == HardwareTypeEthernet && ProtocolType(buf, off) == EthernetHeader.EtherTypeIpv4
                && buf[off + 4] == EthernetHeader.AddressLength && buf[off + 5] == 4;
        }

        public static ushort HardwareType(byte[] buf, int off) => Bytes.ReadUInt16(buf, off);

        public static ushort ProtocolType(byte[] buf, int off) => Bytes.ReadUInt16(buf, off + 2);

        public static int HardwareLength(byte[] buf, int off) => buf[off + 4];

        public static int ProtocolLength(byte[] buf, int off) => buf[off + 5];

        public static ushort Operation(byte[] buf, int off) => Bytes.ReadUInt16(buf, off + 6);

        /// <summary>Offset of the sender hardware address (ar$sha).</summary>
        public static int SenderHardwareAddressOffset(int off) => off + 8;

        /// <summary>The sender protocol address (ar$spa).</summary>
        public static uint SenderProtocolAddress(byte[] buf, int off) => Bytes.ReadUInt32(buf, off + 14);

        /// <summary>Offset of the target hardware address (ar$tha).</summary>
        public static int TargetHardwareAddressOffset(int off) => off + 18;

        /// <summary>The target protocol address (ar$tpa).</summary>
        public static uint TargetProtocolAddress(byte[] buf, int off) => Bytes.ReadUInt32(buf, off + 24);

        /// <summary>
        /// Writes a whole Ethernet/IPv4 ARP packet. <paramref name="targetMac"/> null writes a zero target hardware
        /// address (as in a request).
        /// </summary>
        public static void Write(byte[] buf, int off, ushort operation, byte[] senderMac, int senderMacOff, uint senderAddress, byte[] targetMac, int targetMacOff, uint targetAddress)
        {
            Bytes.WriteUInt16(buf, off, HardwareTypeEthernet);
            Bytes.WriteUInt16(buf, off + 2, EthernetHeader.EtherTypeIpv4);
            buf[off + 4] = EthernetHeader.AddressLength;
            buf[off + 5] = 4;
            Bytes.WriteUInt16(buf, off + 6, operation);
            System.Array.Copy(senderMac, senderMacOff, buf, off + 8, EthernetHeader.AddressLength);
            Bytes.WriteUInt32(buf, off + 14, senderAddress);
            if (targetMac == null)
            {
                System.Array.Clear(buf, off + 18, EthernetHeader.AddressLength);
            }
            else
            {
                System.Array.Copy(targetMac, targetMacOff, buf, off + 18, EthernetHeader.AddressLength);
            }

            Bytes.WriteUInt32(buf, off + 24, targetAddress);
        }
    }
}
