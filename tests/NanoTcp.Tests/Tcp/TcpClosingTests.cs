#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using NanoTcp.Tcp;
using NanoTcp.Wire;
using NanoTcp.Tests.Support;

namespace NanoTcp.Tests.Tcp
{
    [TestClass]
    public class TcpClosingTests
    {
        private const int S = TcpHeader.Syn;
        private const int A = TcpHeader.Ack;
        private const int F = TcpHeader.Fin;
        private const int R = TcpHeader.Rst;
        private const int P = TcpHeader.Psh;

        [TestMethod]
        public void ActiveCloseGoesFinWait1FinWait2TimeWaitThenClosedAfterTwoMsl()
        {
            var h = new TcpHarness();
            TcpConnection c = h.OpenPassive(1000, out uint iss);
            c.Close();
            Tcb tcb = h.Layer.Slot(0);
            Assert.AreEqual(TcpState.FinWait1, tcb.State);
            h.Expect(F | A, iss + 1, 1001);
            h.Inject(1001, iss + 2, A);
            Assert.AreEqual(TcpState.Closed, tcb.State, "the application has closed: FIN-WAIT-2 goes on in a record, the slot is free");
            Assert.AreEqual(1, h.Layer.TimeWaitRecords.Count);
            Assert.IsTrue(h.Layer.TimeWaitRecords.IsFinWait2(0));
            h.ExpectNothingSent();
            h.Inject(1001, iss + 2, F | A);
            h.Expect(A, iss + 2, 1002);
            Assert.IsFalse(h.Layer.TimeWaitRecords.IsFinWait2(0), "the peer's FIN: TIME-WAIT");
            Assert.AreEqual(0, h.Layer.ConnectionsInUse);
            Assert.AreEqual(1, h.Layer.TimeWaitRecords.Count);
            Assert.AreEqual(h.Now + 60000, h.Layer.Poll(h.Now), "2·MSL with MSL 30 s");
            h.Advance(59999);
            Assert.AreEqual(1, h.Layer.TimeWaitRecords.Count);
            h.Advance(1);
            Assert.AreEqual(0, h.Layer.TimeWaitRecords.Count);
            h.ExpectNothingSent();
        }

        [TestMethod]
        public void PassiveCloseGoesCloseWaitThenLastAckThenClosedAndTheApplicationSeesEndOfStream()
        {
            var h = new TcpHarness();
            TcpConnection c = h.OpenPassive(1000, out uint iss);
            h.Inject(1001, iss + 1, A | P, 8192, new byte[] { 9, 8 });
            h.Inject(1003, iss + 1, F | A);
            h.Expect(A, iss + 1, 1004);
            Assert.AreEqual(TcpState.CloseWait, c.State);
            var buf = new byte[10];
            Assert.AreEqual(2, c.Receive(buf, 0, 10, 0));
            Assert.AreEqual(0, c.Receive(buf, 0, 10, 0), "end of stream");
            Assert.IsTrue(c.EndOfStream);
            // Still allowed to send in CLOSE-WAIT.
            Assert.AreEqual(3, c.TrySend(new byte[] { 1, 2, 3 }, 0, 3));
            h.Expect(A | P, iss + 1, 1004);
            c.Close();
            h.Expect(F | A, iss + 4, 1004);
            Assert.AreEqual(TcpState.LastAck, h.Layer.Slot(0).State);
            h.Inject(1004, iss + 5, A);
            Assert.AreEqual(TcpState.Closed, h.Layer.Slot(0).State);
            Assert.AreEqual(0, h.Layer.ConnectionsInUse);
            Assert.AreEqual(0, h.Layer.TimeWaitRecords.Count, "the passive closer has no TIME-WAIT");
        }

        [TestMethod]
        public void HalfCloseFinWait2StillReceivesAndAcknowledgesData()
        {
            var h = new TcpHarness();
            TcpConnection c = h.OpenPassive(1000, out uint iss);
            c.Shutdown();
            h.Expect(F | A, iss + 1, 1001);
            h.Inject(1001, iss + 2, A);
            Assert.AreEqual(TcpState.FinWait2, c.State);
            h.Inject(1001, iss + 2, A | P, 8192, new byte[] { 1, 2, 3, 4 });
            h.Advance(200);
            h.Expect(A, iss + 2, 1005);
            var buf = new byte[4];
            Assert.AreEqual(4, c.Receive(buf, 0, 4, 0));
            Assert.AreEqual(-1, c.TrySend(buf, 0, 1), "the sending side is shut down");
            NanoTcp.Tests.Support.Expect.Throws(typeof(ConnectionClosedException), () => c.Send(buf, 0, 1, 0));
        }

        [TestMethod]
        public void HalfCloseCloseWaitStillSends()
        {
            var h = new TcpHarness();
            TcpConnection c = h.OpenActive(5000, out uint iss);
            h.Inject(5001, iss + 1, F | A, 8192, null, -1, 80, c.LocalPort);
            h.Expect(A, iss + 1, 5002);
            Assert.AreEqual(TcpState.CloseWait, c.State);
            c.NoDelay = true;
            c.TrySend(new byte[100], 0, 100);
            h.Expect(A | P, iss + 1, 5002);
            c.TrySend(new byte[50], 0, 50);
            h.Expect(A | P, iss + 101, 5002);
        }

        [TestMethod]
        public void SimultaneousCloseGoesThroughClosingToTimeWait()
        {
            var h = new TcpHarness();
            TcpConnection c = h.OpenPassive(1000, out uint iss);
            c.Close();
            h.Expect(F | A, iss + 1, 1001);
            // The peer's FIN crosses ours (it has not seen our FIN).
            h.Inject(1001, iss + 1, F | A);
            Assert.AreEqual(TcpState.Closing, h.Layer.Slot(0).State);
            h.Expect(A, iss + 2, 1002);
            h.Inject(1002, iss + 2, A);
            Assert.AreEqual(1, h.Layer.TimeWaitRecords.Count);
            Assert.AreEqual(0, h.Layer.ConnectionsInUse);
            h.ExpectNothingSent();
        }

        [TestMethod]
        public void FinAndAckOfOurFinInOneSegmentGoFromFinWait1StraightToTimeWait()
        {
            var h = new TcpHarness();
            TcpConnection c = h.OpenPassive(1000, out uint iss);
            c.Close();
            h.Expect(F | A, iss + 1, 1001);
            h.Inject(1001, iss + 2, F | A);
            h.Expect(A, iss + 2, 1002);
            Assert.AreEqual(1, h.Layer.TimeWaitRecords.Count);
            Assert.AreEqual(0, h.Layer.ConnectionsInUse);
        }

        private static TcpHarness InTimeWait(out uint iss)
        {
            var h = new TcpHarness();
            TcpConnection c = h.OpenPassive(1000, out iss);
            c.Close();
            h.Next();
            h.Inject(1001, iss + 2, F | A);
            h.Next();
            return h;
        }

        [TestMethod]
        public void RetransmittedFinInTimeWaitIsAckedAgainAndRestartsTheTimer()
        {
            TcpHarness h = InTimeWait(out uint iss);
            h.Advance(40000);
            h.Inject(1001, iss + 2, F | A);
            h.Expect(A, iss + 2, 1002);
            Assert.AreEqual(h.Now + 60000, h.Layer.Poll(h.Now), "2·MSL restarted");
            h.Advance(59999);
            Assert.AreEqual(1, h.Layer.TimeWaitRecords.Count);
            h.Advance(1);
            Assert.AreEqual(0, h.Layer.TimeWaitRecords.Count);
        }

        [TestMethod]
        public void TimeWaitAnswersOtherSegmentsPerRfc9293()
        {
            TcpHarness h = InTimeWait(out uint iss);
            // Out-of-window: ACK.
            h.Inject(900, iss + 2, A, 8192, new byte[] { 1 });
            h.Expect(A, iss + 2, 1002);
            // In-window SYN without a higher ISN (no listener reopen since it is an old one): challenge ACK.
            h.Inject(1002, 0, S | A);
            h.Expect(A, iss + 2, 1002);
            // RST not exactly at RCV.NXT: challenge ACK, record kept; exactly: record removed.
            h.Inject(1010, 0, R);
            h.Expect(A, iss + 2, 1002);
            Assert.AreEqual(1, h.Layer.TimeWaitRecords.Count);
            h.Inject(1002, 0, R);
            h.ExpectNothingSent();
            Assert.AreEqual(0, h.Layer.TimeWaitRecords.Count);
        }

        [TestMethod]
        public void NewSynWithHigherSequenceNumberReopensAFourTupleInTimeWait()
        {
            TcpHarness h = InTimeWait(out uint iss);
            h.Inject(50000, 0, S, 8192, null, 1460);
            SentSegment synAck = h.Next();
            Assert.AreEqual("SA", SentSegment.FlagNames(synAck.Flags));
            Assert.AreEqual(50001u, synAck.Ack);
            Assert.AreEqual(0, h.Layer.TimeWaitRecords.Count);
            Assert.AreEqual(TcpState.SynReceived, h.Layer.Slot(0).State);
        }

        [TestMethod]
        public void SynWithLowerSequenceNumberDoesNotReopenTimeWait()
        {
            TcpHarness h = InTimeWait(out uint iss);
            h.Inject(500, 0, S, 8192, null, 1460);
            h.Expect(A, iss + 2, 1002);
            Assert.AreEqual(1, h.Layer.TimeWaitRecords.Count);
            Assert.AreEqual(0, h.Layer.ConnectionsInUse);
        }

        [TestMethod]
        public void WhenTheTimeWaitTableIsFullTheOldestRecordIsRecycled()
        {
            var h = new TcpHarness(new TcpConfiguration { TimeWaitRecordCount = 2, ConnectionCount = 1 });
            var listener = new TcpListener(h.Layer, 80, 1);
            listener.Start();
            for (int i = 0; i < 3; i++)
            {
                int port = 41000 + i;
                h.Inject(1000, 0, S, 8192, null, 1460, port);
                uint iss = h.Next().Seq;
                h.Inject(1001, iss + 1, A, 8192, null, -1, port);
                TcpConnection c = listener.TryAccept();
                c.Close();
                h.Next();
                h.Inject(1001, iss + 2, F | A, 8192, null, -1, port);
                h.Next();
                h.Advance(1000);
            }

            Assert.AreEqual(2, h.Layer.TimeWaitRecords.Count);
            Assert.AreEqual(1, h.Layer.TimeWaitRecords.Recycled);
            Assert.AreEqual(-1, h.Layer.TimeWaitRecords.Find(TcpHarness.LocalAddress, 80, TcpHarness.PeerAddress, 41000), "oldest gone");
            Assert.IsTrue(h.Layer.TimeWaitRecords.Find(TcpHarness.LocalAddress, 80, TcpHarness.PeerAddress, 41002) >= 0);
            Assert.AreEqual(0, h.Layer.ConnectionsInUse, "one slot served three connections: TIME-WAIT holds no slot");
        }

        [TestMethod]
        public void AbortSendsRstAndFreesTheSlotAtOnce()
        {
            var h = new TcpHarness();
            TcpConnection c = h.OpenPassive(1000, out uint iss);
            c.TrySend(new byte[10], 0, 10);
            h.Next();
            c.Abort();
            h.Expect(R, iss + 11, 0);
            Assert.AreEqual(0, h.Layer.ConnectionsInUse);
            Assert.AreEqual(TcpState.Closed, c.State);
            h.Advance(10000);
            h.ExpectNothingSent();
        }

        [TestMethod]
        public void FinWait2TimesOutWhenTheApplicationHasFullyClosed()
        {
            var h = new TcpHarness(new TcpConfiguration { FinWait2Timeout = 10000 });
            TcpConnection c = h.OpenPassive(1000, out uint iss);
            c.Close();
            h.Next();
            h.Inject(1001, iss + 2, A);
            Assert.AreEqual(0, h.Layer.ConnectionsInUse, "the slot is free at once");
            Assert.IsTrue(h.Layer.TimeWaitRecords.IsFinWait2(0));
            h.Advance(9999);
            Assert.AreEqual(1, h.Layer.TimeWaitRecords.Count);
            h.Advance(1);
            Assert.AreEqual(0, h.Layer.TimeWaitRecords.Count, "FinWait2Timeout after our FIN was ACKed");
            h.ExpectNothingSent();
        }

        [TestMethod]
        public void CloseAfterShutdownInFinWait2FreesTheSlotAtOnce()
        {
            var h = new TcpHarness();
            TcpConnection c = h.OpenPassive(1000, out uint iss);
            c.Shutdown();
            h.Next();
            h.Inject(1001, iss + 2, A);
            Assert.AreEqual(TcpState.FinWait2, c.State);
            Assert.AreEqual(1, h.Layer.ConnectionsInUse, "the application may still receive");
            c.Close();
            Assert.AreEqual(0, h.Layer.ConnectionsInUse);
            Assert.AreEqual(1, h.Layer.TimeWaitRecords.Count);
            Assert.IsTrue(h.Layer.TimeWaitRecords.IsFinWait2(0));
            Assert.AreEqual(h.Now + 60000, h.Layer.TimeWaitRecords.Expiry(0), "FinWait2Timeout, 60 s by default");
        }

        [TestMethod]
        public void ClosedServersFinWait2NeverBlocksTheTableForNewClients()
        {
            var h = new TcpHarness();
            var listener = new TcpListener(h.Layer, 80, 4);
            listener.Start();
            for (int i = 0; i < 8; i++)
            {
                int port = 41000 + i;
                h.Inject(1000, 0, TcpHeader.Syn, 8192, null, 1460, port);
                SentSegment synAck = h.Next();
                Assert.AreEqual("SA", SentSegment.FlagNames(synAck.Flags), "client " + i + " is answered");
                h.Inject(1001, synAck.Seq + 1, A, 8192, null, -1, port);
                TcpConnection c = listener.TryAccept();
                c.Close();
                h.Expect(F | A, synAck.Seq + 1, 1001);
                h.Inject(1001, synAck.Seq + 2, A, 8192, null, -1, port);
            }

            Assert.AreEqual(0, h.Layer.ConnectionsInUse, "8 clients that never send FIN, 4 slots, none held");
            Assert.AreEqual(8, h.Layer.TimeWaitRecords.Count);
        }

        [TestMethod]
        public void DataForAClosedFinWait2IsAnsweredByRstAndTheRecordDropped()
        {
            var h = new TcpHarness();
            TcpConnection c = h.OpenPassive(1000, out uint iss);
            c.Close();
            h.Next();
            h.Inject(1001, iss + 2, A);
            h.Inject(1001, iss + 2, A | P, 8192, new byte[] { 1, 2, 3 });
            h.Expect(TcpHeader.Rst, iss + 2, 0);
            Assert.AreEqual(0, h.Layer.TimeWaitRecords.Count);
        }

        [TestMethod]
        public void BareAckForAClosedFinWait2IsIgnoredAndAnOldFinDoesNotEndIt()
        {
            var h = new TcpHarness();
            TcpConnection c = h.OpenPassive(1000, out uint iss);
            c.Close();
            h.Next();
            h.Inject(1001, iss + 2, A);
            h.Inject(1001, iss + 2, A);
            h.ExpectNothingSent();
            h.Inject(1000, iss + 2, F | A);
            h.Expect(A, iss + 2, 1001);
            Assert.IsTrue(h.Layer.TimeWaitRecords.IsFinWait2(0), "an unacceptable FIN is ACKed, the record still waits");
        }

        [TestMethod]
        public void FinWait2AfterShutdownOnlyDoesNotTimeOut()
        {
            var h = new TcpHarness(new TcpConfiguration { FinWait2Timeout = 10000 });
            TcpConnection c = h.OpenPassive(1000, out uint iss);
            c.Shutdown();
            h.Next();
            h.Inject(1001, iss + 2, A);
            h.Advance(100000);
            Assert.AreEqual(TcpState.FinWait2, c.State);
        }

        [TestMethod]
        public void FinIsRetransmittedWhenItsAckIsLost()
        {
            var h = new TcpHarness();
            TcpConnection c = h.OpenPassive(1000, out uint iss);
            c.Close();
            h.Expect(F | A, iss + 1, 1001);
            h.Advance(1000);
            h.Expect(F | A, iss + 1, 1001);
            h.Inject(1001, iss + 2, A);
            Assert.AreEqual(0, h.Layer.ConnectionsInUse);
            Assert.IsTrue(h.Layer.TimeWaitRecords.IsFinWait2(0), "FIN-WAIT-2 once the FIN is ACKed");
        }
    }
}
