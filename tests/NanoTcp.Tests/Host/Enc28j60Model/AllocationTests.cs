using System;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using NanoTcp.Tests.Enc28j60Model;

namespace NanoTcp.Tests.Host.Enc28j60Model
{
    /// <summary>
    /// ISpiBus says implementations must not allocate per call; the model keeps to it (and to the same on its wire
    /// side) so allocation benchmarks of the stack and driver are not polluted by the stand-in hardware.
    /// </summary>
    [TestClass]
    public class AllocationTests
    {
        [TestMethod]
        public void ReceivingAndTransmittingThroughTheModelAllocatesNothingInSteadyState()
        {
            var h = new ChipHarness();
            h.Initialise(fullDuplex: true);
            var chip = h.Chip;
            byte[] inbound = ChipHarness.EthernetFrame(ChipHarness.ChipMac, 0x0800, 1000);
            byte[] outbound = ChipHarness.EthernetFrame(ChipHarness.PeerMac, 0x0800, 1000, ChipHarness.ChipMac);
            var wbm = new byte[1 + 1 + outbound.Length];
            wbm[0] = 0x7A;
            Array.Copy(outbound, 0, wbm, 2, outbound.Length);
            var rbm = new byte[1 + 6 + inbound.Length + 4];
            rbm[0] = 0x3A;
            var read = new byte[rbm.Length];
            var two = new byte[2];
            var wireBuffer = new byte[1600];
            int next = 0;
            h.Bank(0);

            void Wcr(int address, int value)
            {
                two[0] = (byte)(0x40 | address);
                two[1] = (byte)value;
                chip.Write(two, 0, 2);
            }

            void Once()
            {
                chip.WireSide.Send(inbound, 0, inbound.Length);
                Wcr(0x00, next & 0xFF);                          // ERDPT
                Wcr(0x01, next >> 8);
                chip.TransferFullDuplex(rbm, 0, read, 0, rbm.Length);
                next = read[1] | (read[2] << 8);
                int release = next == 0 ? 0x19FF : next - 1;
                Wcr(0x0C, release & 0xFF);                       // ERXRDPT, odd rule
                Wcr(0x0D, release >> 8);
                two[0] = 0x80 | 0x1E;                            // BFS ECON2.PKTDEC
                two[1] = 0x40;
                chip.Write(two, 0, 2);

                Wcr(0x02, 0x00);                                 // EWRPT = ETXST = 0x1A00
                Wcr(0x03, 0x1A);
                chip.Write(wbm, 0, wbm.Length);
                int end = 0x1A00 + outbound.Length;
                Wcr(0x06, end & 0xFF);                           // ETXND
                Wcr(0x07, end >> 8);
                two[0] = 0x80 | 0x1F;                            // BFS ECON1.TXRTS
                two[1] = 0x08;
                chip.Write(two, 0, 2);
                h.Clock.Advance(2);
                Assert.AreEqual(outbound.Length, chip.WireSide.Receive(wireBuffer, 0, wireBuffer.Length));
            }

            for (int i = 0; i < 20; i++)
            {
                Once();
            }

            long allocated = NanoTcp.Tests.Host.Support.SteadyState.AllocatedBytes(Once, 100);
            Assert.AreEqual(0L, allocated, "bytes allocated over 100 receive + transmit rounds");
            Assert.AreEqual(chip.Counters.FramesReceived, chip.Counters.FramesTransmitted);
            Assert.IsTrue(chip.Counters.FramesReceived >= 120L, "every round received and transmitted a frame");
        }
    }
}
