#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using System;
using NanoTcp.Hardware.Enc28j60Model;

namespace NanoTcp.Tests.Enc28j60Driver
{
    /// <summary>Faults injected into the chip model: the driver recovers, counts, and keeps frames byte-exact.</summary>
    [TestClass]
    public class Enc28j60LinkFaultTests
    {
        private static byte[] ToDriver(int length, int seed) => DriverHarness.Frame(DriverHarness.DriverMac, DriverHarness.PeerMac, length, seed);

        private static byte[] ToPeer(int length, int seed) => DriverHarness.Frame(DriverHarness.PeerMac, DriverHarness.DriverMac, length, seed);

        /// <summary>Sends a 100-byte frame and checks it reaches the peer byte-exact (the transmit logic is not stalled).</summary>
        private static void SendAndExpectAtPeer(DriverHarness h, int seed, string missing, string what)
        {
            byte[] next = ToPeer(100, seed);
            h.Link.Send(next, 0, next.Length);
            byte[] got = Enc28j60LinkTransferTests.PeerReceive(h);
            Assert.IsNotNull(got, missing);
            Enc28j60LinkTransferTests.AssertSame(next, got, got.Length, what);
        }

        [TestMethod]
        [DataRow(true)]
        [DataRow(false)]
        public void AnOverflowingBurstIsCountedAndEveryFrameStoredInTheRingArrivesIntact(bool useInterruptPin)
        {
            var h = new DriverHarness(useInterruptPin);
            h.Link.Initialize();
            h.ModelOptions.BurstRepeat = 8; // 8 × 1514 B against a 6.5 KB ring
            byte[] frame = ToDriver(1514, 3);
            h.Chip.WireSide.Send(frame, 0, frame.Length);
            h.ModelOptions.BurstRepeat = 1;
            long stored = h.Chip.Counters.FramesReceived;
            Assert.IsTrue(stored >= 3 && stored < 8, "the model stored " + stored + " of 8");
            h.Clock.Advance(h.Options.HousekeepingIntervalMilliseconds); // polling mode reads EIR at housekeeping

            var buffer = new byte[1514];
            int got = 0;
            int length;
            while ((length = h.Link.Receive(buffer, 0, buffer.Length)) > 0)
            {
                Enc28j60LinkTransferTests.AssertSame(frame, buffer, length, "frame " + got + " of the burst");
                got++;
            }

            Assert.AreEqual(stored, (long)got);
            Assert.AreEqual(1L, h.Link.Statistics.ReceiveOverflows);
            Assert.AreEqual(0L, h.Link.Statistics.ReceiveResets);

            byte[] after = ToDriver(700, 4);
            h.Peer.Send(after, 0, after.Length);
            length = Enc28j60LinkTransferTests.ReceiveOne(h, buffer);
            Enc28j60LinkTransferTests.AssertSame(after, buffer, length, "frame after the overflow");
        }

        [TestMethod]
        public void FramesLostToForcedOverflowsAreCountedAndReceptionResumes()
        {
            var h = new DriverHarness();
            h.Link.Initialize();
            var buffer = new byte[1514];
            byte[] first = ToDriver(300, 1);
            h.Peer.Send(first, 0, first.Length);
            Enc28j60LinkTransferTests.AssertSame(first, buffer, Enc28j60LinkTransferTests.ReceiveOne(h, buffer), "frame before");

            h.ModelOptions.ForceReceiveOverflow = true;
            for (int i = 0; i < 5; i++)
            {
                byte[] lost = ToDriver(300, 10 + i);
                h.Peer.Send(lost, 0, lost.Length);
                Assert.AreEqual(0, Enc28j60LinkTransferTests.ReceiveOne(h, buffer), "lost frame " + i);
            }

            h.ModelOptions.ForceReceiveOverflow = false;
            byte[] next = ToDriver(300, 2);
            h.Peer.Send(next, 0, next.Length);
            Enc28j60LinkTransferTests.AssertSame(next, buffer, Enc28j60LinkTransferTests.ReceiveOne(h, buffer), "frame after");
            Assert.IsTrue(h.Link.Statistics.ReceiveOverflows >= 1, "overflows counted: " + h.Link.Statistics.ReceiveOverflows);
            Assert.AreEqual(2L, h.Link.Statistics.FramesReceived);
        }

        [TestMethod]
        [DataRow(true)]
        [DataRow(false)]
        public void LinkDownInTheMiddleOfATransferDropsAndCountsThenTrafficResumes(bool useInterruptPin)
        {
            var h = new DriverHarness(useInterruptPin);
            h.Link.Initialize();
            var buffer = new byte[1514];
            int seed = 0;
            for (int i = 0; i < 20; i++)
            {
                byte[] frame = ToPeer(1514, ++seed);
                h.Link.Send(frame, 0, frame.Length);
                byte[] got = Enc28j60LinkTransferTests.PeerReceive(h);
                Enc28j60LinkTransferTests.AssertSame(frame, got, got.Length, "before: frame " + i);
            }

            // Unplugged while a frame is on its way out.
            byte[] inFlight = ToPeer(1514, ++seed);
            h.Link.Send(inFlight, 0, inFlight.Length);
            h.Chip.SetLinkUp(false);
            h.Clock.Advance(h.Options.HousekeepingIntervalMilliseconds);
            h.Pump();
            Assert.AreEqual(0, h.Link.Receive(buffer, 0, buffer.Length));
            Assert.IsFalse(h.Link.IsLinkUp, "the driver saw the link go down");
            for (int i = 0; i < 3; i++)
            {
                byte[] frame = ToPeer(200, ++seed);
                h.Link.Send(frame, 0, frame.Length);
            }

            Assert.AreEqual(3L, h.Link.Statistics.TransmitDroppedLinkDown);

            h.Chip.SetLinkUp(true);
            h.Clock.Advance(h.Options.HousekeepingIntervalMilliseconds);
            Assert.AreEqual(0, h.Link.Receive(buffer, 0, buffer.Length));
            Assert.IsTrue(h.Link.IsLinkUp, "the driver saw the link come back");
            Assert.AreEqual(2L, h.Link.Statistics.LinkChanges);
            while (h.Peer.Receive(buffer, 0, buffer.Length) > 0)
            {
                // whatever the wire held from before the unplugging
            }

            for (int i = 0; i < 20; i++)
            {
                byte[] frame = ToPeer(1514, ++seed);
                h.Link.Send(frame, 0, frame.Length);
                byte[] got = Enc28j60LinkTransferTests.PeerReceive(h);
                Assert.IsNotNull(got, "after: frame " + i + " never arrived");
                Enc28j60LinkTransferTests.AssertSame(frame, got, got.Length, "after: frame " + i);
                byte[] reply = ToDriver(1514, ++seed);
                h.Peer.Send(reply, 0, reply.Length);
                Enc28j60LinkTransferTests.AssertSame(reply, buffer, Enc28j60LinkTransferTests.ReceiveOne(h, buffer), "after: reply " + i);
            }
        }

        [TestMethod]
        public void LateCollisionsInHalfDuplexAreRetransmittedAndTheFrameArrivesOnce()
        {
            var h = new DriverHarness(fullDuplex: false);
            h.Link.Initialize();
            h.ModelOptions.TransmitAbortIsLateCollision = true;
            h.ModelOptions.TransmitAbortCount = 3;
            byte[] frame = ToPeer(800, 1);
            h.Link.Send(frame, 0, frame.Length);
            byte[] got = Enc28j60LinkTransferTests.PeerReceive(h);
            Assert.IsNotNull(got, "the frame never arrived");
            Enc28j60LinkTransferTests.AssertSame(frame, got, got.Length, "retransmitted frame");
            Assert.IsNull(Enc28j60LinkTransferTests.PeerReceive(h), "the frame arrived twice");
            Assert.AreEqual(3L, h.Link.Statistics.TransmitRetries);
            Assert.AreEqual(0L, h.Link.Statistics.TransmitAborts);
        }

        [TestMethod]
        public void SixteenRetriesAreTheLimitThenTheAbortIsCountedAndTheNextFrameGoesOut()
        {
            var h = new DriverHarness(fullDuplex: false);
            h.Link.Initialize();
            h.ModelOptions.TransmitAbortIsLateCollision = true;
            h.ModelOptions.TransmitAbortCount = 17;
            byte[] lost = ToPeer(100, 1);
            h.Link.Send(lost, 0, lost.Length);
            Assert.IsNull(Enc28j60LinkTransferTests.PeerReceive(h), "an aborted frame reached the wire");
            Assert.AreEqual(16L, h.Link.Statistics.TransmitRetries);
            Assert.AreEqual(1L, h.Link.Statistics.TransmitAborts);

            SendAndExpectAtPeer(h, 2, "the transmit logic stayed stalled (errata 12)", "next frame");
        }

        [TestMethod]
        public void AnExcessiveCollisionAbortIsNotRetriedAndDoesNotStallTheNextFrame()
        {
            var h = new DriverHarness(fullDuplex: false);
            h.Link.Initialize();
            h.ModelOptions.TransmitAbortIsLateCollision = false;
            h.ModelOptions.TransmitAbortCount = 1;
            byte[] lost = ToPeer(100, 1);
            h.Link.Send(lost, 0, lost.Length);
            Assert.IsNull(Enc28j60LinkTransferTests.PeerReceive(h));
            Assert.AreEqual(0L, h.Link.Statistics.TransmitRetries);
            Assert.AreEqual(1L, h.Link.Statistics.TransmitAborts);

            SendAndExpectAtPeer(h, 2, "the transmit logic stayed stalled (errata 12)", "next frame");
        }

        [TestMethod]
        public void AnAbortInFullDuplexIsCountedThroughTheInterruptAndTheNextFrameGoesOut()
        {
            var h = new DriverHarness();
            h.Link.Initialize();
            h.ModelOptions.TransmitAbortCount = 1;
            byte[] lost = ToPeer(100, 1);
            h.Link.Send(lost, 0, lost.Length);
            Assert.IsNull(Enc28j60LinkTransferTests.PeerReceive(h));
            Assert.AreEqual(1L, h.Link.Statistics.TransmitAborts);

            SendAndExpectAtPeer(h, 2, "the next frame never arrived", "next frame");
        }

        /// <summary>
        /// Errata 12 is a half-duplex stall, and the model stalls only while its PHY is in half duplex (PHCON1.PDPXMD
        /// clear). To reach the stall on a link the driver configured for full duplex, the test clears PDPXMD through the
        /// back door for the aborted transmission and sets it again afterwards (as a PHY that renegotiated would).
        /// </summary>
        private static void AbortWithStallInFullDuplex(DriverHarness h, byte[] frame)
        {
            h.ModelOptions.Errata13LateCollisionEvery = 0;
            h.WritePhy(0x00, 0x0000); // PHCON1: PDPXMD clear, the model now stalls after an abort (errata 12)
            h.ModelOptions.TransmitAbortCount = 1;
            h.Link.Send(frame, 0, frame.Length);
            h.Clock.Advance(2);
            h.Pump();
            Assert.AreEqual(1L, h.Chip.Counters.TransmitAborts, "the injected abort happened");
            h.WritePhy(0x00, 0x0100); // PHCON1: PDPXMD set again
        }

        [TestMethod]
        public void AStallAfterAnAbortInFullDuplexIsResetAtTheTransmitTimeoutAndLaterFramesGoOut()
        {
            // Polling and two sends in a row (as TCP sends a window in one poll): the abort is not seen before the
            // next frame, whose TXRTS then stays set until the driver's transmit timeout pulses TXRST.
            var h = new DriverHarness(useInterruptPin: false);
            h.Link.Initialize();
            AbortWithStallInFullDuplex(h, ToPeer(100, 1));
            byte[] stuck = ToPeer(100, 2);
            h.Link.Send(stuck, 0, stuck.Length);
            h.Clock.Advance(2);
            h.Pump();
            Assert.AreEqual(0L, h.Chip.Counters.FramesTransmitted, "the frame after the abort stalled (errata 12)");

            byte[] next = ToPeer(100, 3);
            h.Link.Send(next, 0, next.Length);
            Assert.AreEqual(1L, h.Link.Statistics.TransmitTimeouts, "the stalled frame timed out and the transmit logic was reset");
            byte[] got = Enc28j60LinkTransferTests.PeerReceive(h);
            Assert.IsNotNull(got, "the frame after the stall never arrived");
            Enc28j60LinkTransferTests.AssertSame(next, got, got.Length, "frame after the stall");
            Assert.IsNull(Enc28j60LinkTransferTests.PeerReceive(h), "the aborted or the stalled frame reached the wire");

            var buffer = new byte[1514];
            for (int i = 0; i < 10; i++)
            {
                byte[] frame = ToPeer(1514, 10 + i);
                h.Link.Send(frame, 0, frame.Length);
                got = Enc28j60LinkTransferTests.PeerReceive(h);
                Assert.IsNotNull(got, "frame " + i + " after the recovery never arrived");
                Enc28j60LinkTransferTests.AssertSame(frame, got, got.Length, "frame " + i + " after the recovery");
                byte[] reply = ToDriver(1514, 30 + i);
                h.Peer.Send(reply, 0, reply.Length);
                Enc28j60LinkTransferTests.AssertSame(reply, buffer, Enc28j60LinkTransferTests.ReceiveOne(h, buffer), "reply " + i + " after the recovery");
            }

            Assert.AreEqual(1L, h.Link.Statistics.TransmitTimeouts);
        }

        [TestMethod]
        public void AStallAfterAnAbortInFullDuplexIsClearedByTheInterruptBeforeTheNextFrame()
        {
            // With the INT pin, TXERIF is serviced at the next Receive: the abort is counted, TXRST pulsed, nothing stalls.
            var h = new DriverHarness(useInterruptPin: true);
            h.Link.Initialize();
            AbortWithStallInFullDuplex(h, ToPeer(100, 1));
            var buffer = new byte[1514];
            Assert.AreEqual(0, h.Link.Receive(buffer, 0, buffer.Length));
            Assert.AreEqual(1L, h.Link.Statistics.TransmitAborts);

            SendAndExpectAtPeer(h, 2, "the frame after the abort stalled", "frame after the abort");
            Assert.AreEqual(0L, h.Link.Statistics.TransmitTimeouts);
        }

        [TestMethod]
        [DataRow(0x0001, 0x7F)] // next pointer beyond the ring
        [DataRow(0x0000, 0x41)] // odd next pointer
        [DataRow(0x0003, 0x09)] // byte count beyond 1518
        [DataRow(0x0002, 0x00)] // byte count that does not match the next pointer
        public void ACorruptedHeaderResetsTheReceiveLogicIsCountedAndLaterFramesArrive(int address, int value)
        {
            var h = new DriverHarness();
            h.Link.Initialize();
            byte[] victim = ToDriver(400, 1);
            h.Chip.WireSide.Send(victim, 0, victim.Length); // stored at 0000h, the ring start
            h.Chip.Memory[address] = (byte)value;
            var buffer = new byte[1514];
            Assert.AreEqual(0, h.Link.Receive(buffer, 0, buffer.Length));
            Assert.AreEqual(1L, h.Link.Statistics.ReceiveHeaderErrors);
            Assert.AreEqual(1L, h.Link.Statistics.ReceiveResets);

            for (int i = 0; i < 10; i++)
            {
                byte[] frame = ToDriver(1000 + i, 10 + i);
                h.Peer.Send(frame, 0, frame.Length);
                Enc28j60LinkTransferTests.AssertSame(frame, buffer, Enc28j60LinkTransferTests.ReceiveOne(h, buffer), "frame " + i + " after the reset");
            }

            Assert.AreEqual(10L, h.Link.Statistics.FramesReceived);
        }

        [TestMethod]
        public void AHeaderReportingACrcErrorDropsOnlyThatFrame()
        {
            var h = new DriverHarness();
            h.Link.Initialize();
            byte[] bad = ToDriver(400, 1);
            byte[] good = ToDriver(500, 2);
            h.Chip.WireSide.Send(bad, 0, bad.Length);
            h.Chip.WireSide.Send(good, 0, good.Length);
            h.Chip.Memory[0x0004] |= 0x10; // RSV bit 20: CRC error
            var buffer = new byte[1514];
            Enc28j60LinkTransferTests.AssertSame(good, buffer, h.Link.Receive(buffer, 0, buffer.Length), "the frame after the bad one");
            Assert.AreEqual(1L, h.Link.Statistics.ReceiveCrcErrors);
            Assert.AreEqual(0L, h.Link.Statistics.ReceiveResets);
        }
    }
}
