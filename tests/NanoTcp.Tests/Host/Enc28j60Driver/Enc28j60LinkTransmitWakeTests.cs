using System.Threading;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using NanoTcp.Drivers.Enc28j60;
using NanoTcp.Tests.Enc28j60Driver;

namespace NanoTcp.Tests.Host.Enc28j60Driver
{
    /// <summary>
    /// The driver's own transmit wait (no InterruptWait) woken by the INT edge while another thread sends: .NET only
    /// (it waits for the sender thread with SpinWait and Join). The other transmit-wait tests are portable
    /// (Enc28j60Driver/Enc28j60LinkTransmitWaitTests).
    /// </summary>
    [TestClass]
    public class Enc28j60LinkTransmitWakeTests
    {
        private const int EieAddress = 0x1B;

        [TestMethod]
        public void ASendWaitingForThePreviousFrameIsWokenByTheIntEdge()
        {
            // The driver's own wait (no InterruptWait): an event set by the pin's falling edge. The transmit timeout is
            // a minute, so only the edge can end the wait within the test's bound.
            var h = new DriverHarness(useInterruptPin: true);
            int delays = 0;
            h.Options.Delay = ms => { delays++; h.Clock.Advance(ms); };
            h.Options.InterruptWait = null;
            h.Options.TransmitTimeoutMilliseconds = 60000;
            var link = new Enc28j60Link(h.Chip, h.Chip.InterruptPin, h.Clock, h.Options);
            link.Initialize();
            delays = 0;
            byte[] first = DriverHarness.Frame(DriverHarness.PeerMac, DriverHarness.DriverMac, 1514, 1);
            byte[] second = DriverHarness.Frame(DriverHarness.PeerMac, DriverHarness.DriverMac, 1514, 2);
            link.Send(first, 0, first.Length);

            var sender = new Thread(() => link.Send(second, 0, second.Length));
            sender.Start();

            // EIE = INTIE | TXIE: the sender is inside the wait, with only TXIF driving INT.
            Assert.IsTrue(SpinWait.SpinUntil(() => h.Chip.PeekRegister(0, EieAddress) == (0x80 | 0x08), 10000), "the sender did not start waiting on TXIF");
            Assert.AreEqual(1L, h.Chip.Counters.TransmitRequests, "the second frame waits for the first");

            h.Clock.Advance(2); // the first frame's wire time passes; the chip sets TXIF and INT falls
            h.Chip.Update();
            Assert.IsTrue(sender.Join(10000), "the INT edge did not wake the waiting Send");
            Assert.AreEqual(2L, h.Chip.Counters.TransmitRequests);
            Assert.AreEqual(0, delays);
            Assert.AreEqual(0L, link.Statistics.TransmitTimeouts);
        }
    }
}
