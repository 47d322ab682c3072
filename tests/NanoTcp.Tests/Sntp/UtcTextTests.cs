#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using NanoTcp.Sntp;

namespace NanoTcp.Tests.Sntp
{
    [TestClass]
    public class UtcTextTests
    {
        private static string Text(long unixMilliseconds)
        {
            var buffer = new byte[UtcText.Length + 3];
            int length = UtcText.Write(unixMilliseconds, buffer, 3);
            Assert.AreEqual(UtcText.Length, length);
            var chars = new char[length];
            for (int i = 0; i < length; i++)
            {
                chars[i] = (char)buffer[3 + i];
            }

            return new string(chars);
        }

        [TestMethod]
        public void TheEpochAndDaysAroundLeapDaysAreWrittenAsRfc3339()
        {
            Assert.AreEqual("1970-01-01T00:00:00.000Z", Text(0));
            Assert.AreEqual("2000-02-29T12:34:56.789Z", Text(951827696789));
            Assert.AreEqual("2000-03-01T00:00:00.000Z", Text(951868800000));
            Assert.AreEqual("2026-12-06T00:00:00.000Z", Text(1796515200000));
            Assert.AreEqual("2036-02-07T06:28:16.000Z", Text(2085978496000));
            Assert.AreEqual("2100-03-01T00:00:00.000Z", Text(4107542400000), "2100 is no leap year");
        }

        [TestMethod]
        public void TimesBefore1970AreWritten()
        {
            Assert.AreEqual("1969-12-31T23:59:59.999Z", Text(-1));
        }
    }
}
