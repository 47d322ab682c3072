#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using NanoTcp.Drivers.Enc28j60;

namespace NanoTcp.Tests.Enc28j60Driver
{
    /// <summary>The packed register constants decode to the datasheet's address, bank and register type (DS Table 3-1/3-2).</summary>
    [TestClass]
    public class Enc28j60RegistersTests
    {
        [TestMethod]
        public void CommonRegistersSitAt1BhTo1FhAndNeedNoBank()
        {
            Assert.AreEqual(0x1B, Enc28j60Registers.Address(Enc28j60Registers.EIE));
            Assert.AreEqual(0x1C, Enc28j60Registers.Address(Enc28j60Registers.EIR));
            Assert.AreEqual(0x1D, Enc28j60Registers.Address(Enc28j60Registers.ESTAT));
            Assert.AreEqual(0x1E, Enc28j60Registers.Address(Enc28j60Registers.ECON2));
            Assert.AreEqual(0x1F, Enc28j60Registers.Address(Enc28j60Registers.ECON1));
            Assert.IsTrue(Enc28j60Registers.IsCommon(Enc28j60Registers.EIE));
            Assert.IsTrue(Enc28j60Registers.IsCommon(Enc28j60Registers.ECON1));
            Assert.IsFalse(Enc28j60Registers.IsCommon(Enc28j60Registers.EPKTCNT));
            Assert.IsFalse(Enc28j60Registers.IsMacOrMii(Enc28j60Registers.ESTAT));
        }

        [TestMethod]
        public void ReceivePointersAreBank0EthRegisters()
        {
            Assert.AreEqual(0, Enc28j60Registers.Bank(Enc28j60Registers.ERXRDPTL));
            Assert.AreEqual(0x0C, Enc28j60Registers.Address(Enc28j60Registers.ERXRDPTL));
            Assert.AreEqual(0x0D, Enc28j60Registers.Address(Enc28j60Registers.ERXRDPTH));
            Assert.AreEqual(0x0E, Enc28j60Registers.Address(Enc28j60Registers.ERXWRPTL));
            Assert.AreEqual(0x07, Enc28j60Registers.Address(Enc28j60Registers.ETXNDH));
            Assert.IsFalse(Enc28j60Registers.IsMacOrMii(Enc28j60Registers.ERDPTH));
        }

        [TestMethod]
        public void PacketCounterAndFilterAreBank1()
        {
            Assert.AreEqual(1, Enc28j60Registers.Bank(Enc28j60Registers.EPKTCNT));
            Assert.AreEqual(0x19, Enc28j60Registers.Address(Enc28j60Registers.EPKTCNT));
            Assert.AreEqual(1, Enc28j60Registers.Bank(Enc28j60Registers.ERXFCON));
            Assert.AreEqual(0x18, Enc28j60Registers.Address(Enc28j60Registers.ERXFCON));
        }

        [TestMethod]
        public void Bank2MacAndMiiRegistersNeedTheDummyByte()
        {
            Assert.AreEqual(2, Enc28j60Registers.Bank(Enc28j60Registers.MACON3));
            Assert.AreEqual(0x02, Enc28j60Registers.Address(Enc28j60Registers.MACON3));
            Assert.IsTrue(Enc28j60Registers.IsMacOrMii(Enc28j60Registers.MACON3));
            Assert.AreEqual(0x0A, Enc28j60Registers.Address(Enc28j60Registers.MAMXFLL));
            Assert.AreEqual(0x17, Enc28j60Registers.Address(Enc28j60Registers.MIWRH));
            Assert.IsTrue(Enc28j60Registers.IsMacOrMii(Enc28j60Registers.MIRDH));
        }

        [TestMethod]
        public void MacAddressRegistersPutTheFirstOctetAt04hOfBank3()
        {
            Assert.AreEqual(3, Enc28j60Registers.Bank(Enc28j60Registers.MAADR1));
            Assert.AreEqual(0x04, Enc28j60Registers.Address(Enc28j60Registers.MAADR1));
            Assert.AreEqual(0x05, Enc28j60Registers.Address(Enc28j60Registers.MAADR2));
            Assert.AreEqual(0x02, Enc28j60Registers.Address(Enc28j60Registers.MAADR3));
            Assert.AreEqual(0x03, Enc28j60Registers.Address(Enc28j60Registers.MAADR4));
            Assert.AreEqual(0x00, Enc28j60Registers.Address(Enc28j60Registers.MAADR5));
            Assert.AreEqual(0x01, Enc28j60Registers.Address(Enc28j60Registers.MAADR6));
            Assert.IsTrue(Enc28j60Registers.IsMacOrMii(Enc28j60Registers.MAADR6));
        }

        [TestMethod]
        public void Bank3MistatIsMiiButErevidIsEth()
        {
            Assert.AreEqual(3, Enc28j60Registers.Bank(Enc28j60Registers.MISTAT));
            Assert.AreEqual(0x0A, Enc28j60Registers.Address(Enc28j60Registers.MISTAT));
            Assert.IsTrue(Enc28j60Registers.IsMacOrMii(Enc28j60Registers.MISTAT));
            Assert.AreEqual(3, Enc28j60Registers.Bank(Enc28j60Registers.EREVID));
            Assert.AreEqual(0x12, Enc28j60Registers.Address(Enc28j60Registers.EREVID));
            Assert.IsFalse(Enc28j60Registers.IsMacOrMii(Enc28j60Registers.EREVID));
        }

        [TestMethod]
        public void OpcodeBytesCarryTheRegisterAddressButNotTheBank()
        {
            Assert.AreEqual((byte)0x1C, Enc28j60Opcodes.For(Enc28j60Opcodes.ReadControlRegister, Enc28j60Registers.EIR));
            Assert.AreEqual((byte)0x59, Enc28j60Opcodes.For(Enc28j60Opcodes.WriteControlRegister, Enc28j60Registers.EPKTCNT));
            Assert.AreEqual((byte)0x9F, Enc28j60Opcodes.For(Enc28j60Opcodes.BitFieldSet, Enc28j60Registers.ECON1));
            Assert.AreEqual((byte)0xBB, Enc28j60Opcodes.For(Enc28j60Opcodes.BitFieldClear, Enc28j60Registers.EIE));
            Assert.AreEqual((byte)0x44, Enc28j60Opcodes.For(Enc28j60Opcodes.WriteControlRegister, Enc28j60Registers.MAADR1));
        }
    }
}
