#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using System;
using NanoTcp.Hardware.Enc28j60Model;
using NanoTcp.Tests.Support;

namespace NanoTcp.Tests.Enc28j60Driver
{
    /// <summary>Initialisation against the chip model: what the driver reports and what it leaves in the registers.</summary>
    [TestClass]
    public class Enc28j60LinkInitTests
    {
        [TestMethod]
        public void InitializeReportsRevisionB7AndTheLinkUp()
        {
            var h = new DriverHarness();
            h.Link.Initialize();
            Assert.AreEqual(0x06, h.Link.RevisionId);
            Assert.IsTrue(h.Link.IsLinkUp);
            h.AssertNoMisuse();
        }

        [TestMethod]
        public void InitializeLaysOutTheBufferWithTheRingAtZeroAndAnOddReadPointer()
        {
            var h = new DriverHarness();
            h.Link.Initialize();
            Assert.AreEqual(0x0000, h.ReadPair(0, 0x08), "ERXST");
            Assert.AreEqual(0x13FF, h.ReadPair(0, 0x0A), "ERXND: two transmit areas of 600h above the ring");
            Assert.AreEqual(0x13FF, h.ReadPair(0, 0x0C), "ERXRDPT");
            Assert.AreEqual(0x0000, h.ReadPair(0, 0x00), "ERDPT");
            Assert.AreEqual(0x1400, h.ReadPair(0, 0x04), "ETXST: the first transmit area");
        }

        [TestMethod]
        public void InitializeProgramsFiltersMacAndInterruptsForFullDuplex()
        {
            var h = new DriverHarness();
            h.Link.Initialize();
            Assert.AreEqual(0xA1, h.ReadRegister(1, 0x18), "ERXFCON = UCEN|CRCEN|BCEN");
            Assert.AreEqual(0x0D, h.ReadRegister(2, 0x00, true), "MACON1 = MARXEN|RXPAUS|TXPAUS");
            Assert.AreEqual(0x33, h.ReadRegister(2, 0x02, true), "MACON3 = PADCFG0|TXCRCEN|FRMLNEN|FULDPX");
            Assert.AreEqual(0x00, h.ReadRegister(2, 0x03, true), "MACON4");
            Assert.AreEqual(0x15, h.ReadRegister(2, 0x04, true), "MABBIPG");
            Assert.AreEqual(0x12, h.ReadRegister(2, 0x06, true), "MAIPGL");
            Assert.AreEqual(1518, h.ReadRegister(2, 0x0A, true) | (h.ReadRegister(2, 0x0B, true) << 8), "MAMXFL");
            Assert.AreEqual(0xD3, h.ReadCommon(0x1B), "EIE = INTIE|PKTIE|LINKIE|TXERIE|RXERIE");
            Assert.AreEqual(0x04, h.ReadCommon(0x1F) & 0x04, "ECON1.RXEN");
            var mac = new byte[6];
            h.Chip.WireSide.GetMacAddress(mac, 0);
            Expect.SameBytes(DriverHarness.DriverMac, mac, "MAADR1..6 in wire order");
        }

        [TestMethod]
        public void HalfDuplexSetsDeferGapsAndCollisionWindow()
        {
            var h = new DriverHarness(fullDuplex: false);
            h.Link.Initialize();
            Assert.AreEqual(0x01, h.ReadRegister(2, 0x00, true), "MACON1 = MARXEN");
            Assert.AreEqual(0x32, h.ReadRegister(2, 0x02, true), "MACON3 = PADCFG0|TXCRCEN|FRMLNEN");
            Assert.AreEqual(0x40, h.ReadRegister(2, 0x03, true), "MACON4 = DEFER");
            Assert.AreEqual(0x12, h.ReadRegister(2, 0x04, true), "MABBIPG");
            Assert.AreEqual(0x0C, h.ReadRegister(2, 0x07, true), "MAIPGH");
            Assert.AreEqual(63, h.ReadRegister(2, 0x09, true), "MACLCON2");
        }

        [TestMethod]
        public void InitializeWritesThePhyForFullDuplexWithLinkInterrupts()
        {
            var h = new DriverHarness();
            h.Link.Initialize();
            Assert.AreEqual(0x0100, h.Chip.PeekPhyRegister(0x00) & 0x0100, "PHCON1.PDPXMD (errata 16: always written)");
            Assert.AreEqual(0x0000, h.Chip.PeekPhyRegister(0x10) & 0x0100, "PHCON2.HDLDIS off in full duplex");
            Assert.AreEqual(0x3476, h.Chip.PeekPhyRegister(0x14), "PHLCON");
            Assert.AreEqual(0x0012, h.Chip.PeekPhyRegister(0x12), "PHIE = PLNKIE|PGEIE");
        }

        [TestMethod]
        public void HalfDuplexClearsPdpxmdAndSetsHdldis()
        {
            var h = new DriverHarness(fullDuplex: false);
            h.Link.Initialize();
            Assert.AreEqual(0x0000, h.Chip.PeekPhyRegister(0x00) & 0x0100, "PHCON1.PDPXMD");
            Assert.AreEqual(0x0100, h.Chip.PeekPhyRegister(0x10) & 0x0100, "PHCON2.HDLDIS (errata 9)");
        }

        [TestMethod]
        public void InitializeTakesAFewMillisecondsOfTheManualClock()
        {
            var h = new DriverHarness();
            long start = h.Clock.Milliseconds;
            h.Link.Initialize();
            long elapsed = h.Clock.Milliseconds - start;
            Assert.IsTrue(elapsed >= 4 && elapsed <= 10, "two errata-2 waits of 2 ms, took " + elapsed + " ms");
        }
    }
}
