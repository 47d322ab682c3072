#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using NanoTcp.Tests.Support;

namespace NanoTcp.Tests.Enc28j60Model
{
    /// <summary>FACTS.md §1.2 (RBM/WBM) and §3.4: ERDPT/EWRPT auto-increment and their wrap rules.</summary>
    [TestClass]
    public class BufferPointerTests
    {
        private static ChipHarness WithPattern()
        {
            var h = new ChipHarness();
            for (int a = 0; a < 0x2000; a++)
            {
                h.Chip.Memory[a] = (byte)(a ^ (a >> 8));
            }

            return h;
        }

        [TestMethod]
        public void RbmJumpsFromErxndToErxst()
        {
            var h = WithPattern();
            h.Write16(0, 0x08, 0x0000); // ERXST
            h.Write16(0, 0x0A, 0x00FF); // ERXND
            h.Write16(0, 0x00, 0x00FE); // ERDPT
            byte[] got = h.Rbm(4);
            Expect.SameBytes(
                new[] { h.Chip.Memory[0xFE], h.Chip.Memory[0xFF], h.Chip.Memory[0x00], h.Chip.Memory[0x01] }, got);
            Assert.AreEqual(0x0002, h.Read16(0, 0x00));
        }

        [TestMethod]
        public void RbmAboveErxndIsLinear()
        {
            var h = WithPattern();
            h.Write16(0, 0x08, 0x0000);
            h.Write16(0, 0x0A, 0x00FF);
            h.Write16(0, 0x00, 0x0100); // in the TX area, above ERXND
            byte[] got = h.Rbm(3);
            Expect.SameBytes(new[] { h.Chip.Memory[0x100], h.Chip.Memory[0x101], h.Chip.Memory[0x102] }, got);
            Assert.AreEqual(0x0103, h.Read16(0, 0x00));
        }

        [TestMethod]
        public void RbmWrapsFrom1FFFTo0WhenErxndIsElsewhere()
        {
            var h = WithPattern();
            h.Write16(0, 0x08, 0x0000);
            h.Write16(0, 0x0A, 0x0FFF);
            h.Write16(0, 0x00, 0x1FFF);
            byte[] got = h.Rbm(2);
            Expect.SameBytes(new[] { h.Chip.Memory[0x1FFF], h.Chip.Memory[0x0000] }, got);
            Assert.AreEqual(0x0001, h.Read16(0, 0x00));
        }

        [TestMethod]
        public void WbmIgnoresTheRingAndWrapsOnlyAt1FFF()
        {
            var h = new ChipHarness();
            h.Write16(0, 0x08, 0x0000);
            h.Write16(0, 0x0A, 0x00FF);
            h.Write16(0, 0x02, 0x00FF); // EWRPT at ERXND
            h.Wbm(new byte[] { 0xA1, 0xA2 }, 0, 2);
            Assert.AreEqual((byte)0xA2, h.Chip.Memory[0x0100], "no jump to ERXST for writes");
            Assert.AreEqual(0x0101, h.Read16(0, 0x02));
            h.Write16(0, 0x02, 0x1FFF);
            h.Wbm(new byte[] { 0xB1, 0xB2 }, 0, 2);
            Assert.AreEqual((byte)0xB1, h.Chip.Memory[0x1FFF]);
            Assert.AreEqual((byte)0xB2, h.Chip.Memory[0x0000]);
            Assert.AreEqual(0x0001, h.Read16(0, 0x02));
        }

        [TestMethod]
        public void WithoutAutoincThePointersStayPut()
        {
            var h = WithPattern();
            h.Bfc(ChipHarness.ECON2, 0x80); // AUTOINC off
            h.Write16(0, 0x00, 0x0200);
            byte[] got = h.Rbm(3);
            Expect.SameBytes(new[] { h.Chip.Memory[0x200], h.Chip.Memory[0x200], h.Chip.Memory[0x200] }, got);
            Assert.AreEqual(0x0200, h.Read16(0, 0x00));
        }
    }
}
