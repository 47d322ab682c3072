#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using System;
using NanoTcp.Hardware.Simulation;
using NanoTcp.Tcp;

namespace NanoTcp.Tests.Enc28j60Driver
{
    /// <summary>
    /// A chip that misbehaves as a whole while TCP moves data through driver + model: it stops answering on SPI for a
    /// while (MISO stuck high or low), loses its configuration to a reset, never answers again, its link flaps, or its
    /// INT line goes silent. The driver detects and counts each fault, initializes the chip again, and the transfer
    /// completes, or ends with a TCP time-out, never a hang or an exception out of the stack's poll.
    /// </summary>
    [TestClass]
    public class Enc28j60LinkChipFaultTests
    {
        private const int Size = TcpOverDriver.TransferSize;
        private const long Limit = 600000;

        [TestMethod]
        [DataRow(true, 0xFF)]
        [DataRow(false, 0xFF)]
        [DataRow(true, 0x00)]
        [DataRow(false, 0x00)]
        public void AChipThatStopsAnsweringForAWhileIsReinitializedAndTheTransferCompletes(bool useInterruptPin, int misoStuckAt)
        {
            var p = new TcpOverDriver(useInterruptPin, true);
            long brokenAt = -1;
            p.AfterRound = () =>
            {
                if (brokenAt < 0 && p.Delivered >= Size / 3)
                {
                    p.H.Bus.MisoStuckAt = misoStuckAt;
                    brokenAt = p.H.Clock.Milliseconds;
                }
                else if (brokenAt >= 0 && p.H.Bus.MisoStuckAt >= 0 && p.H.Clock.Milliseconds >= brokenAt + 1500)
                {
                    p.H.Bus.MisoStuckAt = -1; // 1.5 s without an answer
                }
            };

            p.TransferBothWays(Size, Limit);
            var s = p.H.Link.Statistics;
            Assert.IsTrue(brokenAt > 0, "the bus broke during the transfer");
            Assert.AreEqual(1L, s.ChipFaults, "one fault: " + p.Describe());
            Assert.AreEqual(1L, s.ChipReinitializations, "initialized again once the chip answered");
            Assert.IsFalse(p.H.Link.ChipFault);
            Assert.IsTrue(s.TransmitDroppedLinkDown > 0, "frames sent during the fault are dropped and counted");
        }

        [TestMethod]
        [DataRow(true)]
        [DataRow(false)]
        public void AChipResetMidTransferIsDetectedReinitializedAndTheTransferCompletes(bool useInterruptPin)
        {
            // A brown-out or a glitch on RESET: every register back to its reset value, receive off, no MAC address.
            var p = new TcpOverDriver(useInterruptPin, true);
            long resetAt = -1;
            p.AfterRound = () =>
            {
                if (resetAt < 0 && p.Delivered >= Size / 2)
                {
                    p.H.Chip.PowerOnReset();
                    resetAt = p.H.Clock.Milliseconds;
                }
            };

            p.TransferBothWays(Size, Limit);
            var s = p.H.Link.Statistics;
            Assert.IsTrue(resetAt > 0, "the chip was reset during the transfer");
            Assert.AreEqual(1L, s.ChipFaults, p.Describe());
            Assert.AreEqual(1L, s.ChipReinitializations);
        }

        [TestMethod]
        public void AChipThatNeverAnswersAgainEndsTheConnectionWithATimeOutAndNeverHangs()
        {
            var p = new TcpOverDriver(false, true);
            var listener = new TcpListener(p.PlainTcp, TcpOverDriver.Port, 2);
            listener.Start();
            TcpConnection client = TcpConnection.BeginConnect(p.ChipTcp, TcpOverDriver.PlainAddress, TcpOverDriver.Port);
            Assert.IsTrue(p.Run(() => client.State == TcpState.Established, 30000), "handshake");
            p.H.Bus.MisoStuckAt = 0xFF;
            long brokenAt = p.H.Clock.Milliseconds;
            byte[] data = new byte[4000];
            Assert.AreEqual(data.Length, client.TrySend(data, 0, data.Length));

            // Time jumps to each deadline (at most 100 ms): TCP backs off to its R2 limit, the driver retries each second.
            for (int i = 0; i < 100000 && client.State != TcpState.Closed; i++)
            {
                p.H.Pump();
                long next = p.OnChip.Poll();
                long plainNext = p.Plain.Poll();
                long step = (plainNext < next ? plainNext : next) - p.H.Clock.Milliseconds;
                p.H.Clock.Advance(step < 1 ? 1 : step > 100 ? 100 : step);
            }

            long elapsed = p.H.Clock.Milliseconds - brokenAt;
            Assert.AreEqual(TcpState.Closed, client.State, "after " + elapsed + " ms");
            Assert.AreEqual(TcpError.TimedOut, client.Error);
            var s = p.H.Link.Statistics;
            Assert.AreEqual(1L, s.ChipFaults);
            Assert.AreEqual(0L, s.ChipReinitializations);
            Assert.IsTrue(p.H.Link.ChipFault);
            Assert.IsFalse(p.H.Link.IsLinkUp, "a chip in a fault reads as link down");
        }

        [TestMethod]
        [DataRow(true)]
        [DataRow(false)]
        public void LinkFlappingThroughoutTheTransferIsCountedFlapByFlapAndTheTransferCompletes(bool useInterruptPin)
        {
            // Down 100..300 ms, up 200..600 ms, over and over: each change outlasts the housekeeping interval, so even
            // polling sees every one. The transfer is paced so that it outlasts the flapping.
            int flaps = TcpOverDriver.Scaled(12, 2);
            var p = new TcpOverDriver(useInterruptPin, true);
            p.SendPerRound = 64;
            var random = new SeededRandom(7);
            int done = 0;
            long nextChange = p.H.Clock.Milliseconds + 200;
            p.AfterRound = () =>
            {
                if (done < flaps && p.H.Clock.Milliseconds >= nextChange)
                {
                    bool up = p.H.Chip.IsLinkUp;
                    p.H.Chip.SetLinkUp(!up);
                    done += up ? 0 : 1;
                    nextChange = p.H.Clock.Milliseconds + (up ? random.Next(100, 300) : random.Next(200, 600));
                }
            };

            p.TransferBothWays(Size, Limit);
            var s = p.H.Link.Statistics;
            Assert.AreEqual(flaps, done, "the transfer ended before the flapping: " + p.Describe());
            Assert.AreEqual(2L * flaps, s.LinkChanges, "every down and every up");
            Assert.IsTrue(s.TransmitDroppedLinkDown > 0);
            Assert.AreEqual(0L, s.ChipFaults, "a link that flaps is not a chip fault");
        }

        [TestMethod]
        public void AnInterruptLineThatGoesSilentMidTransferLeavesTheHousekeepingToReadTheRing()
        {
            var p = new TcpOverDriver(true, true);
            long silentAt = -1;
            long servicesAtSilence = 0;
            p.AfterRound = () =>
            {
                if (silentAt < 0 && p.Delivered >= Size / 3)
                {
                    p.H.Pin.Silent = true;
                    silentAt = p.H.Clock.Milliseconds;
                    servicesAtSilence = p.H.Link.Statistics.InterruptServices;
                }
            };

            long elapsed = p.TransferBothWays(Size, Limit);
            var s = p.H.Link.Statistics;
            Assert.IsTrue(silentAt > 0, "INT went silent during the transfer");
            long silentFor = p.H.Clock.Milliseconds - silentAt;
            long services = s.InterruptServices - servicesAtSilence;
            Assert.IsTrue(services > 0 && services <= (silentFor / 50) + 1, services + " services in " + silentFor + " ms: housekeeping only, every 50 ms");
            Assert.AreEqual(0L, s.ChipFaults, "a silent INT line is not a chip fault");
            Console.WriteLine("silent INT from " + silentAt + " ms, transfer took " + elapsed + " ms; " + p.Describe());
        }
    }
}
