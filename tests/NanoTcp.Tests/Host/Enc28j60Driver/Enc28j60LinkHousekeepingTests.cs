using Microsoft.VisualStudio.TestTools.UnitTesting;
using NanoTcp.Drivers.Enc28j60;
using NanoTcp.Hardware.Host;
using NanoTcp.Hardware.Host.Enc28j60;

namespace NanoTcp.Tests.Host.Enc28j60Driver
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
            var options = new Enc28j60Options { MacAddress = (byte[])DriverHarness.DriverMac.Clone(), Delay = ms => clock.Advance(ms) };
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
    }
}
