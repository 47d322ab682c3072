#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using NanoTcp.Tcp;
using NanoTcp.Wire;

namespace NanoTcp.Tests.Tcp
{
    /// <summary>RFC 1122 §4.2.3.5: TCP gives up on data only after R2, a retransmission count and a time (≥ 100 s), counted.</summary>
    [TestClass]
    public sealed class TcpGiveUpTests
    {
        /// <summary>Runs every timer due up to <paramref name="time"/>, one deadline at a time, then moves the clock there.</summary>
        private static void RunTo(TcpHarness h, long time)
        {
            for (long next = h.Layer.Poll(h.Now); next <= time; next = h.Layer.Poll(h.Now))
            {
                h.Advance(next - h.Now);
            }

            h.Advance(time - h.Now);
        }

        [TestMethod]
        public void UnansweredDataIsRetransmittedForTheWholeR2TimeEvenAfterTheCountIsReachedThenResetAndCounted()
        {
            var h = new TcpHarness(new TcpConfiguration { MaximumRetransmissions = 3, MaximumRetransmissionTimeout = 2000, MaximumRetransmissionTime = 100000 });
            TcpConnection c = h.OpenActive(5000, out uint iss);
            c.TrySend(new byte[10], 0, 10);
            h.Next();
            long sent = h.Now;

            // Expiries at +1 s, then every 2 s (the RTO bound): R2 starts at the first, so it ends at +101 s.
            RunTo(h, sent + 100999);
            Assert.AreEqual(TcpState.Established, c.State, "still retrying 100 s after the first retransmission");
            Assert.AreEqual(50, h.Layer.Counters.RetransmissionTimeouts);
            Assert.AreEqual(0, h.Layer.Counters.ConnectionsTimedOut);
            while (h.Ip.Sent.Count > 0)
            {
                Assert.AreEqual(iss + 1, h.Next().Seq, "every retry resends the first byte");
            }

            RunTo(h, sent + 101000);
            h.Expect(TcpHeader.Rst, iss + 11, 0);
            Assert.AreEqual(TcpState.Closed, c.State);
            Assert.AreEqual(TcpError.TimedOut, c.Error);
            Assert.AreEqual(1, h.Layer.Counters.ConnectionsTimedOut);
        }

        [TestMethod]
        public void WithNoR2TimeTheConnectionIsGivenUpAtTheRetransmissionCount()
        {
            var h = new TcpHarness(new TcpConfiguration { MaximumRetransmissions = 3, MaximumRetransmissionTimeout = 2000, MaximumRetransmissionTime = 0 });
            TcpConnection c = h.OpenActive(5000, out uint iss);
            c.TrySend(new byte[10], 0, 10);
            h.Next();
            long sent = h.Now;
            RunTo(h, sent + 7000);
            Assert.AreEqual(TcpState.Closed, c.State, "three retries at +1, +3, +5 s, given up at +7 s");
            Assert.AreEqual(1, h.Layer.Counters.ConnectionsTimedOut);
        }
    }
}
