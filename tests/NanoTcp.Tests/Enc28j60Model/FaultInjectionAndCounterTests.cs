#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using NanoTcp.Hardware.Enc28j60Model;

namespace NanoTcp.Tests.Enc28j60Model
{
    /// <summary>Fault injection switches and the benchmark counters (issue 4, items 11 and 13).</summary>
    [TestClass]
    public class FaultInjectionAndCounterTests
    {
        [TestMethod]
        public void ABurstFasterThanTheDriverFillsTheRingAndOverflows()
        {
            var h = new ChipHarness(new Enc28j60ModelOptions { BurstRepeat = 8 });
            h.Initialise(rxEnd: 0x0BFF, txStart: 0x0C00); // 3 KB ring, like EtherCard/Zephyr
            byte[] frame = ChipHarness.EthernetFrame(ChipHarness.ChipMac, 0x0800, 586); // 600 + 4 + 6 = 610
            h.Chip.WireSide.Send(frame, 0, frame.Length);
            Assert.AreEqual((byte)5, h.ReadEth(1, 0x19), "five 610-byte packets fit in 3071 bytes");
            Assert.AreEqual(3L, h.Chip.Counters.DroppedRingFull);
            Assert.AreEqual(0x01, h.ReadEth(0, ChipHarness.EIR) & 0x01, "RXERIF");
        }

        [TestMethod]
        public void ForcedOverflowLosesFramesUntilSwitchedOff()
        {
            var h = new ChipHarness(new Enc28j60ModelOptions { ForceReceiveOverflow = true });
            h.Initialise();
            byte[] frame = ChipHarness.EthernetFrame(ChipHarness.ChipMac, 0x0800, 46);
            h.Chip.WireSide.Send(frame, 0, frame.Length);
            Assert.AreEqual((byte)0, h.ReadEth(1, 0x19));
            Assert.AreEqual(0x01, h.ReadEth(0, ChipHarness.EIR) & 0x01);
            h.Options.ForceReceiveOverflow = false;
            h.Bfc(ChipHarness.EIR, 0x01);
            h.Chip.WireSide.Send(frame, 0, frame.Length);
            Assert.AreEqual((byte)1, h.ReadEth(1, 0x19));
            Assert.AreEqual(1L, h.Chip.Counters.DroppedForcedOverflow);
        }

        [TestMethod]
        public void SpiWorkIsChargedToTheFrameItServed()
        {
            var h = new ChipHarness();
            var driver = new MinimalDriver(h);
            driver.Initialise(fullDuplex: true);
            byte[] inbound = ChipHarness.EthernetFrame(ChipHarness.ChipMac, 0x0800, 46);
            h.Chip.WireSide.Send(inbound, 0, inbound.Length);
            driver.Receive(new byte[1600]); // PKTDEC ends the first stretch (initialisation + this frame)
            Enc28j60Counters before = h.Chip.Counters.Snapshot();

            h.Chip.WireSide.Send(inbound, 0, inbound.Length);
            driver.Receive(new byte[1600]);
            Enc28j60Counters c = h.Chip.Counters;
            Assert.AreEqual(c.TotalSpiFrames - before.TotalSpiFrames, c.ReceiveSpiFrames - before.ReceiveSpiFrames);
            Assert.AreEqual(c.TotalSpiBytes - before.TotalSpiBytes, c.ReceiveSpiBytes - before.ReceiveSpiBytes);
            Assert.AreEqual(2L, c.PacketDecrements);

            byte[] outbound = ChipHarness.EthernetFrame(ChipHarness.PeerMac, 0x0800, 46, ChipHarness.ChipMac);
            driver.Transmit(outbound, outbound.Length);
            // TXRST pulse + clear EIR (3), ETXST and EWRPT (4 + 4: bank select + WCR per byte), 2 WBM,
            // ETXND (4), BFS TXRTS (1): the frames up to TXRTS are charged to the transmission.
            Assert.AreEqual(18L, h.Chip.Counters.TransmitSpiFrames);
            Assert.AreEqual(18.0, h.Chip.Counters.SpiFramesPerTransmittedFrame);
        }

        [TestMethod]
        public void SnapshotIsIndependentOfLaterCounting()
        {
            var h = new ChipHarness();
            Enc28j60Counters before = h.Chip.Counters.Snapshot();
            h.Frame(0x1F, 0x00);
            Assert.AreEqual(before.SpiFrames(Enc28j60Instruction.ReadControlRegister) + 1,
                h.Chip.Counters.SpiFrames(Enc28j60Instruction.ReadControlRegister));
            Assert.AreEqual(before.TotalSpiBytes + 2, h.Chip.Counters.TotalSpiBytes);
        }

        [TestMethod]
        public void SpiClockingAdvancesTheChipsTime()
        {
            var h = new ChipHarness(new Enc28j60ModelOptions { SpiClockHz = 8_000_000 });
            long start = h.Chip.NowNanoseconds;
            h.Frame(new byte[100]); // 100 bytes = 800 bits = 100 µs at 8 MHz
            Assert.AreEqual(100_000L, h.Chip.NowNanoseconds - start);
        }

        [TestMethod]
        public void PeekShowsWhatTheDriverLeftWithoutSideEffects()
        {
            var h = new ChipHarness();
            var driver = new MinimalDriver(h);
            driver.Initialise();
            h.PhyWrite(0x12, 0x0012);
            h.Chip.SetLinkUp(false);
            long spiFrames = h.Chip.Counters.TotalSpiFrames;
            Assert.AreEqual((byte)0xFF, h.Chip.PeekRegister(0, 0x0C), "ERXRDPTL odd (0x19FF)");
            Assert.AreEqual(0x0014, h.Chip.PeekPhyRegister(0x13));
            Assert.AreEqual(0x0014, h.Chip.PeekPhyRegister(0x13), "peeking PHIR does not clear it");
            Assert.AreEqual(spiFrames, h.Chip.Counters.TotalSpiFrames);
        }

        [TestMethod]
        public void WithTheResetRingNeverProgrammedPacketsStartAtErxst()
        {
            var h = new ChipHarness();
            h.WriteRegister(2, 0x00, 0x01); // MACON1.MARXEN, ring left at its reset 05FAh-1FFFh
            h.WriteMac(ChipHarness.ChipMac);
            h.Bfs(ChipHarness.ECON1, 0x04);
            byte[] frame = ChipHarness.EthernetFrame(ChipHarness.ChipMac, 0x0800, 46);
            h.Chip.WireSide.Send(frame, 0, frame.Length);
            Assert.AreEqual(0x05FA + 6 + 64, h.Read16(0, 0x0E), "ERXWRPT after one packet stored at ERXST");
        }
    }
}
