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
            Assert.IsTrue(harness.Get("/api/status").IndexOf("\"mdns\":{\"hostName\":\"board.local\",\"state\":\"announced\",\"renamed\":false,\"service\":null}") >= 0, "mdns in the status");
        }

        [TestMethod]
        public void HttpServiceIsAdvertisedAndShownOnTheStatusPage()
        {
            var configuration = new FirmwareConfiguration();
            configuration.Address = FirmwareHarness.BoardAddress;
            configuration.UseMdns = true;
            configuration.HostName = "board";
            configuration.HttpServiceName = "Board Room";
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
            Assert.IsTrue(IndexOf(answer, Name("Board Room._http._tcp.local", 0)) >= 0, "the PTR names the instance");
            byte[] srv = Name("board.local", 6);
            srv[5] = 80;
            Assert.IsTrue(IndexOf(answer, srv) >= 0, "the SRV record: priority 0, weight 0, port 80, target board.local");
            Assert.IsTrue(IndexOf(answer, new byte[] { 6, (byte)'p', (byte)'a', (byte)'t', (byte)'h', (byte)'=', (byte)'/' }) >= 0, "the TXT record");
            Assert.AreEqual("Board Room._http._tcp.local", harness.Firmware.Status.ServiceName);
            Assert.IsTrue(harness.Get("/api/status").IndexOf("\"service\":\"Board Room._http._tcp.local\"}") >= 0, "service in the JSON");
            Assert.IsTrue(harness.Get("/").IndexOf("service <b id=\"service\">Board Room._http._tcp.local</b>") >= 0, "service on the page");
        }

        /// <summary>
        /// The wire form of <paramref name="name"/> (labels split at dots, spaces allowed as in instance names) after
        /// <paramref name="skip"/> zero bytes; bytes, because strings with NULs are cut on nanoCLR.
        /// </summary>
        private static byte[] Name(string name, int skip)
        {
            var result = new byte[skip + name.Length + 2];
            int lengthAt = skip;
            for (int i = 0; i <= name.Length; i++)
            {
                if (i == name.Length || name[i] == '.')
                {
                    result[lengthAt] = (byte)(skip + i - lengthAt);
                    lengthAt = skip + i + 1;
                    continue;
                }

                result[skip + i + 1] = (byte)name[i];
            }

            return result;
        }

        private static int IndexOf(byte[] haystack, byte[] needle)
        {
            for (int i = 0; i + needle.Length <= haystack.Length; i++)
            {
                int k = 0;
                while (k < needle.Length && haystack[i + k] == needle[k])
                {
                    k++;
                }

                if (k == needle.Length)
                {
                    return i;
                }
            }

            return -1;
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
