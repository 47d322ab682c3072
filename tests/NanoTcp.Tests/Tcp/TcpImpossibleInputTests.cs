#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using NanoTcp.Tcp;
using NanoTcp.Wire;

namespace NanoTcp.Tests.Tcp
{
    /// <summary>What impossible input does: port 0, SYN with RST or FIN. Dropped, counted, never answered.</summary>
    [TestClass]
    public class TcpImpossibleInputTests
    {
        private const int S = TcpHeader.Syn;
        private const int A = TcpHeader.Ack;
        private const int F = TcpHeader.Fin;
        private const int R = TcpHeader.Rst;

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
    }
}
