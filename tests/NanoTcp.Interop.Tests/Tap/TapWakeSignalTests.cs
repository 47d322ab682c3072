using System;
using System.Diagnostics;
using System.Threading;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using NanoTcp.Firmware;
using NanoTcp.Hardware.Host;
using NanoTcp.Hardware.Host.Tap;
using NanoTcp.Interop.Tests.Support;

namespace NanoTcp.Interop.Tests.Tap
{
    /// <summary>
    /// The loop's wait on a TAP device (<see cref="TapWakeSignal"/>): one poll(2) on the device and an eventfd, on the
    /// loop's own thread. A frame from the kernel, a Set from another thread and a Set from the loop's thread each end
    /// the wait; nothing ends it before the deadline otherwise. The firmware straight on the device serves the kernel
    /// with no reader thread and allocates nothing per frame on its loop thread.
    /// </summary>
    [TestClass]
    public class TapWakeSignalTests
    {
        private static readonly SystemClock Clock = new SystemClock();

        [TestMethod]
        public void AFrameFromTheKernelEndsTheWaitAndNothingElseDoesBeforeTheDeadline()
        {
            Requirements.RequireCommand("ping", "iputils-ping");
            using KernelOverTap kernel = KernelOverTap.Create("twk");
            using TapWakeSignal wake = kernel.Link.CreateWakeSignal(Clock);

            long start = Clock.Milliseconds;
            Assert.IsFalse(wake.Wait(start + 50), "nothing sent: the wait lasts to its deadline");
            Assert.IsTrue(Clock.Milliseconds - start >= 50);

            // ping resolves the address first: the kernel's ARP request makes the device readable.
            NamespaceProcess ping = kernel.Namespace.Start("ping -c1 -W2 " + KernelOverTap.StackAddress);
            Assert.IsTrue(wake.Wait(Clock.Milliseconds + 5000), "the kernel's frame should end the wait");
            Assert.AreEqual(1, wake.FrameWakes);
            var frame = new byte[1514];
            Assert.IsTrue(kernel.Link.Receive(frame, 0, frame.Length) > 0, "the frame is there to read");
            ping.Kill();
        }

        [TestMethod]
        public void ASetFromAnotherThreadEndsTheWait()
        {
            using KernelOverTap kernel = KernelOverTap.Create("twk");
            using TapWakeSignal wake = kernel.Link.CreateWakeSignal(Clock);
            bool woken = false;
            var waiter = new Thread(() => woken = wake.Wait(Clock.Milliseconds + 10000));
            waiter.Start();

            // Before or during the wait: either way the wait ends (a Set before it marks the signal).
            wake.Set();
            Assert.IsTrue(waiter.Join(5000), "a Set should end a 10 s wait at once");
            Assert.IsTrue(woken);
            Assert.AreEqual(0, wake.FrameWakes);
            Assert.AreEqual(1, wake.EventFdReads, "the other thread's write is read once");
        }

        [TestMethod]
        public void ASetFromTheWaitingThreadMakesItsNextWaitReturnAtOnce()
        {
            using KernelOverTap kernel = KernelOverTap.Create("twk");
            using TapWakeSignal wake = kernel.Link.CreateWakeSignal(Clock);
            Assert.IsFalse(wake.Wait(Clock.Milliseconds), "due already");
            wake.Set();
            var watch = Stopwatch.StartNew();
            Assert.IsTrue(wake.Wait(Clock.Milliseconds + 10000));
            Assert.IsTrue(watch.ElapsedMilliseconds < 5000);
            Assert.IsFalse(wake.Wait(Clock.Milliseconds + 20), "the Set was taken once");
            Assert.AreEqual(0, wake.EventFdReads, "the loop's own mark wrote nothing to read back");
        }

        [TestMethod]
        public void AStepStartingCoversTheLoopsOwnMarkButNotAnotherThreadsSet()
        {
            using KernelOverTap kernel = KernelOverTap.Create("twk");
            using TapWakeSignal wake = kernel.Link.CreateWakeSignal(Clock);
            Assert.IsFalse(wake.Wait(Clock.Milliseconds), "due already");
            wake.Set();
            wake.StepStarting();
            Assert.IsFalse(wake.Wait(Clock.Milliseconds + 20), "the step that began after the loop's own mark covered it");

            var setter = new Thread(wake.Set);
            setter.Start();
            Assert.IsTrue(setter.Join(5000));
            wake.StepStarting();
            var watch = Stopwatch.StartNew();
            Assert.IsTrue(wake.Wait(Clock.Milliseconds + 10000), "another thread's Set still ends the wait");
            Assert.IsTrue(watch.ElapsedMilliseconds < 5000);
        }

        [TestMethod]
        public void TheFirmwareStraightOnTheDeviceServesTheKernelAndAllocatesNothingPerFrameOnItsLoop()
        {
            Requirements.RequireCommand("ab", "apache2-utils");
            Requirements.RequireCommand("ping", "iputils-ping");
            using KernelOverTap kernel = KernelOverTap.Create("twk");
            using TapWakeSignal wake = kernel.Link.CreateWakeSignal(Clock);
            var configuration = new FirmwareConfiguration { Address = 0x0A4D0002, PrefixLength = 24, MacAddress = KernelOverTap.StackMac, ConnectionCount = 4 };
            var firmware = new NanoTcpFirmware(kernel.Link, Clock, configuration);
            firmware.Wake = wake;
            long allocated = 0;
            using var stepped = new AutoResetEvent(false);
            firmware.Hook = () =>
            {
                // At the start of a step: what the loop's thread allocated up to the end of the previous one.
                Volatile.Write(ref allocated, GC.GetAllocatedBytesForCurrentThread());
                stepped.Set();
                return long.MaxValue;
            };

            firmware.Start();
            var loop = new Thread(firmware.Run) { IsBackground = true, Name = "firmware loop" };
            loop.Start();
            try
            {
                string url = "http://" + KernelOverTap.StackAddress + "/bulk/198";
                Ab(kernel, "-n 300 -c 1 " + url); // JIT, ARP, first use of every slot and record
                Curl(kernel, url);
                Ping(kernel);

                // The quietest of up to five windows (the runtime's tiering allocates now and then on any thread).
                long pings = long.MaxValue;
                long framesBefore = firmware.Stack.FramesReceived;
                for (int window = 0; window < 5 && pings > 0; window++)
                {
                    long before = AllocatedAfterNextStep(firmware, stepped, ref allocated);
                    Ping(kernel);
                    pings = Math.Min(pings, AllocatedAfterNextStep(firmware, stepped, ref allocated) - before);
                }

                Assert.AreEqual(0L, pings, "bytes allocated on the loop thread for 20 echo requests and replies");
                long requests = long.MaxValue;
                for (int window = 0; window < 5 && requests > 100; window++)
                {
                    long before = AllocatedAfterNextStep(firmware, stepped, ref allocated);
                    Curl(kernel, url);
                    requests = Math.Min(requests, AllocatedAfterNextStep(firmware, stepped, ref allocated) - before);
                }

                // One connection's accepted handles (TcpConnection, its HTTP adapter) and nothing per request or frame.
                Assert.IsTrue(requests <= 100, "bytes allocated on the loop thread for 100 requests on one connection: " + requests);
                Assert.IsTrue(firmware.Stack.FramesReceived - framesBefore >= 120, "20 pings and 100 requests are at least 120 frames");
                Assert.IsTrue(wake.FrameWakes > 0, "the loop waited for the device's frames itself");
            }
            finally
            {
                firmware.Stop();
                Assert.IsTrue(loop.Join(10_000), "the loop should stop");
            }
        }

        private static string Ab(KernelOverTap kernel, string arguments)
        {
            CommandResult ab = kernel.Namespace.Run("ab -q -r -s 10 " + arguments, 60_000);
            Assert.AreEqual(0, ab.ExitCode, "ab: " + ab);
            StringAssert.Contains(ab.StandardOutput, "Failed requests:        0", ab.StandardOutput);
            return ab.StandardOutput;
        }

        /// <summary>100 GETs of <paramref name="url"/> on one kept-alive HTTP/1.1 connection.</summary>
        private static void Curl(KernelOverTap kernel, string url)
        {
            CommandResult curl = kernel.Namespace.Run(
                "for i in $(seq 100); do printf 'url = \"%s\"\\noutput = \"/dev/null\"\\n' " + url + "; done | curl -sS -m 30 -K - -w '%{num_connects}\\n' | awk '{ n += $1 } END { print NR, n }'",
                60_000);
            Assert.AreEqual(0, curl.ExitCode, "curl: " + curl);
            Assert.AreEqual("100 1", curl.StandardOutput.Trim(), "100 responses on one connection");
        }

        private static void Ping(KernelOverTap kernel)
        {
            CommandResult ping = kernel.Namespace.Run("ping -c 20 -i 0.01 -W 2 -q " + KernelOverTap.StackAddress, 30_000);
            Assert.AreEqual(0, ping.ExitCode, "ping: " + ping);
        }

        /// <summary>Wakes the loop and returns what its thread had allocated when the step after the wake began.</summary>
        private static long AllocatedAfterNextStep(NanoTcpFirmware firmware, AutoResetEvent stepped, ref long allocated)
        {
            stepped.Reset();
            firmware.Wake.Set();
            Assert.IsTrue(stepped.WaitOne(5000), "the loop should take a step within 5 s of a wake");
            return Volatile.Read(ref allocated);
        }
    }
}
