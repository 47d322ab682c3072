#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using NanoTcp.Tcp;
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

        // The SYN with ECE and CWR set, three data bytes after its header, the checksum filled.
        private static byte[] SynWithData()
        {
            byte[] syn = Syn();
            var buf = new byte[syn.Length + 3];
            for (int i = 0; i < syn.Length; i++)
            {
                buf[i] = syn[i];
            }

            buf[16] = TcpHeader.Syn | TcpHeader.Ece | TcpHeader.Cwr;
            buf[27] = 0xA1;
            buf[28] = 0xA2;
            buf[29] = 0xA3;
            TcpHeader.FillChecksum(buf, 3, 27, 0x0A000002, 0x0A000001);
            return buf;
        }

        [TestMethod]
        public void ReadFillsTheSegmentRecordAndDropsTheEcnBits()
        {
            byte[] buf = SynWithData();
            var seg = new TcpSegment();
            Assert.AreEqual((int)TcpHeaderCheck.Valid, (int)TcpHeader.Read(buf, 3, 27, 0x0A000002, 0x0A000001, seg));
            Assert.AreEqual(0x0A000002u, seg.Source);
            Assert.AreEqual(0x0A000001u, seg.Destination);
            Assert.AreEqual(40000, seg.SourcePort);
            Assert.AreEqual(80, seg.DestinationPort);
            Assert.AreEqual(0x01020304u, seg.Seq);
            Assert.AreEqual(0u, seg.Ack);
            Assert.AreEqual((int)TcpHeader.Syn, seg.Flags, "ECE and CWR are not control bits the layer acts on");
            Assert.AreEqual(64240, seg.Window);
            Assert.AreEqual(1460, seg.Mss);
            Assert.AreSame(buf, seg.Buffer);
            Assert.AreEqual(27, seg.DataOffset);
            Assert.AreEqual(3, seg.DataLength);
            Assert.AreEqual(4u, seg.Length, "SEG.LEN counts the SYN");
        }

        [TestMethod]
        public void ReadTakesTheMssOptionFromASynOnly()
        {
            byte[] buf = SynWithData();
            buf[16] = TcpHeader.Ack;
            TcpHeader.FillChecksum(buf, 3, 27, 0x0A000002, 0x0A000001);
            var seg = new TcpSegment();
            Assert.AreEqual((int)TcpHeaderCheck.Valid, (int)TcpHeader.Read(buf, 3, 27, 0x0A000002, 0x0A000001, seg));
            Assert.AreEqual(-1, seg.Mss);
            Assert.IsTrue(seg.HasAck);
        }

        [TestMethod]
        public void ReadNamesWhyASegmentIsDropped()
        {
            var seg = new TcpSegment();
            byte[] buf = SynWithData();
            Assert.AreEqual((int)TcpHeaderCheck.Malformed, (int)TcpHeader.Read(buf, 3, 19, 0x0A000002, 0x0A000001, seg));
            Assert.AreEqual((int)TcpHeaderCheck.BadChecksum, (int)TcpHeader.Read(buf, 3, 27, 0x0A000003, 0x0A000001, seg));
            buf[24] = 3;
            TcpHeader.FillChecksum(buf, 3, 27, 0x0A000002, 0x0A000001);
            Assert.AreEqual((int)TcpHeaderCheck.BadOptions, (int)TcpHeader.Read(buf, 3, 27, 0x0A000002, 0x0A000001, seg), "an MSS option of length 3");
            Assert.AreEqual(0, seg.SourcePort, "nothing is copied from a dropped segment");
        }

        [TestMethod]
        public void WriteBuildsEveryFieldWithTheMssOption()
        {
            var buf = new byte[2 + 24];
            for (int i = 0; i < buf.Length; i++)
            {
                buf[i] = 0xEE;
            }

            Assert.AreEqual(24, TcpHeader.Write(buf, 2, 40000, 80, 0x01020304, 0x0A0B0C0D, TcpHeader.Syn | TcpHeader.Ack, 0x1234, 1460));
            Assert.AreEqual((ushort)40000, TcpHeader.SourcePort(buf, 2));
            Assert.AreEqual((ushort)80, TcpHeader.DestinationPort(buf, 2));
            Assert.AreEqual(0x01020304u, TcpHeader.SequenceNumber(buf, 2));
            Assert.AreEqual(0x0A0B0C0Du, TcpHeader.AcknowledgmentNumber(buf, 2));
            Assert.AreEqual(24, TcpHeader.DataOffset(buf, 2));
            Assert.AreEqual(0, TcpHeader.Reserved(buf, 2));
            Assert.AreEqual((byte)(TcpHeader.Syn | TcpHeader.Ack), TcpHeader.Flags(buf, 2));
            Assert.AreEqual((ushort)0x1234, TcpHeader.Window(buf, 2));
            Assert.AreEqual((ushort)0, TcpHeader.UrgentPointer(buf, 2));
            Assert.AreEqual(1460, TcpOptions.MaximumSegmentSize(buf, TcpHeader.OptionsOffset(2), TcpHeader.OptionsLength(buf, 2)));
            Assert.AreEqual(24, TcpHeader.HeaderLength(true));
        }

        [TestMethod]
        public void WriteWithoutMssIsTheFixedHeader()
        {
            var buf = new byte[20];
            Assert.AreEqual(20, TcpHeader.Write(buf, 0, 1, 2, 3, 4, TcpHeader.Rst, 0, -1));
            Assert.AreEqual(20, TcpHeader.DataOffset(buf, 0));
            Assert.AreEqual(0, TcpHeader.OptionsLength(buf, 0));
            Assert.AreEqual((byte)TcpHeader.Rst, TcpHeader.Flags(buf, 0));
            Assert.AreEqual(20, TcpHeader.HeaderLength(false));
        }
    }
}
