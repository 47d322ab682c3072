#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using NanoTcp.Wire;

namespace NanoTcp.Tests.Wire
{
    [TestClass]
    public class IcmpUdpHeaderTests
    {
        [TestMethod]
        public void IcmpEchoFieldsReadBackAndTheChecksumVerifies()
        {
            byte[] buf = new byte[1 + 8 + 5];
            IcmpHeader.SetType(buf, 1, IcmpHeader.TypeEchoRequest);
            IcmpHeader.SetCode(buf, 1, 0);
            IcmpHeader.SetIdentifier(buf, 1, 0xBEEF);
            IcmpHeader.SetSequenceNumber(buf, 1, 0xFFFF);
            buf[13] = 0x55;
            IcmpHeader.FillChecksum(buf, 1, 13);
            Assert.IsTrue(IcmpHeader.IsValid(buf, 1, 13));
            Assert.IsTrue(IcmpHeader.ChecksumIsCorrect(buf, 1, 13));
            Assert.AreEqual(IcmpHeader.TypeEchoRequest, IcmpHeader.Type(buf, 1));
            Assert.AreEqual((ushort)0xBEEF, IcmpHeader.Identifier(buf, 1));
            Assert.AreEqual((ushort)0xFFFF, IcmpHeader.SequenceNumber(buf, 1));
            buf[13] = 0x56;
            Assert.IsFalse(IcmpHeader.ChecksumIsCorrect(buf, 1, 13));
        }

        [TestMethod]
        public void IcmpShorterThanEightBytesIsInvalid()
        {
            byte[] buf = new byte[8];
            Assert.IsFalse(IcmpHeader.IsValid(buf, 0, 7));
            Assert.IsTrue(IcmpHeader.IsValid(buf, 0, 8));
        }

        [TestMethod]
        public void UdpLengthFieldMustFitThePacket()
        {
            byte[] buf = new byte[20];
            UdpHeader.SetDatagramLength(buf, 0, 20);
            Assert.IsTrue(UdpHeader.IsValid(buf, 0, 20));
            Assert.IsFalse(UdpHeader.IsValid(buf, 0, 19));
            UdpHeader.SetDatagramLength(buf, 0, 7);
            Assert.IsFalse(UdpHeader.IsValid(buf, 0, 20));
            UdpHeader.SetDatagramLength(buf, 0, 8);
            Assert.IsTrue(UdpHeader.IsValid(buf, 0, 20));
            Assert.IsFalse(UdpHeader.IsValid(buf, 0, 7));
        }

        [TestMethod]
        public void UdpChecksumOfZeroIsSentAsAllOnesAndZeroMeansNone()
        {
            // Find a datagram whose checksum computes to zero by adjusting one data word.
            byte[] buf = new byte[10];
            UdpHeader.SetSourcePort(buf, 0, 1);
            UdpHeader.SetDestinationPort(buf, 0, 2);
            UdpHeader.SetDatagramLength(buf, 0, 10);
            uint pseudo = InternetChecksum.PseudoHeaderSum(0x0A000001, 0x0A000002, 17, 10);
            ushort natural = InternetChecksum.Compute(buf, 0, 10, pseudo);
            Bytes.WriteUInt16(buf, 8, natural);
            Assert.AreEqual((ushort)0, InternetChecksum.Compute(buf, 0, 10, pseudo));
            UdpHeader.FillChecksum(buf, 0, 10, 0x0A000001, 0x0A000002);
            Assert.AreEqual((ushort)0xFFFF, UdpHeader.Checksum(buf, 0));
            Assert.IsTrue(UdpHeader.ChecksumIsCorrect(buf, 0, 10, 0x0A000001, 0x0A000002));
            UdpHeader.SetChecksum(buf, 0, 0);
            Assert.IsTrue(UdpHeader.ChecksumIsCorrect(buf, 0, 10, 0x0A000009, 0x0A000002), "zero: no checksum");
        }
    }
}
