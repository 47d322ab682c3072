#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using NanoTcp.Sntp;

namespace NanoTcp.Tests.Sntp
{
    [TestClass]
    public class NtpTimestampTests
    {
        // 2026-12-06T00:00:00Z: Unix 1796515200 s, NTP 4005504000 s (era 0).
        private const long Day = 1796515200000;
        private const uint DaySeconds = 4005504000;

        [TestMethod]
        public void AnEra0TimestampGivesUnixMilliseconds()
        {
            Assert.AreEqual(Day, NtpTimestamp.ToUnixMilliseconds(DaySeconds, 0, Day));
            Assert.AreEqual(Day, NtpTimestamp.ToUnixMilliseconds(DaySeconds, 0, NtpTimestamp.Era1UnixMilliseconds), "RFC 4330 §3 rule: high bit set is era 0");
            Assert.AreEqual(0L, NtpTimestamp.ToUnixMilliseconds(2208988800, 0, NtpTimestamp.Era1UnixMilliseconds), "1970-01-01");
        }

        [TestMethod]
        public void SecondsWithoutTheHighBitAreEra1()
        {
            Assert.AreEqual(2085978496000L, NtpTimestamp.Era1UnixMilliseconds, "2036-02-07T06:28:16Z");
            Assert.AreEqual(NtpTimestamp.Era1UnixMilliseconds + 10000, NtpTimestamp.ToUnixMilliseconds(10, 0, NtpTimestamp.Era1UnixMilliseconds));
            Assert.AreEqual(NtpTimestamp.Era1UnixMilliseconds + 10000, NtpTimestamp.ToUnixMilliseconds(10, 0, Day), "nearest the pivot, across the boundary");
        }

        [TestMethod]
        public void TheEraNearestThePivotIsChosen()
        {
            long era2 = NtpTimestamp.Era1UnixMilliseconds + NtpTimestamp.EraSeconds * 1000;
            Assert.AreEqual(era2 - 1000, NtpTimestamp.ToUnixMilliseconds(0xFFFFFFFF, 0, era2 + 1000), "just before era 2, pivot just after");
            Assert.AreEqual(era2 + 1000, NtpTimestamp.ToUnixMilliseconds(1, 0, era2 - 1000), "just after era 2, pivot just before");
        }

        [TestMethod]
        public void TheFractionIsRoundedToTheNearestMillisecond()
        {
            Assert.AreEqual(0L, NtpTimestamp.FractionToMilliseconds(0));
            Assert.AreEqual(500L, NtpTimestamp.FractionToMilliseconds(0x80000000));
            Assert.AreEqual(250L, NtpTimestamp.FractionToMilliseconds(0x40000000));
            Assert.AreEqual(1000L, NtpTimestamp.FractionToMilliseconds(0xFFFFFFFF));
            Assert.AreEqual(1L, NtpTimestamp.FractionToMilliseconds(4294968), "1 ms is 4294967.296 units");
            Assert.AreEqual(Day + 1000, NtpTimestamp.ToUnixMilliseconds(DaySeconds, 0xFFFFFFFF, Day), "rounding carries into the second");
        }

        [TestMethod]
        public void UnixMillisecondsGiveSecondsAndFractionThatConvertBack()
        {
            long utc = Day + 123;
            Assert.AreEqual(DaySeconds, NtpTimestamp.SecondsOf(utc));
            Assert.AreEqual(528280977u, NtpTimestamp.FractionOf(utc), "0.123 * 2^32, truncated");
            Assert.AreEqual(utc, NtpTimestamp.ToUnixMilliseconds(NtpTimestamp.SecondsOf(utc), NtpTimestamp.FractionOf(utc), utc));
            Assert.AreEqual(0u, NtpTimestamp.SecondsOf(NtpTimestamp.Era1UnixMilliseconds), "seconds wrap at era 1");
            Assert.AreEqual(2208988799u, NtpTimestamp.SecondsOf(-1), "before 1970 rounds down");
            Assert.AreEqual(NtpTimestamp.FractionOf(999), NtpTimestamp.FractionOf(-1));
        }
    }
}
