#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using NanoTcp.Hardware;
using NanoTcp.Hardware.Simulation;
using NanoTcp.Tcp;

namespace NanoTcp.Tests.Firmware
{
    /// <summary>The firmware's loop: a poll step, then one wait on the wake signal until the next deadline (ARCHITECTURE.md, "Runtime model").</summary>
    [TestClass]
    public class FirmwareRunLoopTests
    {
        [TestMethod]
        public void IdleLoopWaitsUntilTheNextDeadlineInsteadOfPolling()
        {
            var harness = new FirmwareHarness();
            var wake = new ManualWakeSignal(harness.Clock);
            harness.Firmware.Wake = wake;
            harness.Firmware.Start();
            harness.RunUntil(() => false, 50); // start-up traffic (gratuitous ARP) settles
            long pollsBefore = harness.Firmware.Polls;
            long start = harness.Clock.Milliseconds;
            for (int i = 0; i < 10; i++)
            {
                harness.Firmware.RunStep();
            }

            Assert.AreEqual(pollsBefore + 10, harness.Firmware.Polls);
            Assert.AreEqual(10L, wake.TimedOut + wake.Woken, "every idle step waited (woken " + wake.Woken.ToString() + ", sets " + wake.Sets.ToString() + ")");
            Assert.AreEqual(wake.Sets, wake.Woken, "no step was woken without a Set");
            Assert.IsTrue(harness.Clock.Milliseconds - start >= wake.TimedOut * 100,
                "with an INT pin an idle step waits the whole MaxSleepMilliseconds (100 ms) or until a timer; moved " + (harness.Clock.Milliseconds - start).ToString());
        }

        [TestMethod]
        public void AnApplicationCallOnAConnectionWakesTheLoop()
        {
            var harness = new FirmwareHarness();
            var wake = new ManualWakeSignal(harness.Clock);
            harness.Firmware.Wake = wake;
            harness.Firmware.Start();
            Assert.IsFalse(wake.IsSet);
            TcpConnection connection = TcpConnection.BeginConnect(harness.Firmware.Tcp, FirmwareHarness.ClientAddress, 7);
            Assert.IsTrue(wake.IsSet, "a connect queues a SYN and a retransmission deadline: the loop must run");
            long now = harness.Clock.Milliseconds;
            harness.Firmware.RunStep();
            Assert.AreEqual(now, harness.Clock.Milliseconds, "the woken loop ran at once: no time passed");
            connection.Abort();
            Assert.IsTrue(wake.IsSet, "an abort wakes the loop too");
        }

        [TestMethod]
        public void EventWakeSignalKeepsASetThatCameBeforeTheWait()
        {
            var clock = new ManualClock(0);
            var signal = new EventWakeSignal(clock);
            signal.Set();
            Assert.IsTrue(signal.Wait(long.MaxValue), "a wake between a step and the wait is not lost");
            Assert.IsFalse(signal.Wait(0), "a deadline already passed returns at once");
        }
    }
}
