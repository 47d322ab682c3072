#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using NanoTcp.Wire;

namespace NanoTcp.Tests.Wire
{
    [TestClass]
    public class TcpOptionsTests
    {
        [TestMethod]
        public void FindsMssAfterNopsAndUnknownOptions()
        {
            // NOP, NOP, timestamps (10), window scale (3), unknown kind 99 length 2, MSS 1460, End.
            byte[] buf = new byte[] { 1, 1, 8, 10, 0, 0, 0, 1, 0, 0, 0, 2, 3, 3, 7, 99, 2, 2, 4, 0x05, 0xB4, 0 };
            Assert.IsTrue(TcpOptions.IsValid(buf, 0, buf.Length));
            Assert.AreEqual(1460, TcpOptions.MaximumSegmentSize(buf, 0, buf.Length));
            Assert.AreEqual(12, TcpOptions.Find(buf, 0, buf.Length, TcpOptions.WindowScaleKind));
            Assert.AreEqual(2, TcpOptions.Find(buf, 0, buf.Length, TcpOptions.TimestampsKind));
        }

        [TestMethod]
        public void EmptyListIsValidAndHasNoMss()
        {
            byte[] buf = new byte[4];
            Assert.IsTrue(TcpOptions.IsValid(buf, 4, 0));
            Assert.AreEqual(-1, TcpOptions.MaximumSegmentSize(buf, 4, 0));
        }

        [TestMethod]
        public void OptionsAfterEndOfListAreIgnored()
        {
            byte[] buf = new byte[] { 0, 2, 4, 0x05, 0xB4, 0, 0, 0 };
            Assert.IsTrue(TcpOptions.IsValid(buf, 0, buf.Length));
            Assert.AreEqual(-1, TcpOptions.MaximumSegmentSize(buf, 0, buf.Length));
        }

        [TestMethod]
        public void OptionLengthZeroOrOneIsMalformed()
        {
            byte[] zero = new byte[] { 99, 0, 2, 4, 0x05, 0xB4 };
            byte[] one = new byte[] { 99, 1, 2, 4, 0x05, 0xB4 };
            Assert.IsFalse(TcpOptions.IsValid(zero, 0, zero.Length));
            Assert.IsFalse(TcpOptions.IsValid(one, 0, one.Length));
            Assert.AreEqual(-1, TcpOptions.MaximumSegmentSize(zero, 0, zero.Length));
        }

        [TestMethod]
        public void OptionRunningPastTheHeaderIsMalformed()
        {
            byte[] buf = new byte[] { 1, 8, 10, 0, 0, 0, 0, 0, 0, 0, 0, 0 };
            Assert.IsFalse(TcpOptions.IsValid(buf, 0, 8));
            Assert.IsTrue(TcpOptions.IsValid(buf, 0, 11));
        }

        [TestMethod]
        public void KindWithoutLengthByteAtTheEndIsMalformed()
        {
            byte[] buf = new byte[] { 1, 1, 1, 2 };
            Assert.IsFalse(TcpOptions.IsValid(buf, 0, 4));
            Assert.AreEqual(-1, TcpOptions.Find(buf, 0, 4, 2));
        }

        [TestMethod]
        public void MssWithWrongLengthIsMalformed()
        {
            byte[] buf = new byte[] { 2, 3, 5, 0 };
            Assert.IsFalse(TcpOptions.IsValid(buf, 0, 4));
            Assert.AreEqual(-1, TcpOptions.MaximumSegmentSize(buf, 0, 4));
        }

        [TestMethod]
        public void WriteMaximumSegmentSizeWritesKindLengthValue()
        {
            byte[] buf = new byte[6];
            Assert.AreEqual(4, TcpOptions.WriteMaximumSegmentSize(buf, 1, 536));
            Assert.AreEqual((byte)0, buf[0]);
            Assert.AreEqual((byte)2, buf[1]);
            Assert.AreEqual((byte)4, buf[2]);
            Assert.AreEqual((byte)0x02, buf[3]);
            Assert.AreEqual((byte)0x18, buf[4]);
            Assert.AreEqual((byte)0, buf[5]);
            Assert.AreEqual(536, TcpOptions.MaximumSegmentSize(buf, 1, 4));
        }

        [TestMethod]
        public void RandomOptionListsNeverReadOutsideTheArea()
        {
            System.Random random = new System.Random(2018);
            byte[] buf = new byte[48];
            for (int round = 0; round < 2000; round++)
            {
                random.NextBytes(buf);
                int length = random.Next(41);
                TcpOptions.IsValid(buf, 4, length);
                int mss = TcpOptions.MaximumSegmentSize(buf, 4, length);
                Assert.IsTrue(mss >= -1 && mss <= 0xFFFF);
                int at = TcpOptions.Find(buf, 4, length, (byte)(2 + (round % 7)));
                Assert.IsTrue(at == -1 || (at >= 4 && at + buf[at + 1] <= 4 + length), "option found outside the area at " + at);
            }
        }
    }
}
