#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using System;

namespace NanoTcp.Tests.Enc28j60Driver
{
    /// <summary>
    /// TCP through driver + chip model: a NanoTcp stack with TCP on the driver and a plain NanoTcp stack with TCP on the
    /// same in-memory wire, manual clock, every errata switch of the model on (half duplex: a false late collision every
    /// 5th transmission, errata 13). 1 MB (64 KB on nanoCLR) each way at once, byte-exact.
    /// </summary>
    [TestClass]
    public class Enc28j60LinkTcpTests
    {
        /// <summary>1 MB each way on .NET, 64 KB on nanoCLR (<see cref="TcpOverDriver.TransferSize"/>).</summary>
        private const int Size = TcpOverDriver.TransferSize;

        [TestMethod]
        [DataRow(true, true)]
        [DataRow(false, true)]
        [DataRow(true, false)]
        [DataRow(false, false)]
        public void ABulkTransferEachWayOverTcpArrivesByteExact(bool useInterruptPin, bool fullDuplex)
        {
            var p = new TcpOverDriver(useInterruptPin, fullDuplex);
            long ms = p.TransferBothWays(Size, 600000);
            Console.WriteLine(Size + " B each way: " + ms + " ms of the manual clock; " + p.Describe());
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
