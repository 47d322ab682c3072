using System;
using System.Threading;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using NanoTcp.Firmware;
using NanoTcp.Hardware;
using NanoTcp.Hardware.Host;
using NanoTcp.Tcp;
using NanoTcp.Tests.Firmware;

namespace NanoTcp.Tests.Host.Firmware
{
    /// <summary>
    /// The firmware's Run loop on its own thread and the wake signal set from another thread: real threads and real
    /// time, so PC only (the single-threaded firmware tests are portable, tests/NanoTcp.Tests/Firmware).
    /// </summary>
    [TestClass]
    public class FirmwareThreadTests
    {
        [TestMethod]
        public void EventWakeSignalIsWokenFromAnotherThread()
        {
            var clock = new SystemClock();
            var signal = new EventWakeSignal(clock);
            var thread = new Thread(() => signal.Set());
            thread.Start();
            Assert.IsTrue(signal.Wait(long.MaxValue));
            thread.Join();
        }

        [TestMethod]
        public void RunReturnsWhenStoppedFromAnotherThread()
        {
            var harness = new FirmwareHarness(null, interruptPin: true);
            Exception failure = null;
            var thread = new Thread(() =>
            {
                try
                {
                    harness.Firmware.Run();
                }
                catch (Exception e)
                {
                    failure = e;
                }
            });
            thread.Start();
            // IsRunning is set before the loop's first check of the stop request: wait for a poll too, or a Stop that
            // comes in between ends Run before it polls at all (seen once in a full run).
            Assert.IsTrue(SpinWait.SpinUntil(() => harness.Firmware.IsRunning && harness.Firmware.Polls > 0, 10000), "Run started and polled");

            harness.Firmware.Stop();

            Assert.IsTrue(thread.Join(5000), "Run returned after Stop");
            Assert.IsNull(failure);
            Assert.IsFalse(harness.Firmware.IsRunning);
            Assert.IsTrue(harness.Firmware.Polls > 0);
        }

        [TestMethod]
        public void RunSleepsUntilTheInterruptPinAndServesARequest()
        {
            // The board thread runs Run with sleeps of up to a minute, so only the ENC28J60's INT edge (a frame
            // arrived) can make it answer in time. This thread is the rest of the world: the wire and the client.
            var configuration = new FirmwareConfiguration { Address = FirmwareHarness.BoardAddress, MaxSleepMilliseconds = 60000 };
            var harness = new FirmwareHarness(configuration, interruptPin: true);
            harness.Firmware.Hook = null;
            var thread = new Thread(() => harness.Firmware.Run());
            thread.Start();
            try
            {
                Assert.IsTrue(SpinWait.SpinUntil(() => harness.Firmware.IsRunning, 10000), "Run started");
                Thread.Sleep(200); // Run is asleep now: nothing is due for a minute
                long pollsAsleep = harness.Firmware.Polls;

                TcpConnection connection;
                lock (harness.ClientTcp.SyncRoot)
                {
                    connection = TcpConnection.BeginConnect(harness.ClientTcp, FirmwareHarness.BoardAddress, 80);
                }

                Assert.IsTrue(World(harness, () => connection.State == TcpState.Established, 10000), "connected: " + connection.State + ", INT edges " + harness.Chip.InterruptPin.FallingEdges + ", polls " + pollsAsleep + " -> " + harness.Firmware.Polls + ", board rx/tx " + harness.Firmware.Stack.FramesReceived + "/" + harness.Firmware.Stack.FramesSent + ", client rx/tx " + harness.Client.FramesReceived + "/" + harness.Client.FramesSent + ", pin low " + harness.Chip.InterruptPin.IsLow + ", chip pending " + harness.Chip.PendingWireFrames);
                byte[] request = System.Text.Encoding.ASCII.GetBytes("GET /api/status HTTP/1.1\r\nHost: b\r\nConnection: close\r\n\r\n");
                lock (harness.ClientTcp.SyncRoot)
                {
                    Assert.AreEqual(request.Length, connection.TrySend(request, 0, request.Length));
                }

                var response = new System.IO.MemoryStream();
                var buffer = new byte[2048];
                Assert.IsTrue(
                    World(
                        harness,
                        () =>
                        {
                            int n;
                            while ((n = connection.TryReceive(buffer, 0, buffer.Length)) > 0)
                            {
                                response.Write(buffer, 0, n);
                            }

                            return connection.EndOfStream;
                        },
                        10000),
                    "the response and the board's FIN arrived");
                StringAssert.StartsWith(System.Text.Encoding.ASCII.GetString(response.ToArray()), "HTTP/1.1 200 OK");
                Assert.IsTrue(harness.Firmware.Polls > pollsAsleep, "Run polled again after the INT edges");
                Assert.IsTrue(harness.Chip.InterruptPin.FallingEdges > 0);
            }
            finally
            {
                harness.Firmware.Stop();
                Assert.IsTrue(thread.Join(5000), "Run returned after Stop");
            }
        }

        /// <summary>Advances time, moves the wire and polls the client (under its lock) until <paramref name="done"/>, at most <paramref name="milliseconds"/> of real time.</summary>
        private static bool World(FirmwareHarness harness, Func<bool> done, int milliseconds)
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            while (clock.ElapsedMilliseconds < milliseconds)
            {
                lock (harness.ClientTcp.SyncRoot)
                {
                    harness.Client.Poll();
                    if (done())
                    {
                        return true;
                    }
                }

                harness.Clock.Advance(1);   // time passes: the chip finishes sending what the board gave it
                harness.Chip.Update();
                harness.Wire.Pump();
                Thread.Sleep(1);
            }

            return false;
        }
    }
}
