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
    /// <summary>
    /// The driver finds waiting packets by ERXWRPT (bank 0) instead of EPKTCNT (bank 1). A 246-byte frame occupies
    /// exactly 256 bytes of the ring (6-byte header, frame, 4-byte FCS), so it leaves ERXWRPTL unchanged: only
    /// ERXWRPTH tells that it is there.
    /// </summary>
    [TestClass]
    public class Enc28j60LinkReceiveWritePointerTests
    {
        private const int WholePageFrame = 256 - 6 - 4;

        [TestMethod]
        public void AFrameFillingExactlyOnePageOfTheRingIsReadAtOnce()
        {
            foreach (bool pin in new[] { true, false })
            {
                var h = new DriverHarness(useInterruptPin: pin);
                h.Link.Initialize();
                var buffer = new byte[1514];
                byte[] frame = DriverHarness.Frame(DriverHarness.DriverMac, DriverHarness.PeerMac, WholePageFrame, 1);
                h.Chip.WireSide.Send(frame, 0, frame.Length);
                Assert.AreEqual(0x0100, h.ReceiveWritePointer, "the frame moved ERXWRPT by one page from 0000h");
                Enc28j60LinkTransferTests.AssertSame(frame, buffer, h.Link.Receive(buffer, 0, buffer.Length), (pin ? "INT pin" : "polling") + ": the frame");
                Assert.AreEqual(0, h.Link.Receive(buffer, 0, buffer.Length));
            }
        }

        [TestMethod]
        public void AWholePageFrameWhosePktifALaterPktdecClearedIsReadAtOnceAfterTheBurst()
        {
            // Errata 6 as in the housekeeping tests, with C filling a whole page: after A, ERXWRPTL equals A's next
            // pointer's low byte, and only ERXWRPTH, read after the burst, finds C.
            var clock = new ManualClock(1000);
            var chip = new Enc28j60Chip(clock, DriverHarness.AllErrataOn());
            clock.Advance(1);
            var bus = new ArrivingFrameBus(chip);
            var options = new Enc28j60Options { MacAddress = (byte[])DriverHarness.DriverMac.Clone(), Delay = ms => clock.Advance(ms) };
            var link = new Enc28j60Link(bus, chip.InterruptPin, clock, options);
            link.Initialize();
            var buffer = new byte[1514];
            byte[] a = DriverHarness.Frame(DriverHarness.DriverMac, DriverHarness.PeerMac, 300, 1);
            byte[] c = DriverHarness.Frame(DriverHarness.DriverMac, DriverHarness.PeerMac, WholePageFrame, 2);
            chip.WireSide.Send(a, 0, a.Length);
            bus.Frame = c;
            Enc28j60LinkTransferTests.AssertSame(a, buffer, link.Receive(buffer, 0, buffer.Length), "A");
            Assert.IsNull(bus.Frame, "C arrived during A's burst");
            Assert.IsFalse(chip.InterruptPin.IsLow, "INT is high although C waits (errata 6)");
            Enc28j60LinkTransferTests.AssertSame(c, buffer, link.Receive(buffer, 0, buffer.Length), "C, without waiting for housekeeping");
        }
    }
}
