using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace NanoTcp.Tests.Host.Enc28j60Driver
{
    /// <summary>
    /// TCP through driver + chip model: a NanoTcp stack with TCP on the driver and a plain NanoTcp stack with TCP on the
    /// same in-memory wire, manual clock, every errata switch of the model on (half duplex: a false late collision every
    /// 5th transmission, errata 13). 1 MB each way at once, byte-exact.
    /// </summary>
    [TestClass]
    public class Enc28j60LinkTcpTests
    {
        private const int Megabyte = 1 << 20;

        public TestContext TestContext { get; set; }

        [TestMethod]
        [DataRow(true, true, DisplayName = "INT pin, full duplex")]
        [DataRow(false, true, DisplayName = "polling, full duplex")]
        [DataRow(true, false, DisplayName = "INT pin, half duplex")]
        [DataRow(false, false, DisplayName = "polling, half duplex")]
        public void OneMegabyteEachWayOverTcpArrivesByteExact(bool useInterruptPin, bool fullDuplex)
        {
            var p = new TcpOverDriver(useInterruptPin, fullDuplex);
            long ms = p.TransferBothWays(Megabyte, 600000);
            TestContext.WriteLine("1 MB each way: " + ms + " ms of the manual clock; " + p.Describe());
            var s = p.H.Link.Statistics;
            Assert.AreEqual(0L, s.ReceiveOverflows + s.ReceiveHeaderErrors + s.ReceiveResets + s.TransmitAborts + s.TransmitTimeouts, p.Describe());
            if (fullDuplex)
            {
                Assert.AreEqual(0L, s.TransmitRetries, "full duplex never retries");
            }
            else
            {
                // Errata 13 on: every 5th transmission is a false late collision, retransmitted by the driver.
                Assert.AreEqual(p.H.Chip.Counters.TransmitAborts, s.TransmitRetries, "each false late collision retried once");
                Assert.IsTrue(s.TransmitRetries > s.FramesSent / 6, "retries " + s.TransmitRetries + " of " + s.FramesSent + " frames");
            }

            Assert.AreEqual(0, p.ChipTcp.Counters.Retransmissions + p.PlainTcp.Counters.Retransmissions, "no TCP retransmission on a clean wire: " + p.Describe());
            p.H.AssertNoMisuse();
        }
    }
}
