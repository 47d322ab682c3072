#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using NanoTcp.Wire;

namespace NanoTcp.Tests.Wire
{
    [TestClass]
    public class EthernetHeaderTests
    {
        [TestMethod]
        public void IsValidNeedsFourteenBytesInsideTheBuffer()
        {
            byte[] buf = new byte[20];
            Assert.IsTrue(EthernetHeader.IsValid(buf, 6, 14));
            Assert.IsFalse(EthernetHeader.IsValid(buf, 6, 13));
            Assert.IsFalse(EthernetHeader.IsValid(buf, 7, 14));
            Assert.IsFalse(EthernetHeader.IsValid(buf, 0, -1));
        }

        [TestMethod]
        public void ReadsAndWritesAddressesAndEtherType()
        {
            byte[] buf = new byte[16];
            byte[] mac = new byte[] { 9, 2, 3, 4, 5, 6, 7 };
            EthernetHeader.SetDestination(buf, 2, mac, 1);
            EthernetHeader.SetSource(buf, 2, mac, 0);
            EthernetHeader.SetEtherType(buf, 2, EthernetHeader.EtherTypeArp);
            Assert.AreEqual((byte)2, buf[2]);
            Assert.AreEqual((byte)7, buf[7]);
            Assert.AreEqual((byte)9, buf[8]);
            Assert.AreEqual((byte)6, buf[13]);
            Assert.AreEqual((ushort)0x0806, EthernetHeader.EtherType(buf, 2));
            Assert.AreEqual((byte)0x08, buf[14]);
        }

        [TestMethod]
        public void BroadcastAndGroupAddressesAreRecognised()
        {
            byte[] buf = new byte[14];
            EthernetHeader.SetBroadcastDestination(buf, 0);
            Assert.IsTrue(EthernetHeader.IsBroadcast(buf, 0));
            Assert.IsTrue(EthernetHeader.IsGroup(buf, 0));
            buf[5] = 0xFE;
            Assert.IsFalse(EthernetHeader.IsBroadcast(buf, 0));
            buf[0] = 0x02;
            Assert.IsFalse(EthernetHeader.IsGroup(buf, 0));
        }
    }
}
