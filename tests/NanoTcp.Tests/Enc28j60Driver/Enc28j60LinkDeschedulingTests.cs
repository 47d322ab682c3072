#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using NanoTcp.Drivers.Enc28j60;
using NanoTcp.Hardware;
using NanoTcp.Hardware.Enc28j60Model;
using NanoTcp.Hardware.Simulation;

namespace NanoTcp.Tests.Enc28j60Driver
{
    /// <summary>
    /// A loaded host (or a busy board) may deschedule the driver between reading a status register and checking the
    /// clock. A wait must then read the register once more before it gives up, or a healthy chip fails with a
    /// time-out (seen with the PC app under load: "MISTAT.BUSY still set 10 ms").
    /// </summary>
    [TestClass]
    public class Enc28j60LinkDeschedulingTests
    {
        [TestMethod]
        public void AWaitSurvivesBeingDescheduledLongerThanItsTimeoutAfterEveryRead()
        {
            var clock = new ManualClock(0);
            var chip = new Enc28j60Chip(clock, new Enc28j60ModelOptions());
            var options = new Enc28j60Options
            {
                MacAddress = (byte[])DriverHarness.DriverMac.Clone(),
                Delay = ms => clock.Advance(ms),
            };

            // Every register read (RCR, opcode 000) is followed by a pause longer than the register time-out, so a
            // status read that still shows BUSY is only checked against the clock after the chip has finished.
            var bus = new DeschedulingBus(chip, clock, options.RegisterTimeoutMilliseconds + 5);
            var link = new Enc28j60Link(bus, null, clock, options);

            link.Initialize();

            Assert.AreEqual(0x06, link.RevisionId, "initialisation (PHY writes through MISTAT.BUSY waits) completed");
        }

        private sealed class DeschedulingBus : ISpiBus
        {
            private readonly ISpiBus _inner;
            private readonly ManualClock _clock;
            private readonly int _pauseMilliseconds;

            public DeschedulingBus(ISpiBus inner, ManualClock clock, int pauseMilliseconds)
            {
                _inner = inner;
                _clock = clock;
                _pauseMilliseconds = pauseMilliseconds;
            }

            public void TransferFullDuplex(byte[] writeBuffer, int writeOffset, byte[] readBuffer, int readOffset, int count)
            {
                _inner.TransferFullDuplex(writeBuffer, writeOffset, readBuffer, readOffset, count);
                if ((writeBuffer[writeOffset] & 0xE0) == 0)
                {
                    _clock.Advance(_pauseMilliseconds);
                }
            }

            public void Write(byte[] buffer, int offset, int count)
            {
                _inner.Write(buffer, offset, count);
            }
        }
    }
}
