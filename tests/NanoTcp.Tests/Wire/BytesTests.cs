#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using NanoTcp.Wire;

namespace NanoTcp.Tests.Wire
{
    [TestClass]
    public class BytesTests
    {
        [TestMethod]
        public void ReadUInt16IsBigEndianAtTheOffset()
        {
            byte[] buf = new byte[] { 0xAA, 0x12, 0x34, 0xBB };
            Assert.AreEqual((ushort)0x1234, Bytes.ReadUInt16(buf, 1));
        }

        [TestMethod]
        public void WriteUInt16PutsTheHighByteFirstAndTouchesNothingElse()
        {
            byte[] buf = new byte[] { 0xAA, 0, 0, 0xBB };
            Bytes.WriteUInt16(buf, 1, 0xFE01);
            Assert.AreEqual((byte)0xAA, buf[0]);
            Assert.AreEqual((byte)0xFE, buf[1]);
            Assert.AreEqual((byte)0x01, buf[2]);
            Assert.AreEqual((byte)0xBB, buf[3]);
        }

        [TestMethod]
        public void ReadUInt32IsBigEndianAtTheOffset()
        {
            byte[] buf = new byte[] { 0, 0xDE, 0xAD, 0xBE, 0xEF };
            Assert.AreEqual(0xDEADBEEFu, Bytes.ReadUInt32(buf, 1));
        }

        [TestMethod]
        public void WriteUInt32RoundTripsExtremes()
        {
            byte[] buf = new byte[6];
            Bytes.WriteUInt32(buf, 2, 0xFFFFFFFF);
            Assert.AreEqual(0xFFFFFFFFu, Bytes.ReadUInt32(buf, 2));
            Assert.AreEqual((byte)0, buf[1]);
            Bytes.WriteUInt32(buf, 2, 0x01020304);
            Assert.AreEqual((byte)0x01, buf[2]);
            Assert.AreEqual((byte)0x04, buf[5]);
        }

        [TestMethod]
        public void RangeIsInsideRejectsNegativeAndOverlongRanges()
        {
            byte[] buf = new byte[10];
            Assert.IsTrue(Bytes.RangeIsInside(buf, 0, 10));
            Assert.IsTrue(Bytes.RangeIsInside(buf, 10, 0));
            Assert.IsFalse(Bytes.RangeIsInside(buf, 1, 10));
            Assert.IsFalse(Bytes.RangeIsInside(buf, -1, 2));
            Assert.IsFalse(Bytes.RangeIsInside(buf, 0, -1));
            Assert.IsFalse(Bytes.RangeIsInside(buf, int.MaxValue, 2));
            Assert.IsFalse(Bytes.RangeIsInside(null, 0, 0));
        }
    }
}
