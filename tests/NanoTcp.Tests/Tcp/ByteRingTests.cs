#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using NanoTcp.Tcp;

namespace NanoTcp.Tests.Tcp
{
    [TestClass]
    public class ByteRingTests
    {
        [TestMethod]
        public void WriteTakesOnlyWhatFitsAndReadReturnsItInOrderAcrossTheEnd()
        {
            var ring = new ByteRing(8);
            byte[] src = { 1, 2, 3, 4, 5, 6 };
            Assert.AreEqual(6, ring.Write(src, 0, 6));
            var dst = new byte[8];
            Assert.AreEqual(4, ring.Read(dst, 0, 4));
            Assert.AreEqual(6, ring.Write(src, 0, 6));
            Assert.AreEqual(0, ring.Free);
            Assert.AreEqual(0, ring.Write(src, 0, 1));
            Assert.AreEqual(8, ring.Read(dst, 0, 8));
            Assert.AreEqual((byte)5, dst[0]);
            Assert.AreEqual((byte)6, dst[1]);
            Assert.AreEqual((byte)1, dst[2]);
            Assert.AreEqual((byte)6, dst[7]);
            Assert.AreEqual(0, ring.Count);
        }

        [TestMethod]
        public void PeekCopiesFromAnOffsetWithoutRemovingAndDiscardDropsTheHead()
        {
            var ring = new ByteRing(4);
            byte[] src = { 1, 2, 3, 4 };
            ring.Write(src, 0, 3);
            ring.Discard(2);
            ring.Write(src, 0, 3);
            var dst = new byte[3];
            ring.Peek(1, dst, 0, 3);
            Assert.AreEqual((byte)1, dst[0]);
            Assert.AreEqual((byte)3, dst[2]);
            Assert.AreEqual(4, ring.Count);
            ring.Discard(10);
            Assert.AreEqual(0, ring.Count);
        }
    }
}
