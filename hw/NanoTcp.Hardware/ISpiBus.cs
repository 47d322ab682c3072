namespace NanoTcp.Hardware
{
    /// <summary>
    /// An SPI bus with one device on it. Every call is exactly one chip-select frame: chip select goes active
    /// before the first byte and inactive after the last, so a command and its data must be passed in one call.
    /// Implementations must not allocate per call (the board's collector is slow and not generational).
    /// </summary>
    public interface ISpiBus
    {
        /// <summary>
        /// Clocks <paramref name="count"/> bytes out of <paramref name="writeBuffer"/> and, in the same clock
        /// cycles, <paramref name="count"/> bytes into <paramref name="readBuffer"/> (full duplex, equal lengths).
        /// The two ranges may be the same bytes of the same array.
        /// </summary>
        void TransferFullDuplex(byte[] writeBuffer, int writeOffset, byte[] readBuffer, int readOffset, int count);

        /// <summary>Clocks <paramref name="count"/> bytes out and ignores what comes back.</summary>
        void Write(byte[] buffer, int offset, int count);
    }
}
