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
    /// <summary>RFC 5961 blind in-window attack mitigations and RST processing in synchronized states.</summary>
    [TestClass]
    public class TcpRfc5961Tests
    {
        private const int S = TcpHeader.Syn;
        private const int A = TcpHeader.Ack;
        private const int R = TcpHeader.Rst;

        [TestMethod]
        public void RstExactlyAtRcvNxtResetsAndTheApplicationIsToldReset()
        {
            var h = new TcpHarness();
            TcpConnection c = h.OpenPassive(1000, out uint iss);
            h.Inject(1001, 0, R);
            h.ExpectNothingSent();
            Assert.AreEqual(TcpState.Closed, c.State);
            Assert.AreEqual(TcpError.Reset, c.Error);
            var buf = new byte[1];
            NanoTcp.Tests.Support.Expect.Throws(typeof(ConnectionResetException), () => c.Receive(buf, 0, 1, 0));
            c.Close();
            Assert.AreEqual(0, h.Layer.ConnectionsInUse);
        }

        [TestMethod]
        public void RstInWindowButNotExactGetsAChallengeAck()
        {
            var h = new TcpHarness();
            TcpConnection c = h.OpenPassive(1000, out uint iss);
            h.Inject(1500, 0, R);
            h.Expect(A, iss + 1, 1001);
            Assert.AreEqual(TcpState.Established, c.State);
            Assert.AreEqual(1, h.Layer.Counters.ChallengeAcksSent);
        }

        [TestMethod]
        public void RstOutsideTheWindowIsDroppedSilently()
        {
            var h = new TcpHarness();
            TcpConnection c = h.OpenPassive(1000, out uint iss);
            h.Inject(1001 + 100000, 0, R);
            h.ExpectNothingSent();
            Assert.AreEqual(TcpState.Established, c.State);
        }

        [TestMethod]
        public void SynOnASynchronizedConnectionGetsAChallengeAck()
        {
            var h = new TcpHarness();
            TcpConnection c = h.OpenPassive(1000, out uint iss);
            h.Inject(1001, 0, S, 8192, null, 1460);
            h.Expect(A, iss + 1, 1001);
            Assert.AreEqual(TcpState.Established, c.State);
            h.Inject(1001 + 100000, 0, S, 8192, null, 1460);
            h.Expect(A, iss + 1, 1001);
            Assert.AreEqual(TcpState.Established, c.State);
        }

        [TestMethod]
        public void AckOfDataNeverSentIsAnsweredWithAckAndDropped()
        {
            var h = new TcpHarness();
            TcpConnection c = h.OpenPassive(1000, out uint iss);
            h.Inject(1001, iss + 100, A, 8192, new byte[] { 1, 2, 3 });
            h.Expect(A, iss + 1, 1001);
            Assert.AreEqual(0, c.Available, "the segment was dropped with its data");
            Assert.AreEqual(iss + 1, h.Layer.Slot(0).SndUna);
        }

        [TestMethod]
        public void AckTooFarBelowSndUnaIsAnsweredWithAckAndDropped()
        {
            var h = new TcpHarness();
            TcpConnection c = h.OpenPassive(1000, out uint iss, 1000);
            h.Inject(1001, iss + 1 - 5000, A, 8192, new byte[] { 1, 2, 3 });
            h.Expect(A, iss + 1, 1001);
            Assert.AreEqual(0, c.Available);
            // Within MAX.SND.WND below SND.UNA: an old duplicate ACK, its data is taken.
            h.Inject(1001, iss + 1 - 500, A, 8192, new byte[] { 1, 2, 3 });
            Assert.AreEqual(3, c.Available);
        }
    }
}
