#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using System;
using NanoTcp.Tcp;
using NanoTcp.Wire;
using NanoTcp.Tests.Support;

namespace NanoTcp.Tests.Tcp
{
    [TestClass]
    public class TcpDataTests
    {
        private const int S = TcpHeader.Syn;
        private const int A = TcpHeader.Ack;
        private const int F = TcpHeader.Fin;
        private const int R = TcpHeader.Rst;
        private const int P = TcpHeader.Psh;
        private const int U = TcpHeader.Urg;

        private static byte[] Bytes(int n, int seed = 0)
        {
            var b = new byte[n];
            for (int i = 0; i < n; i++)
            {
                b[i] = (byte)(i + seed);
            }

            return b;
        }

        [TestMethod]
        public void SendNeverExceedsThePeersWindowOrMss()
        {
            var h = new TcpHarness();
            TcpConnection c = h.OpenActive(5000, out uint iss, 1000, 536);
            c.NoDelay = true;
            Assert.AreEqual(2048, c.TrySend(Bytes(3000), 0, 3000), "the send ring holds 2048");
            SentSegment s1 = h.Expect(A, iss + 1, 5001);
            Assert.AreEqual(536, s1.Data.Length, "MSS 536");
            SentSegment s2 = h.Expect(A, iss + 537, 5001);
            Assert.AreEqual(464, s2.Data.Length, "window of 1000 leaves 464");
            h.ExpectNothingSent();
            // The peer acknowledges the first segment: the window slides by 536.
            h.Inject(5001, iss + 537, A, 1000, null, -1, 80, c.LocalPort);
            SentSegment s3 = h.Expect(A, iss + 1001, 5001);
            Assert.AreEqual(536, s3.Data.Length);
            h.ExpectNothingSent();
            Assert.AreEqual((byte)(1000 & 0xFF), s3.Data[0]);
        }

        [TestMethod]
        public void ReceiveWindowAdvertisesFreeSpaceAndIsNeverShrunk()
        {
            var h = new TcpHarness();
            TcpConnection c = h.OpenPassive(1000, out uint iss);
            h.Inject(1001, iss + 1, A | P, 8192, Bytes(1000));
            h.Inject(1001 + 1000, iss + 1, A | P, 8192, Bytes(600));
            SentSegment ack = h.Expect(A, iss + 1, 2601);
            Assert.AreEqual(2048 - 1600, ack.Window, "window = free space of the receive ring");
            uint rightEdge = ack.Ack + (uint)ack.Window;
            // More than the window: only what fits is taken; the right edge does not move left.
            h.Inject(2601, iss + 1, A | P, 8192, Bytes(1000));
            SentSegment ack2 = h.Expect(A, iss + 1, 2601 + 448);
            Assert.AreEqual(0, ack2.Window);
            Assert.AreEqual(rightEdge, ack2.Ack + (uint)ack2.Window);
            var buf = new byte[4096];
            Assert.AreEqual(2048, c.TryReceive(buf, 0, 4096));
            // Reading reopens the window and announces it.
            SentSegment update = h.Expect(A, iss + 1, 3049);
            Assert.AreEqual(2048, update.Window);
        }

        [TestMethod]
        public void BareAckConsumesNoSequenceNumberAndAckIsTheNextByteExpected()
        {
            var h = new TcpHarness();
            TcpConnection c = h.OpenPassive(1000, out uint iss);
            h.Inject(1001, iss + 1, A);
            h.Inject(1001, iss + 1, A);
            h.ExpectNothingSent();
            Assert.AreEqual(1001u, h.Layer.Slot(0).RcvNxt, "SYN consumed one; bare ACKs none");
            h.Inject(1001, iss + 1, A | P, 8192, Bytes(3));
            h.Inject(1004, iss + 1, A | F);
            h.Expect(A, iss + 1, 1005);
            Assert.AreEqual(TcpState.CloseWait, c.State, "FIN consumed one more");
        }

        [TestMethod]
        public void SegmentAcceptabilityFollowsTheFourCasesAndUnacceptableGetsAnAck()
        {
            Assert.IsTrue(TcpLayer.IsAcceptable(100, 0, 100, 0), "len 0, wnd 0: SEG.SEQ = RCV.NXT");
            Assert.IsFalse(TcpLayer.IsAcceptable(101, 0, 100, 0));
            Assert.IsTrue(TcpLayer.IsAcceptable(150, 0, 100, 100), "len 0, wnd > 0: inside");
            Assert.IsTrue(TcpLayer.IsAcceptable(200, 0, 100, 100), "len 0 at the right edge: accepted (Linux-like leniency)");
            Assert.IsFalse(TcpLayer.IsAcceptable(201, 0, 100, 100));
            Assert.IsFalse(TcpLayer.IsAcceptable(99, 0, 100, 100));
            Assert.IsFalse(TcpLayer.IsAcceptable(100, 10, 100, 0) && TcpLayer.IsAcceptable(101, 10, 100, 0), "len > 0, wnd 0: nothing beyond RCV.NXT");
            Assert.IsTrue(TcpLayer.IsAcceptable(95, 10, 100, 100), "len > 0: tail inside");
            Assert.IsTrue(TcpLayer.IsAcceptable(199, 10, 100, 100), "len > 0: head inside");
            Assert.IsFalse(TcpLayer.IsAcceptable(200, 10, 100, 100));
            Assert.IsFalse(TcpLayer.IsAcceptable(80, 10, 100, 100));

            var h = new TcpHarness();
            h.OpenPassive(1000, out uint iss);
            h.Inject(1001 + 5000, iss + 1, A | P, 8192, Bytes(10));
            h.Expect(A, iss + 1, 1001);
            h.Inject(1001 + 5000, iss + 1, R);
            h.ExpectNothingSent();
            Assert.AreEqual(2, h.Layer.Counters.DroppedUnacceptable);
            Assert.AreEqual(TcpState.Established, h.Layer.Slot(0).State);
        }

        [TestMethod]
        public void OutOfOrderDataIsHeldNeverDeliveredEarlyAndDeliveredWhenTheGapFills()
        {
            var h = new TcpHarness();
            TcpConnection c = h.OpenPassive(1000, out uint iss);
            h.Inject(1011, iss + 1, A | P, 8192, Bytes(10, 10));
            SentSegment dup = h.Expect(A, iss + 1, 1001);
            Assert.AreEqual(2048, dup.Window, "held bytes are not yet part of the stream");
            Assert.AreEqual(0, c.Available, "never delivered out of order");
            Assert.AreEqual(1, h.Layer.Counters.OutOfOrderHeld);
            h.Inject(1001, iss + 1, A, 8192, Bytes(10, 0));
            SentSegment ack = h.Expect(A, iss + 1, 1021);
            Assert.AreEqual(2048 - 20, ack.Window);
            var buf = new byte[20];
            Assert.AreEqual(20, c.TryReceive(buf, 0, 20));
            for (int i = 0; i < 20; i++)
            {
                Assert.AreEqual((byte)i, buf[i]);
            }
        }

        [TestMethod]
        public void HeldRangesMergeAndAFifthSeparateRangeIsDropped()
        {
            var h = new TcpHarness();
            TcpConnection c = h.OpenPassive(1000, out uint iss);
            // Ranges at +10, +30, +50, +70 (10 bytes each), then +90 would be a fifth: dropped.
            for (int k = 1; k <= 5; k++)
            {
                h.Inject(1001 + (uint)(20 * k) - 10, iss + 1, A, 8192, Bytes(10, (20 * k) - 10));
                h.Expect(A, iss + 1, 1001);
            }

            Assert.AreEqual(4, h.Layer.Slot(0).HeldCount);
            Assert.AreEqual(1, h.Layer.Counters.DroppedOutOfOrder);
            // Filling +20..+30 merges the first two ranges.
            h.Inject(1021, iss + 1, A, 8192, Bytes(10, 20));
            h.Next();
            Assert.AreEqual(3, h.Layer.Slot(0).HeldCount);
            // The head of the stream: everything up to +80 becomes readable in one step, in order.
            h.Inject(1001, iss + 1, A, 8192, Bytes(10, 0));
            h.Expect(A, iss + 1, 1041);
            h.Inject(1041, iss + 1, A, 8192, Bytes(10, 40));
            h.Expect(A, iss + 1, 1061);
            h.Inject(1061, iss + 1, A, 8192, Bytes(10, 60));
            h.Expect(A, iss + 1, 1081);
            Assert.AreEqual(0, h.Layer.Slot(0).HeldCount);
            var buf = new byte[100];
            Assert.AreEqual(80, c.TryReceive(buf, 0, 100));
            for (int i = 0; i < 80; i++)
            {
                Assert.AreEqual((byte)i, buf[i]);
            }
        }

        [TestMethod]
        public void OverlappingRetransmissionDeliversOnlyTheNewBytes()
        {
            var h = new TcpHarness();
            TcpConnection c = h.OpenPassive(1000, out uint iss);
            h.Inject(1001, iss + 1, A, 8192, Bytes(10, 0));
            h.Inject(1006, iss + 1, A, 8192, Bytes(10, 5));
            Assert.AreEqual(15, c.Available);
            var buf = new byte[15];
            c.TryReceive(buf, 0, 15);
            Assert.AreEqual((byte)14, buf[14]);
        }

        [TestMethod]
        public void SequenceNumbersWrapPast2To32OnBothSides()
        {
            // Choose the start time so that the layer's ISN for this four-tuple lies just below 2^32.
            var config = new TcpConfiguration { SecretSeed = 777 };
            var hash = new KeyedHash(777);
            uint f = InitialSequenceNumber.Generate(hash, 0, TcpHarness.LocalAddress, 80, TcpHarness.PeerAddress, TcpHarness.PeerPort);
            long start = -1;
            for (uint x = 0xFFFFFE00; x < 0xFFFFFF00; x++)
            {
                if ((x - f) % 250 == 0)
                {
                    start = (x - f) / 250;
                    break;
                }
            }

            var h = new TcpHarness(config, start);
            uint peerIss = 0xFFFFFFF0;
            TcpConnection c = h.OpenPassive(peerIss, out uint iss);
            Assert.IsTrue(iss >= 0xFFFFFE00, "ISN near the top: " + iss);
            c.NoDelay = true;
            c.TrySend(Bytes(1000), 0, 1000);
            SentSegment d = h.Expect(A | P, iss + 1, peerIss + 1);
            Assert.AreEqual(1000, d.Data.Length);
            uint ackOfAll = iss + 1001;
            Assert.IsTrue(ackOfAll < 1000, "our sequence space wrapped");
            h.Inject(peerIss + 1, ackOfAll, A | P, 8192, Bytes(100));
            Assert.AreEqual(ackOfAll, h.Layer.Slot(0).SndUna);
            Assert.AreEqual(0x55u, h.Layer.Slot(0).RcvNxt, "peer's sequence space wrapped: 0xFFFFFFF1 + 100");
            Assert.AreEqual(Tcb.Never, h.Layer.Slot(0).RetransmitDeadline, "everything acknowledged across the wrap");
            h.Inject(0x55, ackOfAll, A | F);
            h.Expect(A, ackOfAll, 0x56);
            Assert.AreEqual(TcpState.CloseWait, c.State);
        }

        [TestMethod]
        public void PshDataIsDeliveredWithoutWaitingForTheBufferToFill()
        {
            var h = new TcpHarness();
            TcpConnection c = h.OpenPassive(1000, out uint iss);
            h.Inject(1001, iss + 1, A | P, 8192, Bytes(7));
            var buf = new byte[100];
            Assert.AreEqual(7, c.Receive(buf, 0, 100, 0));
        }

        [TestMethod]
        public void LastSegmentOfAWriteCarriesPsh()
        {
            var h = new TcpHarness();
            TcpConnection c = h.OpenActive(5000, out uint iss, 8192, 1000);
            c.NoDelay = true;
            c.TrySend(Bytes(1500), 0, 1500);
            SentSegment a = h.Expect(A, iss + 1, 5001);
            SentSegment b = h.Expect(A | P, iss + 1001, 5001);
            Assert.AreEqual(1000, a.Data.Length);
            Assert.AreEqual(500, b.Data.Length);
        }

        [TestMethod]
        public void UrgentDataIsDeliveredInlineWithoutBreakingTheStream()
        {
            var h = new TcpHarness();
            TcpConnection c = h.OpenPassive(1000, out uint iss);
            byte[] seg = Bytes(5, 0);
            // URG with urgent pointer 3, as a peer's MSG_OOB would send it.
            var b = new byte[25];
            TcpHeader.SetSourcePort(b, 0, TcpHarness.PeerPort);
            TcpHeader.SetDestinationPort(b, 0, 80);
            TcpHeader.SetSequenceNumber(b, 0, 1001);
            TcpHeader.SetAcknowledgmentNumber(b, 0, iss + 1);
            TcpHeader.SetDataOffset(b, 0, 20);
            TcpHeader.SetFlags(b, 0, (byte)(A | U | P));
            TcpHeader.SetWindow(b, 0, 8192);
            TcpHeader.SetUrgentPointer(b, 0, 3);
            Array.Copy(seg, 0, b, 20, 5);
            TcpHeader.FillChecksum(b, 0, 25, TcpHarness.PeerAddress, TcpHarness.LocalAddress);
            h.Layer.Receive(b, 0, 25, TcpHarness.PeerAddress, TcpHarness.LocalAddress);
            h.Inject(1006, iss + 1, A | P, 8192, Bytes(3, 5));
            var buf = new byte[8];
            Assert.AreEqual(8, c.TryReceive(buf, 0, 8));
            for (int i = 0; i < 8; i++)
            {
                Assert.AreEqual((byte)i, buf[i]);
            }
        }

        [TestMethod]
        public void DelayedAckWaits200MsForOneSegmentAndAcksEverySecondSegmentAtOnce()
        {
            var h = new TcpHarness();
            h.OpenPassive(1000, out uint iss);
            h.Inject(1001, iss + 1, A, 8192, Bytes(100));
            h.ExpectNothingSent();
            Assert.AreEqual(h.Now + 200, h.Layer.Poll(h.Now));
            h.Advance(199);
            h.ExpectNothingSent();
            h.Advance(1);
            h.Expect(A, iss + 1, 1101);
            h.Inject(1101, iss + 1, A, 8192, Bytes(100));
            h.ExpectNothingSent();
            h.Inject(1201, iss + 1, A, 8192, Bytes(100));
            h.Expect(A, iss + 1, 1301);
            h.Advance(500);
            h.ExpectNothingSent();
        }

        [TestMethod]
        public void NagleHoldsASmallSegmentWhileDataIsUnacknowledgedAndNoDelaySwitchesItOff()
        {
            var h = new TcpHarness();
            TcpConnection c = h.OpenActive(5000, out uint iss);
            c.TrySend(Bytes(10), 0, 10);
            h.Expect(A | P, iss + 1, 5001);
            c.TrySend(Bytes(10), 0, 10);
            h.ExpectNothingSent();
            h.Inject(5001, iss + 11, A, 8192, null, -1, 80, c.LocalPort);
            h.Expect(A | P, iss + 11, 5001);
            c.NoDelay = true;
            c.TrySend(Bytes(10), 0, 10);
            h.Expect(A | P, iss + 21, 5001);
        }

        [TestMethod]
        public void NagleLetsAShortSegmentFollowAFullOneButHoldsASecondShortOne()
        {
            var h = new TcpHarness();
            TcpConnection c = h.OpenActive(5000, out uint iss, 8192, 1000);
            c.TrySend(Bytes(1500), 0, 1500);
            SentSegment full = h.Expect(A, iss + 1, 5001);
            SentSegment tail = h.Expect(A | P, iss + 1001, 5001);
            Assert.AreEqual(1000, full.Data.Length);
            Assert.AreEqual(500, tail.Data.Length, "Minshall: the short tail goes while only a full segment is unacknowledged");
            c.TrySend(Bytes(10), 0, 10);
            h.ExpectNothingSent();
            h.Inject(5001, iss + 1001, A, 8192, null, -1, 80, c.LocalPort);
            h.ExpectNothingSent();
            h.Inject(5001, iss + 1501, A, 8192, null, -1, 80, c.LocalPort);
            h.Expect(A | P, iss + 1501, 5001);
        }

        [TestMethod]
        public void RttSamplesSetRtoPerRfc6298()
        {
            var h = new TcpHarness(new TcpConfiguration { MinimumRetransmissionTimeout = 10 });
            TcpConnection c = TcpConnection.BeginConnect(h.Layer, TcpHarness.PeerAddress, 80);
            uint iss = h.Next().Seq;
            Tcb tcb = h.Layer.Slot(0);
            h.Advance(100);
            h.Inject(5000, iss + 1, S | A, 8192, null, 1460, 80, c.LocalPort);
            h.Next();
            Assert.AreEqual(100, tcb.Srtt, "first sample from the SYN");
            Assert.AreEqual(50, tcb.RttVar);
            Assert.AreEqual(300, tcb.Rto, "SRTT + 4·RTTVAR");
            c.TrySend(Bytes(10), 0, 10);
            h.Next();
            h.Advance(200);
            h.Inject(5001, iss + 11, A, 8192, null, -1, 80, c.LocalPort);
            Assert.AreEqual(62, tcb.RttVar, "3/4·50 + 1/4·|100−200|");
            Assert.AreEqual(112, tcb.Srtt, "7/8·100 + 1/8·200");
            Assert.AreEqual(360, tcb.Rto);
        }

        [TestMethod]
        public void RtoHasALowerBoundOfOneSecondByDefault()
        {
            var h = new TcpHarness();
            TcpConnection c = h.OpenActive(5000, out uint iss);
            c.TrySend(Bytes(10), 0, 10);
            h.Next();
            h.Advance(10);
            h.Inject(5001, iss + 11, A, 8192, null, -1, 80, c.LocalPort);
            Assert.AreEqual(1000, h.Layer.Slot(0).Rto);
        }

        [TestMethod]
        public void RetransmissionBacksOffByDoublingAndResetsTheConnectionAfterTheLastTry()
        {
            var h = new TcpHarness(new TcpConfiguration { MaximumRetransmissions = 3, MaximumRetransmissionTime = 0 });
            TcpConnection c = h.OpenActive(5000, out uint iss);
            c.TrySend(Bytes(10), 0, 10);
            h.Expect(A | P, iss + 1, 5001);
            long sent = h.Now;
            long[] retries = { 1000, 3000, 7000 };
            foreach (long at in retries)
            {
                Assert.AreEqual(sent + at, h.Layer.Poll(h.Now));
                h.Advance(sent + at - h.Now);
                SentSegment again = h.Expect(A | P, iss + 1, 5001);
                Assert.AreEqual(10, again.Data.Length);
            }

            Assert.AreEqual(sent + 15000, h.Layer.Poll(h.Now));
            h.Advance(sent + 15000 - h.Now);
            h.Expect(R, iss + 11, 0);
            Assert.AreEqual(TcpState.Closed, c.State);
            Assert.AreEqual(TcpError.TimedOut, c.Error);
            Assert.AreEqual(-1, c.TrySend(Bytes(1), 0, 1));
            NanoTcp.Tests.Support.Expect.Throws(typeof(ConnectionTimedOutException), () => c.Send(Bytes(1), 0, 1, 0));
            Assert.AreEqual(3, h.Layer.Counters.Retransmissions);
        }

        [TestMethod]
        public void RtoIsCappedAtSixtySeconds()
        {
            var h = new TcpHarness(new TcpConfiguration { MaximumRetransmissions = 20 });
            TcpConnection c = h.OpenActive(5000, out uint iss);
            c.TrySend(Bytes(10), 0, 10);
            h.Next();
            for (int i = 0; i < 8; i++)
            {
                h.Advance(h.Layer.Poll(h.Now) - h.Now);
                h.Next();
            }

            Assert.AreEqual(60000, h.Layer.Slot(0).Rto);
            Assert.AreEqual(h.Now + 60000, h.Layer.Poll(h.Now));
        }

        [TestMethod]
        public void RtoRestartsAtThreeSecondsWhenTheSynHadToBeRetransmitted()
        {
            var h = new TcpHarness();
            TcpConnection c = TcpConnection.BeginConnect(h.Layer, TcpHarness.PeerAddress, 80);
            uint iss = h.Next().Seq;
            h.Advance(1000);
            h.Advance(2000);
            h.Next();
            h.Next();
            Assert.AreEqual(4000, h.Layer.Slot(0).Rto, "backed off twice");
            h.Inject(5000, iss + 1, S | A, 8192, null, 1460, 80, c.LocalPort);
            h.Next();
            Assert.AreEqual(3000, h.Layer.Slot(0).Rto, "RFC 6298 §5.7");
            c.TrySend(Bytes(10), 0, 10);
            h.Next();
            Assert.AreEqual(h.Now + 3000, h.Layer.Poll(h.Now));
        }

        [TestMethod]
        public void PassiveOpenTakesAnRttSampleFromTheSynAck()
        {
            var h = new TcpHarness(new TcpConfiguration { MinimumRetransmissionTimeout = 10 });
            new TcpListener(h.Layer, 80, 2).Start();
            h.Inject(1000, 0, S, 8192, null, 1460);
            uint iss = h.Next().Seq;
            h.Advance(40);
            h.Inject(1001, iss + 1, A);
            Assert.AreEqual(40, h.Layer.Slot(0).Srtt);
            Assert.AreEqual(120, h.Layer.Slot(0).Rto, "40 + 4·20");
        }

        [TestMethod]
        public void KarnsRuleTakesNoRttSampleFromARetransmittedSegment()
        {
            var h = new TcpHarness();
            TcpConnection c = h.OpenActive(5000, out uint iss);
            Tcb tcb = h.Layer.Slot(0);
            Assert.AreEqual(0, tcb.Srtt, "the handshake gave a sample of 0 ms");
            c.TrySend(Bytes(10), 0, 10);
            h.Next();
            h.Advance(1000);
            h.Next();
            Assert.AreEqual(2000, tcb.Rto);
            h.Advance(50);
            h.Inject(5001, iss + 11, A, 8192, null, -1, 80, c.LocalPort);
            Assert.AreEqual(0, tcb.Srtt, "no sample from the retransmitted segment");
            Assert.AreEqual(2000, tcb.Rto, "backed-off RTO kept");
        }

        [TestMethod]
        public void ZeroWindowIsProbedByThePersistTimerWithBackOffAndDataResumesWhenItOpens()
        {
            var h = new TcpHarness();
            TcpConnection c = h.OpenActive(5000, out uint iss, 0);
            Assert.AreEqual(100, c.TrySend(Bytes(100), 0, 100));
            h.ExpectNothingSent();
            long t0 = h.Now;
            Assert.AreEqual(t0 + 1000, h.Layer.Poll(h.Now));
            h.Advance(1000);
            SentSegment probe = h.Expect(A, iss, 5001);
            Assert.AreEqual(0, probe.Data.Length, "a window probe <SEQ=SND.UNA-1> the peer must answer, nothing beyond its window");
            h.Inject(5001, iss + 1, A, 0, null, -1, 80, c.LocalPort);
            Assert.AreEqual(t0 + 3000, h.Layer.Poll(h.Now), "probe interval doubles");
            h.Advance(2000);
            h.Expect(A, iss, 5001);
            h.Inject(5001, iss + 1, A, 0, null, -1, 80, c.LocalPort);
            Assert.AreEqual(t0 + 7000, h.Layer.Poll(h.Now));
            Assert.AreEqual(TcpState.Established, c.State, "persist never gives up while the peer answers");
            // The window opens: data flows.
            h.Inject(5001, iss + 1, A, 8192, null, -1, 80, c.LocalPort);
            SentSegment data = h.Expect(A | P, iss + 1, 5001);
            Assert.AreEqual(100, data.Data.Length);
        }

        [TestMethod]
        public void AckAfterATimeoutCarriesTheHighestSequenceNumberSentSoThePeerAcceptsIt()
        {
            var h = new TcpHarness();
            TcpConnection c = h.OpenActive(5000, out uint iss);
            c.TrySend(Bytes(2000), 0, 2000);
            h.Expect(A, iss + 1, 5001);
            h.Expect(A | P, iss + 1461, 5001);
            h.Advance(1000);
            h.Expect(A, iss + 1, 5001);
            Assert.AreEqual(iss + 1461, h.Layer.Slot(0).SndNxt, "one segment retransmitted from SND.UNA");
            // The peer had both segments all along and now sends data of its own (its ACK got lost earlier).
            h.Inject(5001, iss + 1, A | P, 8192, Bytes(10), -1, 80, c.LocalPort);
            h.Advance(200);
            h.Expect(A, iss + 2001, 5011);
        }

        [TestMethod]
        public void KeepAliveProbesAfterIdleThenEveryIntervalAndDropsAfterTheLastUnansweredProbe()
        {
            var h = new TcpHarness();
            TcpConnection c = h.OpenPassive(1000, out uint iss);
            c.SetKeepAlive(true, 7200000, 75000, 10);
            h.Advance(7200000 - 1);
            h.ExpectNothingSent();
            h.Advance(1);
            h.Expect(A, iss, 1001);
            // An answer resets the idle timer.
            h.Inject(1001, iss + 1, A);
            h.Advance(75000);
            h.ExpectNothingSent();
            h.Advance(7200000 - 75000);
            h.Expect(A, iss, 1001);
            for (int i = 1; i < 10; i++)
            {
                h.Advance(75000);
                h.Expect(A, iss, 1001);
            }

            Assert.AreEqual(TcpState.Established, c.State);
            h.Advance(75000);
            h.ExpectNothingSent();
            Assert.AreEqual(TcpState.Closed, c.State);
            Assert.AreEqual(TcpError.TimedOut, c.Error);
        }

        [TestMethod]
        public void KeepAliveIsOffByDefault()
        {
            var h = new TcpHarness();
            TcpConnection c = h.OpenPassive(1000, out uint iss);
            h.Advance(3L * 3600 * 1000);
            h.ExpectNothingSent();
            Assert.AreEqual(TcpState.Established, c.State);
        }
    }
}
