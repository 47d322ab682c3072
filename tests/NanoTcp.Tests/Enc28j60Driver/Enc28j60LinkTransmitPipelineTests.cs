#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using NanoTcp.Drivers.Enc28j60;
using NanoTcp.Hardware.Enc28j60Model;

namespace NanoTcp.Tests.Enc28j60Driver
{
    /// <summary>
    /// Two transmit areas: a frame sent while the previous one is on the wire is written into the idle area meanwhile
    /// (the model counts WBM bytes written during a transmission, and any that hit the frame being sent), and started
    /// once the previous one has ended; the errata paths of the frame in flight still run on its own area.
    /// </summary>
    [TestClass]
    public class Enc28j60LinkTransmitPipelineTests
    {
        private static byte[][] SendTwo(DriverHarness h, int firstLength, int secondLength)
        {
            byte[] first = DriverHarness.Frame(DriverHarness.PeerMac, DriverHarness.DriverMac, firstLength, 21);
            byte[] second = DriverHarness.Frame(DriverHarness.PeerMac, DriverHarness.DriverMac, secondLength, 22);
            h.Link.Send(first, 0, first.Length);
            h.Link.Send(second, 0, second.Length); // the first is still on the wire: 1.2 ms, nobody moved the clock
            return new[] { first, second };
        }

        private static void AssertArriveInOrder(DriverHarness h, byte[][] frames)
        {
            for (int i = 0; i < frames.Length; i++)
            {
                byte[] got = Enc28j60LinkTransferTests.PeerReceive(h);
                Assert.IsNotNull(got, "frame " + i + " never reached the peer");
                Enc28j60LinkTransferTests.AssertSame(frames[i], got, got.Length, "frame " + i);
            }

            Assert.IsNull(Enc28j60LinkTransferTests.PeerReceive(h), "no further frame");
        }

        [TestMethod]
        [DataRow(true)]
        [DataRow(false)]
        public void ASecondFrameIsWrittenWhileTheFirstIsOnTheWireAndBothArriveInOrder(bool useInterruptPin)
        {
            var h = new DriverHarness(useInterruptPin);
            h.Link.Initialize();
            byte[][] frames = SendTwo(h, 1514, 1514);

            Assert.AreEqual(1L, h.Link.Statistics.FramesWrittenDuringTransmission);
            Assert.AreEqual(1515L, h.Chip.Counters.BufferBytesWrittenWhileTransmitting, "control byte and frame of the second, written while the first was sent");
            h.AssertNoMisuse(); // nothing written into the frame on the wire; ETXST/ETXND only between frames
            AssertArriveInOrder(h, frames);
            Assert.AreEqual(2L, h.Link.Statistics.FramesSent);
        }

        [TestMethod]
        public void ThreeFramesInARowAlternateTheAreasAndArriveByteExact()
        {
            var h = new DriverHarness(true);
            h.Link.Initialize();
            byte[][] frames = new byte[3][];
            int[] lengths = { 1514, 60, 999 };
            for (int i = 0; i < 3; i++)
            {
                frames[i] = DriverHarness.Frame(DriverHarness.PeerMac, DriverHarness.DriverMac, lengths[i], 30 + i);
                h.Link.Send(frames[i], 0, frames[i].Length);
            }

            Assert.AreEqual(2L, h.Link.Statistics.FramesWrittenDuringTransmission);
            h.AssertNoMisuse();
            AssertArriveInOrder(h, frames);
        }

        [TestMethod]
        public void AFrameSentAfterThePreviousHasLeftReusesItsAreaWithoutOverlap()
        {
            var h = new DriverHarness(true);
            h.Link.Initialize();
            byte[] first = DriverHarness.Frame(DriverHarness.PeerMac, DriverHarness.DriverMac, 1514, 41);
            h.Link.Send(first, 0, first.Length);
            Assert.IsNotNull(Enc28j60LinkTransferTests.PeerReceive(h));
            int start = h.ReadPair(0, 0x04); // ETXST
            byte[] second = DriverHarness.Frame(DriverHarness.PeerMac, DriverHarness.DriverMac, 1514, 42);
            h.Link.Send(second, 0, second.Length);

            Assert.AreEqual(start, h.ReadPair(0, 0x04), "ETXST unchanged: the same area");
            Assert.AreEqual(0L, h.Link.Statistics.FramesWrittenDuringTransmission);
            Assert.AreEqual(0L, h.Chip.Counters.BufferBytesWrittenWhileTransmitting);
            byte[] got = Enc28j60LinkTransferTests.PeerReceive(h);
            Enc28j60LinkTransferTests.AssertSame(second, got, got.Length, "second frame");
        }

        [TestMethod]
        public void OneTransmitAreaWritesTheNextFrameOnlyAfterThePreviousHasLeft()
        {
            var h = new DriverHarness(true);
            h.Options.TransmitBufferStart = 0x1A00; // read by the constructor: a new link on the same chip
            var link = new Enc28j60Link(h.Chip, h.Chip.InterruptPin, h.Clock, h.Options);
            link.Initialize();
            byte[] first = DriverHarness.Frame(DriverHarness.PeerMac, DriverHarness.DriverMac, 1514, 51);
            byte[] second = DriverHarness.Frame(DriverHarness.PeerMac, DriverHarness.DriverMac, 1514, 52);
            link.Send(first, 0, first.Length);
            link.Send(second, 0, second.Length);

            Assert.AreEqual(0L, link.Statistics.FramesWrittenDuringTransmission);
            Assert.AreEqual(0L, h.Chip.Counters.BufferBytesWrittenWhileTransmitting);
            h.AssertNoMisuse();
            var buffer = new byte[1514];
            for (int i = 0; i < 2; i++)
            {
                int length = 0;
                for (int turn = 0; turn < 200 && length == 0; turn++)
                {
                    h.Pump();
                    length = h.Peer.Receive(buffer, 0, buffer.Length);
                    h.Clock.Advance(1);
                }

                Enc28j60LinkTransferTests.AssertSame(i == 0 ? first : second, buffer, length, "frame " + i);
            }
        }

        [TestMethod]
        [DataRow(true)]
        [DataRow(false)]
        public void ALateCollisionOfTheFrameInFlightIsRetriedFromItsOwnAreaBeforeTheNextStarts(bool useInterruptPin)
        {
            Enc28j60ModelOptions model = DriverHarness.AllErrataOn();
            model.Errata13LateCollisionEvery = 0;
            model.TransmitAbortIsLateCollision = true;
            var h = new DriverHarness(useInterruptPin, fullDuplex: false, modelOptions: model);
            h.Link.Initialize();
            model.TransmitAbortCount = 1; // the first transmission ends in a late collision (TSV bit 29, errata 13/15)
            byte[][] frames = SendTwo(h, 1514, 700);

            Assert.AreEqual(1L, h.Link.Statistics.FramesWrittenDuringTransmission);
            Assert.AreEqual(1L, h.Link.Statistics.TransmitRetries, "the first frame was retried");
            Assert.AreEqual(0L, h.Link.Statistics.TransmitAborts);
            h.AssertNoMisuse();
            AssertArriveInOrder(h, frames);
        }

        [TestMethod]
        public void AnExcessiveCollisionAbortOfTheFrameInFlightLosesOnlyThatFrame()
        {
            Enc28j60ModelOptions model = DriverHarness.AllErrataOn();
            model.Errata13LateCollisionEvery = 0;
            model.TransmitAbortIsLateCollision = false;
            var h = new DriverHarness(true, fullDuplex: false, modelOptions: model);
            h.Link.Initialize();
            model.TransmitAbortCount = 1;
            byte[][] frames = SendTwo(h, 1514, 800);

            Assert.AreEqual(1L, h.Link.Statistics.TransmitAborts, "counted, not retried (errata 13 retries late collisions only)");
            Assert.AreEqual(0L, h.Link.Statistics.TransmitRetries);
            h.AssertNoMisuse();
            AssertArriveInOrder(h, new[] { frames[1] });
        }

        [TestMethod]
        public void AFrameStalledInFlightIsResetAtTheTimeoutAndTheFrameWrittenMeanwhileGoesOut()
        {
            // Errata 12: the model stalls the request after an abort while its PHY is in half duplex (PHCON1.PDPXMD
            // cleared through the back door for the aborted frame, as in Enc28j60LinkFaultTests). Polling: nobody sees
            // the abort, so the next frame's TXRTS stays set; the frame after it is written into the other area while
            // that one "transmits", then the timeout clears TXRTS, pulses TXRST and starts it.
            var h = new DriverHarness(useInterruptPin: false);
            h.Link.Initialize();
            h.ModelOptions.Errata13LateCollisionEvery = 0;
            h.WritePhy(0x00, 0x0000);
            h.ModelOptions.TransmitAbortCount = 1;
            byte[] aborted = DriverHarness.Frame(DriverHarness.PeerMac, DriverHarness.DriverMac, 100, 71);
            h.Link.Send(aborted, 0, aborted.Length);
            h.Clock.Advance(2);
            h.Pump();
            h.WritePhy(0x00, 0x0100);
            byte[] stuck = DriverHarness.Frame(DriverHarness.PeerMac, DriverHarness.DriverMac, 100, 72);
            h.Link.Send(stuck, 0, stuck.Length);
            Assert.IsTrue(h.Chip.TransmitStalled, "the frame after the abort stalled (errata 12)");

            byte[] next = DriverHarness.Frame(DriverHarness.PeerMac, DriverHarness.DriverMac, 1514, 73);
            h.Link.Send(next, 0, next.Length);
            Assert.AreEqual(1L, h.Link.Statistics.FramesWrittenDuringTransmission);
            Assert.AreEqual(1L, h.Link.Statistics.TransmitTimeouts);
            h.AssertNoMisuse();
            AssertArriveInOrder(h, new[] { next });
        }
    }
}
