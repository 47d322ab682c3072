#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using NanoTcp.Hardware.Enc28j60Model;
using NanoTcp.Tests.Support;

namespace NanoTcp.Tests.Enc28j60Model
{
    /// <summary>FACTS.md §1.2: opcodes, the MAC/MII dummy byte, one instruction per chip-select frame.</summary>
    [TestClass]
    public class SpiInstructionTests
    {
        [TestMethod]
        public void RcrOfAnEthRegisterClocksTheDataInTheSecondByte()
        {
            var h = new ChipHarness();
            h.Bank(3);
            byte[] r = h.Frame(0x12, 0x00); // RCR EREVID (bank 3, ETH type)
            Assert.AreEqual((byte)0x06, r[1], "EREVID of B7 in the byte after the opcode");
        }

        [TestMethod]
        public void RcrOfAMacRegisterClocksADummyByteBeforeTheData()
        {
            var h = new ChipHarness();
            h.Bank(2);
            byte[] r = h.Frame(0x08, 0x00, 0x00); // RCR MACLCON1, reset 0x0F (FACTS.md §2.4)
            Assert.AreEqual((byte)0xFF, r[1], "dummy byte (undefined SO)");
            Assert.AreEqual((byte)0x0F, r[2], "data after the dummy byte: 24 clocks in all");
        }

        [TestMethod]
        public void ReadingAMacRegisterWithoutTheDummyByteReturnsTheDummy()
        {
            var h = new ChipHarness();
            h.Bank(2);
            byte[] r = h.Frame(0x09, 0x00); // MACLCON2 (reset 0x37) read as if it were an ETH register
            Assert.AreEqual((byte)0xFF, r[1]);
        }

        [TestMethod]
        public void MiStatAndMaadrAreMacMiiTypeButEbstconIsEth()
        {
            var h = new ChipHarness();
            h.Bank(3);
            h.Frame(0x40 | 0x04, 0x5A); // WCR MAADR1
            h.Frame(0x40 | 0x06, 0xA5); // WCR EBSTSD (ETH)
            Assert.AreEqual((byte)0x5A, h.Frame(0x04, 0, 0)[2]);
            Assert.AreEqual((byte)0xA5, h.Frame(0x06, 0)[1]);
        }

        [TestMethod]
        public void WcrWritesOneByteAndIgnoresTheRestOfTheFrame()
        {
            var h = new ChipHarness();
            h.Bank(1);
            h.Frame(0x40 | 0x00, 0x12, 0x34); // WCR EHT0 with a stray third byte
            Assert.AreEqual((byte)0x12, h.ReadEth(1, 0x00));
            Assert.AreEqual((byte)0x00, h.ReadEth(1, 0x01));
        }

        [TestMethod]
        public void BfsOrsAndBfcClearsOnEthRegisters()
        {
            var h = new ChipHarness();
            h.Bfs(ChipHarness.EIE, 0xC0);
            h.Bfs(ChipHarness.EIE, 0x09);
            h.Bfc(ChipHarness.EIE, 0x40);
            Assert.AreEqual((byte)0x89, h.ReadEth(0, ChipHarness.EIE));
        }

        [TestMethod]
        public void BfsOnAMacRegisterIsCountedAsMisuse()
        {
            var h = new ChipHarness();
            h.Bank(2);
            h.Bfs(0x02, 0x30); // BFS MACON3 — not allowed by the datasheet, done by EtherCard (FACTS.md §6.3)
            Assert.AreEqual(1L, h.Chip.Counters.BitFieldOnMacMii);
            Assert.AreEqual((byte)0x30, h.ReadMac(2, 0x02), "takes effect by default, as EtherCard relies on");
        }

        [TestMethod]
        public void BfsOnAMacRegisterCanBeMadeIneffective()
        {
            var h = new ChipHarness(new Enc28j60ModelOptions { BitFieldOnMacMiiTakesEffect = false });
            h.Bank(2);
            h.Bfs(0x02, 0x30);
            Assert.AreEqual(1L, h.Chip.Counters.BitFieldOnMacMii);
            Assert.AreEqual((byte)0x00, h.ReadMac(2, 0x02));
        }

        [TestMethod]
        public void WbmThenRbmStreamTheBufferWithAutoIncrement()
        {
            var h = new ChipHarness();
            h.Write16(0, 0x02, 0x1000); // EWRPT
            h.Wbm(new byte[] { 1, 2, 3, 4, 5 }, 0, 5);
            Assert.AreEqual(0x1005, h.Read16(0, 0x02), "EWRPT advanced by 5");
            h.Write16(0, 0x00, 0x1001); // ERDPT
            Expect.SameBytes(new byte[] { 2, 3, 4 }, h.Rbm(3));
            Assert.AreEqual(0x1004, h.Read16(0, 0x00));
        }

        [TestMethod]
        public void SrcIsASingleByteSoftReset()
        {
            var h = new ChipHarness(new Enc28j60ModelOptions { Errata2ResetWindow = false });
            h.WriteRegister(1, 0x18, 0x00); // ERXFCON
            h.Src();
            h.Clock.Advance(1);
            Assert.AreEqual((byte)0xA1, h.ReadEth(1, 0x18), "ERXFCON back to its reset value");
            Assert.AreEqual(1L, h.Chip.Counters.SpiFrames(Enc28j60Instruction.SystemResetCommand));
        }

        [TestMethod]
        public void UndefinedOpcodesAreCountedAndChangeNothing()
        {
            var h = new ChipHarness();
            h.Frame(0x3B, 0x00); // opcode 001 with an argument other than 1Ah
            h.Frame(0xC5, 0x00); // opcode 110
            Assert.AreEqual(2L, h.Chip.Counters.InvalidInstructions);
        }

        [TestMethod]
        public void SameBufferForBothDirectionsWorksFullDuplex()
        {
            var h = new ChipHarness();
            h.Bank(3);
            var buffer = new byte[] { 0x12, 0x00 };
            h.Chip.TransferFullDuplex(buffer, 0, buffer, 0, 2);
            Assert.AreEqual((byte)0x06, buffer[1]);
        }

        [TestMethod]
        public void CountersSplitFramesAndBytesByInstruction()
        {
            var h = new ChipHarness();
            var before = h.Chip.Counters.Snapshot();
            h.Frame(0x1F, 0x00);            // RCR ECON1: 2 bytes
            h.Frame(0x7A, 1, 2, 3);         // WBM: 4 bytes
            h.Frame(0x3A, 0, 0, 0, 0, 0);   // RBM: 6 bytes
            var c = h.Chip.Counters;
            Assert.AreEqual(1L, c.SpiFrames(Enc28j60Instruction.ReadControlRegister) - before.SpiFrames(Enc28j60Instruction.ReadControlRegister));
            Assert.AreEqual(4L, c.SpiBytes(Enc28j60Instruction.WriteBufferMemory));
            Assert.AreEqual(6L, c.SpiBytes(Enc28j60Instruction.ReadBufferMemory));
            Assert.AreEqual(3L, c.TotalSpiFrames - before.TotalSpiFrames);
            Assert.AreEqual(12L, c.TotalSpiBytes - before.TotalSpiBytes);
        }
    }
}
