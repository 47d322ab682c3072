#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using System;
using System.IO;
using NanoTcp.Drivers.Enc28j60;
using NanoTcp.Hardware.Enc28j60Model;
using NanoTcp.Hardware.Simulation;
using NanoTcp.Tests.Support;

namespace NanoTcp.Tests.Enc28j60Driver
{
    /// <summary>
    /// A missing or mis-wired chip must fail with an exception that names the register, within 1 s of the manual
    /// clock, and never hang. The manual clock only moves through the driver's Delay callback (Options.Delay), which
    /// the driver calls once per poll of a wait; without it, the waits end by their poll-count bound.
    /// </summary>
    [TestClass]
    public class Enc28j60LinkMiswiredTests
    {
        private static Enc28j60Options Options(ManualClock clock)
        {
            return new Enc28j60Options
            {
                MacAddress = (byte[])DriverHarness.DriverMac.Clone(),
                Delay = clock == null ? null : ms => clock.Advance(ms),
            };
        }

        [TestMethod]
        public void MisoReadingAllOnesFailsInitializeWithinOneSecondNamingEstat()
        {
            var clock = new ManualClock(0);
            var link = new Enc28j60Link(new FixedMisoBus(0xFF), null, clock, Options(clock));
            Exception e = Expect.Throws(typeof(IOException), () => link.Initialize());
            Assert.IsTrue(e.Message.IndexOf("ESTAT reads 0xFF") >= 0, e.Message);
            Assert.IsTrue(clock.Milliseconds < 1000, "took " + clock.Milliseconds + " ms of the manual clock");
        }

        [TestMethod]
        public void MisoReadingAllZerosFailsInitializeWithinOneSecondNamingClkrdy()
        {
            var clock = new ManualClock(0);
            var link = new Enc28j60Link(new FixedMisoBus(0x00), null, clock, Options(clock));
            Exception e = Expect.Throws(typeof(TimeoutException), () => link.Initialize());
            Assert.IsTrue(e.Message.IndexOf("ESTAT.CLKRDY not set 10 ms after the soft reset") >= 0, e.Message);
            Assert.IsTrue(clock.Milliseconds < 1000, "took " + clock.Milliseconds + " ms of the manual clock");
        }

        [TestMethod]
        public void AManualClockThatNobodyAdvancesStillEndsInitializeWithAnException()
        {
            var clock = new ManualClock(0);
            var link = new Enc28j60Link(new FixedMisoBus(0x00), null, clock, Options(null));
            Exception e = Expect.Throws(typeof(TimeoutException), () => link.Initialize());
            Assert.IsTrue(e.Message.IndexOf("tick source did not advance") >= 0, e.Message);
            Assert.AreEqual(0L, clock.Milliseconds);
        }

        [TestMethod]
        public void AChipThatStopsAnsweringAfterInitializeTimesOutSendThenReceiveReportsAChipFaultWithoutHanging()
        {
            var clock = new ManualClock(1000);
            var chip = new Enc28j60Chip(clock, DriverHarness.AllErrataOn());
            clock.Advance(1);
            var bus = new BreakableBus(chip);
            var link = new Enc28j60Link(bus, null, clock, Options(clock));
            link.Initialize();
            bus.MisoStuckAt = 0xFF;

            long start = clock.Milliseconds;
            byte[] frame = DriverHarness.Frame(DriverHarness.PeerMac, DriverHarness.DriverMac, 100, 1);
            link.Send(frame, 0, frame.Length);
            link.Send(frame, 0, frame.Length); // waits for the first: TXRTS reads set for ever, recovered and counted
            Assert.AreEqual(1L, link.Statistics.TransmitTimeouts);

            // The transmit wait reads the bus without sleeping, so this clock stood still (its read count ended it);
            // a real clock would have passed the housekeeping interval meanwhile.
            clock.Advance(100);

            // The housekeeping check reads ESTAT FFh (unimplemented bit 3 set): a chip fault, not an exception; the
            // link reads as down and the next frame is dropped and counted (the re-initialization fails: no chip).
            Assert.AreEqual(0, link.Receive(new byte[1514], 0, 1514));
            Assert.AreEqual(1L, link.Statistics.ChipFaults);
            Assert.IsTrue(link.ChipFault);
            Assert.IsFalse(link.IsLinkUp);
            link.Send(frame, 0, frame.Length);
            Assert.AreEqual(1L, link.Statistics.TransmitDroppedLinkDown);
            Assert.IsTrue(clock.Milliseconds - start < 1000, "took " + (clock.Milliseconds - start) + " ms of the manual clock");
        }
    }
}
