#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using NanoTcp.Tcp;
using NanoTcp.Wire;

namespace NanoTcp.Tests.Tcp
{
    [TestClass]
    public class TcpSynFloodTests
    {
        private const int S = TcpHeader.Syn;
        private const int A = TcpHeader.Ack;
        private const int P = TcpHeader.Psh;

        [TestMethod]
        public void HalfOpenConnectionsAreBoundedAndFurtherSynsGetCookiesWithoutState()
        {
            var h = new TcpHarness();
            new TcpListener(h.Layer, 80, 4).Start();
            for (int i = 0; i < 5; i++)
            {
                h.Inject(1000, 0, S, 8192, null, 1460, 42000 + i);
                SentSegment synAck = h.Next();
                Assert.AreEqual("SA", SentSegment.FlagNames(synAck.Flags));
                Assert.AreEqual(1460, synAck.Mss);
            }

            Assert.AreEqual(2, h.Layer.ConnectionsInUse, "HalfOpenLimit = 2");
            Assert.AreEqual(3, h.Layer.Counters.SynCookiesSent);
        }

        [TestMethod]
        public void ValidCookieAckCreatesAnEstablishedConnectionCarryingItsData()
        {
            var h = new TcpHarness();
            var listener = new TcpListener(h.Layer, 80, 4);
            listener.Start();
            h.Inject(1, 0, S, 8192, null, 1460, 42000);
            h.Inject(1, 0, S, 8192, null, 1460, 42001);
            h.Next();
            h.Next();
            h.Inject(5000, 0, S, 8192, null, 1400, 43000);
            SentSegment cookie = h.Next();
            Assert.AreEqual(5001u, cookie.Ack);
            h.Advance(100);
            h.Inject(5001, cookie.Seq + 1, A | P, 8192, new byte[] { 7, 7, 7 }, -1, 43000);
            Assert.AreEqual(1, h.Layer.Counters.SynCookiesAccepted);
            TcpConnection c = listener.TryAccept();
            Assert.IsNotNull(c);
            Assert.AreEqual(43000, c.RemotePort);
            Assert.AreEqual(TcpState.Established, c.State);
            Assert.AreEqual(3, c.Available);
            Assert.AreEqual(1400, h.Layer.Slot(2).SndMss, "MSS recovered from the cookie");
            c.NoDelay = true;
            c.TrySend(new byte[] { 1 }, 0, 1);
            h.Expect(A | P, cookie.Seq + 1, 5004);
        }

        [TestMethod]
        public void ForgedOrExpiredCookieAckIsReset()
        {
            var h = new TcpHarness();
            new TcpListener(h.Layer, 80, 4).Start();
            h.Inject(1, 0, S, 8192, null, 1460, 42000);
            h.Inject(1, 0, S, 8192, null, 1460, 42001);
            h.Next();
            h.Next();
            h.Inject(5000, 0, S, 8192, null, 1460, 43000);
            SentSegment cookie = h.Next();
            h.Inject(5001, cookie.Seq + 2, A, 8192, null, -1, 43000);
            h.Expect(TcpHeader.Rst, cookie.Seq + 2, 0);
            h.Advance(2 * SynCookie.CounterPeriod + 1);
            h.Ip.Sent.Clear(); // the half-open connections' SYN-ACK retries
            h.Inject(5001, cookie.Seq + 1, A, 8192, null, -1, 43000);
            h.Expect(TcpHeader.Rst, cookie.Seq + 1, 0);
            Assert.AreEqual(0, h.Layer.Counters.SynCookiesAccepted);
        }

        [TestMethod]
        public void ThousandSynFloodFromDistinctPortsStillLetsARealClientConnect()
        {
            var h = new TcpHarness();
            var listener = new TcpListener(h.Layer, 80, 4);
            listener.Start();
            for (int i = 0; i < 1000; i++)
            {
                h.Inject((uint)(i * 7919), 0, S, 8192, null, 1460, 10000 + i, 80, 0x0A0000C8);
                if (i == 500)
                {
                    h.Ip.Sent.Clear();
                    // The real client in the middle of the flood.
                    h.Inject(90000, 0, S, 8192, null, 1460, 55555);
                    SentSegment synAck = h.Next();
                    h.Inject(90001, synAck.Seq + 1, A | P, 8192, new byte[] { 1, 2 }, -1, 55555);
                }
            }

            Assert.AreEqual(1, h.Layer.Counters.SynCookiesAccepted, "the client came back with a valid cookie");
            TcpConnection c = listener.TryAccept();
            Assert.IsNotNull(c, "the real client is established during the flood");
            Assert.AreEqual(55555, c.RemotePort);
            Assert.AreEqual(2, c.Available);
            Assert.IsTrue(h.Layer.Counters.SynCookiesSent >= 997);
            Assert.IsTrue(h.Layer.ConnectionsInUse <= 3);
            // The flood's half-open connections give up; the table frees itself.
            for (int i = 0; i < 200; i++)
            {
                h.Advance(1000);
            }

            string states = string.Empty;
            for (int i = 0; i < h.Layer.SlotCount; i++)
            {
                states += h.Layer.Slot(i).State + "/" + h.Layer.Slot(i).RemotePort + " ";
            }

            Assert.AreEqual(1, h.Layer.ConnectionsInUse, states);
        }

        [TestMethod]
        public void WithoutCookiesAFullBacklogDropsSyns()
        {
            var h = new TcpHarness(new TcpConfiguration { SynCookies = false });
            new TcpListener(h.Layer, 80, 4).Start();
            for (int i = 0; i < 4; i++)
            {
                h.Inject(1000, 0, S, 8192, null, 1460, 42000 + i);
            }

            Assert.AreEqual(2, h.Ip.Sent.Count);
            Assert.AreEqual(2, h.Layer.Counters.DroppedListenOverflow);
        }

        [TestMethod]
        public void SegmentsOfAQueuedCookiePeerAreDroppedWithoutResetAndItGetsTheNextFreedSlotWithItsRequest()
        {
            var h = new TcpHarness(new TcpConfiguration { ConnectionCount = 3 });
            var listener = new TcpListener(h.Layer, 80, 4);
            listener.Start();
            h.Inject(1, 0, S, 8192, null, 1460, 42000);
            h.Inject(1, 0, S, 8192, null, 1460, 42001);
            h.Inject(5000, 0, S, 8192, null, 1460, 43000);
            h.Inject(7000, 0, S, 8192, null, 1460, 43001);
            h.Next();
            h.Next();
            SentSegment cookie = h.Next();
            SentSegment other = h.Next();
            h.Inject(7001, other.Seq + 1, A, 8192, null, -1, 43001);
            Assert.AreEqual(3, h.Layer.ConnectionsInUse, "the other cookie took the last slot");
            h.Ip.Sent.Clear();

            h.Inject(5001, cookie.Seq + 1, A | P, 8192, new byte[] { 7, 7, 7 }, -1, 43000);
            h.Inject(5004, cookie.Seq + 1, A | TcpHeader.Fin, 8192, null, -1, 43000);
            Assert.AreEqual(0, h.Ip.Sent.Count, "no RST: the peer thinks the connection is open");
            Assert.AreEqual(1, h.Layer.Counters.AdmissionsQueued);
            Assert.AreEqual(1, h.Layer.Counters.SegmentsWhileQueued);

            listener.TryAccept().Abort();
            h.Ip.Sent.Clear();
            h.Advance(1);
            h.Expect(A, cookie.Seq + 1, 5004);
            TcpConnection c = listener.TryAccept();
            Assert.IsNotNull(c, "the queued peer got the freed slot without retransmitting");
            Assert.AreEqual(43000, c.RemotePort);
            Assert.AreEqual(3, c.Available);

            h.Inject(5004, cookie.Seq + 1, A | TcpHeader.Fin, 8192, null, -1, 43000);
            Assert.AreEqual(TcpState.CloseWait, c.State, "the retransmitted FIN is taken");
            h.Expect(A, cookie.Seq + 1, 5005);
        }

        [TestMethod]
        public void CookieAckDroppedWhenTheQueueIsFullConnectsOnItsRetransmission()
        {
            var h = new TcpHarness(new TcpConfiguration { ConnectionCount = 1, SynCookieWaitRecordCount = 1 });
            var listener = new TcpListener(h.Layer, 80, 4);
            listener.Start();
            TcpConnection busy = h.OpenPassive(100, out uint _, 8192, 4, listener);
            h.Inject(5000, 0, S, 8192, null, 1460, 43000);
            h.Inject(7000, 0, S, 8192, null, 1460, 43001);
            SentSegment first = h.Next();
            SentSegment second = h.Next();
            h.Inject(5001, first.Seq + 1, A | P, 8192, new byte[] { 5 }, -1, 43000);
            h.Inject(7001, second.Seq + 1, A | P, 8192, new byte[] { 7 }, -1, 43001);
            h.ExpectNothingSent();
            Assert.AreEqual(1, h.Layer.Counters.AdmissionsQueued);
            Assert.AreEqual(1, h.Layer.Counters.DroppedNoSlot, "the queue (one record) is full");

            busy.Abort();
            h.Next();
            h.Advance(1);
            h.Expect(A, first.Seq + 1, 5002);
            listener.TryAccept().Abort();
            h.Next();
            h.Advance(200);
            h.Inject(7001, second.Seq + 1, A | P, 8192, new byte[] { 7 }, -1, 43001);
            TcpConnection c = listener.TryAccept();
            Assert.IsNotNull(c, "the retransmission checks again and connects");
            Assert.AreEqual(43001, c.RemotePort);
            Assert.AreEqual(1, c.Available);
        }

        [TestMethod]
        public void FreedSlotGoesToTheOldestQueuedPeerNotToANewcomer()
        {
            var h = new TcpHarness(new TcpConfiguration { ConnectionCount = 2, EvictionStallTime = 60000 });
            var listener = new TcpListener(h.Layer, 80, 4);
            listener.Start();
            TcpConnection a = h.OpenPassive(100, out uint _, 8192, 4, listener);
            h.Inject(200, 0, S, 8192, null, 1460, 42001);
            h.Inject(201, h.Next().Seq + 1, A, 8192, null, -1, 42001);
            TcpConnection b = listener.TryAccept();
            h.Inject(5000, 0, S, 8192, null, 1460, 43000);
            SentSegment waiter = h.Next();
            h.Inject(5001, waiter.Seq + 1, A | P, 8192, new byte[] { 5 }, -1, 43000);
            h.Advance(300);
            h.Inject(9000, 0, S, 8192, null, 1460, 43002);
            SentSegment newcomer = h.Next();
            Assert.AreEqual("SA", SentSegment.FlagNames(newcomer.Flags), "a newcomer's SYN gets a cookie, not a slot");
            h.Inject(9001, newcomer.Seq + 1, A | P, 8192, new byte[] { 9 }, -1, 43002);
            h.ExpectNothingSent();
            Assert.AreEqual(2, h.Layer.AdmissionQueueLength);

            a.Abort();
            h.Next();
            h.Advance(1);
            h.Expect(A, waiter.Seq + 1, 5002);
            Assert.AreEqual(43000, listener.TryAccept().RemotePort, "first come, first served");
            Assert.AreEqual(1, h.Layer.AdmissionQueueLength);

            b.Abort();
            h.Next();
            h.Advance(1);
            h.Expect(A, newcomer.Seq + 1, 9002);
            Assert.AreEqual(43002, listener.TryAccept().RemotePort);
            Assert.AreEqual(2, h.Layer.Counters.AdmittedFromQueue);
        }

        [TestMethod]
        public void QueuedPeerLeavesTheQueueOnItsResetOrAfterTheWaitTimeout()
        {
            var h = new TcpHarness(new TcpConfiguration { ConnectionCount = 1, SynCookieWaitTimeout = 5000, EvictionStallTime = 60000 });
            var listener = new TcpListener(h.Layer, 80, 4);
            listener.Start();
            h.OpenPassive(100, out uint _, 8192, 4, listener);
            h.Inject(5000, 0, S, 8192, null, 1460, 43000);
            h.Inject(8000, 0, S, 8192, null, 1460, 43003);
            SentSegment resetting = h.Next();
            SentSegment lingering = h.Next();
            h.Inject(5001, resetting.Seq + 1, A | P, 8192, new byte[] { 5 }, -1, 43000);
            h.Inject(8001, lingering.Seq + 1, A | P, 8192, new byte[] { 8 }, -1, 43003);
            Assert.AreEqual(2, h.Layer.AdmissionQueueLength);

            h.Inject(5001, 0, TcpHeader.Rst, 0, null, -1, 43000);
            Assert.AreEqual(1, h.Layer.AdmissionQueueLength, "the peer that reset left the queue");

            h.Advance(4999);
            Assert.AreEqual(1, h.Layer.AdmissionQueueLength);
            h.Advance(1);
            Assert.AreEqual(0, h.Layer.AdmissionQueueLength, "5 s after its last segment the silent peer left the queue");
            Assert.AreEqual(1, h.Layer.Counters.AdmissionsExpired);
            Assert.AreEqual(0, h.Layer.Counters.AdmittedFromQueue);
        }

        [TestMethod]
        public void DataToAListenerLongAfterTheLastCookieIsReset()
        {
            var h = new TcpHarness();
            new TcpListener(h.Layer, 80, 4).Start();
            h.Inject(1, 0, S, 8192, null, 1460, 42000);
            h.Inject(1, 0, S, 8192, null, 1460, 42001);
            h.Inject(5000, 0, S, 8192, null, 1460, 43000);
            h.Advance(2 * SynCookie.CounterPeriod);
            h.Ip.Sent.Clear();
            h.Inject(6000, 12345, A | P, 8192, new byte[] { 1 }, -1, 44000);
            h.Expect(TcpHeader.Rst, 12345, 0);
            Assert.AreEqual(0, h.Layer.Counters.DroppedAfterSynCookies);
        }
    }
}
