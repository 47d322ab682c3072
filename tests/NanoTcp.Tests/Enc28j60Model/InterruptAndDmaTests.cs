#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using System;
using NanoTcp.Tests.Support;

namespace NanoTcp.Tests.Enc28j60Model
{
    /// <summary>FACTS.md §2.1/§4.6 (INT pin, ESTAT.INT) and §4.10 (DMA copy and checksum).</summary>
    [TestClass]
    public class InterruptAndDmaTests
    {
        [TestMethod]
        public void IntPinIsLowWhileAnEnabledFlagIsSetAndIntieIsOn()
        {
            var h = new ChipHarness();
            h.Initialise(eie: 0xC0); // INTIE | PKTIE
            int edges = 0;
            h.Chip.InterruptPin.FallingEdge += pin => edges++;
            Assert.IsFalse(h.Chip.InterruptPin.IsLow);
            byte[] frame = ChipHarness.EthernetFrame(ChipHarness.ChipMac, 0x0800, 46);
            h.Chip.WireSide.Send(frame, 0, frame.Length);
            Assert.IsTrue(h.Chip.InterruptPin.IsLow);
            Assert.AreEqual(0x80, h.ReadEth(0, ChipHarness.ESTAT) & 0x80, "ESTAT.INT mirrors the pin");

            h.Bfc(ChipHarness.EIE, 0x80); // §4.6 step 1: INTIE off → pin high
            Assert.IsFalse(h.Chip.InterruptPin.IsLow);
            h.Bfs(ChipHarness.EIE, 0x80); // still pending → a fresh falling edge
            Assert.IsTrue(h.Chip.InterruptPin.IsLow);
            Assert.AreEqual(2, edges);

            h.Bfs(ChipHarness.ECON2, 0x40); // PKTDEC → EPKTCNT 0 → PKTIF clear
            Assert.IsFalse(h.Chip.InterruptPin.IsLow);
        }

        [TestMethod]
        public void TxifHoldsTheLineUntilClearedWithBfc()
        {
            var h = new ChipHarness();
            h.Initialise(fullDuplex: true, eie: 0x88); // INTIE | TXIE
            var driver = new MinimalDriver(h);
            byte[] frame = ChipHarness.EthernetFrame(ChipHarness.PeerMac, 0x0800, 46);
            driver.Transmit(frame, frame.Length);
            h.Clock.Advance(5);
            Assert.IsTrue(h.Chip.InterruptPin.IsLow, "level held, no matter how long");
            h.Bfc(ChipHarness.EIR, 0x08);
            Assert.IsFalse(h.Chip.InterruptPin.IsLow);
        }

        [TestMethod]
        public void DisabledSourcesDoNotDriveThePin()
        {
            var h = new ChipHarness();
            h.Initialise(eie: 0x88); // INTIE | TXIE only
            byte[] frame = ChipHarness.EthernetFrame(ChipHarness.ChipMac, 0x0800, 46);
            h.Chip.WireSide.Send(frame, 0, frame.Length);
            Assert.AreEqual(0x40, h.ReadEth(0, ChipHarness.EIR) & 0x40, "PKTIF is set");
            Assert.IsFalse(h.Chip.InterruptPin.IsLow, "but PKTIE is off");
        }

        private static void Dma(ChipHarness h, int start, int end, int destination, bool checksum)
        {
            h.Write16(0, 0x10, start);       // EDMAST
            h.Write16(0, 0x12, end);         // EDMAND
            h.Write16(0, 0x14, destination); // EDMADST
            if (checksum)
            {
                h.Bfs(ChipHarness.ECON1, 0x10); // CSUMEN
            }
            else
            {
                h.Bfc(ChipHarness.ECON1, 0x10);
            }

            h.Bfs(ChipHarness.ECON1, 0x20); // DMAST
        }

        /// <summary>RFC 1071: one's complement of the one's-complement sum of big-endian 16-bit words.</summary>
        private static int InternetChecksum(byte[] data, int offset, int length)
        {
            long sum = 0;
            for (int i = 0; i + 1 < length; i += 2)
            {
                sum += (data[offset + i] << 8) | data[offset + i + 1];
            }

            if ((length & 1) != 0)
            {
                sum += data[offset + length - 1] << 8;
            }

            while ((sum >> 16) != 0)
            {
                sum = (sum & 0xFFFF) + (sum >> 16);
            }

            return (int)(~sum & 0xFFFF);
        }

        [TestMethod]
        public void DmaChecksumOfTheDatasheetExampleIsA953()
        {
            var h = new ChipHarness();
            h.Chip.Memory.CopyIn(0x1000, new byte[] { 0x89, 0xAB, 0xCD }, 0, 3);
            Dma(h, 0x1000, 0x1002, 0, checksum: true);
            Assert.AreEqual(0xA953, (h.ReadEth(0, 0x17) << 8) | h.ReadEth(0, 0x16), "EDMACSH:EDMACSL (FACTS.md §4.10)");
            Assert.AreEqual(0x00, h.ReadEth(0, ChipHarness.ECON1) & 0x20, "DMAST cleared");
            Assert.AreEqual(0x20, h.ReadEth(0, ChipHarness.EIR) & 0x20, "DMAIF");
        }

        [TestMethod]
        public void DmaChecksumEqualsTheInternetChecksumOfTheRange()
        {
            var random = new Random(7);
            foreach (int length in new[] { 2, 3, 20, 1001, 1500 })
            {
                var h = new ChipHarness();
                var data = new byte[length];
                random.NextBytes(data);
                h.Chip.Memory.CopyIn(0x1A10, data, 0, length);
                Dma(h, 0x1A10, 0x1A10 + length - 1, 0, checksum: true);
                int got = (h.ReadEth(0, 0x17) << 8) | h.ReadEth(0, 0x16);
                Assert.AreEqual(InternetChecksum(data, 0, length), got, "length " + length);
            }
        }

        [TestMethod]
        public void DmaCopyMovesTheRangeAndLeavesTheChecksumAlone()
        {
            var h = new ChipHarness();
            var data = new byte[100];
            new Random(3).NextBytes(data);
            h.Chip.Memory.CopyIn(0x0200, data, 0, data.Length);
            Dma(h, 0x0200, 0x0263, 0x1800, checksum: false);
            var copy = new byte[100];
            h.Chip.Memory.CopyOut(0x1800, copy, 0, 100);
            Expect.SameBytes(data, copy);
            Assert.AreEqual(0, h.Read16(0, 0x16));
        }

        [TestMethod]
        public void DmaSourceFollowsTheReceiveRingWrap()
        {
            // FACTS.md §4.10 [unverified] / §8 gap: the source wraps ERXND → ERXST like ERDPT.
            var h = new ChipHarness();
            h.Write16(0, 0x08, 0x0000);
            h.Write16(0, 0x0A, 0x00FF);
            h.Chip.Memory.CopyIn(0x00FE, new byte[] { 1, 2 }, 0, 2);
            h.Chip.Memory.CopyIn(0x0000, new byte[] { 3, 4 }, 0, 2);
            Dma(h, 0x00FE, 0x0001, 0x1000, checksum: false);
            var copy = new byte[4];
            h.Chip.Memory.CopyOut(0x1000, copy, 0, 4);
            Expect.SameBytes(new byte[] { 1, 2, 3, 4 }, copy);
        }
    }
}
