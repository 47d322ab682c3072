namespace NanoTcp.Wire
{
    /// <summary>
    /// NTP packets (RFC 5905 §7.3, figure 8; SNTP: RFC 4330 §4): the 48-byte header a client sends and a server
    /// answers. Extension fields and a MAC may follow; SNTP ignores them. Timestamps are 64-bit NTP times, seconds
    /// since 1900 (modulo 2^32: eras, §6) and a 32-bit binary fraction, read and written as two uints.
    /// </summary>
    internal static class NtpPacket
    {
        /// <summary>The header without extension fields or MAC.</summary>
        public const int Length = 48;

        /// <summary>UDP port of an NTP server (RFC 5905 §7.2).</summary>
        public const ushort ServerPort = 123;

        /// <summary>Version number the client sends (RFC 5905).</summary>
        public const int Version4 = 4;

        /// <summary>Oldest version a reply may carry (RFC 4330 §5: versions 3 and 4 interoperate).</summary>
        public const int Version3 = 3;

        public const int ModeClient = 3;
        public const int ModeServer = 4;

        /// <summary>Leap indicator 3: the server's clock is not synchronised (RFC 5905 figure 9).</summary>
        public const int LeapNotSynchronized = 3;

        /// <summary>Stratum 0: a kiss-o'-death packet, the reference ID holds a kiss code (RFC 5905 §7.4).</summary>
        public const int StratumKissOfDeath = 0;

        /// <summary>Highest stratum of a synchronised server (RFC 5905 §7.3: 16 is unsynchronised).</summary>
        public const int MaxStratum = 15;

        /// <summary>Kiss code "RATE": poll less often (RFC 5905 figure 13).</summary>
        public const uint KissRate = 0x52415445;

        /// <summary>Kiss code "DENY": access denied, stop using the server.</summary>
        public const uint KissDeny = 0x44454E59;

        /// <summary>Kiss code "RSTR": access restricted, stop using the server.</summary>
        public const uint KissRestricted = 0x52535452;

        private const int FlagsOffset = 0;
        private const int StratumOffset = 1;
        private const int PollOffset = 2;
        private const int ReferenceIdOffset = 12;
        private const int OriginateOffset = 24;
        private const int ReceiveOffset = 32;
        private const int TransmitOffset = 40;
        private const int LeapShift = 6;
        private const int VersionShift = 3;
        private const int VersionMask = 0x7;
        private const int ModeMask = 0x7;

        /// <summary>True when <paramref name="length"/> bytes at <paramref name="offset"/> hold at least the header.</summary>
        public static bool IsValid(byte[] buf, int offset, int length)
        {
            return Bytes.RangeIsInside(buf, offset, length) && length >= Length;
        }

        public static int LeapIndicator(byte[] buf, int offset) => buf[offset + FlagsOffset] >> LeapShift;

        public static int Version(byte[] buf, int offset) => (buf[offset + FlagsOffset] >> VersionShift) & VersionMask;

        public static int Mode(byte[] buf, int offset) => buf[offset + FlagsOffset] & ModeMask;

        public static int Stratum(byte[] buf, int offset) => buf[offset + StratumOffset];

        /// <summary>The poll exponent the server suggests (log2 seconds, signed).</summary>
        public static int Poll(byte[] buf, int offset) => (sbyte)buf[offset + PollOffset];

        /// <summary>The reference ID: a kiss code when the stratum is 0.</summary>
        public static uint ReferenceId(byte[] buf, int offset) => Bytes.ReadUInt32(buf, offset + ReferenceIdOffset);

        public static uint OriginateSeconds(byte[] buf, int offset) => Bytes.ReadUInt32(buf, offset + OriginateOffset);

        public static uint OriginateFraction(byte[] buf, int offset) => Bytes.ReadUInt32(buf, offset + OriginateOffset + 4);

        public static uint ReceiveSeconds(byte[] buf, int offset) => Bytes.ReadUInt32(buf, offset + ReceiveOffset);

        public static uint ReceiveFraction(byte[] buf, int offset) => Bytes.ReadUInt32(buf, offset + ReceiveOffset + 4);

        public static uint TransmitSeconds(byte[] buf, int offset) => Bytes.ReadUInt32(buf, offset + TransmitOffset);

        public static uint TransmitFraction(byte[] buf, int offset) => Bytes.ReadUInt32(buf, offset + TransmitOffset + 4);

        /// <summary>Writes the first byte: leap indicator, version, mode.</summary>
        public static void SetFlags(byte[] buf, int offset, int leap, int version, int mode)
        {
            buf[offset + FlagsOffset] = (byte)((leap << LeapShift) | ((version & VersionMask) << VersionShift) | (mode & ModeMask));
        }

        public static void SetStratum(byte[] buf, int offset, int stratum) => buf[offset + StratumOffset] = (byte)stratum;

        public static void SetReferenceId(byte[] buf, int offset, uint id) => Bytes.WriteUInt32(buf, offset + ReferenceIdOffset, id);

        public static void SetOriginate(byte[] buf, int offset, uint seconds, uint fraction) => WriteTimestamp(buf, offset + OriginateOffset, seconds, fraction);

        public static void SetReceive(byte[] buf, int offset, uint seconds, uint fraction) => WriteTimestamp(buf, offset + ReceiveOffset, seconds, fraction);

        public static void SetTransmit(byte[] buf, int offset, uint seconds, uint fraction) => WriteTimestamp(buf, offset + TransmitOffset, seconds, fraction);

        /// <summary>
        /// Writes a client request (RFC 4330 §5): version 4, mode 3, every field zero but the transmit timestamp,
        /// which the server copies into its reply's originate timestamp.
        /// </summary>
        public static void WriteRequest(byte[] buf, int offset, uint transmitSeconds, uint transmitFraction)
        {
            System.Array.Clear(buf, offset, Length);
            SetFlags(buf, offset, 0, Version4, ModeClient);
            SetTransmit(buf, offset, transmitSeconds, transmitFraction);
        }

        private static void WriteTimestamp(byte[] buf, int at, uint seconds, uint fraction)
        {
            Bytes.WriteUInt32(buf, at, seconds);
            Bytes.WriteUInt32(buf, at + 4, fraction);
        }
    }
}
