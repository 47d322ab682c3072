namespace NanoTcp.Drivers.Enc28j60
{
    /// <summary>
    /// The 6-byte header the ENC28J60 writes before each received frame (DS §7.2.2, Table 7-3): next packet pointer,
    /// then the 32-bit receive status vector (byte count, status), all little-endian. <see cref="Check"/> validates
    /// it before anything is trusted.
    /// </summary>
    internal static class ReceiveHeader
    {
        public const int Length = 6;

        /// <summary>The byte count includes the 4-byte FCS.</summary>
        public const int FcsLength = 4;

        /// <summary>Largest byte count accepted: 1514-byte frame + FCS (MAMXFL is programmed to this).</summary>
        public const int MaxByteCount = 1518;

        /// <summary>The chip rejects frames shorter than 18 bytes (DA, SA, type, FCS), so a smaller count is corruption.</summary>
        public const int MinByteCount = 18;

        // Status word = RSV bits 31:16 (byte 4 holds bits 23:16, byte 5 bits 31:24).
        public const int StatusLongEventOrDropEvent = 0x0001;
        public const int StatusCarrierEvent = 0x0004;
        public const int StatusCrcError = 0x0010;
        public const int StatusLengthCheckError = 0x0020;
        public const int StatusLengthOutOfRange = 0x0040;
        public const int StatusReceivedOk = 0x0080;
        public const int StatusMulticast = 0x0100;
        public const int StatusBroadcast = 0x0200;
        public const int StatusDribbleNibble = 0x0400;
        public const int StatusControlFrame = 0x0800;
        public const int StatusPauseControlFrame = 0x1000;
        public const int StatusUnknownOpcode = 0x2000;
        public const int StatusVlanType = 0x4000;

        /// <summary>RSV bit 31 always reads 0 on a sane header.</summary>
        public const int StatusZero = 0x8000;

        // Results of Check. 1–5: the ring can no longer be trusted (reset the receive logic); 6–7: drop this frame only.
        public const int Valid = 0;
        public const int NextPointerOutsideRing = 1;
        public const int NextPointerOdd = 2;
        public const int ByteCountOutOfRange = 3;
        public const int NextPointerMismatch = 4;
        public const int ZeroBitSet = 5;
        public const int CrcError = 6;
        public const int NotReceivedOk = 7;

        public static int NextPacketPointer(byte[] buffer, int offset) => buffer[offset] | (buffer[offset + 1] << 8);

        public static int ByteCount(byte[] buffer, int offset) => buffer[offset + 2] | (buffer[offset + 3] << 8);

        public static int Status(byte[] buffer, int offset) => buffer[offset + 4] | (buffer[offset + 5] << 8);

        /// <summary>True when <paramref name="result"/> means the ring is corrupt and the receive logic must be reset.</summary>
        public static bool IsCorrupt(int result) => result >= NextPointerOutsideRing && result <= ZeroBitSet;

        /// <summary>
        /// Validates the header at <paramref name="offset"/> of a packet that starts at <paramref name="packetStart"/>
        /// in the ring [<paramref name="ringStart"/>, <paramref name="ringEnd"/>]. The next pointer must be even,
        /// inside the ring and exactly where this packet ends (header + byte count, padded to even, wrapped): the
        /// hardware writes packets back to back, so any other value means the header was corrupted.
        /// </summary>
        public static int Check(byte[] buffer, int offset, int packetStart, int ringStart, int ringEnd)
        {
            int next = NextPacketPointer(buffer, offset);
            if (next < ringStart || next > ringEnd)
            {
                return NextPointerOutsideRing;
            }

            if ((next & 1) != 0)
            {
                return NextPointerOdd;
            }

            int byteCount = ByteCount(buffer, offset);
            if (byteCount < MinByteCount || byteCount > MaxByteCount)
            {
                return ByteCountOutOfRange;
            }

            if (next != ReceiveRing.NextPacketAfter(packetStart, byteCount, ringStart, ringEnd))
            {
                return NextPointerMismatch;
            }

            int status = Status(buffer, offset);
            if ((status & StatusZero) != 0)
            {
                return ZeroBitSet;
            }

            if ((status & StatusCrcError) != 0)
            {
                return CrcError;
            }

            if ((status & StatusReceivedOk) == 0)
            {
                return NotReceivedOk;
            }

            return Valid;
        }
    }
}
