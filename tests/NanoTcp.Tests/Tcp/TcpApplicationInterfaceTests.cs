#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using System;
using System.Threading;
using NanoTcp.Tcp;
using NanoTcp.Wire;
using NanoTcp.Tests.Support;

namespace NanoTcp.Tests.Tcp
{
    [TestClass]
    public class TcpApplicationInterfaceTests
    {
        private const int S = TcpHeader.Syn;
        private const int A = TcpHeader.Ack;
        private const int F = TcpHeader.Fin;
        private const int R = TcpHeader.Rst;
        private const int P = TcpHeader.Psh;

        [TestMethod]
        public void ConnectWhenEverySlotIsTakenThrowsTableFull()
        {
            var h = new TcpHarness(new TcpConfiguration { ConnectionCount = 2 });
            TcpConnection.BeginConnect(h.Layer, TcpHarness.PeerAddress, 80);
            TcpConnection.BeginConnect(h.Layer, TcpHarness.PeerAddress, 80);
            NanoTcp.Tests.Support.Expect.Throws(typeof(TableFullException), () => TcpConnection.BeginConnect(h.Layer, TcpHarness.PeerAddress, 80));
        }

        [TestMethod]
        public void StartingMoreListenersThanEntriesThrowsTableFullAndStopFreesOne()
        {
            var h = new TcpHarness(new TcpConfiguration { ListenerCount = 1 });
            var a = new TcpListener(h.Layer, 80, 1);
            a.Start();
            var b = new TcpListener(h.Layer, 81, 1);
            NanoTcp.Tests.Support.Expect.Throws(typeof(TableFullException), () => b.Start());
            a.Stop();
            b.Start();
            Assert.IsTrue(b.IsListening);
        }

        [TestMethod]
        public void StoppingAListenerResetsItsUnacceptedConnectionsAndRefusesNewSyns()
        {
            var h = new TcpHarness();
            var listener = new TcpListener(h.Layer, 80, 2);
            listener.Start();
            h.Inject(1000, 0, S, 8192);
            uint iss = h.Next().Seq;
            h.Inject(1001, iss + 1, A);
            listener.Stop();
            h.Expect(R, iss + 1, 0);
            Assert.AreEqual(0, h.Layer.ConnectionsInUse);
            h.Inject(2000, 0, S, 8192, null, -1, 40001);
            h.Expect(R | A, 0, 2001);
        }

        [TestMethod]
        public void AcceptTimesOutWithAnExplicitException()
        {
            var h = new TcpHarness();
            var listener = new TcpListener(h.Layer, 80, 2);
            listener.Start();
            Assert.IsNull(listener.TryAccept());
            Assert.IsFalse(listener.Pending());
            NanoTcp.Tests.Support.Expect.Throws(typeof(ConnectionTimedOutException), () => listener.Accept(0));
        }

        [TestMethod]
        public void ReceiveTimesOutAndReportsClosedAfterClose()
        {
            var h = new TcpHarness();
            TcpConnection c = h.OpenPassive(1000, out uint iss);
            var buf = new byte[4];
            NanoTcp.Tests.Support.Expect.Throws(typeof(ConnectionTimedOutException), () => c.Receive(buf, 0, 4, 0));
            Assert.AreEqual(0, c.TryReceive(buf, 0, 4));
            c.Close();
            Assert.AreEqual(-1, c.TrySend(buf, 0, 4));
            Assert.AreEqual(-1, c.TryReceive(buf, 0, 4));
            NanoTcp.Tests.Support.Expect.Throws(typeof(ConnectionClosedException), () => c.Send(buf, 0, 4, 0));
            NanoTcp.Tests.Support.Expect.Throws(typeof(ConnectionClosedException), () => c.Receive(buf, 0, 4, 0));
            Assert.AreEqual(TcpState.Closed, c.State);
        }

        [TestMethod]
        public void NonBlockingChecksReportBytesAvailableSpaceFreeAndState()
        {
            var h = new TcpHarness();
            TcpConnection c = h.OpenActive(5000, out uint iss, 0);
            Assert.AreEqual(2048, c.SpaceFree);
            Assert.IsTrue(c.CanWrite);
            c.TrySend(new byte[2000], 0, 2000);
            Assert.AreEqual(48, c.SpaceFree);
            Assert.AreEqual(0, c.Available);
            h.Inject(5001, iss + 1, A | P, 0, new byte[5], -1, 80, c.LocalPort);
            Assert.AreEqual(5, c.Available);
            Assert.AreEqual(TcpState.Established, c.State);
            NanoTcp.Tests.Support.Expect.Throws(typeof(ConnectionTimedOutException), () => c.Send(new byte[100], 0, 100, 0));
        }

        [TestMethod]
        public void ConnectionRefusedIsReportedToABlockingConnect()
        {
            var h = new TcpHarness();
            TcpConnection c = TcpConnection.BeginConnect(h.Layer, TcpHarness.PeerAddress, 80);
            uint iss = h.Next().Seq;
            h.Inject(0, iss + 1, R | A, 0, null, -1, 80, c.LocalPort);
            NanoTcp.Tests.Support.Expect.Throws(typeof(ConnectionRefusedException), () => c.WaitConnected(1000));
        }

        [TestMethod]
        public void ArrivingDataSignalsTheSlotOnlyWhileAnApplicationThreadWaits()
        {
            // A Set is a native call per change; with nobody in a blocking call the stack makes none.
            var h = new TcpHarness();
            TcpConnection c = h.OpenActive(5000, out uint iss, 0);
            Tcb tcb = h.Layer.Slot(0);
            h.Inject(5001, iss + 1, A | P, 8192, new byte[5], -1, 80, c.LocalPort);
            Assert.AreEqual(5, c.Available);
            Assert.IsFalse(tcb.Changed.WaitOne(0, false), "no waiter: no signal");

            // A thread counted in (as Receive does before its first look) is signalled by the next change.
            Interlocked.Increment(ref tcb.Waiters);
            h.Inject(5006, iss + 1, A | P, 8192, new byte[5], -1, 80, c.LocalPort);
            Interlocked.Decrement(ref tcb.Waiters);
            Assert.AreEqual(10, c.Available);
            Assert.IsTrue(tcb.Changed.WaitOne(0, false), "a waiter: signalled");
        }

        [TestMethod]
        public void ABlockingCallCountsItselfOutOfTheSlotEvenWhenItTimesOut()
        {
            var h = new TcpHarness();
            TcpConnection c = h.OpenActive(5000, out uint iss, 0);
            NanoTcp.Tests.Support.Expect.Throws(typeof(ConnectionTimedOutException), () => c.Receive(new byte[4], 0, 4, 0));
            Assert.AreEqual(0, h.Layer.Slot(0).Waiters);
            h.Inject(5001, iss + 1, A | P, 8192, new byte[5], -1, 80, c.LocalPort);
            Assert.IsFalse(h.Layer.Slot(0).Changed.WaitOne(0, false), "the timed-out call no longer counts as a waiter");
            Assert.AreEqual(5, c.Receive(new byte[8], 0, 8, 0), "data already there: no wait");
            Assert.AreEqual(0, h.Layer.Slot(0).Waiters);
        }

        [TestMethod]
        public void ANewConnectionSignalsTheListenerOnlyWhileAThreadWaitsInAccept()
        {
            var h = new TcpHarness();
            var listener = new TcpListener(h.Layer, 80, 4);
            listener.Start();
            h.Handshake(7000, peerPort: 40001);
            Assert.IsFalse(h.Layer.ListenerChanged(0).WaitOne(0, false), "no thread in Accept: no signal");

            h.Layer.BeginAcceptWait(0);
            h.Handshake(9000, peerPort: 40002);
            h.Layer.EndAcceptWait(0);
            Assert.IsTrue(h.Layer.ListenerChanged(0).WaitOne(0, false), "a thread in Accept: signalled");
            Assert.IsNotNull(listener.Accept(0));
            Assert.IsNotNull(listener.Accept(0));
        }

        [TestMethod]
        public void BlockingCallsWorkWhileAnotherThreadPollsTheStack()
        {
            // Two layers back to back; a poll thread drives both; this thread uses only blocking calls.
            var pair = new TcpPair(1, 0);
            var listener = new TcpListener(pair.Server, 80, 2);
            listener.Start();
            ManualResetEvent stop = new ManualResetEvent(false);
            var poller = new Thread(() =>
            {
                for (int i = 0; i < 20000 && !stop.WaitOne(0, false); i++)
                {
                    pair.Step(10);
                    Thread.Sleep(1);
                }
            });
            poller.Start();
            try
            {
                TcpConnection client = TcpConnection.Connect(pair.Client, TcpPair.ServerAddress, 80, 5000);
                TcpConnection server = listener.Accept(5000);
                var request = new byte[] { 1, 2, 3, 4, 5 };
                client.Send(request, 0, 5, 5000);
                var buf = new byte[16];
                Assert.AreEqual(5, server.Receive(buf, 0, 16, 5000));
                Assert.AreEqual((byte)5, buf[4]);
                server.Close();
                Assert.AreEqual(0, client.Receive(buf, 0, 16, 5000), "end of stream after the server's FIN");
                client.Close();
            }
            finally
            {
                stop.Set();
                poller.Join();
            }
        }

        [TestMethod]
        public void TraceListenerSeesEveryStateChangeAndSegment()
        {
            var h = new TcpHarness();
            var trace = new RecordingTrace();
            h.Layer.Trace = trace;
            h.OpenPassive(1000, out uint iss);
            // Enum names are not printed on nanoCLR (ToString gives the number), so compare the numbers.
            Assert.AreEqual(
                RecordingTrace.Transition(TcpState.Closed, TcpState.SynReceived) + "," + RecordingTrace.Transition(TcpState.SynReceived, TcpState.Established),
                trace.States);
            Assert.AreEqual("in S seq=1000 ack=0,out SA seq=" + iss + " ack=1001,in A seq=1001 ack=" + (iss + 1), trace.Segments);
        }

        [TestMethod]
        public void TraceListenerSeesEveryDropWithItsReason()
        {
            var h = new TcpHarness();
            var trace = new RecordingTrace();
            h.Layer.Trace = trace;
            TcpConnection c = h.OpenPassive(1000, out uint iss);
            h.Inject(1001, iss + 1, TcpHeader.Psh, 8192, new byte[] { 1 });
            Assert.AreEqual(((int)TcpDropReason.WithoutAck).ToString() + " " + TcpHarness.PeerPort + ">80 seq=1001 P", trace.Drops);
            Assert.AreEqual(1, h.Layer.Counters.DroppedWithoutAck);
            Assert.AreEqual(1, h.Layer.Counters.Get(TcpDropReason.WithoutAck));
            Assert.AreEqual(1, h.Layer.Counters.Dropped);
            Assert.AreEqual(0, c.Available, "the data of a segment without ACK is not taken");
        }

        private sealed class RecordingTrace : ITcpTraceListener
        {
            public string States { get; private set; } = string.Empty;

            public static string Transition(TcpState from, TcpState to)
            {
                return ((int)from).ToString() + ">" + ((int)to).ToString();
            }

            public string Segments { get; private set; } = string.Empty;

            public void StateChanged(long now, int slot, int localPort, uint remoteAddress, int remotePort, TcpState from, TcpState to)
            {
                States += (States.Length > 0 ? "," : string.Empty) + Transition(from, to);
            }

            public void Segment(long now, bool sent, uint source, int sourcePort, uint destination, int destinationPort, uint seq, uint ack, int flags, int window, int length)
            {
                Segments += (Segments.Length > 0 ? "," : string.Empty) + (sent ? "out " : "in ") + SentSegment.FlagNames(flags) + " seq=" + seq + " ack=" + ack;
            }

            public string Drops { get; private set; } = string.Empty;

            public void SegmentDropped(long now, TcpDropReason reason, uint source, int sourcePort, uint destination, int destinationPort, uint seq, int flags)
            {
                Drops += (Drops.Length > 0 ? "," : string.Empty) + ((int)reason).ToString() + " " + sourcePort + ">" + destinationPort + " seq=" + seq + " " + SentSegment.FlagNames(flags);
            }
        }

        [TestMethod]
        public void TryReceiveStillDeliversDataThatArrivedBeforeTheFinAndThenReturnsZeroAtEndOfStream()
        {
            var h = new TcpHarness();
            TcpConnection c = h.OpenPassive(1000, out uint iss);
            h.Inject(1001, iss + 1, TcpHeader.Ack | TcpHeader.Psh | TcpHeader.Fin, 8192, new byte[] { 5, 6 });
            var buf = new byte[4];
            Assert.AreEqual(2, c.TryReceive(buf, 0, 4));
            Assert.AreEqual(0, c.TryReceive(buf, 0, 4));
            Assert.IsTrue(c.EndOfStream);
            Assert.AreEqual(TcpError.None, c.Error);
        }
    }
}
