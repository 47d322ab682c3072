#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using NanoTcp.Tcp;
using NanoTcp.Wire;

namespace NanoTcp.Tests.Tcp
{
    /// <summary>RFC 1122 §4.2.2.13, RFC 9293 §3.6: data the application will never read is reported lost with a RST, not a FIN.</summary>
    [TestClass]
    public class TcpResetOnCloseTests
    {
        private const int A = TcpHeader.Ack;
        private const int F = TcpHeader.Fin;
        private const int R = TcpHeader.Rst;
        private const int P = TcpHeader.Psh;

        [TestMethod]
        public void CloseWithUnreadDataSendsRstInsteadOfFinAndFreesTheSlot()
        {
            var h = new TcpHarness();
            TcpConnection c = h.OpenPassive(1000, out uint iss);
            h.Inject(1001, iss + 1, A | P, 8192, new byte[] { 1, 2, 3 });
            c.Close();
            h.Expect(R, iss + 1, 0);
            h.ExpectNothingSent();
            Assert.AreEqual(TcpState.Closed, h.Layer.Slot(0).State);
            Assert.AreEqual(0, h.Layer.ConnectionsInUse, "the slot is free at once");
            Assert.AreEqual(0, h.Layer.TimeWaitRecords.Count, "no FIN-WAIT-2 or TIME-WAIT record after a reset");
            Assert.AreEqual(1, h.Layer.Counters.ResetsOnCloseWithUnreadData);
            Assert.AreEqual(1, h.Layer.Counters.ResetsSent);
            h.Advance(1000);
            h.ExpectNothingSent();
        }

        [TestMethod]
        public void CloseAfterReadingEveryByteSendsFin()
        {
            var h = new TcpHarness();
            TcpConnection c = h.OpenPassive(1000, out uint iss);
            h.Inject(1001, iss + 1, A | P, 8192, new byte[] { 1, 2, 3 });
            var buffer = new byte[8];
            Assert.AreEqual(3, c.Receive(buffer, 0, buffer.Length, 0));
            c.Close();
            h.Expect(F | A, iss + 1, 1004);
            Assert.AreEqual(TcpState.FinWait1, h.Layer.Slot(0).State);
            Assert.AreEqual(0, h.Layer.Counters.ResetsOnCloseWithUnreadData);
        }

        [TestMethod]
        public void CloseInCloseWaitWithUnreadDataSendsRstInsteadOfGoingToLastAck()
        {
            var h = new TcpHarness();
            TcpConnection c = h.OpenPassive(1000, out uint iss);
            h.Inject(1001, iss + 1, A | P | F, 8192, new byte[] { 1, 2, 3 });
            h.Expect(A, iss + 1, 1005);
            Assert.AreEqual(TcpState.CloseWait, c.State);
            c.Close();
            h.Expect(R, iss + 1, 0);
            h.ExpectNothingSent();
            Assert.AreEqual(0, h.Layer.ConnectionsInUse);
            Assert.AreEqual(1, h.Layer.Counters.ResetsOnCloseWithUnreadData);
        }

        [TestMethod]
        public void CloseWithUnreadDataDropsQueuedSendDataAndResetsAtTheHighestSequenceSent()
        {
            var h = new TcpHarness();
            TcpConnection c = h.OpenPassive(1000, out uint iss);
            Assert.AreEqual(4, c.TrySend(new byte[] { 5, 6, 7, 8 }, 0, 4));
            h.Expect(A | P, iss + 1, 1001);
            h.Inject(1001, iss + 1, A | P, 8192, new byte[] { 1, 2 });
            c.Close();
            h.Expect(R, iss + 5, 0);
            h.ExpectNothingSent();
            h.Advance(5000);
            h.ExpectNothingSent();
        }

        [TestMethod]
        public void NewDataInFinWait1AfterCloseIsAnsweredByRstAndCounted()
        {
            var h = new TcpHarness();
            TcpConnection c = h.OpenPassive(1000, out uint iss);
            c.Close();
            h.Expect(F | A, iss + 1, 1001);
            h.Inject(1001, iss + 1, A | P, 8192, new byte[] { 1, 2, 3 });
            h.Expect(R, iss + 2, 0);
            h.ExpectNothingSent();
            Assert.AreEqual(TcpState.Closed, h.Layer.Slot(0).State);
            Assert.AreEqual(0, h.Layer.ConnectionsInUse);
            Assert.AreEqual(1, h.Layer.Counters.ResetsOnDataAfterClose);
        }

        [TestMethod]
        public void DuplicateDataInFinWait1AfterCloseIsAckedNotReset()
        {
            var h = new TcpHarness();
            TcpConnection c = h.OpenPassive(1000, out uint iss);
            h.Inject(1001, iss + 1, A | P, 8192, new byte[] { 1, 2, 3 });
            var buffer = new byte[8];
            Assert.AreEqual(3, c.Receive(buffer, 0, buffer.Length, 0));
            c.Close();
            h.Expect(F | A, iss + 1, 1004);
            h.Inject(1001, iss + 1, A | P, 8192, new byte[] { 1, 2, 3 });
            h.Expect(A, iss + 2, 1004);
            Assert.AreEqual(TcpState.FinWait1, h.Layer.Slot(0).State);
            Assert.AreEqual(0, h.Layer.Counters.ResetsOnDataAfterClose);
        }

        [TestMethod]
        public void NewDataInFinWait1AfterShutdownIsStillReceived()
        {
            var h = new TcpHarness();
            TcpConnection c = h.OpenPassive(1000, out uint iss);
            c.Shutdown();
            h.Expect(F | A, iss + 1, 1001);
            h.Inject(1001, iss + 1, A | P, 8192, new byte[] { 1, 2, 3 });
            Assert.AreEqual(TcpState.FinWait1, c.State);
            Assert.AreEqual(3, c.Available);
            Assert.AreEqual(0, h.Layer.Counters.ResetsOnDataAfterClose);
        }

        [TestMethod]
        public void NewDataToAFinWait2RecordAfterCloseIsAnsweredByRstAndCounted()
        {
            var h = new TcpHarness();
            TcpConnection c = h.OpenPassive(1000, out uint iss);
            c.Close();
            h.Expect(F | A, iss + 1, 1001);
            h.Inject(1001, iss + 2, A);
            Assert.AreEqual(1, h.Layer.TimeWaitRecords.Count);
            h.Inject(1001, iss + 2, A | P, 8192, new byte[] { 1, 2, 3 });
            h.Expect(R, iss + 2, 0);
            Assert.AreEqual(0, h.Layer.TimeWaitRecords.Count, "the record goes with the reset");
            Assert.AreEqual(1, h.Layer.Counters.ResetsOnDataAfterClose);
        }
    }
}
