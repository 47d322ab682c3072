#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using System;
using NanoTcp.Hardware.Simulation;
using NanoTcp.Tcp;
using NanoTcp.Wire;

namespace NanoTcp.Tests.Tcp
{
    [TestClass]
    public class TcpRobustnessTests
    {
        private const int S = TcpHeader.Syn;
        private const int A = TcpHeader.Ack;
        private const int F = TcpHeader.Fin;
        private const int P = TcpHeader.Psh;
        private const int R = TcpHeader.Rst;

        [TestMethod]
        public void SynToAFullTableGetsACookieAndItsRequestIsServedFromTheQueueWhenASlotFrees()
        {
            var h = new TcpHarness(new TcpConfiguration { ConnectionCount = 2 });
            var listener = new TcpListener(h.Layer, 80, 4);
            listener.Start();
            TcpConnection first = h.OpenPassive(1000, out uint iss1, 8192, 4, listener);
            h.Inject(2000, 0, S, 8192, null, 1460, 40001);
            uint iss2 = h.Next().Seq;
            h.Inject(2001, iss2 + 1, A, 8192, null, -1, 40001);
            TcpConnection second = listener.TryAccept();
            Assert.AreEqual(2, h.Layer.ConnectionsInUse);

            // A third client while every slot is busy: its SYN gets a cookie (no back-off, no state).
            h.Inject(3000, 0, S, 8192, null, 1460, 40002);
            SentSegment cookie = h.Next();
            Assert.AreEqual("SA", SentSegment.FlagNames(cookie.Flags), "a SYN to a full table is answered by a SYN cookie");
            Assert.AreEqual(0, h.Layer.Counters.DroppedListenOverflow);

            // Its ACK and request wait in the admission queue, unanswered.
            h.Inject(3001, cookie.Seq + 1, A | P, 8192, new byte[] { 1 }, -1, 40002);
            h.ExpectNothingSent();
            Assert.AreEqual(1, h.Layer.Counters.AdmissionsQueued);
            Assert.AreEqual(1, h.Layer.AdmissionQueueLength);

            // A slot comes free: the next poll gives it to the queued peer, request included, and ACKs it.
            first.Abort();
            h.Next();
            h.Advance(1);
            h.Expect(A, cookie.Seq + 1, 3002);
            TcpConnection third = listener.TryAccept();
            Assert.IsNotNull(third);
            Assert.AreEqual(40002, third.RemotePort);
            Assert.AreEqual(1, third.Available);
            Assert.AreEqual(1, h.Layer.Counters.AdmittedFromQueue);
            Assert.AreEqual(0, h.Layer.AdmissionQueueLength);
            Assert.AreEqual(TcpState.Established, second.State);
        }

        [TestMethod]
        public void CookieAckThatFindsNoFreeSlotIsQueuedAndTakesTheSlotAHalfOpenResetFrees()
        {
            var h = new TcpHarness(new TcpConfiguration { ConnectionCount = 3, HalfOpenLimit = 1 });
            var listener = new TcpListener(h.Layer, 80, 4);
            listener.Start();
            h.Inject(1000, 0, S, 8192, null, 1460, 41000);
            uint issB = h.Next().Seq;
            h.Inject(5000, 0, S, 8192, null, 1460, 41001);
            SentSegment cookie = h.Next();
            Assert.AreEqual(1, h.Layer.Counters.SynCookiesSent);
            h.Inject(1001, issB + 1, A, 8192, null, -1, 41000);
            h.Inject(7000, 0, S, 8192, null, 1460, 41002);
            uint issE = h.Next().Seq;
            h.OpenPassive(9000, out uint _, 8192, 4, listener);
            Assert.AreEqual(3, h.Layer.ConnectionsInUse);

            h.Inject(5001, cookie.Seq + 1, A | P, 8192, new byte[] { 4 }, -1, 41001);
            h.ExpectNothingSent();
            Assert.AreEqual(1, h.Layer.Counters.AdmissionsQueued);
            Assert.AreEqual(0, h.Layer.Counters.DroppedNoSlot);

            h.Inject(7001, 0, R, 0, null, -1, 41002);
            h.Expect(A, cookie.Seq + 1, 5002);
            Assert.AreEqual(1, h.Layer.Counters.SynCookiesAccepted, "the handshake on port 40000 completed by cookie at once (half-open limit 1)");
            Assert.AreEqual(1, h.Layer.Counters.AdmittedFromQueue);
            Tcb c = h.Layer.Slot(1);
            Assert.AreEqual(41001, c.RemotePort);
            Assert.AreEqual(TcpState.Established, c.State);
            Assert.AreEqual(1, c.ReceiveBuffer.Count);
            Assert.AreEqual(3, h.Layer.ConnectionsInUse);
        }

        [TestMethod]
        public void MaximumSegmentLifetimeIsConfigurable()
        {
            var h = new TcpHarness(new TcpConfiguration { MaximumSegmentLifetime = 1000 });
            TcpConnection c = h.OpenPassive(1000, out uint iss);
            c.Close();
            h.Next();
            h.Inject(1001, iss + 2, F | A);
            h.Next();
            Assert.AreEqual(h.Now + 2000, h.Layer.Poll(h.Now));
            h.Advance(2000);
            Assert.AreEqual(0, h.Layer.TimeWaitRecords.Count);
        }

        [TestMethod]
        public void RandomGarbageAndRandomSegmentsNeverThrowOutOfTheLayer()
        {
            var h = new TcpHarness();
            var listener = new TcpListener(h.Layer, 80, 4);
            listener.Start();
            h.OpenPassive(1000, out uint iss, 8192, 4, listener);
            var random = new SeededRandom(99);
            var buf = new byte[200];
            for (int i = 0; i < 20000; i++)
            {
                int length = random.Next(0, 80);
                random.NextBytes(buf);
                if (i % 2 == 0)
                {
                    // A well-formed header with random fields, so that it passes the checksum and reaches the state machine.
                    length = 20 + random.Next(0, 40);
                    TcpHeader.SetSourcePort(buf, 0, (ushort)(TcpHarness.PeerPort + random.Next(0, 3)));
                    TcpHeader.SetDestinationPort(buf, 0, 80);
                    if (random.Next(2) == 0)
                    {
                        TcpHeader.SetSequenceNumber(buf, 0, 1001 + (uint)random.Next(-100, 5000));
                        TcpHeader.SetAcknowledgmentNumber(buf, 0, iss + (uint)random.Next(-100, 100));
                    }

                    TcpHeader.SetDataOffset(buf, 0, 20);
                    TcpHeader.FillChecksum(buf, 0, length, TcpHarness.PeerAddress, TcpHarness.LocalAddress);
                }

                h.Layer.Receive(buf, 0, length, TcpHarness.PeerAddress, TcpHarness.LocalAddress);
                if (i % 100 == 0)
                {
                    h.Advance(random.Next(0, 3000));
                }

                h.Ip.Sent.Clear();
            }

            Assert.AreEqual(20002, h.Layer.Counters.SegmentsReceived, "20000 random segments after the 2 of the handshake, none thrown");
            Assert.IsTrue(h.Layer.Counters.DroppedBadChecksum + h.Layer.Counters.DroppedMalformedHeader > 5000);
        }
    }
}
