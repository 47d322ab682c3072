#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using NanoTcp.Drivers.Enc28j60;
using NanoTcp.Hardware.Enc28j60Model;
using NanoTcp.Hardware.Simulation;

namespace NanoTcp.Tests.Enc28j60Driver
{
    /// <summary>The housekeeping interval: the guard against an interrupt that never comes.</summary>
    [TestClass]
    public class Enc28j60LinkHousekeepingTests
    {
        [TestMethod]
        public void WithAnInterruptThatNeverComesAFrameIsStillReadAtTheHousekeepingInterval()
        {
            var clock = new ManualClock(1000);
            var chip = new Enc28j60Chip(clock, DriverHarness.AllErrataOn());
            clock.Advance(1);
            var options = new Enc28j60Options { MacAddress = (byte[])DriverHarness.DriverMac.Clone(), Delay = ms => clock.Advance(ms), InterruptWait = ms => { if (!chip.WaitForInterrupt(ms)) clock.Advance(ms); } };
            var link = new Enc28j60Link(chip, new DeadInterruptPin(), clock, options);
            link.Initialize();
            var buffer = new byte[1514];
            clock.Advance(options.HousekeepingIntervalMilliseconds);
            Assert.AreEqual(0, link.Receive(buffer, 0, buffer.Length)); // housekeeping now, nothing there

            byte[] frame = DriverHarness.Frame(DriverHarness.DriverMac, DriverHarness.PeerMac, 300, 1);
            chip.WireSide.Send(frame, 0, frame.Length);
            clock.Advance(options.HousekeepingIntervalMilliseconds - 1);
            long before = chip.Counters.TotalSpiFrames;
            Assert.AreEqual(0, link.Receive(buffer, 0, buffer.Length), "before the interval: the driver trusts the silent pin");
            Assert.AreEqual(before, chip.Counters.TotalSpiFrames);

            clock.Advance(1);
            int length = link.Receive(buffer, 0, buffer.Length);
            Enc28j60LinkTransferTests.AssertSame(frame, buffer, length, "frame read at the housekeeping interval");
        }

        [TestMethod]
        public void APacketWhosePktifALaterPktdecClearedIsReadAtOnceAfterTheBurst()
        {
            // Errata 6 (as modelled: every PKTDEC clears PKTIF): packet C is stored while INT is already low for A, so
            // INT never falls for C, and A's PKTDEC takes C's PKTIF with it. Only reading EPKTCNT again after the
            // burst finds C before the housekeeping interval.
            var clock = new NanoTcp.Hardware.Simulation.ManualClock(1000);
            var chip = new Enc28j60Chip(clock, DriverHarness.AllErrataOn());
            clock.Advance(1);
            var bus = new ArrivingFrameBus(chip);
            var options = new Enc28j60Options { MacAddress = (byte[])DriverHarness.DriverMac.Clone(), Delay = ms => clock.Advance(ms), InterruptWait = ms => { if (!chip.WaitForInterrupt(ms)) clock.Advance(ms); } };
            var link = new Enc28j60Link(bus, chip.InterruptPin, clock, options);
            link.Initialize();
            var buffer = new byte[1514];
            clock.Advance(options.HousekeepingIntervalMilliseconds);
            Assert.AreEqual(0, link.Receive(buffer, 0, buffer.Length)); // housekeeping now, nothing there

            byte[] a = DriverHarness.Frame(DriverHarness.DriverMac, DriverHarness.PeerMac, 300, 1);
            byte[] c = DriverHarness.Frame(DriverHarness.DriverMac, DriverHarness.PeerMac, 400, 2);
            chip.WireSide.Send(a, 0, a.Length);
            bus.Frame = c;
            Enc28j60LinkTransferTests.AssertSame(a, buffer, link.Receive(buffer, 0, buffer.Length), "A");
            Assert.IsNull(bus.Frame, "C arrived during A's burst");
            Assert.IsFalse(chip.InterruptPin.IsLow, "INT is high although C waits (errata 6)");
            Enc28j60LinkTransferTests.AssertSame(c, buffer, link.Receive(buffer, 0, buffer.Length), "C, without waiting for housekeeping");
        }
    }
}
