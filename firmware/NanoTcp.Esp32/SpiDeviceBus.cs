using System;
using System.Device.Spi;
using NanoTcp.Hardware;

namespace NanoTcp.Esp32
{
    /// <summary>
    /// <see cref="ISpiBus"/> over nanoFramework's <c>SpiDevice</c> (System.Device.Spi 1.x). The native driver asserts
    /// chip select around every managed call, so one call here is one chip-select frame, as ISpiBus requires.
    /// </summary>
    public sealed class SpiDeviceBus : ISpiBus
    {
        private readonly SpiDevice _device;

        /// <param name="device">Opened with a chip-select line, Mode0, 8-bit, MSB first, FullDuplex configuration.</param>
        public SpiDeviceBus(SpiDevice device)
        {
            if (device == null)
            {
                throw new ArgumentNullException(nameof(device));
            }

            _device = device;
        }

        public void TransferFullDuplex(byte[] writeBuffer, int writeOffset, byte[] readBuffer, int readOffset, int count)
        {
            // SpanByte(byte[], int start, int length) is a ref struct built on the stack: no allocation per call.
            // Both spans have the same length: the native transfer length is max(write, read) (FACTS §2).
            _device.TransferFullDuplex(new SpanByte(writeBuffer, writeOffset, count), new SpanByte(readBuffer, readOffset, count));
        }

        public void Write(byte[] buffer, int offset, int count)
        {
            _device.Write(new SpanByte(buffer, offset, count));
        }
    }
}
