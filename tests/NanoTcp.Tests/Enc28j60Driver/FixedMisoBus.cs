using NanoTcp.Hardware;

namespace NanoTcp.Tests.Enc28j60Driver
{
    /// <summary>An SPI bus with nothing (or a stuck line) on it: every byte read is <see cref="Value"/>. Counts chip-select frames.</summary>
    public sealed class FixedMisoBus : ISpiBus
    {
        public FixedMisoBus(byte value)
        {
            Value = value;
        }

        public byte Value { get; }

        public int Frames { get; private set; }

        public void TransferFullDuplex(byte[] writeBuffer, int writeOffset, byte[] readBuffer, int readOffset, int count)
        {
            Frames++;
            for (int i = 0; i < count; i++)
            {
                readBuffer[readOffset + i] = Value;
            }
        }

        public void Write(byte[] buffer, int offset, int count)
        {
            Frames++;
        }
    }
}
