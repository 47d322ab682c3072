#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using NanoTcp.Wire;

namespace NanoTcp.Tests.Wire
{
    /// <summary>The mDNS additions to DNS messages, and the IPv4 group MAC (RFC 6762, RFC 1112 §6.4).</summary>
    [TestClass]
    public class MdnsMessageTests
    {
        [TestMethod]
        public void AnAddressRecordsFieldsAreWrittenAtAnOffset()
        {
            byte[] buf = new byte[40];
            int end = MdnsMessage.WriteAddressFields(buf, 7, DnsMessage.ClassInternet | MdnsMessage.ClassCacheFlush, 120, 0x0A000001);
            Assert.AreEqual(7 + 14, end);
            Assert.AreEqual((int)DnsMessage.TypeA, (int)Bytes.ReadUInt16(buf, 7));
            Assert.AreEqual(0x8001, (int)Bytes.ReadUInt16(buf, 9), "class IN with the cache-flush bit");
            Assert.AreEqual(120u, Bytes.ReadUInt32(buf, 11));
            Assert.AreEqual(4, (int)Bytes.ReadUInt16(buf, 15));
            Assert.AreEqual(0x0A000001u, Bytes.ReadUInt32(buf, 17));
            Assert.AreEqual(0, (int)buf[6], "nothing before");
            Assert.AreEqual(0, (int)buf[21], "nothing after");
        }

        [TestMethod]
        public void APointerToTheFirstNameIsC00C()
        {
            byte[] buf = new byte[8];
            Assert.AreEqual(5, MdnsMessage.WritePointerToFirstName(buf, 3));
            Assert.AreEqual(0xC0, (int)buf[3]);
            Assert.AreEqual(0x0C, (int)buf[4]);
        }

        [TestMethod]
        public void TheGroupMacKeepsTheLow23BitsOfTheAddress()
        {
            byte[] buf = new byte[10];
            EthernetHeader.SetIpv4MulticastDestination(buf, 2, MdnsMessage.GroupAddress);
            byte[] expected = { 0x01, 0x00, 0x5E, 0x00, 0x00, 0xFB };
            Assert.IsTrue(Bytes.Equal(buf, 2, expected, 0, 6), "01:00:5e:00:00:fb");
            Assert.IsTrue(EthernetHeader.IsIpv4MulticastDestination(buf, 2, MdnsMessage.GroupAddress));
            Assert.IsTrue(EthernetHeader.IsIpv4MulticastDestination(buf, 2, 0xE08000FB), "224.128.0.251 shares the MAC (bit 24 dropped)");
            Assert.IsFalse(EthernetHeader.IsIpv4MulticastDestination(buf, 2, 0xE00000FC));
            Assert.IsTrue(EthernetHeader.IsGroup(buf, 2));
        }
    }
}
