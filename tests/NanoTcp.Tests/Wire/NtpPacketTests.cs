#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using NanoTcp.Wire;

namespace NanoTcp.Tests.Wire
{
    [TestClass]
    public class NtpPacketTests
    {
        // A reply shaped like chronyd's with "local stratum 8" (reference ID 127.127.1.1), at offset 5 of a larger buffer.
        private static readonly byte[] Reply =
        {
            0xEE, 0xEE, 0xEE, 0xEE, 0xEE,
            0x24, 0x08, 0x06, 0xE9, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x7F, 0x7F, 0x01, 0x01,
            0xEE, 0xC2, 0x1F, 0x50, 0x11, 0x22, 0x33, 0x44,
            0x12, 0x34, 0x56, 0x78, 0x9A, 0xBC, 0xDE, 0xF0,
            0xEE, 0xC2, 0x1F, 0x51, 0x80, 0x00, 0x00, 0x00,
            0xEE, 0xC2, 0x1F, 0x52, 0x40, 0x00, 0x00, 0x01,
        };

        [TestMethod]
        public void EveryFieldOfAReplyIsReadAtAnOffset()
        {
            const int at = 5;
            Assert.IsTrue(NtpPacket.IsValid(Reply, at, NtpPacket.Length));
            Assert.AreEqual(0, NtpPacket.LeapIndicator(Reply, at));
            Assert.AreEqual(4, NtpPacket.Version(Reply, at));
            Assert.AreEqual(NtpPacket.ModeServer, NtpPacket.Mode(Reply, at));
            Assert.AreEqual(8, NtpPacket.Stratum(Reply, at));
            Assert.AreEqual(6, NtpPacket.Poll(Reply, at));
            Assert.AreEqual(0x7F7F0101u, NtpPacket.ReferenceId(Reply, at));
            Assert.AreEqual(0x12345678u, NtpPacket.OriginateSeconds(Reply, at));
            Assert.AreEqual(0x9ABCDEF0u, NtpPacket.OriginateFraction(Reply, at));
            Assert.AreEqual(0xEEC21F51u, NtpPacket.ReceiveSeconds(Reply, at));
            Assert.AreEqual(0x80000000u, NtpPacket.ReceiveFraction(Reply, at));
            Assert.AreEqual(0xEEC21F52u, NtpPacket.TransmitSeconds(Reply, at));
            Assert.AreEqual(0x40000001u, NtpPacket.TransmitFraction(Reply, at));
        }

        [TestMethod]
        public void AShorterPacketOrARangeOutsideTheBufferIsInvalid()
        {
            for (int length = 0; length < NtpPacket.Length; length++)
            {
                Assert.IsFalse(NtpPacket.IsValid(Reply, 5, length), "length " + length.ToString());
            }

            Assert.IsFalse(NtpPacket.IsValid(Reply, 6, NtpPacket.Length), "runs past the buffer");
            Assert.IsFalse(NtpPacket.IsValid(Reply, -1, NtpPacket.Length));
        }

        [TestMethod]
        public void ARequestIsVersion4ClientModeWithOnlyTheTransmitTimestamp()
        {
            var buffer = new byte[NtpPacket.Length + 3];
            for (int i = 0; i < buffer.Length; i++)
            {
                buffer[i] = 0xAA;
            }

            NtpPacket.WriteRequest(buffer, 3, 0x01020304, 0x05060708);
            Assert.AreEqual((byte)0x23, buffer[3], "LI 0, VN 4, mode 3");
            for (int i = 1; i < 40; i++)
            {
                Assert.AreEqual((byte)0, buffer[3 + i], "byte " + i.ToString());
            }

            Assert.AreEqual(0x01020304u, NtpPacket.TransmitSeconds(buffer, 3));
            Assert.AreEqual(0x05060708u, NtpPacket.TransmitFraction(buffer, 3));
            Assert.AreEqual((byte)0xAA, buffer[2], "nothing written before");
        }

        [TestMethod]
        public void EveryFieldWrittenReadsBack()
        {
            var buffer = new byte[NtpPacket.Length + 7];
            NtpPacket.SetFlags(buffer, 7, NtpPacket.LeapNotSynchronized, NtpPacket.Version3, NtpPacket.ModeServer);
            NtpPacket.SetStratum(buffer, 7, 15);
            NtpPacket.SetReferenceId(buffer, 7, NtpPacket.KissRate);
            NtpPacket.SetOriginate(buffer, 7, 1, 2);
            NtpPacket.SetReceive(buffer, 7, 3, 4);
            NtpPacket.SetTransmit(buffer, 7, 5, 6);
            Assert.AreEqual(3, NtpPacket.LeapIndicator(buffer, 7));
            Assert.AreEqual(3, NtpPacket.Version(buffer, 7));
            Assert.AreEqual(4, NtpPacket.Mode(buffer, 7));
            Assert.AreEqual(15, NtpPacket.Stratum(buffer, 7));
            Assert.AreEqual(NtpPacket.KissRate, NtpPacket.ReferenceId(buffer, 7));
            Assert.AreEqual(1u, NtpPacket.OriginateSeconds(buffer, 7));
            Assert.AreEqual(2u, NtpPacket.OriginateFraction(buffer, 7));
            Assert.AreEqual(3u, NtpPacket.ReceiveSeconds(buffer, 7));
            Assert.AreEqual(4u, NtpPacket.ReceiveFraction(buffer, 7));
            Assert.AreEqual(5u, NtpPacket.TransmitSeconds(buffer, 7));
            Assert.AreEqual(6u, NtpPacket.TransmitFraction(buffer, 7));
        }

        [TestMethod]
        public void KissCodesAreTheirAsciiLetters()
        {
            var text = new byte[] { (byte)'R', (byte)'A', (byte)'T', (byte)'E', (byte)'D', (byte)'E', (byte)'N', (byte)'Y', (byte)'R', (byte)'S', (byte)'T', (byte)'R' };
            Assert.AreEqual(NtpPacket.KissRate, Bytes.ReadUInt32(text, 0));
            Assert.AreEqual(NtpPacket.KissDeny, Bytes.ReadUInt32(text, 4));
            Assert.AreEqual(NtpPacket.KissRestricted, Bytes.ReadUInt32(text, 8));
        }
    }
}
