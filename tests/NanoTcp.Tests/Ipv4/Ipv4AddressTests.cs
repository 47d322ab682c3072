#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using System;
using NanoTcp.Ipv4;

namespace NanoTcp.Tests.Ipv4
{
    [TestClass]
    public class Ipv4AddressTests
    {
        [TestMethod]
        public void DottedDecimalParsesToTheStacksAddressValue()
        {
            uint address;
            Assert.IsTrue(Ipv4Address.TryParse("192.168.1.250", out address));
            Assert.AreEqual(0xC0A801FAu, address);
            Assert.IsTrue(Ipv4Address.TryParse("0.0.0.0", out address));
            Assert.AreEqual(0u, address);
            Assert.IsTrue(Ipv4Address.TryParse("255.255.255.255", out address));
            Assert.AreEqual(0xFFFFFFFFu, address);
            Assert.AreEqual(0x0A004D02u, Ipv4Address.Parse("10.0.77.2"));
        }

        [TestMethod]
        public void MalformedTextIsRefusedWithoutAnException()
        {
            string[] bad =
            {
                null, "", ".", "1.2.3", "1.2.3.4.5", "1.2.3.4.", ".1.2.3.4", "1..2.3", "256.1.1.1", "1.2.3.1000",
                "1.2.3.0004", " 1.2.3.4", "1.2.3.4 ", "+1.2.3.4", "-1.2.3.4", "1.2.3.a", "1,2,3,4", "999.999.999.999",
            };
            for (int i = 0; i < bad.Length; i++)
            {
                uint address = 7;
                Assert.IsFalse(Ipv4Address.TryParse(bad[i], out address), "refused: '" + bad[i] + "'");
                Assert.AreEqual(0u, address, "no address from '" + bad[i] + "'");
            }
        }

        [TestMethod]
        public void ParseOfMalformedTextThrowsArgumentException()
        {
            NanoTcp.Tests.Support.Expect.Throws(typeof(ArgumentException), () => Ipv4Address.Parse("192.168.1"));
        }

        [TestMethod]
        public void FormatWritesDottedDecimalAndParsesBack()
        {
            Assert.AreEqual("192.168.1.250", Ipv4Address.Format(0xC0A801FA));
            Assert.AreEqual("0.0.0.0", Ipv4Address.Format(0));
            Assert.AreEqual("255.255.255.255", Ipv4Address.Format(0xFFFFFFFF));
            Assert.AreEqual(0x0A00010Bu, Ipv4Address.Parse(Ipv4Address.Format(0x0A00010B)));
        }
    }
}
