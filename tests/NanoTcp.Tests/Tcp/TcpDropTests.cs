#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using NanoTcp.Tcp;
using NanoTcp.Wire;

namespace NanoTcp.Tests.Tcp
{
    /// <summary>Segments dropped on arrival (RFC 9293 §3.10.7), each counted under its <see cref="TcpDropReason"/>.</summary>
    [TestClass]
    public class TcpDropTests
    {
        private const int S = TcpHeader.Syn;
        private const int A = TcpHeader.Ack;
        private const int F = TcpHeader.Fin;
        private const int R = TcpHeader.Rst;
        private const int P = TcpHeader.Psh;

        [TestMethod]
        public void RstToAClosedPortIsDroppedUnansweredAndCounted()
        {
            var h = new TcpHarness();
            h.Inject(1000, 0, R);
            h.ExpectNothingSent();
            Assert.AreEqual(1, h.Layer.Counters.DroppedResetWithoutConnection);
            Assert.AreEqual(1, h.Layer.Counters.Dropped);
        }

        [TestMethod]
        public void RstToAListenerIsDroppedAndCounted()
        {
            var h = new TcpHarness();
            new TcpListener(h.Layer, 80, 2).Start();
            h.Inject(1000, 0, R);
            h.ExpectNothingSent();
            Assert.AreEqual(1, h.Layer.Counters.DroppedResetWithoutConnection);
        }

        [TestMethod]
        public void SegmentToAListenerWithoutSynAckOrRstIsDroppedAndCounted()
        {
            var h = new TcpHarness();
            new TcpListener(h.Layer, 80, 2).Start();
            h.Inject(1000, 0, P, 8192, new byte[] { 1 });
            h.ExpectNothingSent();
            Assert.AreEqual(1, h.Layer.Counters.DroppedWithoutSyn);
            Assert.AreEqual(0, h.Layer.ConnectionsInUse);
        }

        [TestMethod]
        public void RstNotAcknowledgingOurSynInSynSentIsDroppedAndCounted()
        {
            var h = new TcpHarness();
            TcpConnection c = TcpConnection.BeginConnect(h.Layer, TcpHarness.PeerAddress, 80);
            h.Next();
            h.Inject(5000, 0, R, 0, null, -1, 80, c.LocalPort);
            h.ExpectNothingSent();
            Assert.AreEqual(TcpState.SynSent, c.State);
            Assert.AreEqual(1, h.Layer.Counters.DroppedResetNotAcknowledgingSyn);
            Assert.AreEqual(0, h.Layer.Counters.ResetsReceived, "only a RST acknowledging our SYN counts as received");
        }

        [TestMethod]
        public void AcceptableAckWithoutSynInSynSentIsDroppedAndCounted()
        {
            var h = new TcpHarness();
            TcpConnection c = TcpConnection.BeginConnect(h.Layer, TcpHarness.PeerAddress, 80);
            uint iss = h.Next().Seq;
            h.Inject(5000, iss + 1, A, 8192, null, -1, 80, c.LocalPort);
            h.ExpectNothingSent();
            Assert.AreEqual(TcpState.SynSent, c.State);
            Assert.AreEqual(1, h.Layer.Counters.DroppedWithoutSyn);
        }

        [TestMethod]
        public void DataAfterThePeersFinIsDroppedAndCounted()
        {
            var h = new TcpHarness();
            TcpConnection c = h.OpenPassive(1000, out uint iss);
            h.Inject(1001, iss + 1, F | A);
            h.Expect(A, iss + 1, 1002);
            Assert.AreEqual(TcpState.CloseWait, c.State);
            h.Inject(1002, iss + 1, P | A, 8192, new byte[] { 1, 2 });
            Assert.AreEqual(1, h.Layer.Counters.DroppedDataAfterFin);
            Assert.AreEqual(0, c.Available);
        }

        [TestMethod]
        public void DataAlreadyReceivedBeforeAFinIsCountedAsDuplicateAndTheFinTaken()
        {
            var h = new TcpHarness();
            TcpConnection c = h.OpenPassive(1000, out uint iss);
            h.Inject(1001, iss + 1, P | A, 8192, new byte[] { 1, 2, 3 });
            h.Ip.Sent.Clear();
            h.Inject(1001, iss + 1, P | A | F, 8192, new byte[] { 1, 2, 3 });
            h.Expect(A, iss + 1, 1005);
            Assert.AreEqual(1, h.Layer.Counters.DroppedDuplicate);
            Assert.AreEqual(3, c.Available, "the retransmitted bytes are not delivered twice");
            Assert.AreEqual(TcpState.CloseWait, c.State);
        }

        [TestMethod]
        public void InOrderDataPastTheReceiveRingIsTrimmedAndCounted()
        {
            var h = new TcpHarness(new TcpConfiguration { ReceiveBufferSize = 16 });
            TcpConnection c = h.OpenPassive(1000, out uint iss);
            h.Inject(1001, iss + 1, P | A, 8192, new byte[20]);
            h.Expect(A, iss + 1, 1017);
            Assert.AreEqual(1, h.Layer.Counters.DroppedBeyondWindow);
            Assert.AreEqual(16, c.Available);
        }

        [TestMethod]
        public void FinAfterAGapIsIgnoredAndCounted()
        {
            var h = new TcpHarness();
            TcpConnection c = h.OpenPassive(1000, out uint iss);
            h.Inject(1006, iss + 1, F | A);
            Assert.AreEqual(TcpState.Established, c.State, "the FIN is not the next sequence number expected");
            Assert.AreEqual(1, h.Layer.Counters.DroppedFinOutOfOrder);
            Assert.IsFalse(c.EndOfStream);
        }

        [TestMethod]
        public void SegmentWithoutAckOnAnEstablishedConnectionIsDroppedAndCounted()
        {
            var h = new TcpHarness();
            TcpConnection c = h.OpenPassive(1000, out uint iss);
            h.Inject(1001, 0, P, 8192, new byte[] { 1 });
            h.ExpectNothingSent();
            Assert.AreEqual(1, h.Layer.Counters.DroppedWithoutAck);
            Assert.AreEqual(0, c.Available);
        }

        [TestMethod]
        public void EachDropReasonHasItsOwnCounter()
        {
            var h = new TcpHarness();
            h.Inject(1000, 0, R);
            h.Inject(1000, 0, R);
            for (int reason = 0; reason < (int)TcpDropReason.Count; reason++)
            {
                Assert.AreEqual(reason == (int)TcpDropReason.ResetWithoutConnection ? 2 : 0, h.Layer.Counters.Get((TcpDropReason)reason), "reason " + reason);
            }

            Assert.AreEqual(2, h.Layer.Counters.Dropped);
        }
    }
}
