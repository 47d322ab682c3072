#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using NanoTcp.Http;

namespace NanoTcp.Tests.Http
{
    [TestClass]
    public class HttpAsciiTests
    {
        private static string Decimal(long value)
        {
            byte[] buffer = new byte[24];
            buffer[0] = (byte)'x';
            int end = HttpAscii.WriteDecimal(buffer, 1, value);
            return Text.Ascii(buffer, 0, end);
        }

        [TestMethod]
        public void WriteDecimalWritesZeroAsOneDigit()
        {
            Assert.AreEqual("x0", Decimal(0));
        }

        [TestMethod]
        public void WriteDecimalWritesEveryDigitAtTheOffset()
        {
            Assert.AreEqual("x1234567890", Decimal(1234567890));
            Assert.AreEqual("x10", Decimal(10));
            Assert.AreEqual("x9", Decimal(9));
        }

        [TestMethod]
        public void WriteDecimalWritesTheExtremesOfLong()
        {
            Assert.AreEqual("x9223372036854775807", Decimal(long.MaxValue));
            Assert.AreEqual("x-9223372036854775808", Decimal(long.MinValue));
            Assert.AreEqual("x-42", Decimal(-42));
        }

        [TestMethod]
        public void DecimalLengthCountsDigits()
        {
            Assert.AreEqual(1, HttpAscii.DecimalLength(0));
            Assert.AreEqual(1, HttpAscii.DecimalLength(9));
            Assert.AreEqual(2, HttpAscii.DecimalLength(10));
            Assert.AreEqual(19, HttpAscii.DecimalLength(long.MaxValue));
        }

        [TestMethod]
        public void WriteHexFixedPadsWithLeadingZeros()
        {
            byte[] buffer = new byte[4];
            Assert.AreEqual(4, HttpAscii.WriteHexFixed(buffer, 0, 0x2A, 4));
            Assert.AreEqual("002a", Text.Ascii(buffer, 0, 4));
            HttpAscii.WriteHexFixed(buffer, 0, 0xFFFF, 4);
            Assert.AreEqual("ffff", Text.Ascii(buffer, 0, 4));
        }

        [TestMethod]
        public void WriteIpv4WritesDottedDecimalInNetworkOrder()
        {
            byte[] buffer = new byte[16];
            int end = HttpAscii.WriteIpv4(buffer, 0, 0xC0A80A01);
            Assert.AreEqual("192.168.10.1", Text.Ascii(buffer, 0, end));
            end = HttpAscii.WriteIpv4(buffer, 0, 0);
            Assert.AreEqual("0.0.0.0", Text.Ascii(buffer, 0, end));
        }

        [TestMethod]
        public void TryParseDecimalAcceptsUpTo18Digits()
        {
            byte[] buffer = HttpAscii.Encode("x999999999999999999x");
            long value;
            Assert.IsTrue(HttpAscii.TryParseDecimal(buffer, 1, 18, out value));
            Assert.AreEqual(999999999999999999L, value);
            Assert.IsTrue(HttpAscii.TryParseDecimal(buffer, 1, 1, out value));
            Assert.AreEqual(9L, value);
        }

        [TestMethod]
        public void TryParseDecimalRejectsEmptySignedLongAndNonDigitFields()
        {
            long value;
            byte[] tooLong = HttpAscii.Encode("1234567890123456789");
            Assert.IsFalse(HttpAscii.TryParseDecimal(tooLong, 0, 19, out value));
            Assert.IsFalse(HttpAscii.TryParseDecimal(tooLong, 0, 0, out value));
            Assert.IsFalse(HttpAscii.TryParseDecimal(HttpAscii.Encode("-1"), 0, 2, out value));
            Assert.IsFalse(HttpAscii.TryParseDecimal(HttpAscii.Encode("1 2"), 0, 3, out value));
            Assert.IsFalse(HttpAscii.TryParseDecimal(HttpAscii.Encode("0x10"), 0, 4, out value));
        }

        [TestMethod]
        public void EqualsIgnoreCaseFoldsOnlyAsciiLetters()
        {
            byte[] buffer = HttpAscii.Encode("Content-LENGTH");
            Assert.IsTrue(HttpAscii.EqualsIgnoreCase(buffer, 0, buffer.Length, "content-length"));
            Assert.IsFalse(HttpAscii.EqualsIgnoreCase(buffer, 0, buffer.Length, "content_length"));
            Assert.IsFalse(HttpAscii.EqualsIgnoreCase(buffer, 0, buffer.Length - 1, "content-length"));
        }

        [TestMethod]
        public void EncodeReplacesNonAsciiWithQuestionMark()
        {
            byte[] bytes = HttpAscii.Encode("a\u00e9b");
            Assert.AreEqual(3, bytes.Length);
            Assert.AreEqual((byte)'?', bytes[1]);
        }
    }
}
