#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using NanoTcp.Hardware.Enc28j60Model;

namespace NanoTcp.Tests.Enc28j60Model
{
    /// <summary>FACTS.md §2: reset values, access types, bank switching, the ERXRDPT latch, CLKRDY.</summary>
    [TestClass]
    public class RegisterTests
    {
        [TestMethod]
        public void ResetValuesOfBankZeroAndCommonRegisters()
        {
            var h = new ChipHarness();
            // §2.2 (values from Renode, FACTS.md §8 gap).
            Assert.AreEqual(0x05FA, h.Read16(0, 0x00), "ERDPT");
            Assert.AreEqual(0x0000, h.Read16(0, 0x02), "EWRPT");
            Assert.AreEqual(0x05FA, h.Read16(0, 0x08), "ERXST");
            Assert.AreEqual(0x1FFF, h.Read16(0, 0x0A), "ERXND");
            Assert.AreEqual(0x05FA, h.Read16(0, 0x0C), "ERXRDPT");
            Assert.AreEqual((byte)0x00, h.ReadEth(0, ChipHarness.EIE));
            Assert.AreEqual((byte)0x00, h.ReadEth(0, ChipHarness.EIR));
            Assert.AreEqual((byte)0x80, h.ReadEth(0, ChipHarness.ECON2), "AUTOINC");
            Assert.AreEqual((byte)0x00, h.ReadEth(0, ChipHarness.ECON1));
        }

        [TestMethod]
        public void ResetValuesOfBanksOneToThree()
        {
            var h = new ChipHarness();
            Assert.AreEqual((byte)0xA1, h.ReadEth(1, 0x18), "ERXFCON = UCEN|CRCEN|BCEN");
            Assert.AreEqual((byte)0x00, h.ReadEth(1, 0x19), "EPKTCNT");
            Assert.AreEqual((byte)0x0F, h.ReadMac(2, 0x08), "MACLCON1");
            Assert.AreEqual((byte)0x37, h.ReadMac(2, 0x09), "MACLCON2");
            Assert.AreEqual((byte)0x00, h.ReadMac(2, 0x0A), "MAMXFLL");
            Assert.AreEqual((byte)0x06, h.ReadMac(2, 0x0B), "MAMXFLH (1536)");
            Assert.AreEqual((byte)0x06, h.ReadEth(3, 0x12), "EREVID B7");
            Assert.AreEqual((byte)0x04, h.ReadEth(3, 0x15), "ECOCON /4");
        }

        [TestMethod]
        public void ClkrdyIsClearUntilTheOscillatorStartUpTimeHasPassed()
        {
            var h = new ChipHarness(waitForClock: false);
            Assert.AreEqual(0x00, h.ReadEth(0, ChipHarness.ESTAT) & 0x01);
            h.Clock.Advance(1); // 1 ms > 300 µs (FACTS.md §4.1)
            Assert.AreEqual(0x01, h.ReadEth(0, ChipHarness.ESTAT) & 0x01);
        }

        [TestMethod]
        public void MacRegistersIgnoreWritesBeforeClkrdy()
        {
            var h = new ChipHarness(waitForClock: false);
            h.WriteRegister(2, 0x09, 0x3F); // MACLCON2 before CLKRDY (FACTS.md §4.2 step 5)
            h.Clock.Advance(1);
            Assert.AreEqual((byte)0x37, h.ReadMac(2, 0x09));
            Assert.IsTrue(h.Chip.Counters.IgnoredWhileClockNotReady > 0);
        }

        [TestMethod]
        public void EstatBitThreeReadsZero()
        {
            var h = new ChipHarness();
            Assert.AreEqual((byte)0x01, h.ReadEth(0, ChipHarness.ESTAT), "only CLKRDY after start-up; bit 3 unimplemented");
        }

        [TestMethod]
        public void EirFlagsCanBeClearedButNotSetByTheHost()
        {
            var h = new ChipHarness();
            h.Bfs(ChipHarness.EIR, 0x2B); // DMAIF|TXIF|TXERIF|RXERIF
            Assert.AreEqual((byte)0x00, h.ReadEth(0, ChipHarness.EIR));
        }

        [TestMethod]
        public void PktdecReadsBackAsZero()
        {
            var h = new ChipHarness();
            h.Bfs(ChipHarness.ECON2, 0x40);
            Assert.AreEqual((byte)0x80, h.ReadEth(0, ChipHarness.ECON2));
        }

        [TestMethod]
        public void EreVidAndErxwrptAreReadOnly()
        {
            var h = new ChipHarness();
            h.WriteRegister(3, 0x12, 0x00);
            h.Write16(0, 0x0E, 0x0123);
            Assert.AreEqual((byte)0x06, h.ReadEth(3, 0x12));
            Assert.AreEqual(0x0000, h.Read16(0, 0x0E));
        }

        [TestMethod]
        public void PointerHighBytesKeepThirteenBits()
        {
            var h = new ChipHarness();
            h.Write16(0, 0x00, 0xFFFF); // ERDPT
            Assert.AreEqual(0x1FFF, h.Read16(0, 0x00));
        }

        [TestMethod]
        public void BankSelectChoosesWhichRegisterAnAddressReaches()
        {
            var h = new ChipHarness();
            // Address 0x18 is unimplemented in bank 0, ERXFCON in bank 1, MIRDL (MAC) in bank 2, EPAUSL in bank 3.
            Assert.AreEqual((byte)0x00, h.ReadEth(0, 0x18));
            Assert.AreEqual((byte)0xA1, h.ReadEth(1, 0x18));
            Assert.AreEqual((byte)0x00, h.ReadEth(3, 0x18));
            Assert.AreEqual((byte)0x10, h.ReadEth(3, 0x19), "EPAUSH reset 0x10 (FACTS.md §2.5 [unverified])");
        }

        [TestMethod]
        public void CommonRegistersAreTheSameInEveryBank()
        {
            var h = new ChipHarness();
            h.Bfs(ChipHarness.EIE, 0x40);
            for (int bank = 0; bank < 4; bank++)
            {
                h.Bank(bank);
                Assert.AreEqual((byte)0x40, h.Frame(ChipHarness.EIE, 0)[1], "EIE in bank " + bank);
                Assert.AreEqual(bank, h.Frame(ChipHarness.ECON1, 0)[1] & 0x03, "BSEL");
            }
        }

        [TestMethod]
        public void ErxrdptLowByteTakesEffectOnlyWithTheHighByte()
        {
            var h = new ChipHarness();
            h.WriteRegister(0, 0x0C, 0x33); // ERXRDPTL
            Assert.AreEqual(0x05FA, h.Read16(0, 0x0C), "still the old value: L is buffered (FACTS.md §2.2)");
            h.WriteRegister(0, 0x0D, 0x01); // ERXRDPTH
            Assert.AreEqual(0x0133, h.Read16(0, 0x0C));
        }

        [TestMethod]
        public void WritingErxstRestartsTheWritePointerThere()
        {
            var h = new ChipHarness();
            h.Write16(0, 0x08, 0x0100);
            Assert.AreEqual(0x0100, h.Read16(0, 0x0E), "ERXWRPT = ERXST (FACTS.md §2.2)");
        }

        [TestMethod]
        public void Errata5LoadsZeroIntoTheWritePointer()
        {
            var h = new ChipHarness(new Enc28j60ModelOptions { Errata5WritePointerToZero = true });
            h.Write16(0, 0x08, 0x0100);
            Assert.AreEqual(0x0000, h.Read16(0, 0x0E));
        }

        [TestMethod]
        public void EflconFuldpxsShadowsMacon3Fuldpx()
        {
            var h = new ChipHarness();
            h.WriteRegister(2, 0x02, 0x01); // MACON3.FULDPX
            Assert.AreEqual((byte)0x04, h.ReadEth(3, 0x17));
        }

        [TestMethod]
        public void PowerSaveClearsClkrdyAndLeavingItRestartsTheStartUpTime()
        {
            var h = new ChipHarness();
            h.Bfs(ChipHarness.ECON2, 0x20); // PWRSV (FACTS.md §4.9)
            Assert.AreEqual(0x00, h.ReadEth(0, ChipHarness.ESTAT) & 0x01);
            h.Bfc(ChipHarness.ECON2, 0x20);
            Assert.AreEqual(0x00, h.ReadEth(0, ChipHarness.ESTAT) & 0x01);
            h.Clock.Advance(1);
            Assert.AreEqual(0x01, h.ReadEth(0, ChipHarness.ESTAT) & 0x01);
        }
    }
}
