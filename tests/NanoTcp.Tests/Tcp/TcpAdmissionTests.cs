#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using NanoTcp.Tcp;
using NanoTcp.Wire;

namespace NanoTcp.Tests.Tcp
{
    /// <summary>Slot admission under pressure: half-open expiry, eviction of stalled connections, a burst of clients.</summary>
    [TestClass]
    public class TcpAdmissionTests
    {
        private const int S = TcpHeader.Syn;
        private const int A = TcpHeader.Ack;
        private const int P = TcpHeader.Psh;
        private const int F = TcpHeader.Fin;

        [TestMethod]
        public void NoSlotIsLeftInSynReceivedTenSecondsAfterASpoofedFloodEnds()
        {
            var h = new TcpHarness();
            new TcpListener(h.Layer, 80, 4).Start();
            for (int i = 0; i < 1500; i++)
            {
                h.Inject((uint)(i * 7919), 0, S, 8192, null, 1460, 10000 + i, 80, 0x0A000100 + (uint)(i % 200));
                h.Advance(3);
                h.Ip.Sent.Clear();
            }

            Assert.IsTrue(h.Layer.Counters.SynCookiesSent > 1400, "the flood got cookies: " + h.Layer.Counters.SynCookiesSent);
            for (int i = 0; i < 100; i++)
            {
                h.Advance(100);
            }

            for (int i = 0; i < h.Layer.SlotCount; i++)
            {
                Assert.AreEqual(TcpState.Closed, h.Layer.Slot(i).State, "slot " + i + " 10 s after the flood");
            }

            Assert.IsTrue(h.Layer.Counters.HalfOpenExpired >= 2, "half-open slots given up under pressure: " + h.Layer.Counters.HalfOpenExpired);
        }

        [TestMethod]
        public void HalfOpenSlotWithoutPressureKeepsItsSynAckRetries()
        {
            var h = new TcpHarness();
            new TcpListener(h.Layer, 80, 4).Start();
            h.Inject(1000, 0, S, 8192, null, 1460, 42000);
            h.Next();
            for (int i = 0; i < 10; i++)
            {
                h.Advance(1000);
            }

            Assert.AreEqual(TcpState.SynReceived, h.Layer.Slot(0).State, "no cookie sent, no one waits: the SYN-ACK is still retried");
            Assert.AreEqual(0, h.Layer.Counters.HalfOpenExpired);
        }

        [TestMethod]
        public void StalledConnectionsAreNeverEvictedWhileNoClientWaits()
        {
            var h = new TcpHarness(new TcpConfiguration { ConnectionCount = 2 });
            var listener = new TcpListener(h.Layer, 80, 4);
            listener.Start();
            h.OpenPassive(1000, out uint _, 8192, 4, listener);
            h.Inject(2000, 0, S, 8192, null, 1460, 40001);
            h.Inject(2001, h.Next().Seq + 1, A, 8192, null, -1, 40001);
            listener.TryAccept();
            for (int i = 0; i < 120; i++)
            {
                h.Advance(1000);
            }

            h.ExpectNothingSent();
            Assert.AreEqual(2, h.Layer.ConnectionsInUse);
            Assert.AreEqual(0, h.Layer.Counters.ConnectionsEvicted);
        }

        [TestMethod]
        public void ZeroWindowConnectionStalledLongestIsResetWhenAClientWaitsForItsSlot()
        {
            var h = new TcpHarness(new TcpConfiguration { ConnectionCount = 2, EvictionStallTime = 2000 });
            var listener = new TcpListener(h.Layer, 80, 4);
            listener.Start();

            // B: a peer that closed its window and keeps answering probes.
            TcpConnection b = h.OpenPassive(1000, out uint issB, 8192, 4, listener);
            b.NoDelay = true;
            b.TrySend(new byte[] { 1, 2, 3, 4 }, 0, 4);
            h.Next();
            h.Inject(1001, issB + 5, A, 0);
            b.TrySend(new byte[] { 5, 6 }, 0, 2);

            // A: idle, but it received data more recently than B last moved.
            h.Advance(500);
            h.Inject(2000, 0, S, 8192, null, 1460, 40001);
            uint issA = h.Next().Seq;
            h.Inject(2001, issA + 1, A, 8192, null, -1, 40001);
            TcpConnection a = listener.TryAccept();
            h.Advance(500);
            h.Inject(2001, issA + 1, A | P, 8192, new byte[] { 9 }, -1, 40001);
            for (int i = 0; i < 60; i++)
            {
                h.Advance(500);
                AnswerProbes(h, 1001, issB + 5);
                h.Ip.Sent.Clear();
            }

            Assert.AreEqual(0, h.Layer.Counters.ConnectionsEvicted, "nobody waited yet");
            Assert.AreEqual(TcpState.Established, b.State, "a zero-window peer that answers probes stays while no one waits");

            h.Inject(5000, 0, S, 8192, null, 1460, 43000);
            SentSegment cookie = h.Next();
            h.Inject(5001, cookie.Seq + 1, A | P, 8192, new byte[] { 7 }, -1, 43000);
            SentSegment reset = h.Next();
            Assert.AreEqual("R", SentSegment.FlagNames(reset.Flags), "the stalled connection is reset: " + reset);
            Assert.AreEqual(TcpHarness.PeerPort, reset.DestinationPort, "B made no progress for longest");
            Assert.AreEqual(1, h.Layer.Counters.ConnectionsEvicted);
            Assert.AreEqual(TcpError.Evicted, b.Error);
            Assert.AreEqual(TcpState.Established, a.State);
            h.ExpectNothingSent();

            // The application closes the evicted handle; the queued client gets the slot with its request.
            b.Close();
            h.Advance(1);
            h.Expect(A, cookie.Seq + 1, 5002);
            TcpConnection c = listener.TryAccept();
            Assert.AreEqual(43000, c.RemotePort);
            Assert.AreEqual(1, c.Available);
            Assert.AreEqual(1, h.Layer.Counters.ConnectionsEvicted, "one eviction for one waiting client");
            Assert.AreEqual(TcpState.Established, a.State);
        }

        [TestMethod]
        public void WaitingClientGetsTheSlotOnceAConnectionHasStalledLongEnough()
        {
            var h = new TcpHarness(new TcpConfiguration { ConnectionCount = 1, EvictionStallTime = 2000 });
            var listener = new TcpListener(h.Layer, 80, 4);
            listener.Start();
            h.OpenPassive(1000, out uint iss, 8192, 4, listener);
            h.Advance(1500);
            h.Inject(5000, 0, S, 8192, null, 1460, 43000);
            SentSegment cookie = h.Next();
            h.Inject(5001, cookie.Seq + 1, A | P, 8192, new byte[] { 7 }, -1, 43000);
            h.ExpectNothingSent();
            long next = h.Advance(0);
            Assert.AreEqual(h.Now + 500, next, "the next deadline is when the connection becomes evictable");
            h.Advance(500);
            Assert.AreEqual("R", SentSegment.FlagNames(h.Next().Flags));
            h.Advance(0);
            h.ExpectNothingSent();
            Assert.AreEqual(1, h.Layer.AdmissionQueueLength, "the evicted handle is still held by the application");
        }

        [TestMethod]
        public void EvictedConnectionThrowsConnectionResetOnReceiveAndSend()
        {
            var h = new TcpHarness(new TcpConfiguration { ConnectionCount = 1, EvictionStallTime = 2000 });
            var listener = new TcpListener(h.Layer, 80, 4);
            listener.Start();
            TcpConnection stalled = h.OpenPassive(1000, out uint iss, 8192, 4, listener);
            h.Advance(2000);
            h.Inject(5000, 0, S, 8192, null, 1460, 43000);
            SentSegment cookie = h.Next();
            h.Inject(5001, cookie.Seq + 1, A | P, 8192, new byte[] { 7 }, -1, 43000);
            Assert.AreEqual("R", SentSegment.FlagNames(h.Next().Flags), "the stalled connection is reset for the waiting client");
            Assert.AreEqual(TcpError.Evicted, stalled.Error);
            var buf = new byte[4];
            NanoTcp.Tests.Support.Expect.Throws(typeof(ConnectionResetException), () => stalled.Receive(buf, 0, 4, 0));
            NanoTcp.Tests.Support.Expect.Throws(typeof(ConnectionResetException), () => stalled.Send(buf, 0, 4, 0));
        }

        [TestMethod]
        public void RequestSentAfterABareCookieAckWhileQueuedIsDeliveredWithTheSlot()
        {
            var h = new TcpHarness(new TcpConfiguration { ConnectionCount = 1 });
            var listener = new TcpListener(h.Layer, 80, 4);
            listener.Start();
            TcpConnection busy = h.OpenPassive(1000, out uint _, 8192, 4, listener);
            h.Inject(5000, 0, S, 8192, null, 1460, 43000);
            SentSegment cookie = h.Next();
            h.Inject(5001, cookie.Seq + 1, A, 8192, null, -1, 43000);
            h.Inject(5001, cookie.Seq + 1, A | P, 8192, new byte[] { 1, 2, 3 }, -1, 43000);
            h.Inject(5001, cookie.Seq + 1, A | P, 8192, new byte[] { 1, 2, 3, 4, 5 }, -1, 43000);
            h.ExpectNothingSent();
            busy.Abort();
            h.Next();
            h.Advance(1);
            h.Expect(A, cookie.Seq + 1, 5006);
            Assert.AreEqual(5, listener.TryAccept().Available, "the request kept in order, its overlapping retransmission merged");
        }

        [TestMethod]
        public void BurstOfFiftyClientsOnFourSlotsIsAllServedWithoutAnyRetransmission()
        {
            const int Clients = 50;
            const int FirstPort = 30000;
            var config = new TcpConfiguration { ConnectionCount = 4, SynCookieWaitRecordCount = 48, SecretSeed = 7 };
            var h = new TcpHarness(config);
            var listener = new TcpListener(h.Layer, 80, 8);
            listener.Start();
            byte[] request = new byte[80];
            byte[] response = new byte[300];
            byte[] buffer = new byte[512];
            var clientSnd = new uint[Clients];
            var clientRcv = new uint[Clients];
            var received = new int[Clients];
            var doneAt = new long[Clients];
            var accepted = new TcpConnection[Clients];
            long start = h.Now;
            for (int i = 0; i < Clients; i++)
            {
                clientSnd[i] = (uint)(100000 * (i + 1));
                doneAt[i] = -1;
                h.Inject(clientSnd[i], 0, S, 8192, null, 1460, FirstPort + i);
                clientSnd[i]++;
            }

            int done = 0;
            for (int step = 0; step < 1000 && done < Clients; step++)
            {
                // The clients answer everything the server sent (a scripted peer never retransmits).
                while (h.Ip.Sent.Count > 0)
                {
                    SentSegment s = h.Next();
                    int i = s.DestinationPort - FirstPort;
                    Assert.IsFalse(s.Rst, "no client is reset: " + s);
                    if (s.Syn)
                    {
                        clientRcv[i] = s.Seq + 1;
                        if (i % 2 == 0)
                        {
                            h.Inject(clientSnd[i], clientRcv[i], A | P, 8192, request, -1, FirstPort + i);
                        }
                        else
                        {
                            h.Inject(clientSnd[i], clientRcv[i], A, 8192, null, -1, FirstPort + i);
                            h.Inject(clientSnd[i], clientRcv[i], A | P, 8192, request, -1, FirstPort + i);
                        }

                        clientSnd[i] += (uint)request.Length;
                        continue;
                    }

                    int length = s.Data == null ? 0 : s.Data.Length;
                    if (length > 0 && s.Seq == clientRcv[i])
                    {
                        clientRcv[i] += (uint)length;
                        received[i] += length;
                    }

                    if (s.Fin && doneAt[i] < 0 && received[i] == response.Length)
                    {
                        clientRcv[i]++;
                        doneAt[i] = h.Now;
                        done++;
                        h.Inject(clientSnd[i], clientRcv[i], A | F, 8192, null, -1, FirstPort + i);
                        clientSnd[i]++;
                    }
                    else if (length > 0)
                    {
                        h.Inject(clientSnd[i], clientRcv[i], A, 8192, null, -1, FirstPort + i);
                    }
                }

                // The server: accept, read the request, answer and close.
                TcpConnection c;
                while ((c = listener.TryAccept()) != null)
                {
                    accepted[c.RemotePort - FirstPort] = c;
                }

                for (int i = 0; i < Clients; i++)
                {
                    c = accepted[i];
                    if (c != null && c.Available >= request.Length)
                    {
                        c.TryReceive(buffer, 0, buffer.Length);
                        Assert.AreEqual(response.Length, c.TrySend(response, 0, response.Length));
                        c.Close();
                        accepted[i] = null;
                    }
                }

                h.Advance(1);
            }

            long longest = 0;
            for (int i = 0; i < Clients; i++)
            {
                Assert.IsTrue(doneAt[i] >= 0, "client " + i + " served");
                longest = doneAt[i] - start > longest ? doneAt[i] - start : longest;
            }

            TcpCounters k = h.Layer.Counters;
            string counters = " (longest " + longest + " ms; queued " + k.AdmissionsQueued + ", admitted from the queue " + k.AdmittedFromQueue
                + ", at once " + k.SynCookiesAccepted + ", dropped " + k.DroppedNoSlot + ", evicted " + k.ConnectionsEvicted + ")";
            Assert.AreEqual(Clients, done, "all served" + counters);
            Assert.AreEqual(0, k.Retransmissions, "the server never retransmitted" + counters);
            Assert.AreEqual(0, k.DroppedNoSlot + k.DroppedListenOverflow, "no SYN or request dropped" + counters);
            Assert.AreEqual(0, k.ConnectionsEvicted, "nobody stalled, nobody evicted" + counters);
            Assert.IsTrue(k.AdmittedFromQueue > 0, "the burst went through the admission queue" + counters);
            Assert.IsTrue(longest < 200, "every client served before its first retransmission timeout (200 ms, Linux's least RTO) would fire" + counters);
        }

        /// <summary>The zero-window peer answers each of the layer's probes with an ACK that keeps the window closed.</summary>
        private static void AnswerProbes(TcpHarness h, uint seq, uint ack)
        {
            int n = h.Ip.Sent.Count;
            for (int i = 0; i < n; i++)
            {
                SentSegment s = h.Ip.Sent.Dequeue();
                if (s.DestinationPort == TcpHarness.PeerPort && !s.Rst)
                {
                    h.Inject(seq, ack, A, 0);
                }
            }
        }
    }
}
