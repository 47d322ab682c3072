#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using NanoTcp.Wire;

namespace NanoTcp.Tests.Wire
{
    [TestClass]
    public class TcpHeaderTests
    {
        // A SYN from 10.0.0.2:40000 to 10.0.0.1:80 with an MSS option (data offset 6 words) at offset 3.
        private static byte[] Syn()
        {
            return new byte[]
            {
                0xEE, 0xEE, 0xEE,
                0x9C, 0x40, 0x00, 0x50, 0x01, 0x02, 0x03, 0x04, 0x00, 0x00, 0x00, 0x00,
                0x60, 0x02, 0xFA, 0xF0, 0x00, 0x00, 0x00, 0x00,
                0x02, 0x04, 0x05, 0xB4,
            };
        }

        [TestMethod]
        public void ReadsEveryFieldOfASyn()
        {
            byte[] buf = Syn();
            Assert.IsTrue(TcpHeader.IsValid(buf, 3, 24));
            Assert.AreEqual((ushort)40000, TcpHeader.SourcePort(buf, 3));
            Assert.AreEqual((ushort)80, TcpHeader.DestinationPort(buf, 3));
            Assert.AreEqual(0x01020304u, TcpHeader.SequenceNumber(buf, 3));
            Assert.AreEqual(0u, TcpHeader.AcknowledgmentNumber(buf, 3));
            Assert.AreEqual(24, TcpHeader.DataOffset(buf, 3));
            Assert.AreEqual((byte)TcpHeader.Syn, TcpHeader.Flags(buf, 3));
            Assert.IsTrue(TcpHeader.HasFlag(buf, 3, TcpHeader.Syn));
            Assert.IsFalse(TcpHeader.HasFlag(buf, 3, TcpHeader.Ack));
            Assert.AreEqual((ushort)64240, TcpHeader.Window(buf, 3));
            Assert.AreEqual((ushort)0, TcpHeader.UrgentPointer(buf, 3));
            Assert.AreEqual(23, TcpHeader.OptionsOffset(3));
            Assert.AreEqual(4, TcpHeader.OptionsLength(buf, 3));
        }

        [TestMethod]
        public void SettersWriteEveryFieldAtItsPlace()
        {
            byte[] buf = new byte[22];
            TcpHeader.SetSourcePort(buf, 2, 0xFFFF);
            TcpHeader.SetDestinationPort(buf, 2, 1);
            TcpHeader.SetSequenceNumber(buf, 2, 0xFFFFFFFF);
            TcpHeader.SetAcknowledgmentNumber(buf, 2, 0x80000000);
            TcpHeader.SetDataOffset(buf, 2, 60);
            TcpHeader.SetFlags(buf, 2, TcpHeader.Fin | TcpHeader.Ack | TcpHeader.Cwr);
            TcpHeader.SetWindow(buf, 2, 0x1234);
            TcpHeader.SetChecksum(buf, 2, 0xABCD);
            TcpHeader.SetUrgentPointer(buf, 2, 7);
            Assert.AreEqual((byte)0, buf[0]);
            Assert.AreEqual((ushort)0xFFFF, TcpHeader.SourcePort(buf, 2));
            Assert.AreEqual((ushort)1, TcpHeader.DestinationPort(buf, 2));
            Assert.AreEqual(0xFFFFFFFFu, TcpHeader.SequenceNumber(buf, 2));
            Assert.AreEqual(0x80000000u, TcpHeader.AcknowledgmentNumber(buf, 2));
            Assert.AreEqual(60, TcpHeader.DataOffset(buf, 2));
            Assert.AreEqual(0, TcpHeader.Reserved(buf, 2));
            Assert.AreEqual((byte)0x91, TcpHeader.Flags(buf, 2));
            Assert.AreEqual((ushort)0x1234, TcpHeader.Window(buf, 2));
            Assert.AreEqual((ushort)0xABCD, TcpHeader.Checksum(buf, 2));
            Assert.AreEqual((ushort)7, TcpHeader.UrgentPointer(buf, 2));
            Assert.AreEqual((byte)0xF0, buf[14]);
        }

        [TestMethod]
        public void IsValidRejectsEveryTruncation()
        {
            byte[] buf = Syn();
            for (int length = 0; length < 24; length++)
            {
                Assert.IsFalse(TcpHeader.IsValid(buf, 3, length), "length " + length);
            }

            Assert.IsFalse(TcpHeader.IsValid(buf, 3, 25), "length past the buffer");
            Assert.IsFalse(TcpHeader.IsValid(buf, -1, 24), "negative offset");
        }

        [TestMethod]
        public void IsValidRejectsDataOffsetBelowFiveWords()
        {
            byte[] buf = Syn();
            for (int words = 0; words < 5; words++)
            {
                buf[15] = (byte)(words << 4);
                Assert.IsFalse(TcpHeader.IsValid(buf, 3, 24), "data offset " + words);
            }

            buf[15] = 0x50;
            Assert.IsTrue(TcpHeader.IsValid(buf, 3, 24));
        }

        [TestMethod]
        public void IsValidRejectsDataOffsetPastTheSegment()
        {
            byte[] buf = Syn();
            buf[15] = 0x70;
            Assert.IsFalse(TcpHeader.IsValid(buf, 3, 24));
            buf[15] = 0xF0;
            Assert.IsFalse(TcpHeader.IsValid(buf, 3, 24));
        }

        [TestMethod]
        public void FillChecksumMakesTheSegmentVerify()
        {
            byte[] buf = Syn();
            TcpHeader.FillChecksum(buf, 3, 24, 0x0A000002, 0x0A000001);
            Assert.AreNotEqual((ushort)0, TcpHeader.Checksum(buf, 3));
            Assert.IsTrue(TcpHeader.ChecksumIsCorrect(buf, 3, 24, 0x0A000002, 0x0A000001));
            Assert.IsFalse(TcpHeader.ChecksumIsCorrect(buf, 3, 24, 0x0A000003, 0x0A000001));
            buf[26] ^= 1;
            Assert.IsFalse(TcpHeader.ChecksumIsCorrect(buf, 3, 24, 0x0A000002, 0x0A000001));
        }
    }
}
