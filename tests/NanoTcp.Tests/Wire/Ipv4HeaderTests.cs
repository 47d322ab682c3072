#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using NanoTcp.Wire;

namespace NanoTcp.Tests.Wire
{
    [TestClass]
    public class Ipv4HeaderTests
    {
        private static byte[] Packet(int payload)
        {
            byte[] buf = new byte[1 + 20 + payload + 4];
            Ipv4Header.Write(buf, 1, 20 + payload, 0x1234, 64, Ipv4Header.ProtocolUdp, 0xC0A80001, 0xC0A800C7);
            return buf;
        }

        [TestMethod]
        public void WriteProducesAHeaderThatReadsBackAndVerifies()
        {
            byte[] buf = Packet(8);
            Assert.IsTrue(Ipv4Header.IsValid(buf, 1, 28));
            Assert.IsTrue(Ipv4Header.ChecksumIsCorrect(buf, 1));
            Assert.AreEqual(4, Ipv4Header.Version(buf, 1));
            Assert.AreEqual(20, Ipv4Header.HeaderLength(buf, 1));
            Assert.AreEqual((byte)0, Ipv4Header.TypeOfService(buf, 1));
            Assert.AreEqual(28, Ipv4Header.TotalLength(buf, 1));
            Assert.AreEqual((ushort)0x1234, Ipv4Header.Identification(buf, 1));
            Assert.AreEqual(Ipv4Header.DontFragment, Ipv4Header.FlagsAndFragmentOffset(buf, 1));
            Assert.IsFalse(Ipv4Header.IsFragment(buf, 1));
            Assert.AreEqual((byte)64, Ipv4Header.Ttl(buf, 1));
            Assert.AreEqual(Ipv4Header.ProtocolUdp, Ipv4Header.Protocol(buf, 1));
            Assert.AreEqual(0xC0A80001u, Ipv4Header.Source(buf, 1));
            Assert.AreEqual(0xC0A800C7u, Ipv4Header.Destination(buf, 1));
        }

        [TestMethod]
        public void PaddingAfterThePacketIsAllowed()
        {
            byte[] buf = Packet(8);
            Assert.IsTrue(Ipv4Header.IsValid(buf, 1, 32));
        }

        [TestMethod]
        public void TotalLengthBeyondTheFrameIsInvalid()
        {
            byte[] buf = Packet(8);
            Assert.IsFalse(Ipv4Header.IsValid(buf, 1, 27));
        }

        [TestMethod]
        public void VersionOtherThanFourIsInvalid()
        {
            byte[] buf = Packet(8);
            buf[1] = 0x65;
            Assert.IsFalse(Ipv4Header.IsValid(buf, 1, 28));
        }

        [TestMethod]
        public void HeaderLengthBelowFiveWordsOrAboveTotalLengthIsInvalid()
        {
            byte[] buf = Packet(8);
            buf[1] = 0x44;
            Assert.IsFalse(Ipv4Header.IsValid(buf, 1, 28));
            buf[1] = 0x48;
            Assert.IsFalse(Ipv4Header.IsValid(buf, 1, 28), "32-byte header in a 28-byte packet");
            buf[1] = 0x47;
            Assert.IsTrue(Ipv4Header.IsValid(buf, 1, 28));
        }

        [TestMethod]
        public void FewerThanTwentyBytesAreInvalid()
        {
            byte[] buf = Packet(0);
            for (int length = 0; length < 20; length++)
            {
                Assert.IsFalse(Ipv4Header.IsValid(buf, 1, length));
            }
        }

        [TestMethod]
        public void AnyChangedHeaderByteFailsTheChecksum()
        {
            for (int i = 0; i < 20; i++)
            {
                byte[] buf = Packet(0);
                buf[1 + i] ^= 0x10;
                Assert.IsFalse(Ipv4Header.ChecksumIsCorrect(buf, 1), "byte " + i);
            }
        }

        [TestMethod]
        public void MoreFragmentsOrAnOffsetMakesAFragment()
        {
            byte[] buf = Packet(8);
            Ipv4Header.SetFlagsAndFragmentOffset(buf, 1, Ipv4Header.MoreFragments);
            Assert.IsTrue(Ipv4Header.IsFragment(buf, 1));
            Ipv4Header.SetFlagsAndFragmentOffset(buf, 1, 0x0001);
            Assert.IsTrue(Ipv4Header.IsFragment(buf, 1));
            Assert.AreEqual(8, Ipv4Header.FragmentOffset(buf, 1));
        }
    }
}
