#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using NanoTcp.Tcp;

namespace NanoTcp.Tests.Tcp
{
    [TestClass]
    public class SequenceNumberTests
    {
        [TestMethod]
        public void ComparisonsHoldAcrossTheWrapAt2To32()
        {
            Assert.IsTrue(SequenceNumber.LessThan(0xFFFFFFF0, 0x10));
            Assert.IsTrue(SequenceNumber.GreaterThan(0x10, 0xFFFFFFF0));
            Assert.IsFalse(SequenceNumber.LessThan(0x10, 0xFFFFFFF0));
            Assert.IsTrue(SequenceNumber.LessThanOrEqual(0xFFFFFFFF, 0xFFFFFFFF));
            Assert.IsTrue(SequenceNumber.GreaterThanOrEqual(0, 0xFFFFFFFF));
            Assert.AreEqual(0x5u, SequenceNumber.Max(0xFFFFFFFA, 0x5));
        }

        [TestMethod]
        public void InWindowCoversTheHalfOpenRangeAcrossTheWrap()
        {
            Assert.IsTrue(SequenceNumber.InWindow(0xFFFFFFFF, 0xFFFFFFF0, 0x20));
            Assert.IsTrue(SequenceNumber.InWindow(0x0F, 0xFFFFFFF0, 0x20));
            Assert.IsFalse(SequenceNumber.InWindow(0x10, 0xFFFFFFF0, 0x20));
            Assert.IsFalse(SequenceNumber.InWindow(0xFFFFFFEF, 0xFFFFFFF0, 0x20));
            Assert.IsFalse(SequenceNumber.InWindow(5, 5, 0));
        }
    }
}
