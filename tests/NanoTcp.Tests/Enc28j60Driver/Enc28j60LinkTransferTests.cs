#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using System;
using NanoTcp.Hardware.Enc28j60Model;
using NanoTcp.Tests.Support;

namespace NanoTcp.Tests.Enc28j60Driver
{
    /// <summary>Raw frames through driver + chip model + in-memory wire, both directions, byte-exact.</summary>
    [TestClass]
    public class Enc28j60LinkTransferTests
    {
        /// <summary>Calls Receive (pumping the wire, advancing 1 ms between empty polls) until a frame comes; 0 after 200 ms.</summary>
        internal static int ReceiveOne(DriverHarness h, byte[] buffer)
        {
            for (int i = 0; i < 200; i++)
            {
                h.Pump();
                int length = h.Link.Receive(buffer, 0, buffer.Length);
                if (length > 0)
                {
                    return length;
                }

                h.Clock.Advance(1);
            }

            return 0;
        }

        /// <summary>Takes the next frame the peer port got, pumping, polling the driver as a stack would, and advancing up to 200 ms.</summary>
        internal static byte[] PeerReceive(DriverHarness h)
        {
            var buffer = new byte[1514];
            var scratch = new byte[1514];
            for (int i = 0; i < 200; i++)
            {
                h.Pump();
                h.Link.Receive(scratch, 0, scratch.Length); // the stack's poll loop keeps calling Receive
                int length = h.Peer.Receive(buffer, 0, buffer.Length);
                if (length > 0)
                {
                    var frame = new byte[length];
                    Array.Copy(buffer, frame, length);
                    return frame;
                }

                h.Clock.Advance(1);
            }

            return null;
        }

        internal static void AssertSame(byte[] expected, byte[] buffer, int length, string what, int offset = 0)
        {
            Assert.AreEqual(expected.Length, length, what + ": length");
            for (int i = 0; i < length; i++)
            {
                if (expected[i] != buffer[offset + i])
                {
                    Assert.AreEqual(expected[i], buffer[offset + i], what + ": byte " + i);
                }
            }
        }

        [TestMethod]
        [DataRow(true)]
        [DataRow(false)]
        public void AFrameFromThePeerArrivesByteExact(bool useInterruptPin)
        {
            var h = new DriverHarness(useInterruptPin);
            h.Link.Initialize();
            byte[] frame = DriverHarness.Frame(DriverHarness.DriverMac, DriverHarness.PeerMac, 1514, 7);
            h.Peer.Send(frame, 0, frame.Length);
            var buffer = new byte[1514];
            int length = ReceiveOne(h, buffer);
            AssertSame(frame, buffer, length, "received frame");
            Assert.AreEqual(1L, h.Link.Statistics.FramesReceived);
            Assert.AreEqual(1514L, h.Link.Statistics.BytesReceived);
        }

        [TestMethod]
        public void AFrameFromTheDriverArrivesAtThePeerByteExact()
        {
            var h = new DriverHarness();
            h.Link.Initialize();
            byte[] frame = DriverHarness.Frame(DriverHarness.PeerMac, DriverHarness.DriverMac, 1000, 8);
            h.Pump();
            h.Link.Send(frame, 0, frame.Length);
            byte[] got = PeerReceive(h);
            Assert.IsNotNull(got, "the peer got nothing");
            AssertSame(frame, got, got.Length, "sent frame");
            Assert.AreEqual(1L, h.Link.Statistics.FramesSent);
        }

        [TestMethod]
        public void AFrameLongerThanTheCallersBufferIsDroppedAndCountedAndTheNextOneArrives()
        {
            var h = new DriverHarness();
            h.Link.Initialize();
            byte[] big = DriverHarness.Frame(DriverHarness.DriverMac, DriverHarness.PeerMac, 1000, 1);
            byte[] small = DriverHarness.Frame(DriverHarness.DriverMac, DriverHarness.PeerMac, 400, 2);
            h.Peer.Send(big, 0, big.Length);
            h.Peer.Send(small, 0, small.Length);
            var buffer = new byte[500];
            int length = ReceiveOne(h, buffer);
            AssertSame(small, buffer, length, "second frame");
            Assert.AreEqual(1L, h.Link.Statistics.ReceiveTooLong);
        }

        [TestMethod]
        public void AnIdleReceiveWithTheInterruptPinCostsNoSpiTraffic()
        {
            var h = new DriverHarness(useInterruptPin: true);
            h.Link.Initialize();
            var buffer = new byte[1514];
            Assert.AreEqual(0, h.Link.Receive(buffer, 0, buffer.Length)); // settles after start-up
            long before = h.Chip.Counters.TotalSpiFrames;
            for (int i = 0; i < 10; i++)
            {
                Assert.AreEqual(0, h.Link.Receive(buffer, 0, buffer.Length));
            }

            Assert.AreEqual(before, h.Chip.Counters.TotalSpiFrames);
        }

        [TestMethod]
        public void AnIdleReceiveWhenPollingCostsTwoReads()
        {
            var h = new DriverHarness(useInterruptPin: false);
            h.Link.Initialize();
            var buffer = new byte[1514];
            Assert.AreEqual(0, h.Link.Receive(buffer, 0, buffer.Length));
            long before = h.Chip.Counters.TotalSpiFrames;
            for (int i = 0; i < 10; i++)
            {
                Assert.AreEqual(0, h.Link.Receive(buffer, 0, buffer.Length));
            }

            // An empty ring needs both bytes of ERXWRPT: one packet of 250 bytes with its FCS (256 with its header)
            // leaves ERXWRPTL where it was.
            Assert.AreEqual(before + 20, h.Chip.Counters.TotalSpiFrames, "RCR ERXWRPTL and ERXWRPTH per call, no bank switch");
        }

        [TestMethod]
        public void FramesOfImpossibleLengthAreNotSentAndAreCounted()
        {
            var h = new DriverHarness();
            h.Link.Initialize();
            var frame = new byte[1600];
            h.Link.Send(frame, 0, 13);
            h.Link.Send(frame, 0, 1515);
            Assert.AreEqual(2L, h.Link.Statistics.TransmitDroppedLength);
            Assert.AreEqual(0L, h.Link.Statistics.FramesSent);
            Assert.AreEqual(0L, h.Chip.Counters.TransmitRequests);
        }

        [TestMethod]
        public void FramesNotForUsAreFilteredByTheChip()
        {
            var h = new DriverHarness();
            h.Link.Initialize();
            byte[] other = DriverHarness.Frame(new byte[] { 0x02, 9, 9, 9, 9, 9 }, DriverHarness.PeerMac, 100, 1);
            byte[] broadcast = DriverHarness.Frame(new byte[] { 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF }, DriverHarness.PeerMac, 100, 2);
            h.Chip.WireSide.Send(other, 0, other.Length);
            h.Chip.WireSide.Send(broadcast, 0, broadcast.Length);
            var buffer = new byte[1514];
            int length = ReceiveOne(h, buffer);
            AssertSame(broadcast, buffer, length, "broadcast frame");
            Assert.AreEqual(0, ReceiveOne(h, buffer));
        }

        /// <summary>
        /// 1 MB each way in frames of 60..1514 bytes, every errata switch on. Received in bursts of up to 2 (the next
        /// burst arrives at once, before a Receive finds the ring empty and releases the last frames' pages: the default
        /// 5 KB ring cannot take 3 more full frames then); sent in bursts of up to 3, each written while the previous
        /// frame is on the wire (two transmit areas); a roomy buffer exercises the header prefetch for every size.
        /// </summary>
        [TestMethod]
        [DataRow(true, true, 1514)]
        [DataRow(false, true, 1514)]
        [DataRow(true, false, 1514)]
        [DataRow(false, false, 1514)]
        [DataRow(true, true, 1600)]
        public void OneMegabyteEachWayArrivesByteExactAndInOrder(bool useInterruptPin, bool fullDuplex, int capacity)
        {
            var h = new DriverHarness(useInterruptPin, fullDuplex);
            if (!fullDuplex)
            {
                h.ModelOptions.Errata13LateCollisionEvery = 7;
            }

            h.Link.Initialize();
            var random = new Random(42);
            var buffer = new byte[capacity];
            long received = 0;
            int seed = 0;
            while (received < 1 << 20)
            {
                int burst = 1 + random.Next(2);
                var sent = new FrameQueue();
                for (int i = 0; i < burst; i++)
                {
                    byte[] frame = DriverHarness.Frame(DriverHarness.DriverMac, DriverHarness.PeerMac, 60 + random.Next(1455), ++seed);
                    sent.Enqueue(frame);
                    h.Peer.Send(frame, 0, frame.Length);
                }

                while (sent.Count > 0)
                {
                    byte[] frame = sent.Dequeue();
                    int length = ReceiveOne(h, buffer);
                    AssertSame(frame, buffer, length, "received frame " + seed + " (overflows " + h.Link.Statistics.ReceiveOverflows + ", header errors " + h.Link.Statistics.ReceiveHeaderErrors + ", too long " + h.Link.Statistics.ReceiveTooLong + ")");
                    received += length;
                }
            }

            long transmitted = 0;
            while (transmitted < 1 << 20)
            {
                int burst = 1 + random.Next(3);
                var sent = new FrameQueue();
                for (int i = 0; i < burst; i++)
                {
                    byte[] frame = DriverHarness.Frame(DriverHarness.PeerMac, DriverHarness.DriverMac, 60 + random.Next(1455), ++seed);
                    sent.Enqueue(frame);
                    h.Link.Send(frame, 0, frame.Length);
                }

                while (sent.Count > 0)
                {
                    byte[] frame = sent.Dequeue();
                    byte[] got = PeerReceive(h);
                    Assert.IsNotNull(got, "the peer got nothing for frame " + seed);
                    AssertSame(frame, got, got.Length, "sent frame " + seed);
                    transmitted += got.Length;
                }
            }

            Assert.IsTrue(h.Link.Statistics.FramesWrittenDuringTransmission > 0, "frames of a burst were written while the previous one was on the wire");

            h.AssertNoMisuse();
            Assert.AreEqual(0L, h.Link.Statistics.ReceiveHeaderErrors);
            Assert.AreEqual(0L, h.Link.Statistics.ReceiveOverflows);
            Assert.AreEqual(0L, h.Link.Statistics.TransmitAborts);
            Assert.AreEqual(0L, h.Link.Statistics.TransmitTimeouts);
            if (!fullDuplex)
            {
                Assert.IsTrue(h.Link.Statistics.TransmitRetries > 0, "errata 13 late collisions were retried");
            }
        }

        /// <summary>Both directions at once in random bursts, receive polled at random moments; nothing lost, nothing reordered.</summary>
        [TestMethod]
        [DataRow(true, true, 1)]
        [DataRow(false, true, 2)]
        [DataRow(true, false, 3)]
        [DataRow(false, false, 4)]
        public void MixedTrafficBothWaysLosesAndReordersNothing(bool useInterruptPin, bool fullDuplex, int seed)
        {
            var h = new DriverHarness(useInterruptPin, fullDuplex);
            if (!fullDuplex)
            {
                h.ModelOptions.Errata13LateCollisionEvery = 4;
            }

            h.Link.Initialize();
            var random = new Random(seed);
            var toDriver = new FrameQueue();
            var toPeer = new FrameQueue();
            var buffer = new byte[1514];
            int frameSeed = 0;
            int receivedByDriver = 0;
            int receivedByPeer = 0;
            for (int step = 0; step < 3000; step++)
            {
                int action = random.Next(4);
                if (action == 0 && toDriver.Count < 3)
                {
                    byte[] frame = DriverHarness.Frame(DriverHarness.DriverMac, DriverHarness.PeerMac, 60 + random.Next(1455), ++frameSeed);
                    toDriver.Enqueue(frame);
                    h.Peer.Send(frame, 0, frame.Length);
                }
                else if (action == 1)
                {
                    byte[] frame = DriverHarness.Frame(DriverHarness.PeerMac, DriverHarness.DriverMac, 60 + random.Next(1455), ++frameSeed);
                    toPeer.Enqueue(frame);
                    h.Link.Send(frame, 0, frame.Length);
                }
                else if (action == 2)
                {
                    h.Clock.Advance(1 + random.Next(3));
                }

                h.Pump();
                int length;
                while ((length = h.Link.Receive(buffer, 0, buffer.Length)) > 0)
                {
                    Assert.IsTrue(toDriver.Count > 0, "the driver received a frame nobody sent");
                    AssertSame(toDriver.Dequeue(), buffer, length, "frame " + receivedByDriver + " at the driver");
                    receivedByDriver++;
                }

                var peerBuffer = new byte[1514];
                while ((length = h.Peer.Receive(peerBuffer, 0, peerBuffer.Length)) > 0)
                {
                    Assert.IsTrue(toPeer.Count > 0, "the peer received a frame nobody sent");
                    AssertSame(toPeer.Dequeue(), peerBuffer, length, "frame " + receivedByPeer + " at the peer");
                    receivedByPeer++;
                }
            }

            // Drain what is still in flight.
            for (int i = 0; i < 100 && (toDriver.Count > 0 || toPeer.Count > 0); i++)
            {
                h.Clock.Advance(1);
                h.Pump();
                int length;
                while ((length = h.Link.Receive(buffer, 0, buffer.Length)) > 0)
                {
                    AssertSame(toDriver.Dequeue(), buffer, length, "frame " + receivedByDriver++ + " at the driver");
                }

                var peerBuffer = new byte[1514];
                while ((length = h.Peer.Receive(peerBuffer, 0, peerBuffer.Length)) > 0)
                {
                    AssertSame(toPeer.Dequeue(), peerBuffer, length, "frame " + receivedByPeer++ + " at the peer");
                }
            }

            Assert.AreEqual(0, toDriver.Count, "frames never received by the driver");
            Assert.AreEqual(0, toPeer.Count, "frames never received by the peer");
            Assert.IsTrue(receivedByDriver > 500 && receivedByPeer > 500, receivedByDriver + " / " + receivedByPeer);
            h.AssertNoMisuse();
            Assert.AreEqual(0L, h.Link.Statistics.ReceiveOverflows + h.Link.Statistics.ReceiveResets + h.Link.Statistics.TransmitAborts + h.Link.Statistics.TransmitTimeouts);
        }

        /// <summary>
        /// Bursts of 1..6 short frames (14..400 bytes, odd and even) arrive in the ring at once: the driver reads a
        /// packet's header with as many bytes as ERXWRPTL proves complete, so several packets come in one read and the
        /// bytes of the next are kept for it. Every frame arrives byte-exact and in order; with a 200-byte buffer the
        /// longer ones are dropped as too long and counted, and the ones after them still arrive.
        /// </summary>
        [TestMethod]
        [DataRow(true, 1514)]
        [DataRow(false, 1514)]
        [DataRow(true, 1539)]
        [DataRow(false, 200)]
        public void BurstsOfShortFramesArriveByteExactAndInOrder(bool useInterruptPin, int capacity)
        {
            var h = new DriverHarness(useInterruptPin);
            h.Link.Initialize();
            var random = new Random(11);
            var buffer = new byte[capacity];
            int seed = 0;
            long tooLong = 0;
            for (int round = 0; round < 300; round++)
            {
                int burst = 1 + random.Next(6);
                var sent = new FrameQueue();
                for (int i = 0; i < burst; i++)
                {
                    byte[] frame = DriverHarness.Frame(DriverHarness.DriverMac, DriverHarness.PeerMac, 14 + random.Next(387), ++seed);
                    if (frame.Length <= capacity)
                    {
                        sent.Enqueue(frame);
                    }
                    else
                    {
                        tooLong++;
                    }

                    h.Peer.Send(frame, 0, frame.Length);
                }

                while (sent.Count > 0)
                {
                    byte[] frame = sent.Dequeue();
                    int length = ReceiveOne(h, buffer);
                    AssertSame(frame, buffer, length, "frame of round " + round.ToString());
                }

                Assert.AreEqual(0, ReceiveOne(h, buffer), "nothing more in round " + round.ToString());
            }

            Assert.AreEqual(tooLong, h.Link.Statistics.ReceiveTooLong);
            Assert.AreEqual(0L, h.Link.Statistics.ReceiveOverflows + h.Link.Statistics.ReceiveResets + h.Link.Statistics.ReceiveHeaderErrors);
            h.AssertNoMisuse();
        }

        /// <summary>
        /// Packets of 70, 70 and 190 bytes (frames of 60, 60 and 180): 330 bytes, so ERXWRPTL proves 74 complete. The
        /// first read takes the first packet and 4 bytes of the second one's header; those are completed by a short read
        /// before the header is parsed, the second frame's rest is read into the caller's buffer with the whole third
        /// packet behind it (prefetch), and the third frame needs no read of its own: three RBMs for three frames.
        /// </summary>
        [TestMethod]
        public void AReadEndingInsideTheNextHeaderIsCompletedBeforeTheHeaderIsParsed()
        {
            var h = new DriverHarness(useInterruptPin: true);
            h.Link.Initialize();
            var frames = new[]
            {
                DriverHarness.Frame(DriverHarness.DriverMac, DriverHarness.PeerMac, 60, 1),
                DriverHarness.Frame(DriverHarness.DriverMac, DriverHarness.PeerMac, 60, 2),
                DriverHarness.Frame(DriverHarness.DriverMac, DriverHarness.PeerMac, 180, 3),
            };
            for (int i = 0; i < frames.Length; i++)
            {
                h.Chip.WireSide.Send(frames[i], 0, frames[i].Length);
            }

            h.Clock.Advance(1);
            var buffer = new byte[1514];
            long before = h.Chip.Counters.SpiFrames(Enc28j60Instruction.ReadBufferMemory);
            for (int i = 0; i < frames.Length; i++)
            {
                int length = h.Link.Receive(buffer, 0, buffer.Length);
                AssertSame(frames[i], buffer, length, "frame " + i.ToString());
            }

            Assert.AreEqual(0, h.Link.Receive(buffer, 0, buffer.Length));
            Assert.AreEqual(3L, h.Chip.Counters.SpiFrames(Enc28j60Instruction.ReadBufferMemory) - before, "RBMs for the three frames");
            h.AssertNoMisuse();
        }
    }
}
