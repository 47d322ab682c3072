using System;
using NanoTcp.Hardware;

namespace NanoTcp.Tests.Enc28j60Driver
{
    /// <summary>Forwards to a real bus until <see cref="MisoStuckAt"/> is set; then writes go nowhere and every byte read is that value.</summary>
    internal sealed class BreakableBus : ISpiBus
    {
        private readonly ISpiBus _inner;

        public BreakableBus(ISpiBus inner)
        {
            _inner = inner;
        }

        public int MisoStuckAt { get; set; } = -1;

        public void TransferFullDuplex(byte[] writeBuffer, int writeOffset, byte[] readBuffer, int readOffset, int count)
        {
            if (MisoStuckAt < 0)
            {
                _inner.TransferFullDuplex(writeBuffer, writeOffset, readBuffer, readOffset, count);
                return;
            }

            for (int i = 0; i < count; i++)
            {
                readBuffer[readOffset + i] = (byte)MisoStuckAt;
            }
        }

        public void Write(byte[] buffer, int offset, int count)
        {
            if (MisoStuckAt < 0)
            {
                _inner.Write(buffer, offset, count);
            }
        }
    }
}
