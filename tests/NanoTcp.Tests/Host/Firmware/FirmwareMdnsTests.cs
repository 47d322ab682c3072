using Microsoft.VisualStudio.TestTools.UnitTesting;
using NanoTcp.Firmware;
using NanoTcp.Mdns;
using NanoTcp.Wire;

namespace NanoTcp.Tests.Host.Firmware
{
    /// <summary>
    /// mDNS through the ENC28J60 chip model: with <see cref="FirmwareConfiguration.UseMdns"/> the driver sets
    /// ERXFCON.MCEN and the chip passes 224.0.0.251's frames; without it the chip's filter drops them before the stack.
    /// The client stack asks a one-shot query from port 40000 to the group and collects the unicast answer.
    /// </summary>
    [TestClass]
    public class FirmwareMdnsTests
    {
        private const ushort ClientPort = 40000;

        private static FirmwareHarness Board(bool mdns)
        {
            var configuration = new FirmwareConfiguration { Address = FirmwareHarness.BoardAddress, UseMdns = mdns, HostName = "board" };
            var harness = new FirmwareHarness(configuration);
            harness.Firmware.Start();
            return harness;
        }

        private static void Ask(FirmwareHarness harness, string name, ushort type = DnsMessage.TypeA)
        {
            var query = new byte[64];
            int at = DnsMessage.WriteHeader(query, 0, 0x4242, 0, 1, 0, 0, 0);
            at += DnsMessage.WriteName(name, query, at);
            Bytes.WriteUInt16(query, at, type);
            Bytes.WriteUInt16(query, at + 2, DnsMessage.ClassInternet);
            harness.Client.Udp.Send(MdnsMessage.GroupAddress, ClientPort, MdnsMessage.Port, query, 0, at + 4);
        }

        [TestMethod]
        public void WithMdnsTheChipPassesTheGroupAndTheBoardAnswersItsName()
        {
            FirmwareHarness harness = Board(true);
            uint answered = 0;
            harness.Client.Udp.Bind(ClientPort, (buffer, offset, length, source, sourcePort, destination, destinationPort) =>
            {
                answered = Bytes.ReadUInt32(buffer, offset + length - 4);
            });
            Assert.IsTrue(harness.Firmware.Driver != null);
            Assert.IsTrue(harness.RunUntil(() => harness.Firmware.Stack.Mdns.State == MdnsState.Announced, 5000), "announced");
            Assert.AreEqual("board.local", harness.Firmware.Status.HostName);
            Ask(harness, "board.local");
            Assert.IsTrue(harness.RunUntil(() => answered != 0, 2000), "answered through the chip");
            Assert.AreEqual(FirmwareHarness.BoardAddress, answered);
            Assert.AreEqual(1, harness.Firmware.Stack.Mdns.Counters.LegacyResponses);
            StringAssert.Contains(harness.Get("/api/status"), "\"mdns\":{\"hostName\":\"board.local\",\"state\":\"announced\",\"renamed\":false,\"service\":null}");
        }

        [TestMethod]
        public void HttpServiceIsAdvertisedAndShownOnTheStatusPage()
        {
            var configuration = new FirmwareConfiguration { Address = FirmwareHarness.BoardAddress, UseMdns = true, HostName = "board", HttpServiceName = "Board Room" };
            var harness = new FirmwareHarness(configuration);
            harness.Firmware.Start();
            byte[] answer = null;
            harness.Client.Udp.Bind(ClientPort, (buffer, offset, length, source, sourcePort, destination, destinationPort) =>
            {
                answer = new byte[length];
                System.Array.Copy(buffer, offset, answer, 0, length);
            });
            Assert.IsTrue(harness.RunUntil(() => harness.Firmware.Stack.Mdns.State == MdnsState.Announced, 5000), "announced");
            Ask(harness, "_http._tcp.local", 12);
            Assert.IsTrue(harness.RunUntil(() => answer != null, 2000), "answered through the chip");
            string text = System.Text.Encoding.ASCII.GetString(answer);
            StringAssert.Contains(text, "\nBoard Room\u0005_http\u0004_tcp\u0005local", "the PTR names the instance");
            StringAssert.Contains(text, "\u0000\u0000\u0000\u0000\u0000P\u0005board\u0005local", "the SRV record: port 80, target board.local");
            StringAssert.Contains(text, "\u0006path=/");
            Assert.AreEqual("Board Room._http._tcp.local", harness.Firmware.Status.ServiceName);
            StringAssert.Contains(harness.Get("/api/status"), "\"service\":\"Board Room._http._tcp.local\"}");
            StringAssert.Contains(harness.Get("/"), "service <b id=\"service\">Board Room._http._tcp.local</b>");
        }

        [TestMethod]
        public void WithoutMdnsTheChipsFilterDropsTheGroupsFrames()
        {
            FirmwareHarness harness = Board(false);
            harness.RunUntil(() => false, 200);
            int received = harness.Firmware.Stack.FramesReceived;
            Ask(harness, "board.local");
            harness.RunUntil(() => false, 200);
            Assert.AreEqual(received, harness.Firmware.Stack.FramesReceived, "the chip did not hand the group frame to the driver");
            Assert.IsNull(harness.Firmware.Stack.Mdns);
            Assert.IsNull(harness.Firmware.Status.HostName);
            StringAssert.Contains(harness.Get("/api/status"), "\"mdns\":null");
        }

        [TestMethod]
        public void ShutdownSaysGoodbye()
        {
            FirmwareHarness harness = Board(true);
            Assert.IsTrue(harness.RunUntil(() => harness.Firmware.Stack.Mdns.State == MdnsState.Announced, 5000));
            harness.Firmware.Shutdown();
            Assert.AreEqual(1, harness.Firmware.Stack.Mdns.Counters.Goodbyes);
            Assert.AreEqual(MdnsState.Off, harness.Firmware.Stack.Mdns.State);
        }
    }
}
