using System;
using System.Threading;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using NanoTcp.Firmware;
using NanoTcp.Http;
using NanoTcp.Tcp;

namespace NanoTcp.Tests.Host.Firmware
{
    /// <summary>The firmware composition: driver + stack + TCP + HTTP wired from one configuration, and its status source.</summary>
    [TestClass]
    public class NanoTcpFirmwareTests
    {
        [TestMethod]
        public void PollBeforeStartThrowsAndSaysWhatToDo()
        {
            var harness = new FirmwareHarness();
            var error = Assert.ThrowsExactly<InvalidOperationException>(() => harness.Firmware.Poll());
            StringAssert.Contains(error.Message, "Start");
        }

        [TestMethod]
        public void StatusPageIsServedThroughTheChipModelWithTheStaticAddress()
        {
            var harness = new FirmwareHarness();
            harness.Firmware.Start();

            string page = harness.Get("/");

            StringAssert.StartsWith(page, "HTTP/1.1 200 OK\r\n");
            StringAssert.Contains(page, "10.0.0.1/24");
            Assert.AreEqual(AddressOrigin.Static, harness.Firmware.Status.AddressOrigin);
            Assert.AreEqual(1, harness.Firmware.Http.Counters.RequestsServed);
            Assert.AreEqual(harness.Firmware.Stack.FramesReceived, harness.Firmware.Driver.Statistics.FramesReceived, "every frame came through the driver");
        }

        [TestMethod]
        public void ConfigurationSetsSlotsBufferSizesAndMsl()
        {
            var configuration = new FirmwareConfiguration { Address = FirmwareHarness.BoardAddress, ConnectionCount = 2, SendBufferSize = 1000, ReceiveBufferSize = 900, MaximumSegmentLifetimeMilliseconds = 5000 };
            var harness = new FirmwareHarness(configuration);
            harness.Firmware.Start();

            Assert.AreEqual(2, harness.Firmware.Status.ConnectionSlotCount);
            Assert.AreEqual(2, harness.Firmware.Http.Configuration.MaxConnections, "one HTTP session per TCP slot");
            Assert.AreEqual(1000, harness.Firmware.Tcp.Slot(0).SendBuffer.Capacity);
            Assert.AreEqual(900, harness.Firmware.Tcp.Slot(1).ReceiveBuffer.Capacity);

            // The board closes first (Connection: close), so it holds the TIME-WAIT record for 2·MSL = 10 s.
            harness.Get("/api/status");
            // The board's FIN-WAIT-2 record becomes TIME-WAIT when the client's FIN arrives.
            harness.RunUntil(() => harness.ClientTcp.ConnectionsInUse == 0 && harness.Firmware.Tcp.TimeWaitRecords.Count == 1 && !harness.Firmware.Tcp.TimeWaitRecords.IsFinWait2(FirstTimeWaitRecord(harness.Firmware.Status)), 100);
            int record = FirstTimeWaitRecord(harness.Firmware.Status);
            Assert.IsTrue(record >= 0, "a TIME-WAIT record after the board's active close");
            long remaining = harness.Firmware.Status.TimeWaitRemainingMilliseconds(record);
            Assert.IsTrue(remaining > 9000 && remaining <= 10000, "2·MSL is 10 s: " + remaining + " ms left");
        }

        [TestMethod]
        public void DhcpWithoutServerFallsBackToTheStaticAddressAndSaysSo()
        {
            var configuration = new FirmwareConfiguration { Address = FirmwareHarness.BoardAddress, UseDhcp = true, DhcpFallbackMilliseconds = 3000 };
            var harness = new FirmwareHarness(configuration);
            harness.Firmware.Start();
            Assert.AreEqual(0u, harness.Firmware.Status.Address, "no address before DHCP or the fallback");
            Assert.AreEqual(AddressOrigin.None, harness.Firmware.Status.AddressOrigin);

            Assert.IsTrue(harness.RunUntil(() => harness.Firmware.Status.Address != 0, 1000), "fallback applied");

            Assert.AreEqual(FirmwareHarness.BoardAddress, harness.Firmware.Status.Address);
            Assert.AreEqual(AddressOrigin.StaticFallback, harness.Firmware.Status.AddressOrigin);
            StringAssert.Contains(harness.Get("/api/status"), "\"origin\":\"static-fallback\"");
        }

        [TestMethod]
        public void CountersFollowTheTrafficOfEachLayer()
        {
            var harness = new FirmwareHarness();
            harness.Firmware.Start();
            harness.Get("/bulk/5000");
            harness.Get("/no-such-page");
            IStatusSource status = harness.Firmware.Status;

            Assert.AreEqual((long)harness.Firmware.Driver.Statistics.FramesSent, Counter(status, "enc28j60", "framesSent"));
            Assert.AreEqual((long)harness.Firmware.Tcp.Counters.SegmentsReceived, Counter(status, "tcp", "segmentsReceived"));
            Assert.AreEqual((long)harness.Firmware.Tcp.Counters.Dropped, Counter(status, "tcp", "dropped"));
            Assert.AreEqual(2L, Counter(status, "http", "connectionsAccepted"));
            Assert.AreEqual(1L, Counter(status, "http", "notFound"));
            Assert.IsTrue(Counter(status, "enc28j60", "framesSent") >= 5000 / 1460, "the 5000 bytes took several frames");
        }

        [TestMethod]
        public void CountersFormOneGroupPerLayerInStackOrderWithUniqueNames()
        {
            var harness = new FirmwareHarness();
            IStatusSource status = harness.Firmware.Status;
            string order = string.Empty;
            var seen = new System.Collections.Generic.HashSet<string>();
            for (int i = 0; i < status.CounterCount; i++)
            {
                string layer = status.CounterLayer(i);
                if (i == 0 || status.CounterLayer(i - 1) != layer)
                {
                    order += (order.Length > 0 ? "," : string.Empty) + layer;
                }

                Assert.IsTrue(seen.Add(layer + "." + status.CounterName(i)), "one counter " + layer + "." + status.CounterName(i));
            }

            Assert.AreEqual("enc28j60,ethernet,arp,ipv4,icmp,udp,tcp,http,dhcp,dns,sntp,mdns", order, "each layer one contiguous group");
        }

        [TestMethod]
        public void UdpDatagramToAPortWithNoListenerIsCountedInTheUdpGroup()
        {
            var harness = new FirmwareHarness();
            harness.Firmware.Start();
            harness.Get("/");
            IStatusSource status = harness.Firmware.Status;
            Assert.AreEqual(0L, Counter(status, "udp", "droppedNoListener"));
            Assert.IsTrue(harness.Client.Udp.Send(FirmwareHarness.BoardAddress, 40000, 9, new byte[] { 1, 2, 3 }, 0, 3));
            Assert.IsTrue(harness.RunUntil(() => Counter(status, "udp", "droppedNoListener") == 1, 100), "udp.droppedNoListener");
        }

        [TestMethod]
        public void StatusHasADnsGroupWithTheClientsCounters()
        {
            var configuration = new FirmwareConfiguration { Address = FirmwareHarness.BoardAddress };
            configuration.Network.Dns.Servers = new uint[] { FirmwareHarness.BoardAddress + 100 };
            var harness = new FirmwareHarness(configuration);
            harness.Firmware.Start();
            harness.Firmware.Stack.Dns.BeginQuery("nobody.example");
            Assert.IsTrue(harness.RunUntil(() => harness.Firmware.Stack.Dns.Counters.TimedOut == 1, 1000), "no server answers: timed out");
            IStatusSource status = harness.Firmware.Status;

            Assert.AreEqual(4L, Counter(status, "dns", "queriesSent"));
            Assert.AreEqual(3L, Counter(status, "dns", "retransmissions"));
            Assert.AreEqual(1L, Counter(status, "dns", "timedOut"));
            Assert.AreEqual(0L, Counter(status, "dns", "cacheEntries"));
            StringAssert.Contains(harness.Get("/api/status"), "\"dns\":{\"queriesSent\":4,");
        }

        [TestMethod]
        public void ClosedSlotKeepingItsLastFourTupleIsNotARowOfTheConnectionTable()
        {
            var harness = new FirmwareHarness();
            harness.Firmware.Start();
            harness.Get("/api/status");
            harness.RunUntil(() => harness.Firmware.Tcp.ConnectionsInUse == 0, 100);

            IStatusSource status = harness.Firmware.Status;
            Assert.AreEqual(TcpState.Closed, status.ConnectionState(0));
            Assert.AreNotEqual(0, harness.Firmware.Tcp.Slot(0).LocalPort, "the TCP layer keeps the last four-tuple in the slot");
            string json = NanoTcp.Tests.Http.StatusPageTests.Dechunk(harness.Get("/api/status"));
            StringAssert.Contains(json, "\"connections\":[{\"slot\":0,\"state\":\"ESTABLISHED\"", "only the request's own connection: " + json);
            StringAssert.Contains(json, "}],\"timeWait\":[", "one row: " + json);
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
            Assert.IsTrue(SpinWait.SpinUntil(() => harness.Firmware.IsRunning, 10000), "Run started");

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

        private static long Counter(IStatusSource status, string layer, string name)
        {
            for (int i = 0; i < status.CounterCount; i++)
            {
                if (status.CounterLayer(i) == layer && status.CounterName(i) == name)
                {
                    return status.CounterValue(i);
                }
            }

            throw new AssertFailedException("no counter " + layer + "." + name);
        }

        private static int FirstTimeWaitRecord(IStatusSource status)
        {
            for (int i = 0; i < status.TimeWaitCapacity; i++)
            {
                if (status.TimeWaitInUse(i))
                {
                    return i;
                }
            }

            return -1;
        }
    }
}
