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
    public class TcpOpeningTests
    {
        private const int S = TcpHeader.Syn;
        private const int A = TcpHeader.Ack;
        private const int F = TcpHeader.Fin;
        private const int R = TcpHeader.Rst;
        private const int P = TcpHeader.Psh;

        [TestMethod]
        public void PassiveOpenGoesListenSynReceivedEstablishedWithExactNumbers()
        {
            var h = new TcpHarness();
            var listener = new TcpListener(h.Layer, 80, 2);
            listener.Start();
            h.Inject(1000, 0, S, 8192, null, 1460);
            SentSegment synAck = h.Next();
            Assert.AreEqual("SA", SentSegment.FlagNames(synAck.Flags));
            Assert.AreEqual(1001u, synAck.Ack, "SYN-ACK: ACK = peer ISN + 1");
            Assert.AreEqual(80, synAck.SourcePort);
            Assert.AreEqual(TcpHarness.PeerPort, synAck.DestinationPort);
            Assert.AreEqual(TcpHarness.PeerAddress, synAck.Destination);
            Assert.AreEqual(TcpState.SynReceived, h.Layer.Slot(0).State);
            Assert.IsFalse(listener.Pending(), "not acceptable before the handshake completes");
            uint iss = synAck.Seq;
            Assert.AreEqual(iss, h.Layer.Slot(0).Iss);

            h.Inject(1001, iss + 1, A);
            h.ExpectNothingSent();
            Assert.AreEqual(TcpState.Established, h.Layer.Slot(0).State);
            Assert.AreEqual(iss + 1, h.Layer.Slot(0).SndUna);
            Assert.AreEqual(1001u, h.Layer.Slot(0).RcvNxt);
            Assert.IsTrue(listener.Pending());
            TcpConnection c = listener.TryAccept();
            Assert.AreEqual(TcpState.Established, c.State);
            Assert.AreEqual(TcpHarness.PeerPort, c.RemotePort);
        }

        [TestMethod]
        public void ActiveOpenGoesClosedSynSentEstablishedAndAcksTheSynAck()
        {
            var h = new TcpHarness();
            TcpConnection c = TcpConnection.BeginConnect(h.Layer, TcpHarness.PeerAddress, 80);
            Assert.AreEqual(TcpState.SynSent, c.State);
            SentSegment syn = h.Next();
            Assert.AreEqual("S", SentSegment.FlagNames(syn.Flags));
            Assert.AreEqual(0u, syn.Ack);
            Assert.AreEqual(1460, syn.Mss, "SYN carries our MSS (1480 - 20)");
            Assert.AreEqual(80, syn.DestinationPort);
            Assert.IsTrue(syn.SourcePort >= 49152, "ephemeral port");

            h.Inject(5000, syn.Seq + 1, S | A, 4096, null, 1000, 80, c.LocalPort);
            h.Expect(A, syn.Seq + 1, 5001);
            Assert.AreEqual(TcpState.Established, c.State);
            Assert.AreEqual(1000, h.Layer.Slot(0).SndMss, "peer MSS honoured");
            Assert.AreEqual(4096, h.Layer.Slot(0).SndWnd);
        }

        [TestMethod]
        public void SynAndSynAckCarryOurMssAndAbsentPeerMssMeans536()
        {
            var h = new TcpHarness();
            new TcpListener(h.Layer, 80, 2).Start();
            h.Inject(1000, 0, S, 8192);
            SentSegment synAck = h.Next();
            Assert.AreEqual(1460, synAck.Mss);
            Assert.AreEqual(24, TcpHeader.DataOffset(synAck.Bytes, 0));
            Assert.AreEqual(536, h.Layer.Slot(0).SndMss);
        }

        [TestMethod]
        public void ThirdSegmentOfTheHandshakeMayCarryData()
        {
            var h = new TcpHarness();
            var listener = new TcpListener(h.Layer, 80, 2);
            listener.Start();
            h.Inject(1000, 0, S, 8192, null, 1460);
            uint iss = h.Next().Seq;
            h.Inject(1001, iss + 1, A | P, 8192, new byte[] { 1, 2, 3, 4, 5 });
            Assert.AreEqual(TcpState.Established, h.Layer.Slot(0).State);
            Assert.AreEqual(1006u, h.Layer.Slot(0).RcvNxt);
            h.Advance(200);
            SentSegment ack = h.Expect(A, iss + 1, 1006);
            Assert.AreEqual(2048 - 5, ack.Window);
            TcpConnection c = listener.TryAccept();
            var buf = new byte[10];
            Assert.AreEqual(5, c.TryReceive(buf, 0, 10));
            Assert.AreEqual((byte)5, buf[4]);
        }

        [TestMethod]
        public void SimultaneousOpenTakesFourSegmentsAndBothReachEstablished()
        {
            var h = new TcpHarness();
            TcpConnection c = TcpConnection.BeginConnect(h.Layer, TcpHarness.PeerAddress, 80);
            SentSegment syn = h.Next();
            // The peer's own SYN crosses ours.
            h.Inject(7000, 0, S, 8192, null, 1460, 80, c.LocalPort);
            Assert.AreEqual(TcpState.SynReceived, c.State);
            SentSegment synAck = h.Expect(S | A, syn.Seq, 7001);
            Assert.AreEqual(1460, synAck.Mss);
            // The peer's SYN,ACK for our SYN.
            h.Inject(7000, syn.Seq + 1, S | A, 8192, null, 1460, 80, c.LocalPort);
            Assert.AreEqual(TcpState.Established, c.State);
            h.ExpectNothingSent();
            Assert.AreEqual(2, h.Ip.Count, "we sent two segments (SYN, SYN-ACK) of the four");
        }

        [TestMethod]
        public void RstInSynReceivedFromPassiveOpenReturnsToListen()
        {
            var h = new TcpHarness();
            var listener = new TcpListener(h.Layer, 80, 2);
            listener.Start();
            h.Inject(1000, 0, S, 8192);
            h.Next();
            h.Inject(1001, 0, R);
            Assert.AreEqual(0, h.Layer.ConnectionsInUse);
            h.ExpectNothingSent();
            // Still listening: a new SYN is answered.
            h.Inject(3000, 0, S, 8192, null, -1, 40001);
            Assert.AreEqual("SA", SentSegment.FlagNames(h.Next().Flags));
        }

        [TestMethod]
        public void RstInSynReceivedFromActiveOpenClosesAsRefused()
        {
            var h = new TcpHarness();
            TcpConnection c = TcpConnection.BeginConnect(h.Layer, TcpHarness.PeerAddress, 80);
            h.Next();
            h.Inject(7000, 0, S, 8192, null, 1460, 80, c.LocalPort);
            h.Next();
            h.Inject(7001, 0, R, 0, null, -1, 80, c.LocalPort);
            Assert.AreEqual(TcpState.Closed, c.State);
            Assert.AreEqual(TcpError.Refused, c.Error);
            NanoTcp.Tests.Support.Expect.Throws(typeof(ConnectionRefusedException), () => c.WaitConnected(0));
        }

        [TestMethod]
        public void UnacceptableAckInSynReceivedIsAnsweredWithRstAtTheSegmentsAck()
        {
            var h = new TcpHarness();
            new TcpListener(h.Layer, 80, 2).Start();
            h.Inject(1000, 0, S, 8192);
            uint iss = h.Next().Seq;
            h.Inject(1001, iss + 50, A);
            h.Expect(R, iss + 50, 0);
            Assert.AreEqual(TcpState.SynReceived, h.Layer.Slot(0).State);
        }

        [TestMethod]
        public void CloseInSynReceivedSendsFinAndGoesToFinWait1()
        {
            var h = new TcpHarness();
            TcpConnection c = TcpConnection.BeginConnect(h.Layer, TcpHarness.PeerAddress, 80);
            uint iss = h.Next().Seq;
            h.Inject(7000, 0, S, 8192, null, 1460, 80, c.LocalPort);
            h.Next();
            c.Shutdown();
            Assert.AreEqual(TcpState.FinWait1, c.State);
            h.Expect(F | A, iss + 1, 7001);
            // The peer acknowledges SYN and FIN together.
            h.Inject(7001, iss + 2, A, 8192, null, -1, 80, c.LocalPort);
            Assert.AreEqual(TcpState.FinWait2, c.State);
        }

        [TestMethod]
        public void SynIsRetransmittedAt1_2_4_8_16_32SecondsAndGivesUpAt75SecondsAsTimedOut()
        {
            var h = new TcpHarness();
            long start = h.Now;
            TcpConnection c = TcpConnection.BeginConnect(h.Layer, TcpHarness.PeerAddress, 80);
            uint iss = h.Next().Seq;
            long[] expected = { 1000, 3000, 7000, 15000, 31000, 63000 };
            foreach (long at in expected)
            {
                long next = h.Layer.Poll(h.Now);
                Assert.AreEqual(start + at, next, "next SYN retry due");
                h.Advance(next - h.Now - 1);
                h.ExpectNothingSent();
                h.Advance(1);
                h.Expect(S, iss, 0);
            }

            Assert.AreEqual(start + 75000, h.Layer.Poll(h.Now), "give-up time caps the last interval");
            h.Advance(start + 75000 - h.Now);
            h.ExpectNothingSent();
            Assert.AreEqual(TcpState.Closed, c.State);
            Assert.AreEqual(TcpError.TimedOut, c.Error);
            NanoTcp.Tests.Support.Expect.Throws(typeof(ConnectionTimedOutException), () => c.WaitConnected(0));
        }

        [TestMethod]
        public void SynGiveUpTimeIsConfigurable()
        {
            var h = new TcpHarness(new TcpConfiguration { SynGiveUpTime = 5000 });
            TcpConnection c = TcpConnection.BeginConnect(h.Layer, TcpHarness.PeerAddress, 80);
            h.Next();
            h.Advance(4999);
            Assert.AreEqual(TcpState.SynSent, c.State);
            h.Advance(1);
            Assert.AreEqual(TcpError.TimedOut, c.Error);
        }

        [TestMethod]
        public void SynAckIsRetransmittedWithDoublingIntervalsThenTheHalfOpenConnectionIsDropped()
        {
            var h = new TcpHarness(new TcpConfiguration { SynAckRetries = 3 });
            new TcpListener(h.Layer, 80, 2).Start();
            long start = h.Now;
            h.Inject(1000, 0, S, 8192);
            uint iss = h.Next().Seq;
            long[] expected = { 1000, 3000, 7000 };
            foreach (long at in expected)
            {
                Assert.AreEqual(start + at, h.Layer.Poll(h.Now));
                h.Advance(start + at - h.Now);
                h.Expect(S | A, iss, 1001);
            }

            Assert.AreEqual(start + 15000, h.Layer.Poll(h.Now));
            h.Advance(start + 15000 - h.Now);
            h.ExpectNothingSent();
            Assert.AreEqual(0, h.Layer.ConnectionsInUse);
        }

        [TestMethod]
        public void RetransmittedSynInSynReceivedGetsTheSynAckAgain()
        {
            var h = new TcpHarness();
            new TcpListener(h.Layer, 80, 2).Start();
            h.Inject(1000, 0, S, 8192);
            uint iss = h.Next().Seq;
            h.Inject(1000, 0, S, 8192);
            h.Expect(S | A, iss, 1001);
            Assert.AreEqual(1, h.Layer.ConnectionsInUse);
        }

        [TestMethod]
        public void SegmentToAPortWithoutListenerGetsRstPerRfc9293()
        {
            var h = new TcpHarness();
            h.Inject(1000, 0, S, 8192, new byte[] { 1, 2 }, -1, TcpHarness.PeerPort, 81);
            // No ACK bit: <SEQ=0><ACK=SEG.SEQ+SEG.LEN><CTL=RST,ACK>; SEG.LEN = 2 data + SYN.
            SentSegment rst = h.Expect(R | A, 0, 1003);
            Assert.AreEqual(0, rst.Window);
            h.Inject(1000, 777, A, 8192, null, -1, TcpHarness.PeerPort, 81);
            h.Expect(R, 777, 0);
            h.Inject(1000, 777, R | A, 8192, null, -1, TcpHarness.PeerPort, 81);
            h.ExpectNothingSent();
            Assert.AreEqual(2, h.Layer.Counters.ResetsSent);
        }

        [TestMethod]
        public void AckToAListenerWithoutAValidCookieGetsRst()
        {
            var h = new TcpHarness();
            new TcpListener(h.Layer, 80, 2).Start();
            h.Inject(1000, 12345, A);
            h.Expect(R, 12345, 0);
            h.Inject(1000, 12345, R);
            h.ExpectNothingSent();
        }

        [TestMethod]
        public void RstInSynSentIsAcceptedOnlyWhenItAcknowledgesOurSyn()
        {
            var h = new TcpHarness();
            TcpConnection c = TcpConnection.BeginConnect(h.Layer, TcpHarness.PeerAddress, 80);
            uint iss = h.Next().Seq;
            h.Inject(0, iss + 1000, R | A, 0, null, -1, 80, c.LocalPort);
            h.ExpectNothingSent();
            Assert.AreEqual(TcpState.SynSent, c.State, "RST with a wrong ACK is ignored");
            h.Inject(0, 0, R, 0, null, -1, 80, c.LocalPort);
            Assert.AreEqual(TcpState.SynSent, c.State, "RST without ACK is ignored");
            h.Inject(0, iss + 1, R | A, 0, null, -1, 80, c.LocalPort);
            Assert.AreEqual(TcpState.Closed, c.State);
            Assert.AreEqual(TcpError.Refused, c.Error);
        }

        [TestMethod]
        public void BadAckInSynSentIsAnsweredWithRst()
        {
            var h = new TcpHarness();
            TcpConnection c = TcpConnection.BeginConnect(h.Layer, TcpHarness.PeerAddress, 80);
            uint iss = h.Next().Seq;
            h.Inject(5000, iss, S | A, 8192, null, -1, 80, c.LocalPort);
            h.Expect(R, iss, 0);
            Assert.AreEqual(TcpState.SynSent, c.State);
        }

        [TestMethod]
        public void ConsecutiveActiveOpensDoNotTakeConsecutiveEphemeralPorts()
        {
            // Caught by the unpredictability check (Host/Reliability): ports were handed out as a counter from a
            // random start, so one observed port gave away the next (RFC 6056 §2.1).
            var h = new TcpHarness();
            int previous = -1;
            int steps = 0;
            for (int i = 0; i < 20; i++)
            {
                TcpConnection c = TcpConnection.BeginConnect(h.Layer, TcpHarness.PeerAddress, 80);
                int port = h.Next().SourcePort;
                Assert.IsTrue(port >= 49152 && port <= 65535, "port " + port.ToString() + " outside the dynamic range");
                steps += port == previous + 1 ? 1 : 0;
                previous = port;
                c.Abort(); // in SYN-SENT: nothing sent, the slot freed
            }

            Assert.AreEqual(0, steps, "ports that followed the one before");
        }
    }
}
