#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using NanoTcp.Wire;

namespace NanoTcp.Tests.Wire
{
    [TestClass]
    public class DhcpMessageTests
    {
        private static byte[] Offer()
        {
            byte[] buf = new byte[300];
            byte[] mac = new byte[] { 2, 0, 0, 0, 0, 1 };
            DhcpMessage.WriteFixed(buf, 0, DhcpMessage.OpBootReply, 0xCAFEBABE, 3, DhcpMessage.FlagBroadcast, 0, 0x0A000032, mac, 0);
            int at = DhcpMessage.OptionsOffset;
            buf[at++] = DhcpOptions.Pad;
            at = DhcpOptions.WriteByte(buf, at, DhcpOptions.MessageType, DhcpMessage.TypeOffer);
            at = DhcpOptions.WriteUInt32(buf, at, DhcpOptions.ServerIdentifier, 0x0A0000C8);
            buf[at] = DhcpOptions.End;
            return buf;
        }

        [TestMethod]
        public void FixedFieldsAndOptionsReadBack()
        {
            byte[] buf = Offer();
            Assert.IsTrue(DhcpMessage.IsValid(buf, 0, 300));
            Assert.AreEqual(DhcpMessage.OpBootReply, DhcpMessage.Op(buf, 0));
            Assert.AreEqual(0xCAFEBABEu, DhcpMessage.TransactionId(buf, 0));
            Assert.AreEqual((ushort)3, DhcpMessage.Seconds(buf, 0));
            Assert.AreEqual(DhcpMessage.FlagBroadcast, DhcpMessage.Flags(buf, 0));
            Assert.AreEqual(0x0A000032u, DhcpMessage.YourAddress(buf, 0));
            Assert.AreEqual(0u, DhcpMessage.ClientAddress(buf, 0));
            Assert.AreEqual(0u, DhcpMessage.ServerAddress(buf, 0));
            Assert.AreEqual(0u, DhcpMessage.GatewayAddress(buf, 0));
            Assert.AreEqual((byte)1, buf[DhcpMessage.ClientHardwareAddressOffset(0) + 5]);
            Assert.AreEqual((int)DhcpMessage.TypeOffer, DhcpOptions.FindByte(buf, 240, 60, DhcpOptions.MessageType));
            Assert.AreEqual(0x0A0000C8u, DhcpOptions.FindUInt32(buf, 240, 60, DhcpOptions.ServerIdentifier, 0));
            Assert.AreEqual(7u, DhcpOptions.FindUInt32(buf, 240, 60, DhcpOptions.Router, 7));
        }

        [TestMethod]
        public void WrongCookieOrShortMessageIsInvalid()
        {
            byte[] buf = Offer();
            Assert.IsFalse(DhcpMessage.IsValid(buf, 0, 239));
            buf[239] = 0;
            Assert.IsFalse(DhcpMessage.IsValid(buf, 0, 300));
        }

        [TestMethod]
        public void OptionRunningPastTheMessageIsInvalid()
        {
            byte[] buf = Offer();
            buf[250] = DhcpOptions.HostName;
            buf[251] = 100;
            Assert.IsFalse(DhcpMessage.IsValid(buf, 0, 300));
            Assert.AreEqual(-1, DhcpOptions.Find(buf, 240, 60, DhcpOptions.Router));
        }

        [TestMethod]
        public void CodeWithoutALengthByteAtTheEndIsInvalid()
        {
            byte[] buf = new byte[] { 1, 1, 0, 53 };
            Assert.IsFalse(DhcpOptions.IsValid(buf, 0, 4));
            Assert.IsTrue(DhcpOptions.IsValid(buf, 0, 3));
        }

        [TestMethod]
        public void OptionOfTheWrongSizeIsNotRead()
        {
            byte[] buf = new byte[] { DhcpOptions.MessageType, 2, 1, 1, DhcpOptions.SubnetMask, 3, 255, 255, 255, DhcpOptions.End };
            Assert.AreEqual(-1, DhcpOptions.FindByte(buf, 0, buf.Length, DhcpOptions.MessageType));
            Assert.AreEqual(9u, DhcpOptions.FindUInt32(buf, 0, buf.Length, DhcpOptions.SubnetMask, 9));
        }
    }
}
