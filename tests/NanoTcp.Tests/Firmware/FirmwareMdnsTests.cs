#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using NanoTcp.Firmware;
using NanoTcp.Mdns;
using NanoTcp.Wire;

namespace NanoTcp.Tests.Firmware
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
            var configuration = new FirmwareConfiguration();
            configuration.Address = FirmwareHarness.BoardAddress;
            configuration.UseMdns = mdns;
            configuration.HostName = "board";
            var harness = new FirmwareHarness(configuration);
            harness.Firmware.Start();
            return harness;
        }

        private static void Ask(FirmwareHarness harness, string name)
        {
            var query = new byte[64];
            int at = DnsMessage.WriteHeader(query, 0, 0x4242, 0, 1, 0, 0, 0);
            at += DnsMessage.WriteName(name, query, at);
            Bytes.WriteUInt16(query, at, DnsMessage.TypeA);
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
            Assert.IsTrue(harness.Get("/api/status").IndexOf("\"mdns\":{\"hostName\":\"board.local\",\"state\":\"announced\",\"renamed\":false}") >= 0, "mdns in the status");
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
            Assert.IsTrue(harness.Get("/api/status").IndexOf("\"mdns\":null") >= 0, "no mdns in the status");
        }

        [TestMethod]
        public void ShutdownSaysGoodbye()
        {
            FirmwareHarness harness = Board(true);
            Assert.IsTrue(harness.RunUntil(() => harness.Firmware.Stack.Mdns.State == MdnsState.Announced, 5000));
            harness.Firmware.Shutdown();
            Assert.AreEqual(1, harness.Firmware.Stack.Mdns.Counters.Goodbyes);
            Assert.IsTrue(harness.Firmware.Stack.Mdns.State == MdnsState.Off, "off after goodbye");
        }
    }
}
