namespace NanoTcp.Drivers.Enc28j60
{
    /// <summary>The 7-byte transmit status vector the chip writes at ETXND+1 after a transmission (DS Table 7-1).</summary>
    internal static class TransmitStatusVector
    {
        public const int Length = 7;

        public static int ByteCount(byte[] buffer, int offset) => buffer[offset] | (buffer[offset + 1] << 8);

        public static int CollisionCount(byte[] buffer, int offset) => buffer[offset + 2] & 0x0F;

        /// <summary>Bit 23: transmit done.</summary>
        public static bool IsDone(byte[] buffer, int offset) => (buffer[offset + 2] & 0x80) != 0;

        /// <summary>Bit 28: aborted after more than MACLCON1.RETMAX collisions.</summary>
        public static bool IsExcessiveCollision(byte[] buffer, int offset) => (buffer[offset + 3] & 0x10) != 0;

        /// <summary>Bit 29: late collision. Errata 15: ESTAT.LATECOL is unreliable, this bit is the one to trust.</summary>
        public static bool IsLateCollision(byte[] buffer, int offset) => (buffer[offset + 3] & 0x20) != 0;

        /// <summary>Bit 30: giant frame (longer than MAMXFL).</summary>
        public static bool IsGiant(byte[] buffer, int offset) => (buffer[offset + 3] & 0x40) != 0;
    }
}
