#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using NanoTcp.Wire;

namespace NanoTcp.Tests.Wire
{
    [TestClass]
    public class ArpPacketTests
    {
        private static byte[] Request()
        {
            byte[] buf = new byte[30];
            byte[] mac = new byte[] { 0x02, 0, 0, 0, 0, 0x05 };
            ArpPacket.Write(buf, 2, ArpPacket.OperationRequest, mac, 0, 0x0A000005, null, 0, 0x0A000001);
            return buf;
        }

        [TestMethod]
        public void WrittenRequestReadsBack()
        {
            byte[] buf = Request();
            Assert.IsTrue(ArpPacket.IsValid(buf, 2, 28));
            Assert.AreEqual((ushort)1, ArpPacket.HardwareType(buf, 2));
            Assert.AreEqual((ushort)0x0800, ArpPacket.ProtocolType(buf, 2));
            Assert.AreEqual(6, ArpPacket.HardwareLength(buf, 2));
            Assert.AreEqual(4, ArpPacket.ProtocolLength(buf, 2));
            Assert.AreEqual(ArpPacket.OperationRequest, ArpPacket.Operation(buf, 2));
            Assert.AreEqual((byte)0x05, buf[ArpPacket.SenderHardwareAddressOffset(2) + 5]);
            Assert.AreEqual(0x0A000005u, ArpPacket.SenderProtocolAddress(buf, 2));
            Assert.AreEqual((byte)0, buf[ArpPacket.TargetHardwareAddressOffset(2)]);
            Assert.AreEqual(0x0A000001u, ArpPacket.TargetProtocolAddress(buf, 2));
        }

        [TestMethod]
        public void ShortOrNonEthernetIpv4PacketsAreInvalid()
        {
            byte[] buf = Request();
            Assert.IsFalse(ArpPacket.IsValid(buf, 2, 27));
            buf[3] = 6;
            Assert.IsFalse(ArpPacket.IsValid(buf, 2, 28), "hardware type 6");
            buf = Request();
            buf[4] = 0x86;
            Assert.IsFalse(ArpPacket.IsValid(buf, 2, 28), "protocol type");
            buf = Request();
            buf[6] = 8;
            Assert.IsFalse(ArpPacket.IsValid(buf, 2, 28), "hardware length");
            buf = Request();
            buf[7] = 16;
            Assert.IsFalse(ArpPacket.IsValid(buf, 2, 28), "protocol length");
        }
    }
}
