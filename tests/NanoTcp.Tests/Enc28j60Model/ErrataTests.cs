#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using NanoTcp.Hardware.Enc28j60Model;

namespace NanoTcp.Tests.Enc28j60Model
{
    /// <summary>
    /// FACTS.md §5: each modelled erratum makes a naive access sequence fail and lets the documented workaround
    /// succeed; with the switch off the naive sequence works.
    /// </summary>
    [TestClass]
    public class ErrataTests
    {
        // ---- #2: after SRC, CLKRDY is not cleared but the chip is not ready (wait ≥ 1 ms) ----

        [TestMethod]
        public void Errata2NaiveDriverTrustingClkrdyRightAfterSrcLosesItsWrites()
        {
            var h = new ChipHarness();
            h.Src();
            Assert.AreEqual(0x01, h.ReadEth(0, ChipHarness.ESTAT) & 0x01, "CLKRDY still reads 1");
            h.Write16(0, 0x0A, 0x0FFF); // ERXND
            Assert.AreEqual((byte)0x00, h.ReadEth(3, 0x12), "EREVID reads 0: chip not answering");
            h.Clock.Advance(2);
            Assert.AreEqual(0x1FFF, h.Read16(0, 0x0A), "the write was lost");
            Assert.IsTrue(h.Chip.Counters.IgnoredDuringResetWindow > 0);
        }

        [TestMethod]
        public void Errata2WaitingOneMillisecondAfterSrcWorks()
        {
            var h = new ChipHarness();
            h.Src();
            h.Clock.Advance(1);
            h.Write16(0, 0x0A, 0x0FFF);
            Assert.AreEqual(0x0FFF, h.Read16(0, 0x0A));
            Assert.AreEqual((byte)0x06, h.ReadEth(3, 0x12));
        }

        [TestMethod]
        public void Errata2OffSrcClearsClkrdyUntilTheOscillatorIsUp()
        {
            var h = new ChipHarness(new Enc28j60ModelOptions { Errata2ResetWindow = false });
            h.Src();
            Assert.AreEqual(0x00, h.ReadEth(0, ChipHarness.ESTAT) & 0x01);
            h.Write16(0, 0x0A, 0x0FFF); // ETH registers work during start-up
            Assert.AreEqual(0x0FFF, h.Read16(0, 0x0A));
            h.Clock.Advance(1);
            Assert.AreEqual(0x01, h.ReadEth(0, ChipHarness.ESTAT) & 0x01);
        }

        // ---- #6: PKTIF is unreliable; use EPKTCNT ----

        private static int NaivePktifLoop(ChipHarness h, MinimalDriver driver)
        {
            var buffer = new byte[1600];
            int handled = 0;
            for (int i = 0; i < 10 && (h.ReadEth(0, ChipHarness.EIR) & 0x40) != 0; i++)
            {
                driver.Receive(buffer);
                handled++;
            }

            return handled;
        }

        private static ChipHarness TwoPacketsPending(Enc28j60ModelOptions options, out MinimalDriver driver)
        {
            var h = new ChipHarness(options);
            driver = new MinimalDriver(h);
            driver.Initialise();
            h.WriteRegister(0, ChipHarness.EIE, 0xC0); // INTIE | PKTIE
            byte[] frame = ChipHarness.EthernetFrame(ChipHarness.ChipMac, 0x0800, 60);
            h.Chip.WireSide.Send(frame, 0, frame.Length);
            h.Chip.WireSide.Send(frame, 0, frame.Length);
            return h;
        }

        [TestMethod]
        public void Errata6LoopingOnPktifLeavesAPacketBehindWithTheLineHigh()
        {
            ChipHarness h = TwoPacketsPending(new Enc28j60ModelOptions(), out MinimalDriver driver);
            Assert.AreEqual(1, NaivePktifLoop(h, driver));
            Assert.AreEqual((byte)1, h.ReadEth(1, 0x19), "EPKTCNT still 1");
            Assert.IsFalse(h.Chip.InterruptPin.IsLow, "and no interrupt to come back for it");
        }

        [TestMethod]
        public void Errata6LoopingOnEpktcntGetsEveryPacket()
        {
            ChipHarness h = TwoPacketsPending(new Enc28j60ModelOptions(), out MinimalDriver driver);
            var buffer = new byte[1600];
            int handled = 0;
            while (driver.Receive(buffer) > 0 && handled < 10)
            {
                handled++;
            }

            Assert.AreEqual(2, handled);
        }

        [TestMethod]
        public void Errata6OffPktifFollowsEpktcnt()
        {
            ChipHarness h = TwoPacketsPending(new Enc28j60ModelOptions { Errata6PacketFlagUnreliable = false }, out MinimalDriver driver);
            Assert.AreEqual(2, NaivePktifLoop(h, driver));
        }

        // ---- #12: after an abort in half duplex the next TXRTS hangs until TXRST is pulsed ----

        private static void NaiveTransmit(ChipHarness h, byte[] frame)
        {
            h.Bfc(ChipHarness.EIR, 0x0A);
            h.Write16(0, 0x04, MinimalDriver.TxStart);
            h.Write16(0, 0x02, MinimalDriver.TxStart);
            h.Wbm(new byte[] { 0x00 }, 0, 1);
            h.Wbm(frame, 0, frame.Length);
            h.Write16(0, 0x06, MinimalDriver.TxStart + frame.Length);
            h.Bfs(ChipHarness.ECON1, 0x08);
            h.Clock.Advance(10);
        }

        private static ChipHarness AbortedOnce(bool errata12, bool fullDuplex = false)
        {
            var h = new ChipHarness(new Enc28j60ModelOptions { TransmitAbortCount = 1, Errata12TransmitStall = errata12 });
            new MinimalDriver(h).Initialise(fullDuplex);
            NaiveTransmit(h, ChipHarness.EthernetFrame(ChipHarness.PeerMac, 0x0800, 46));
            Assert.AreEqual(0x02, h.ReadEth(0, ChipHarness.EIR) & 0x02, "first transmission aborted");
            return h;
        }

        [TestMethod]
        public void Errata12NextTransmissionWithoutTxrstHangs()
        {
            var h = AbortedOnce(errata12: true);
            NaiveTransmit(h, ChipHarness.EthernetFrame(ChipHarness.PeerMac, 0x0800, 46));
            Assert.AreEqual(0x08, h.ReadEth(0, ChipHarness.ECON1) & 0x08, "TXRTS stays set");
            Assert.AreEqual(0x00, h.ReadEth(0, ChipHarness.EIR) & 0x08, "no TXIF");
            Assert.IsTrue(h.Chip.TransmitStalled);
            Assert.AreEqual(0, h.Chip.PendingWireFrames);
        }

        [TestMethod]
        public void Errata12PulsingTxrstBeforeTransmittingRecovers()
        {
            var h = AbortedOnce(errata12: true);
            byte[] tsv = new MinimalDriver(h).Transmit(ChipHarness.EthernetFrame(ChipHarness.PeerMac, 0x0800, 46), 60);
            Assert.AreEqual(0x80, tsv[2] & 0x80, "transmit done");
            Assert.AreEqual(1, h.Chip.PendingWireFrames);
        }

        [TestMethod]
        public void Errata12OffOrFullDuplexTheNaiveSequenceWorks()
        {
            foreach (var h in new[] { AbortedOnce(errata12: false), AbortedOnce(errata12: true, fullDuplex: true) })
            {
                NaiveTransmit(h, ChipHarness.EthernetFrame(ChipHarness.PeerMac, 0x0800, 46));
                Assert.AreEqual(0x08, h.ReadEth(0, ChipHarness.EIR) & 0x08);
                Assert.AreEqual(1, h.Chip.PendingWireFrames);
            }
        }

        // ---- #13/#15: false late collisions in half duplex; ESTAT.LATECOL unreliable, TSV bit 29 is right ----

        private static ChipHarness LateCollisionOnSecond(bool errata15 = true, bool fullDuplex = false)
        {
            var h = new ChipHarness(new Enc28j60ModelOptions
            {
                Errata13LateCollisionEvery = 2,
                Errata15LateCollisionFlagUnreliable = errata15,
            });
            new MinimalDriver(h).Initialise(fullDuplex);
            return h;
        }

        [TestMethod]
        public void Errata13And15CheckingLatecolLosesTheFrame()
        {
            var h = LateCollisionOnSecond();
            var driver = new MinimalDriver(h);
            driver.Transmit(ChipHarness.EthernetFrame(ChipHarness.PeerMac, 0x0800, 46), 60);
            driver.Transmit(ChipHarness.EthernetFrame(ChipHarness.PeerMac, 0x0801, 46), 60);
            Assert.AreEqual(0x00, h.ReadEth(0, ChipHarness.ESTAT) & 0x10, "LATECOL never set: a naive driver does not retry");
            Assert.AreEqual(1, h.Chip.PendingWireFrames, "the second frame is lost");
        }

        [TestMethod]
        public void Errata13And15RetryingOnTsvLateCollisionDeliversTheFrame()
        {
            var h = LateCollisionOnSecond();
            var driver = new MinimalDriver(h);
            driver.Transmit(ChipHarness.EthernetFrame(ChipHarness.PeerMac, 0x0800, 46), 60);
            byte[] second = ChipHarness.EthernetFrame(ChipHarness.PeerMac, 0x0801, 46);
            int attempts = 1;
            byte[] tsv = driver.Transmit(second, 60);
            while ((tsv[3] & 0x20) != 0 && attempts < 16) // FACTS.md §4.4 step 9
            {
                tsv = driver.Transmit(second, 60);
                attempts++;
            }

            Assert.AreEqual(2, attempts);
            Assert.AreEqual(2, h.Chip.PendingWireFrames);
        }

        [TestMethod]
        public void Errata15OffLatecolReportsTheLateCollision()
        {
            var h = LateCollisionOnSecond(errata15: false);
            var driver = new MinimalDriver(h);
            driver.Transmit(ChipHarness.EthernetFrame(ChipHarness.PeerMac, 0x0800, 46), 60);
            driver.Transmit(ChipHarness.EthernetFrame(ChipHarness.PeerMac, 0x0801, 46), 60);
            Assert.AreEqual(0x10, h.ReadEth(0, ChipHarness.ESTAT) & 0x10);
        }

        [TestMethod]
        public void Errata13DoesNotHappenInFullDuplex()
        {
            var h = LateCollisionOnSecond(fullDuplex: true);
            var driver = new MinimalDriver(h);
            driver.Transmit(ChipHarness.EthernetFrame(ChipHarness.PeerMac, 0x0800, 46), 60);
            driver.Transmit(ChipHarness.EthernetFrame(ChipHarness.PeerMac, 0x0801, 46), 60);
            Assert.AreEqual(2, h.Chip.PendingWireFrames);
        }

        // ---- #14: an even ERXRDPT corrupts the ring ----

        private static byte[] SecondHeaderAfterFreeing(bool errata14, bool oddRule)
        {
            var h = new ChipHarness(new Enc28j60ModelOptions { Errata14EvenReadPointerCorrupts = errata14 });
            new MinimalDriver(h).Initialise();
            byte[] frame = ChipHarness.EthernetFrame(ChipHarness.ChipMac, 0x0800, 60);
            h.Chip.WireSide.Send(frame, 0, frame.Length);
            byte[] header = h.ReadAt(0, 6);
            int next = ChipHarness.Le16(header, 0);
            h.Write16(0, 0x0C, oddRule ? next - 1 : next); // free the first packet
            h.Bfs(ChipHarness.ECON2, 0x40);
            h.Chip.WireSide.Send(frame, 0, frame.Length);
            return h.ReadAt(next, 6);
        }

        [TestMethod]
        public void Errata14FreeingWithTheEvenNextPointerCorruptsTheNextHeader()
        {
            byte[] header = SecondHeaderAfterFreeing(errata14: true, oddRule: false);
            Assert.AreEqual(1, header[0] & 1, "next packet pointer odd: corrupt");
            Assert.AreEqual(0x80, header[5] & 0x80, "RSV bit 31 set");
        }

        [TestMethod]
        public void Errata14TheOddRuleKeepsTheRingClean()
        {
            byte[] header = SecondHeaderAfterFreeing(errata14: true, oddRule: true);
            Assert.AreEqual(2 * (6 + 74 + 4), ChipHarness.Le16(header, 0));
            Assert.AreEqual((byte)0x00, header[5]);
        }

        [TestMethod]
        public void Errata14OffEvenValuesAreHarmless()
        {
            byte[] header = SecondHeaderAfterFreeing(errata14: false, oddRule: false);
            Assert.AreEqual(2 * (6 + 74 + 4), ChipHarness.Le16(header, 0));
        }
    }
}
