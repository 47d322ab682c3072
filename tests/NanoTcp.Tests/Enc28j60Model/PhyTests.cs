#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif

namespace NanoTcp.Tests.Enc28j60Model
{
    /// <summary>FACTS.md §2.6, §4.3, §4.7: PHY registers through MII with MISTAT.BUSY, link status and interrupts.</summary>
    [TestClass]
    public class PhyTests
    {
        [TestMethod]
        public void PhyIdentifiersReadThroughMii()
        {
            var h = new ChipHarness();
            Assert.AreEqual(0x0083, h.PhyRead(0x02), "PHID1");
            Assert.AreEqual(0x1400, h.PhyRead(0x03), "PHID2");
            Assert.AreEqual(0x3422, h.PhyRead(0x14), "PHLCON reset");
        }

        [TestMethod]
        public void MiiReadKeepsBusySetForAboutTenMicroseconds()
        {
            var h = new ChipHarness();
            h.WriteRegister(2, 0x14, 0x02); // MIREGADR = PHID1
            h.WriteRegister(2, 0x12, 0x01); // MICMD.MIIRD
            h.Bank(3);
            Assert.AreEqual(0x01, h.Frame(0x0A, 0, 0)[2] & 0x01, "BUSY right after the command (3 µs of SPI later)");
            long start = h.Chip.NowNanoseconds;
            int polls = 0;
            while ((h.Frame(0x0A, 0, 0)[2] & 0x01) != 0 && polls < 100)
            {
                polls++;
            }

            long busyFor = h.Chip.NowNanoseconds - start;
            Assert.IsTrue(busyFor >= 3_000 && busyFor <= 10_240, "BUSY cleared within 10.24 µs of chip time, took " + busyFor);
            h.WriteRegister(2, 0x12, 0x00);
            Assert.AreEqual((byte)0x83, h.ReadMac(2, 0x18), "MIRDL");
            Assert.AreEqual((byte)0x00, h.ReadMac(2, 0x19), "MIRDH");
        }

        [TestMethod]
        public void MiiWriteStartsOnMiwrhAndLands()
        {
            var h = new ChipHarness();
            h.WriteRegister(2, 0x14, 0x14); // PHLCON
            h.WriteRegister(2, 0x16, 0x76); // MIWRL alone starts nothing
            Assert.AreEqual(0x00, h.ReadMac(3, 0x0A) & 0x01);
            h.WriteRegister(2, 0x17, 0x34); // MIWRH starts the write
            Assert.AreEqual(0x01, h.ReadMac(3, 0x0A) & 0x01);
            h.WaitMiiIdle();
            Assert.AreEqual(0x3476, h.PhyRead(0x14));
        }

        [TestMethod]
        public void ACommandWhileBusyIsIgnoredAndCounted()
        {
            var h = new ChipHarness();
            h.WriteRegister(2, 0x14, 0x14);
            h.WriteRegister(2, 0x16, 0x76);
            h.WriteRegister(2, 0x17, 0x34);
            h.WriteRegister(2, 0x17, 0x00); // second write immediately: still busy
            h.WaitMiiIdle();
            Assert.AreEqual(1L, h.Chip.Counters.MiiCommandsWhileBusy);
            Assert.AreEqual(0x3476, h.PhyRead(0x14));
        }

        [TestMethod]
        public void UnimplementedPhyAddressesReadZeroAndIgnoreWrites()
        {
            var h = new ChipHarness();
            h.PhyWrite(0x05, 0xFFFF);
            Assert.AreEqual(0x0000, h.PhyRead(0x05));
        }

        [TestMethod]
        public void Phstat2LstatFollowsTheLinkAndDpxstatTheDuplexMode()
        {
            var h = new ChipHarness();
            Assert.AreEqual(0x0400, h.PhyRead(0x11));
            h.PhyWrite(0x00, 0x0100); // PHCON1.PDPXMD
            Assert.AreEqual(0x0600, h.PhyRead(0x11));
            h.Chip.SetLinkUp(false);
            Assert.AreEqual(0x0200, h.PhyRead(0x11));
            Assert.IsFalse(h.Chip.WireSide.IsLinkUp);
        }

        [TestMethod]
        public void Phstat1LlstatLatchesALinkLossUntilRead()
        {
            var h = new ChipHarness();
            Assert.AreEqual(0x1804, h.PhyRead(0x01));
            h.Chip.SetLinkUp(false);
            h.Chip.SetLinkUp(true);
            Assert.AreEqual(0x1800, h.PhyRead(0x01), "the loss is remembered although the link is back");
            Assert.AreEqual(0x1804, h.PhyRead(0x01));
        }

        [TestMethod]
        public void LinkChangeRaisesLinkifAndTheInterruptUntilPhirIsRead()
        {
            var h = new ChipHarness();
            h.PhyWrite(0x12, 0x0012);                 // PHIE = PGEIE | PLNKIE
            h.WriteRegister(0, ChipHarness.EIE, 0x90); // INTIE | LINKIE
            int edges = 0;
            h.Chip.InterruptPin.FallingEdge += pin => edges++;
            h.Chip.SetLinkUp(false);
            Assert.IsTrue(h.Chip.InterruptPin.IsLow);
            Assert.AreEqual(1, edges);
            Assert.AreEqual(0x10, h.ReadEth(0, ChipHarness.EIR) & 0x10, "LINKIF");
            Assert.AreEqual(0x0014, h.PhyRead(0x13), "PHIR: PLNKIF | PGIF");
            Assert.AreEqual(0x00, h.ReadEth(0, ChipHarness.EIR) & 0x10, "reading PHIR cleared LINKIF");
            Assert.IsFalse(h.Chip.InterruptPin.IsLow);
            Assert.AreEqual(0x0000, h.PhyRead(0x13));
        }

        [TestMethod]
        public void WithoutPhieALinkChangeRaisesNoLinkif()
        {
            var h = new ChipHarness();
            h.WriteRegister(0, ChipHarness.EIE, 0x90);
            h.Chip.SetLinkUp(false);
            Assert.AreEqual(0x00, h.ReadEth(0, ChipHarness.EIR) & 0x10);
            Assert.IsFalse(h.Chip.InterruptPin.IsLow);
            Assert.AreEqual(0x0010, h.PhyRead(0x13), "PLNKIF alone");
        }

        [TestMethod]
        public void FramesArrivingWhileTheLinkIsDownAreLost()
        {
            var h = new ChipHarness();
            h.Initialise();
            h.Chip.SetLinkUp(false);
            byte[] frame = ChipHarness.EthernetFrame(ChipHarness.ChipMac, 0x0800, 46);
            h.Chip.WireSide.Send(frame, 0, frame.Length);
            Assert.AreEqual(1L, h.Chip.Counters.DroppedLinkDown);
            Assert.AreEqual((byte)0, h.ReadEth(1, 0x19));
        }

        [TestMethod]
        public void MiiScanReadsTheRegisterRepeatedlyAndNvalidShowsTheFirstResult()
        {
            var h = new ChipHarness();
            h.WriteRegister(2, 0x14, 0x11); // MIREGADR = PHSTAT2
            h.WriteRegister(2, 0x12, 0x02); // MICMD.MIISCAN (FACTS.md §4.3)
            Assert.AreEqual((byte)0x07, h.ReadMac(3, 0x0A), "NVALID | SCAN | BUSY before the first result");
            h.Clock.Advance(1);
            Assert.AreEqual((byte)0x03, h.ReadMac(3, 0x0A), "SCAN | BUSY, result valid");
            Assert.AreEqual((byte)0x04, h.ReadMac(2, 0x19), "MIRDH: LSTAT");
            h.Chip.SetLinkUp(false);
            h.Clock.Advance(1);
            Assert.AreEqual((byte)0x00, h.ReadMac(2, 0x19), "the scan picked up the link loss");
            h.WriteRegister(2, 0x12, 0x00);
            Assert.AreEqual((byte)0x00, h.ReadMac(3, 0x0A));
        }
    }
}
