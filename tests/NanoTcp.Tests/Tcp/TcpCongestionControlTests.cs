#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using NanoTcp.Tcp;
using NanoTcp.Wire;

namespace NanoTcp.Tests.Tcp
{
    /// <summary>
    /// RFC 5681 congestion control with RFC 6582 NewReno recovery against a scripted peer: an active connection with
    /// SMSS 1000 (so IW = 4 segments), a 60,000-byte peer window and a 30,000-byte send ring; the peer's ACKs are
    /// written by the test, so every cwnd value and every segment sent is exact.
    /// </summary>
    [TestClass]
    public sealed class TcpCongestionControlTests
    {
        private const int Smss = 1000;
        private const int PeerWindow = 60000;
        private const uint PeerIss = 70000;

        private static TcpHarness Open(out TcpConnection c, out uint first)
        {
            var h = new TcpHarness(new TcpConfiguration { SecretSeed = 7, SendBufferSize = 30000 });
            c = h.OpenActive(PeerIss, out uint iss, PeerWindow, Smss);
            first = iss + 1;
            byte[] data = new byte[30000];
            for (int i = 0; i < data.Length; i++)
            {
                data[i] = (byte)(i * 7);
            }

            Assert.AreEqual(30000, c.TrySend(data, 0, data.Length));
            return h;
        }

        /// <summary>An ACK from the peer acknowledging up to <paramref name="ack"/>, window unchanged.</summary>
        private static void Ack(TcpHarness h, TcpConnection c, uint ack)
        {
            h.Inject(PeerIss + 1, ack, TcpHeader.Ack, PeerWindow, null, -1, 80, c.LocalPort);
        }

        /// <summary>Takes every segment sent since the last call and checks each is a full data segment at seq first + k·SMSS.</summary>
        private static string DataSent(TcpHarness h, uint first)
        {
            string sent = string.Empty;
            while (h.Ip.Sent.Count > 0)
            {
                SentSegment s = h.Next();
                Assert.AreEqual(Smss, s.Data.Length, "a full segment: " + s);
                sent += (sent.Length == 0 ? string.Empty : " ") + "S" + ((s.Seq - first) / Smss);
            }

            return sent;
        }

        [TestMethod]
        public void InitialWindowIsFourSegmentsOfSmss1000()
        {
            TcpHarness h = Open(out TcpConnection c, out uint first);
            Assert.AreEqual("S0 S1 S2 S3", DataSent(h, first));
            Assert.AreEqual(4000, h.Layer.Slot(0).Cwnd);
            Assert.AreEqual(TcpLayer.InitialSlowStartThreshold, h.Layer.Slot(0).Ssthresh);
        }

        [TestMethod]
        public void SlowStartGrowsCwndByOneSmssPerAckAndSendsTwoSegmentsForEach()
        {
            TcpHarness h = Open(out TcpConnection c, out uint first);
            DataSent(h, first);
            string cwnd = string.Empty;
            string sent = string.Empty;
            for (int k = 1; k <= 4; k++)
            {
                Ack(h, c, first + (uint)(k * Smss));
                cwnd += h.Layer.Slot(0).Cwnd + " ";
                sent += DataSent(h, first) + " | ";
            }

            Assert.AreEqual("5000 6000 7000 8000 ", cwnd);
            Assert.AreEqual("S4 S5 | S6 S7 | S8 S9 | S10 S11 | ", sent);
        }

        [TestMethod]
        public void TimeoutCutsCwndToOneSegmentAndSsthreshToHalfTheFlightThenAvoidanceAddsOneSmssPerWindow()
        {
            TcpHarness h = Open(out TcpConnection c, out uint first);
            DataSent(h, first);
            Tcb tcb = h.Layer.Slot(0);
            h.Advance(1000);
            Assert.AreEqual("S0", DataSent(h, first), "the timer resends the first segment only");
            Assert.AreEqual(1000, tcb.Cwnd, "loss window: one segment");
            Assert.AreEqual(2000, tcb.Ssthresh, "max(FlightSize 4000 / 2, 2·SMSS)");
            Assert.AreEqual(1, h.Layer.Counters.RetransmissionTimeouts);

            // Going back from SND.UNA: slow start to ssthresh, then congestion avoidance (one SMSS per cwnd acked).
            string cwnd = string.Empty;
            string sent = string.Empty;
            for (int k = 1; k <= 5; k++)
            {
                Ack(h, c, first + (uint)(k * Smss));
                cwnd += tcb.Cwnd + " ";
                sent += DataSent(h, first) + " | ";
            }

            Assert.AreEqual("2000 2000 3000 3000 3000 ", cwnd);
            Assert.AreEqual("S1 S2 | S3 | S4 S5 | S6 | S7 | ", sent);
        }

        [TestMethod]
        public void FirstTwoDuplicateAcksEachReleaseOneNewSegmentByLimitedTransmit()
        {
            TcpHarness h = Open(out TcpConnection c, out uint first);
            DataSent(h, first);
            Ack(h, c, first);
            Assert.AreEqual("S4", DataSent(h, first));
            Ack(h, c, first);
            Assert.AreEqual("S5", DataSent(h, first));
            Assert.AreEqual(4000, h.Layer.Slot(0).Cwnd, "limited transmit leaves cwnd alone (RFC 3042)");
            Assert.AreEqual(0, h.Layer.Counters.FastRetransmits);
        }

        [TestMethod]
        public void ThirdDuplicateAckRetransmitsTheLostSegmentAtOnceAndSetsCwndToSsthreshPlusThreeSegments()
        {
            TcpHarness h = Open(out TcpConnection c, out uint first);
            DataSent(h, first);
            Ack(h, c, first);
            Ack(h, c, first);
            DataSent(h, first);
            Ack(h, c, first);
            Tcb tcb = h.Layer.Slot(0);
            Assert.AreEqual("S0", DataSent(h, first), "exactly one segment, the one at SND.UNA, before any timer");
            Assert.AreEqual(2000, tcb.Ssthresh, "max(FlightSize before limited transmit 4000 / 2, 2·SMSS)");
            Assert.AreEqual(5000, tcb.Cwnd, "ssthresh + 3·SMSS");
            Assert.IsTrue(tcb.InFastRecovery);
            Assert.AreEqual(first + 6000, tcb.Recover, "recover = highest sequence number sent");
            Assert.AreEqual(1, h.Layer.Counters.FastRetransmits);
            Assert.AreEqual(0, h.Layer.Counters.RetransmissionTimeouts);
        }

        [TestMethod]
        public void FastRecoveryInflatesCwndPerDuplicateAndAFullAckDeflatesItToSsthresh()
        {
            TcpHarness h = Open(out TcpConnection c, out uint first);
            DataSent(h, first);
            string cwnd = string.Empty;
            string sent = string.Empty;
            for (int k = 1; k <= 5; k++)
            {
                Ack(h, c, first); // duplicates for S1, S2, S3 (S0 lost) and for S4, S5 sent by limited transmit
                cwnd += h.Layer.Slot(0).Cwnd + " ";
                sent += DataSent(h, first) + " | ";
            }

            // The retransmitted S0 fills the hole: the ACK covers recover and ends fast recovery.
            Ack(h, c, first + 6000);
            cwnd += h.Layer.Slot(0).Cwnd;
            sent += DataSent(h, first);
            Assert.AreEqual("4000 4000 5000 6000 7000 2000", cwnd);
            Assert.AreEqual("S4 | S5 | S0 |  | S6 | S7", sent);
            Assert.IsFalse(h.Layer.Slot(0).InFastRecovery);
        }

        [TestMethod]
        public void PartialAckRetransmitsTheNextHoleAtOnceAndDeflatesCwndByTheBytesAcked()
        {
            TcpHarness h = Open(out TcpConnection c, out uint first);
            DataSent(h, first);
            Tcb tcb = h.Layer.Slot(0);

            // S0 and S2 are lost: duplicates for S1, S3, S4 (limited transmit sent S4 and S5) start recovery.
            Ack(h, c, first);
            Ack(h, c, first);
            Ack(h, c, first);
            Assert.AreEqual("S4 S5 S0", DataSent(h, first));

            // S0 arrives: the ACK stops at the second hole (S2), below recover.
            Ack(h, c, first + 2000);
            Assert.AreEqual("S2", DataSent(h, first), "S2 at once; the deflated cwnd equals the 4000 bytes in flight");
            Assert.AreEqual(5000 - 2000 + 1000, tcb.Cwnd, "cwnd − bytes acked + SMSS");
            Assert.IsTrue(tcb.InFastRecovery);
            Assert.AreEqual(1, h.Layer.Counters.PartialAckRetransmits);

            // S2 arrives: everything up to recover is acknowledged; two losses cost two retransmissions and no timer.
            Ack(h, c, first + 6000);
            Assert.IsFalse(tcb.InFastRecovery);
            Assert.AreEqual(2000, tcb.Cwnd, "min(ssthresh, FlightSize + SMSS)");
            Assert.AreEqual(2, h.Layer.Counters.Retransmissions);
            Assert.AreEqual(0, h.Layer.Counters.RetransmissionTimeouts);
        }

        [TestMethod]
        public void DuplicateAcksForDataSentBeforeATimeoutStartNoFastRetransmit()
        {
            TcpHarness h = Open(out TcpConnection c, out uint first);
            DataSent(h, first);
            h.Advance(1000);
            Assert.AreEqual("S0", DataSent(h, first));
            Ack(h, c, first);
            Ack(h, c, first);
            Ack(h, c, first);
            h.ExpectNothingSent();
            Assert.AreEqual(0, h.Layer.Counters.FastRetransmits);
            Assert.IsFalse(h.Layer.Slot(0).InFastRecovery);
        }

        [TestMethod]
        public void AckThatChangesTheWindowIsNotADuplicate()
        {
            TcpHarness h = Open(out TcpConnection c, out uint first);
            DataSent(h, first);
            for (int k = 0; k < 3; k++)
            {
                h.Inject(PeerIss + 1, first, TcpHeader.Ack, PeerWindow - 100 - k, null, -1, 80, c.LocalPort);
            }

            Assert.AreEqual(0, h.Layer.Slot(0).DupAcks);
            Assert.AreEqual(0, h.Layer.Counters.FastRetransmits);
        }

        [TestMethod]
        public void SendingAfterAnIdlePeriodLongerThanTheRtoRestartsFromTheInitialWindow()
        {
            TcpHarness h = Open(out TcpConnection c, out uint first);
            DataSent(h, first);
            Tcb tcb = h.Layer.Slot(0);
            for (int k = 1; k <= 4; k++)
            {
                Ack(h, c, first + (uint)(k * Smss));
            }

            DataSent(h, first);
            Ack(h, c, first + 12000);
            Assert.AreEqual(9, DataSent(h, first).Split(' ').Length);
            Ack(h, c, first + 21000);
            DataSent(h, first);
            Ack(h, c, first + 30000);
            Assert.AreEqual(11000, tcb.Cwnd, "slow start: one SMSS per ACK");

            h.Advance(tcb.Rto + 1);
            byte[] more = new byte[10000];
            c.TrySend(more, 0, more.Length);
            Assert.AreEqual("S30 S31 S32 S33", DataSent(h, first), "restart window min(IW, cwnd)");
            Assert.AreEqual(4000, tcb.Cwnd);
            Assert.AreEqual(1, h.Layer.Counters.IdleRestarts);
        }
    }
}
