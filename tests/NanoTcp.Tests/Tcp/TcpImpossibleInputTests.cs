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
    /// What impossible input does: port 0, SYN with RST or FIN, segments without SYN, RST or ACK (nmap's FIN, NULL and
    /// Xmas probes), RSTs for no connection. Dropped, counted, never answered.
    /// </summary>
    [TestClass]
    public class TcpImpossibleInputTests
    {
        private const int S = TcpHeader.Syn;
        private const int A = TcpHeader.Ack;
        private const int F = TcpHeader.Fin;
        private const int R = TcpHeader.Rst;
        private const int P = TcpHeader.Psh;
        private const int U = TcpHeader.Urg;

        [TestMethod]
        public void SynFromSourcePortZeroIsDroppedUnansweredAndCounted()
        {
            var h = new TcpHarness();
            new TcpListener(h.Layer, 80, 2).Start();
            h.Inject(1000, 0, S, 8192, null, 1460, 0);
            h.ExpectNothingSent();
            Assert.AreEqual(1, h.Layer.Counters.DroppedPortZero);
            Assert.AreEqual(0, h.Layer.ConnectionsInUse);
        }

        [TestMethod]
        public void SegmentToPortZeroIsDroppedWithoutARst()
        {
            var h = new TcpHarness();
            h.Inject(1000, 5, A, 8192, null, -1, TcpHarness.PeerPort, 0);
            h.ExpectNothingSent();
            Assert.AreEqual(1, h.Layer.Counters.DroppedPortZero);
            Assert.AreEqual(0, h.Layer.Counters.ResetsSent);
        }

        [TestMethod]
        public void SynWithFinToAListenerOpensNothingAndIsCounted()
        {
            var h = new TcpHarness();
            new TcpListener(h.Layer, 80, 2).Start();
            h.Inject(1000, 0, S | F, 8192, null, 1460);
            h.ExpectNothingSent();
            Assert.AreEqual(1, h.Layer.Counters.DroppedSynWithRstOrFin);
            Assert.AreEqual(0, h.Layer.ConnectionsInUse);
        }

        [TestMethod]
        public void SynWithRstOnAnEstablishedConnectionChangesNothing()
        {
            var h = new TcpHarness();
            TcpConnection c = h.OpenPassive(1000, out uint iss);
            h.Inject(1001, iss + 1, S | R | A);
            h.ExpectNothingSent();
            Assert.AreEqual(TcpState.Established, c.State);
            Assert.AreEqual(1, h.Layer.Counters.DroppedSynWithRstOrFin);
        }

        [TestMethod]
        public void FinNullAndXmasProbesToAListenerAreCountedAsDroppedWithoutSyn()
        {
            // Caught by the malformed-frame corpus and nmap -sF/-sN/-sX (issue 12): a listener dropped them uncounted.
            var h = new TcpHarness();
            new TcpListener(h.Layer, 80, 2).Start();
            h.Inject(1000, 0, F);
            h.Inject(2000, 0, 0);
            h.Inject(3000, 0, F | P | U);
            h.ExpectNothingSent();
            Assert.AreEqual(3, h.Layer.Counters.DroppedWithoutSyn);
            Assert.AreEqual(0, h.Layer.ConnectionsInUse);
        }

        [TestMethod]
        public void FinWithoutAckOnAnEstablishedConnectionIsCountedAsDroppedWithoutAck()
        {
            // Caught by the malformed-frame corpus ("fin-without-ack-in-window"): dropped at RFC 9293's fifth step uncounted.
            var h = new TcpHarness();
            TcpConnection c = h.OpenPassive(1000, out uint iss);
            h.Inject(1001, 0, F);
            h.ExpectNothingSent();
            Assert.AreEqual(TcpState.Established, c.State);
            Assert.AreEqual(1, h.Layer.Counters.DroppedWithoutAck);
        }

        [TestMethod]
        public void ResetsToAClosedPortAndToAListenerAreCountedAsStray()
        {
            // Caught by the malformed-frame corpus ("tcp-rst-to-listener", "tcp-rst-to-closed-port"): dropped uncounted.
            var h = new TcpHarness();
            new TcpListener(h.Layer, 80, 2).Start();
            h.Inject(1000, 0, R);
            h.Inject(2000, 0, R | A, 8192, null, -1, TcpHarness.PeerPort, 81);
            h.ExpectNothingSent();
            Assert.AreEqual(2, h.Layer.Counters.DroppedResetWithoutConnection);
            Assert.AreEqual(0, h.Layer.Counters.ResetsSent);
        }
    }
}
