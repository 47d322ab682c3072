namespace NanoTcp.Wire
{
    /// <summary>
    /// What Multicast DNS (RFC 6762) adds to DNS messages (<see cref="DnsMessage"/>): its port and group, the QU and
    /// cache-flush bits in the top bit of a class, and writing one A record. Reading names and headers is
    /// <see cref="DnsMessage"/>'s.
    /// </summary>
    internal static class MdnsMessage
    {
        /// <summary>UDP port of Multicast DNS (RFC 6762 §3).</summary>
        public const ushort Port = 5353;

        /// <summary>The IPv4 group 224.0.0.251 (RFC 6762 §3).</summary>
        public const uint GroupAddress = 0xE00000FB;

        /// <summary>IP TTL of every mDNS packet sent (RFC 6762 §11).</summary>
        public const byte IpTtl = 255;

        /// <summary>Top bit of a question's class: unicast response requested (RFC 6762 §5.4).</summary>
        public const ushort ClassUnicastResponse = 0x8000;

        /// <summary>Top bit of a record's class: cache flush, the record is unique (RFC 6762 §10.2).</summary>
        public const ushort ClassCacheFlush = 0x8000;

        /// <summary>The class without its top bit.</summary>
        public const ushort ClassMask = 0x7FFF;

        /// <summary>QTYPE and QCLASS "any" (RFC 1035 §3.2.3, §3.2.5).</summary>
        public const ushort TypeAny = 255;

        public const ushort ClassAny = 255;

        /// <summary>Flags of a response: QR and AA (RFC 6762 §18.2, §18.4).</summary>
        public const ushort FlagsResponse = 0x8400;

        /// <summary>Length of an A record's data.</summary>
        public const int AddressDataLength = 4;

        /// <summary>A compression pointer to the name at offset 12, the first question's or record's (RFC 1035 §4.1.4).</summary>
        public const ushort PointerToFirstName = 0xC00C;

        /// <summary>Offset of TTL, RDLENGTH and RDATA after a record's name.</summary>
        public const int RecordTypeOffset = 0;

        public const int RecordClassOffset = 2;
        public const int RecordTtlOffset = 4;
        public const int RecordDataLengthOffset = 8;

        /// <summary>Writes a compression pointer to the message's first name (at offset 12); returns the offset after it.</summary>
        public static int WritePointerToFirstName(byte[] buf, int at)
        {
            Bytes.WriteUInt16(buf, at, PointerToFirstName);
            return at + 2;
        }

        /// <summary>
        /// Writes what follows an A record's name at <paramref name="at"/>: type, class, TTL, length 4 and the address.
        /// Returns the offset after it.
        /// </summary>
        public static int WriteAddressFields(byte[] buf, int at, ushort recordClass, uint ttl, uint address)
        {
            Bytes.WriteUInt16(buf, at + RecordTypeOffset, DnsMessage.TypeA);
            Bytes.WriteUInt16(buf, at + RecordClassOffset, recordClass);
            Bytes.WriteUInt32(buf, at + RecordTtlOffset, ttl);
            Bytes.WriteUInt16(buf, at + RecordDataLengthOffset, AddressDataLength);
            Bytes.WriteUInt32(buf, at + DnsMessage.RecordFixedLength, address);
            return at + DnsMessage.RecordFixedLength + AddressDataLength;
        }
    }
}
