#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using System;

namespace NanoTcp.Tests.Enc28j60Driver
{
    /// <summary>
    /// Faults injected into the chip model while TCP moves 1 MB (64 KB on nanoCLR) each way through driver + model (every errata switch
    /// on): the driver recovers and counts each fault exactly, TCP retransmits what was lost, and both directions
    /// arrive byte-exact.
    /// </summary>
    [TestClass]
    public class Enc28j60LinkTcpFaultTests
    {
        /// <summary>1 MB each way on .NET, 64 KB on nanoCLR (<see cref="TcpOverDriver.TransferSize"/>).</summary>
        private const int Size = TcpOverDriver.TransferSize;
        private const long Limit = 600000;

        [TestMethod]
        [DataRow(true)]
        [DataRow(false)]
        public void ReceiveOverflowBurstsAreCountedAndTheTransferCompletes(bool useInterruptPin)
        {
            var p = new TcpOverDriver(useInterruptPin, true);
            p.SendPerRound = TcpOverDriver.PacedSendPerRound;
            int bursts = 0;
            int overflowing = 0;
            bool inBurst = false;
            long ringFullBefore = 0;
            long burstEnd = 0;
            long nextBurst = p.H.Clock.Milliseconds + TcpOverDriver.Scaled(100, 5);
            p.AfterRound = () =>
            {
                if (inBurst)
                {
                    // A burst lasts until the ring overflowed (the model dropped a frame for a full ring), at most 20 ms.
                    bool overflowed = p.H.Chip.Counters.DroppedRingFull > ringFullBefore;
                    if (overflowed || p.H.Clock.Milliseconds >= burstEnd)
                    {
                        p.H.ModelOptions.BurstRepeat = 1;
                        inBurst = false;
                        overflowing += overflowed ? 1 : 0;
                        nextBurst = p.H.Clock.Milliseconds + 20;
                    }
                }
                else if (p.H.Clock.Milliseconds >= nextBurst && p.H.Link.Statistics.ReceiveOverflows >= overflowing)
                {
                    // Once the driver has seen the last overflow (RXERIF, read at the latest at the housekeeping
                    // interval) and 20 ms later, each arriving frame is stored 6 times (6 × 1514 B > the 6.5 KB ring)
                    // until the ring overflows.
                    p.H.ModelOptions.BurstRepeat = 6;
                    inBurst = true;
                    bursts++;
                    ringFullBefore = p.H.Chip.Counters.DroppedRingFull;
                    burstEnd = p.H.Clock.Milliseconds + 20;
                }
            };

            p.TransferBothWays(Size, Limit);

            // A burst that overflowed near the end is read at the next housekeeping interval (polling) or INT edge.
            p.AfterRound = null;
            p.Run(() => p.H.Link.Statistics.ReceiveOverflows >= overflowing, 100);
            Console.WriteLine(bursts + " bursts, " + overflowing + " overflowed the ring; " + p.Describe());
            var s = p.H.Link.Statistics;
            Assert.IsTrue(overflowing >= 3, "overflows provoked: " + overflowing + " of " + bursts + " bursts");
            // Each overflowing burst is seen (RXERIF) at least once; a burst can overflow again after the driver cleared
            // RXERIF (the INT pin reacts at once), but never more often than the model dropped frames for a full ring.
            Assert.IsTrue(s.ReceiveOverflows >= overflowing, "overflows counted " + s.ReceiveOverflows + " < overflowing bursts " + overflowing);
            Assert.IsTrue(s.ReceiveOverflows <= p.H.Chip.Counters.DroppedRingFull, "overflows counted " + s.ReceiveOverflows + " > frames dropped " + p.H.Chip.Counters.DroppedRingFull);
            Assert.AreEqual(0L, s.ReceiveResets + s.ReceiveHeaderErrors, "an overflow needs no ring reset: " + p.Describe());
            p.H.AssertNoMisuse();
        }

        [TestMethod]
        [DataRow(true)]
        [DataRow(false)]
        public void ForcedOverflowsLoseFramesThatTcpRetransmits(bool useInterruptPin)
        {
            var p = new TcpOverDriver(useInterruptPin, true);
            // Each round, with probability 2%, the next round loses every frame for the chip as an overflow (random, so
            // that retransmissions after doubling timeouts do not fall into the same phase every time).
            var random = new System.Random(7);
            int period = TcpOverDriver.Scaled(50, 5);
            p.AfterRound = () => p.H.ModelOptions.ForceReceiveOverflow = random.Next(period) == 0;
            p.TransferBothWays(Size, Limit);
            Console.WriteLine(p.Describe());
            var s = p.H.Link.Statistics;
            Assert.IsTrue(p.H.Chip.Counters.DroppedForcedOverflow > 0, "frames were lost to forced overflows");
            Assert.IsTrue(s.ReceiveOverflows > 0 && s.ReceiveOverflows <= p.H.Chip.Counters.DroppedForcedOverflow, p.Describe());
            Assert.IsTrue(p.PlainTcp.Counters.Retransmissions > 0, "the plain stack retransmitted what the chip lost");
            Assert.AreEqual(0L, s.ReceiveResets);
        }

        [TestMethod]
        [DataRow(true)]
        [DataRow(false)]
        public void LinkDownAndUpInTheMiddleOfTheTransferIsSeenCountedAndTheTransferCompletes(bool useInterruptPin)
        {
            var p = new TcpOverDriver(useInterruptPin, true);
            long downAt = -1;
            bool upAgain = false;
            p.AfterRound = () =>
            {
                if (downAt < 0 && p.Delivered >= Size * 2 / 3)
                {
                    p.H.Chip.SetLinkUp(false);
                    downAt = p.H.Clock.Milliseconds;
                }
                else if (downAt >= 0 && !upAgain && p.H.Clock.Milliseconds >= downAt + 400)
                {
                    p.H.Chip.SetLinkUp(true); // unplugged for 400 ms
                    upAgain = true;
                }
            };

            p.TransferBothWays(Size, Limit);
            Console.WriteLine("link down at " + downAt + "; " + p.Describe());
            var s = p.H.Link.Statistics;
            Assert.IsTrue(downAt > 0, "the link went down during the transfer");
            Assert.AreEqual(2L, s.LinkChanges, "down, then up");
            Assert.IsTrue(p.H.Link.IsLinkUp);
            Assert.IsTrue(s.TransmitDroppedLinkDown > 0, "segments sent while the link was down are dropped and counted");
            Assert.IsTrue(p.ChipTcp.Counters.Retransmissions > 0 && p.PlainTcp.Counters.Retransmissions > 0, p.Describe());
            Assert.AreEqual(0L, s.ReceiveResets + s.TransmitTimeouts);
        }

        [TestMethod]
        [DataRow(true)]
        [DataRow(false)]
        public void TransmitAbortsInFullDuplexAreCountedAndTcpRetransmitsTheLostSegments(bool useInterruptPin)
        {
            var p = new TcpOverDriver(useInterruptPin, true);
            p.SendPerRound = TcpOverDriver.PacedSendPerRound;
            // Every 40th transmission of the chip aborts (a rate, not a period of time: a retransmission after a long
            // timeout must not be the frame that aborts every time).
            // Polling reads EIR once per housekeeping interval (50 ms), and a TXERIF seen once is one count, so the
            // next abort waits until the driver has counted the last one.
            int injected = 0;
            int every = TcpOverDriver.Scaled(40, 4);
            long nextAbort = every;
            p.AfterRound = () =>
            {
                bool counted = p.H.Link.Statistics.TransmitAborts >= p.H.Chip.Counters.TransmitAborts;
                if (p.ChipTransmissions >= nextAbort && counted && p.H.ModelOptions.TransmitAbortCount == 0)
                {
                    p.H.ModelOptions.TransmitAbortCount = 1;
                    injected++;
                    nextAbort = p.ChipTransmissions + every;
                }
            };

            p.TransferBothWays(Size, Limit);

            // An abort near the end is read at the next housekeeping interval (polling) or INT edge.
            p.Run(() => p.H.Link.Statistics.TransmitAborts >= p.H.Chip.Counters.TransmitAborts, 100);
            Console.WriteLine(injected + " aborts injected; " + p.Describe());
            var s = p.H.Link.Statistics;
            long happened = p.H.Chip.Counters.TransmitAborts;
            Assert.IsTrue(happened >= 5, "aborts that happened: " + happened);
            Assert.AreEqual(happened, s.TransmitAborts, "every abort counted once");
            Assert.AreEqual(0L, s.TransmitRetries, "full duplex does not retry");
            Assert.IsTrue(p.ChipTcp.Counters.Retransmissions > 0);
            p.H.AssertNoMisuse();
        }

        [TestMethod]
        [DataRow(true)]
        [DataRow(false)]
        public void LateCollisionsAndExcessiveCollisionsInHalfDuplexAreRetriedOrCountedAndTheTransferCompletes(bool useInterruptPin)
        {
            var p = new TcpOverDriver(useInterruptPin, false, 7);
            int late = 0;
            int excessive = 0;
            int every = TcpOverDriver.Scaled(30, 3);
            long nextAbort = every;
            p.AfterRound = () =>
            {
                if (p.ChipTransmissions >= nextAbort && p.H.ModelOptions.TransmitAbortCount == 0)
                {
                    nextAbort = p.ChipTransmissions + every;
                    // Alternately: three late collisions in a row (retried), one excessive-collision abort (lost).
                    bool lateOnes = (late + excessive) % 2 == 0;
                    p.H.ModelOptions.TransmitAbortIsLateCollision = lateOnes;
                    p.H.ModelOptions.TransmitAbortCount = lateOnes ? 3 : 1;
                    if (lateOnes)
                    {
                        late += 3;
                    }
                    else
                    {
                        excessive++;
                    }
                }
            };

            p.TransferBothWays(Size, Limit);
            if (p.H.ModelOptions.TransmitAbortCount > 0)
            {
                // The last injection came after the last frame: it never happened.
                if (p.H.ModelOptions.TransmitAbortIsLateCollision)
                {
                    late -= p.H.ModelOptions.TransmitAbortCount;
                }
                else
                {
                    excessive--;
                }
            }

            Console.WriteLine(late + " late and " + excessive + " excessive collisions injected; " + p.Describe());
            var s = p.H.Link.Statistics;
            Assert.IsTrue(excessive >= 3, "excessive-collision aborts injected: " + excessive);
            Assert.AreEqual((long)excessive, s.TransmitAborts, "excessive collisions are not retried: each counted as an abort");
            Assert.AreEqual(p.H.Chip.Counters.TransmitAborts, s.TransmitRetries + s.TransmitAborts, "every abort of the chip was retried or counted");
            Assert.IsTrue(s.TransmitRetries >= late, "retries " + s.TransmitRetries + " >= injected late collisions " + late + " (plus errata 13)");
            Assert.AreEqual(0L, s.TransmitTimeouts, "no stall (errata 12): " + p.Describe());
            p.H.AssertNoMisuse();
        }

        [TestMethod]
        [DataRow(true)]
        [DataRow(false)]
        public void CorruptedReceiveHeadersResetTheRingAreCountedAndTheTransferCompletes(bool useInterruptPin)
        {
            var p = new TcpOverDriver(useInterruptPin, true);
            int corrupted = 0;
            int writePointer = -1;
            long stored = 0;
            int every = TcpOverDriver.Scaled(200, 10);
            long nextCorruption = p.H.Clock.Milliseconds + every;
            p.BeforeChipPoll = () =>
            {
                if (corrupted == 3 || p.H.Clock.Milliseconds < nextCorruption)
                {
                    return;
                }

                if (writePointer >= 0 && p.H.Chip.Counters.FramesReceived > stored)
                {
                    // The first packet stored since the sample begins at the sampled ERXWRPT: its next packet pointer
                    // now points beyond the ring (high byte 7Fh), before the driver has read any of it.
                    p.H.Chip.Memory[(writePointer + 1) & 0x1FFF] = 0x7F;
                    corrupted++;
                    writePointer = -1;
                    nextCorruption = p.H.Clock.Milliseconds + every;
                }
                else
                {
                    writePointer = p.H.ReceiveWritePointer;
                    stored = p.H.Chip.Counters.FramesReceived;
                }
            };

            p.TransferBothWays(Size, Limit);
            Console.WriteLine(corrupted + " headers corrupted; " + p.Describe());
            var s = p.H.Link.Statistics;
            Assert.AreEqual(3, corrupted);
            Assert.AreEqual(3L, s.ReceiveHeaderErrors);
            Assert.AreEqual(3L, s.ReceiveResets);
            Assert.IsTrue(p.PlainTcp.Counters.Retransmissions > 0, "what the reset threw away was retransmitted");
            p.H.AssertNoMisuse();
        }
    }
}
