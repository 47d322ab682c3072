namespace NanoTcp.Wire
{
    /// <summary>Ethernet II header (IEEE 802.3, DIX framing) at <c>off</c> in <c>buf</c>: destination, source, EtherType.</summary>
    internal static class EthernetHeader
    {
        /// <summary>Destination MAC, source MAC, EtherType.</summary>
        public const int Length = 14;

        /// <summary>Length of a MAC address.</summary>
        public const int AddressLength = 6;

        /// <summary>EtherType of IPv4 (RFC 894).</summary>
        public const ushort EtherTypeIpv4 = 0x0800;

        /// <summary>EtherType of ARP (RFC 826).</summary>
        public const ushort EtherTypeArp = 0x0806;

        /// <summary>True when the header lies inside <paramref name="buf"/> and inside the frame's <paramref name="length"/>.</summary>
        public static bool IsValid(byte[] buf, int off, int length)
        {
            return Bytes.RangeIsInside(buf, off, length) && length >= Length;
        }

        /// <summary>Offset of the destination MAC.</summary>
        public static int DestinationOffset(int off) => off;

        /// <summary>Offset of the source MAC.</summary>
        public static int SourceOffset(int off) => off + 6;

        public static ushort EtherType(byte[] buf, int off) => Bytes.ReadUInt16(buf, off + 12);

        public static void SetEtherType(byte[] buf, int off, ushort value) => Bytes.WriteUInt16(buf, off + 12, value);

        /// <summary>True when the destination is ff:ff:ff:ff:ff:ff.</summary>
        public static bool IsBroadcast(byte[] buf, int off)
        {
            return (buf[off] & buf[off + 1] & buf[off + 2] & buf[off + 3] & buf[off + 4] & buf[off + 5]) == 0xFF;
        }

        /// <summary>True when the destination is a group address (the I/G bit, broadcast included).</summary>
        public static bool IsGroup(byte[] buf, int off) => (buf[off] & 0x01) != 0;

        /// <summary>Copies a MAC address into the destination field.</summary>
        public static void SetDestination(byte[] buf, int off, byte[] mac, int macOff) => System.Array.Copy(mac, macOff, buf, off, AddressLength);

        /// <summary>Copies a MAC address into the source field.</summary>
        public static void SetSource(byte[] buf, int off, byte[] mac, int macOff) => System.Array.Copy(mac, macOff, buf, off + 6, AddressLength);

        /// <summary>Sets the destination to ff:ff:ff:ff:ff:ff.</summary>
        public static void SetBroadcastDestination(byte[] buf, int off)
        {
            for (int i = 0; i < AddressLength; i++)
            {
                buf[off + i] = 0xFF;
            }
        }

        /// <summary>Sets the destination to the group MAC of an IPv4 multicast address: 01:00:5e and its low 23 bits (RFC 1112 §6.4).</summary>
        public static void SetIpv4MulticastDestination(byte[] buf, int off, uint group)
        {
            buf[off] = 0x01;
            buf[off + 1] = 0x00;
            buf[off + 2] = 0x5E;
            buf[off + 3] = (byte)((group >> 16) & 0x7F);
            buf[off + 4] = (byte)(group >> 8);
            buf[off + 5] = (byte)group;
        }

        /// <summary>True when the destination is the group MAC of <paramref name="group"/> (RFC 1112 §6.4).</summary>
        public static bool IsIpv4MulticastDestination(byte[] buf, int off, uint group)
        {
            return buf[off] == 0x01 && buf[off + 1] == 0x00 && buf[off + 2] == 0x5E && buf[off + 3] == (byte)((group >> 16) & 0x7F)
                && buf[off + 4] == (byte)(group >> 8) && buf[off + 5] == (byte)group;
        }
    }
}
