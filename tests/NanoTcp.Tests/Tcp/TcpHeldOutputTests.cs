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
    /// <summary>
    /// Output held for one step (what the firmware does around its HTTP server): writes and CLOSE only queue, the release
    /// sends them, and the FIN rides on the segment that carries the last byte.
    /// </summary>
    [TestClass]
    public class TcpHeldOutputTests
    {
        private const int A = TcpHeader.Ack;
        private const int F = TcpHeader.Fin;
        private const int P = TcpHeader.Psh;

        [TestMethod]
        public void AResponseAndTheCloseAfterItLeaveAsOneSegmentCarryingTheFin()
        {
            var h = new TcpHarness();
            TcpConnection c = h.OpenPassive(1000, out uint iss);
            h.Layer.HoldOutput();
            Assert.AreEqual(3, c.TrySend(new byte[] { 1, 2, 3 }, 0, 3));
            c.Close();
            h.ExpectNothingSent();
            Assert.AreEqual(TcpState.FinWait1, h.Layer.Slot(0).State);

            h.Layer.ReleaseOutput();
            SentSegment s = h.Expect(F | P | A, iss + 1, 1001);
            Assert.AreEqual(3, s.Data.Length);
            Assert.AreEqual((byte)3, s.Data[2]);
            h.ExpectNothingSent();

            // The peer acknowledges the data and the FIN (iss + 1 + 3 bytes + FIN): FIN-WAIT-2, the slot given back.
            h.Inject(1001, iss + 5, A);
            Assert.AreEqual(TcpState.Closed, h.Layer.Slot(0).State);
            Assert.AreEqual(1, h.Layer.TimeWaitRecords.Count);
            Assert.IsTrue(h.Layer.TimeWaitRecords.IsFinWait2(0));
            h.Inject(1001, iss + 5, F | A);
            h.Expect(A, iss + 5, 1002);
        }

        [TestMethod]
        public void WritesWhileHeldLeaveAsOneSegment()
        {
            var h = new TcpHarness();
            TcpConnection c = h.OpenPassive(1000, out uint iss);
            h.Layer.HoldOutput();
            c.TrySend(new byte[] { 1, 2 }, 0, 2);
            c.TrySend(new byte[] { 3, 4 }, 0, 2);
            h.ExpectNothingSent();
            h.Layer.ReleaseOutput();
            SentSegment s = h.Expect(P | A, iss + 1, 1001);
            Assert.AreEqual(4, s.Data.Length);
            h.ExpectNothingSent();

            // Not held: a write goes at once (here as soon as the first segment is acknowledged, Nagle).
            h.Inject(1001, iss + 5, A);
            c.TrySend(new byte[] { 5 }, 0, 1);
            h.Expect(P | A, iss + 5, 1001);
        }

        [TestMethod]
        public void TheFinRidesOnlyOnTheSegmentWithTheLastByte()
        {
            var h = new TcpHarness();
            TcpConnection c = h.OpenPassive(1000, out uint iss);
            var data = new byte[2048];
            h.Layer.HoldOutput();
            Assert.AreEqual(2048, c.TrySend(data, 0, data.Length));
            c.Close();
            h.Layer.ReleaseOutput();
            SentSegment first = h.Expect(A, iss + 1, 1001);
            Assert.AreEqual(1460, first.Data.Length);
            SentSegment last = h.Expect(F | P | A, iss + 1461, 1001);
            Assert.AreEqual(588, last.Data.Length);
            h.ExpectNothingSent();
        }

        [TestMethod]
        public void AfterATimeoutTheLastDataIsSentAgainWithTheFin()
        {
            var h = new TcpHarness();
            TcpConnection c = h.OpenPassive(1000, out uint iss);
            h.Layer.HoldOutput();
            c.TrySend(new byte[] { 1, 2, 3 }, 0, 3);
            c.Close();
            h.Layer.ReleaseOutput();
            h.Expect(F | P | A, iss + 1, 1001);

            h.Advance(h.Layer.Slot(0).Rto);
            SentSegment again = h.Expect(F | P | A, iss + 1, 1001);
            Assert.AreEqual(3, again.Data.Length);
            Assert.AreEqual(1, h.Layer.Counters.Retransmissions);
            h.ExpectNothingSent();

            h.Inject(1001, iss + 5, A);
            Assert.IsTrue(h.Layer.TimeWaitRecords.IsFinWait2(0), "data and FIN acknowledged");
        }

        [TestMethod]
        public void AnAcknowledgmentOfTheDataAloneLeavesTheFinOutstanding()
        {
            var h = new TcpHarness();
            TcpConnection c = h.OpenPassive(1000, out uint iss);
            h.Layer.HoldOutput();
            c.TrySend(new byte[] { 1, 2, 3 }, 0, 3);
            c.Close();
            h.Layer.ReleaseOutput();
            h.Expect(F | P | A, iss + 1, 1001);

            h.Inject(1001, iss + 4, A);
            Tcb tcb = h.Layer.Slot(0);
            Assert.AreEqual(TcpState.FinWait1, tcb.State, "the FIN is not acknowledged yet");
            Assert.AreEqual(0, tcb.SendBuffer.Count);

            // Its retransmission is the FIN alone, at the sequence number after the data.
            h.Advance(tcb.Rto);
            h.Expect(F | A, iss + 4, 1001);
            h.Inject(1001, iss + 5, A);
            Assert.IsTrue(h.Layer.TimeWaitRecords.IsFinWait2(0));
        }

        [TestMethod]
        public void ReleasingWithNothingHeldSendsNothing()
        {
            var h = new TcpHarness();
            h.OpenPassive(1000, out uint iss);
            h.Layer.HoldOutput();
            h.Layer.ReleaseOutput();
            h.ExpectNothingSent();
        }
    }
}
