#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using NanoTcp.Drivers.Enc28j60;

namespace NanoTcp.Tests.Enc28j60Driver
{
    /// <summary>Counters of the driver, fed through its internal counting methods.</summary>
    [TestClass]
    public class Enc28j60StatisticsTests
    {
        [TestMethod]
        public void HeaderResultsAreCountedUnderTheirReason()
        {
            var statistics = new Enc28j60Statistics();
            statistics.CountHeaderResult(ReceiveHeader.CrcError);
            statistics.CountHeaderResult(ReceiveHeader.NotReceivedOk);
            statistics.CountHeaderResult(ReceiveHeader.NotReceivedOk);
            statistics.CountHeaderResult(ReceiveHeader.NextPointerOdd);
            statistics.CountHeaderResult(ReceiveHeader.ByteCountOutOfRange);
            statistics.CountHeaderResult(ReceiveHeader.Valid);
            Assert.AreEqual(1L, statistics.ReceiveCrcErrors);
            Assert.AreEqual(2L, statistics.ReceiveNotOk);
            Assert.AreEqual(2L, statistics.ReceiveHeaderErrors);
            Assert.AreEqual(0L, statistics.FramesReceived);
        }

        [TestMethod]
        public void FramesAndBytesAddUp()
        {
            var statistics = new Enc28j60Statistics();
            statistics.CountReceived(60);
            statistics.CountReceived(1514);
            statistics.CountSent(42);
            Assert.AreEqual(2L, statistics.FramesReceived);
            Assert.AreEqual(1574L, statistics.BytesReceived);
            Assert.AreEqual(1L, statistics.FramesSent);
            Assert.AreEqual(42L, statistics.BytesSent);
        }

        [TestMethod]
        public void ClearSetsEveryCounterToZero()
        {
            var statistics = new Enc28j60Statistics();
            statistics.CountReceived(60);
            statistics.CountSent(60);
            statistics.CountHeaderResult(ReceiveHeader.CrcError);
            statistics.CountHeaderResult(ReceiveHeader.NotReceivedOk);
            statistics.CountHeaderResult(ReceiveHeader.NextPointerMismatch);
            statistics.CountReceiveTooLong();
            statistics.CountReceiveOverflow();
            statistics.CountReceiveReset();
            statistics.CountTransmitRetry();
            statistics.CountTransmitAbort();
            statistics.CountTransmitTimeout();
            statistics.CountTransmitDroppedLinkDown();
            statistics.CountTransmitDroppedLength();
            statistics.CountLinkChange();
            statistics.CountInterruptService();
            statistics.Clear();
            Assert.AreEqual(0L, statistics.FramesReceived + statistics.BytesReceived + statistics.FramesSent + statistics.BytesSent);
            Assert.AreEqual(0L, statistics.ReceiveCrcErrors + statistics.ReceiveNotOk + statistics.ReceiveTooLong + statistics.ReceiveOverflows);
            Assert.AreEqual(0L, statistics.ReceiveHeaderErrors + statistics.ReceiveResets + statistics.TransmitRetries + statistics.TransmitAborts);
            Assert.AreEqual(0L, statistics.TransmitTimeouts + statistics.TransmitDroppedLinkDown + statistics.TransmitDroppedLength);
            Assert.AreEqual(0L, statistics.LinkChanges + statistics.InterruptServices);
        }
    }
}
