#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using System;
using NanoTcp.Firmware;
using NanoTcp.Http;
using NanoTcp.Tcp;
using NanoTcp.Tests.Support;

namespace NanoTcp.Tests.Firmware
{
    /// <summary>The firmware composition: driver + stack + TCP + HTTP wired from one configuration, and its status source.</summary>
    [TestClass]
    public class NanoTcpFirmwareTests
    {
        [TestMethod]
        public void PollBeforeStartThrowsAndSaysWhatToDo()
        {
            var harness = new FirmwareHarness();
            Exception error = Expect.Throws(typeof(InvalidOperationException), () => harness.Firmware.Poll());
            Assert.IsTrue(error.Message.IndexOf("Start") >= 0, error.Message);
        }

        [TestMethod]
        public void StatusPageIsServedThroughTheChipModelWithTheStaticAddress()
        {
            var harness = new FirmwareHarness();
            harness.Firmware.Start();

            string page = harness.Get("/");

            Assert.IsTrue(page.StartsWith("HTTP/1.1 200 OK\r\n"), page);
            Assert.IsTrue(page.IndexOf("10.0.0.1/24") >= 0, page);
            Assert.IsTrue(harness.Firmware.Status.AddressOrigin == AddressOrigin.Static, "static address");
            Assert.AreEqual(1, harness.Firmware.Http.Counters.RequestsServed);
            Assert.AreEqual(harness.Firmware.Stack.FramesReceived, harness.Firmware.Driver.Statistics.FramesReceived, "every frame came through the driver");
        }

        [TestMethod]
        public void ConfigurationSetsSlotsBufferSizesAndMsl()
        {
            var configuration = new FirmwareConfiguration();
            configuration.Address = FirmwareHarness.BoardAddress;
            configuration.ConnectionCount = 2;
            configuration.SendBufferSize = 1000;
            configuration.ReceiveBufferSize = 900;
            configuration.MaximumSegmentLifetimeMilliseconds = 5000;
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
            Assert.IsTrue(remaining > 9000 && remaining <= 10000, "2 MSL is 10 s: " + remaining.ToString() + " ms left");
        }

        [TestMethod]
        public void DhcpWithoutServerFallsBackToTheStaticAddressAndSaysSo()
        {
            var configuration = new FirmwareConfiguration();
            configuration.Address = FirmwareHarness.BoardAddress;
            configuration.UseDhcp = true;
            configuration.DhcpFallbackMilliseconds = 3000;
            var harness = new FirmwareHarness(configuration);
            harness.Firmware.Start();
            Assert.AreEqual(0u, harness.Firmware.Status.Address, "no address before DHCP or the fallback");
            Assert.IsTrue(harness.Firmware.Status.AddressOrigin == AddressOrigin.None, "no origin yet");

            Assert.IsTrue(harness.RunUntil(() => harness.Firmware.Status.Address != 0, 1000), "fallback applied");

            Assert.AreEqual(FirmwareHarness.BoardAddress, harness.Firmware.Status.Address);
            Assert.IsTrue(harness.Firmware.Status.AddressOrigin == AddressOrigin.StaticFallback, "static fallback");
            Assert.IsTrue(harness.Get("/api/status").IndexOf("\"origin\":\"static-fallback\"") >= 0, "origin in the status");
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
            string seen = ",";
            for (int i = 0; i < status.CounterCount; i++)
            {
                string layer = status.CounterLayer(i);
                if (i == 0 || status.CounterLayer(i - 1) != layer)
                {
                    order += (order.Length > 0 ? "," : string.Empty) + layer;
                }

                string name = layer + "." + status.CounterName(i);
                Assert.IsTrue(seen.IndexOf("," + name + ",") < 0, "one counter " + name);
                seen += name + ",";
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
            var configuration = new FirmwareConfiguration();
            configuration.Address = FirmwareHarness.BoardAddress;
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
            Assert.IsTrue(harness.Get("/api/status").IndexOf("\"dns\":{\"queriesSent\":4,") >= 0, "dns in the status");
        }

        [TestMethod]
        public void ClosedSlotKeepingItsLastFourTupleIsNotARowOfTheConnectionTable()
        {
            var harness = new FirmwareHarness();
            harness.Firmware.Start();
            harness.Get("/api/status");
            harness.RunUntil(() => harness.Firmware.Tcp.ConnectionsInUse == 0, 100);

            IStatusSource status = harness.Firmware.Status;
            Assert.IsTrue(status.ConnectionState(0) == TcpState.Closed, "slot 0 closed");
            Assert.AreNotEqual(0, harness.Firmware.Tcp.Slot(0).LocalPort, "the TCP layer keeps the last four-tuple in the slot");
            string json = NanoTcp.Tests.Http.StatusPageTests.Dechunk(harness.Get("/api/status"));
            Assert.IsTrue(json.IndexOf("\"connections\":[{\"slot\":0,\"state\":\"ESTABLISHED\"") >= 0, "only the request's own connection: " + json);
            Assert.IsTrue(json.IndexOf("}],\"timeWait\":[") >= 0, "one row: " + json);
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

            throw new InvalidOperationException("no counter " + layer + "." + name);
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
