using NanoTcp.Hardware;
using NanoTcp.Hardware.Enc28j60Model;

namespace NanoTcp.Tests.Enc28j60Driver
{
    /// <summary>
    /// Forwards to the chip model; once armed with <see cref="Frame"/>, delivers that frame from the cable just before
    /// the next BFS ECON2.PKTDEC reaches the chip (a packet stored in the middle of the driver's burst).
    /// </summary>
    internal sealed class ArrivingFrameBus : ISpiBus
    {
        private const byte BitFieldSetEcon2 = 0x80 | 0x1E;
        private const byte Econ2PacketDecrement = 0x40;
        private readonly Enc28j60Chip _chip;

        public ArrivingFrameBus(Enc28j60Chip chip)
        {
            _chip = chip;
        }

        public byte[] Frame { get; set; }

        public void TransferFullDuplex(byte[] writeBuffer, int writeOffset, byte[] readBuffer, int readOffset, int count) =>
            _chip.TransferFullDuplex(writeBuffer, writeOffset, readBuffer, readOffset, count);

        public void Write(byte[] buffer, int offset, int count)
        {
            if (Frame != null && count == 2 && buffer[offset] == BitFieldSetEcon2 && (buffer[offset + 1] & Econ2PacketDecrement) != 0)
            {
                byte[] frame = Frame;
                Frame = null;
                _chip.WireSide.Send(frame, 0, frame.Length);
            }

            _chip.Write(buffer, offset, count);
        }
    }
}
