using Microsoft.VisualStudio.TestTools.UnitTesting;
using NanoTcp.Dhcp;
using NanoTcp.Firmware;
using NanoTcp.Mdns;
using NanoTcp.Tests.Dhcp;
using NanoTcp.Tests.Ipv4;
using NanoTcp.Tests.Mdns;
using NanoTcp.Wire;

using NanoTcp.Tests.Firmware;
using NanoTcp.Tests.Http;

namespace NanoTcp.Tests.Host.Firmware
{
    /// <summary>
    /// <see cref="NanoTcpFirmware.Shutdown"/> of the whole composition on a manual clock: a board with a DHCP lease and
    /// an announced mDNS name and HTTP service gives both back (DHCPRELEASE, RFC 2131 §4.4.6; goodbye, RFC 6762 §10.1).
    /// </summary>
    [TestClass]
    public class FirmwareShutdownTests
    {
        private static NanoTcpFirmware Board(Network net, bool mdns)
        {
            var configuration = new FirmwareConfiguration { UseDhcp = true, UseMdns = mdns, HostName = "board", HttpServiceName = mdns ? "Board" : null, DhcpFallbackMilliseconds = 0 };
            var firmware = new NanoTcpFirmware(net.Wire.CreatePort(Frames.Mac(1)), net.Clock, configuration);
            firmware.Start();
            net.AddResponder(() => firmware.Poll());
            return firmware;
        }

        [TestMethod]
        public void ShutdownReleasesTheLeaseAndSaysGoodbyeToTheName()
        {
            var net = new Network();
            var server = new ScriptedDhcpServer(net);
            var peer = new MdnsPeer(net, 60); // not .50, the address the server offers
            NanoTcpFirmware firmware = Board(net, true);
            net.Run(5000, 10);
            Assert.AreEqual(DhcpState.Bound, firmware.Stack.Dhcp.State);
            Assert.AreEqual(MdnsState.Announced, firmware.Stack.Mdns.State);
            int messages = server.Messages.Count;
            int goodbyes = peer.Count(MdnsPacketKind.Goodbye);

            firmware.Shutdown();
            net.Settle();

            Assert.AreEqual(goodbyes + 1, peer.Count(MdnsPacketKind.Goodbye), "one goodbye for the name");
            MdnsPacket goodbye = peer.Nth(MdnsPacketKind.Goodbye, goodbyes);
            Assert.AreEqual("board.local", goodbye.RecordName);
            Assert.AreEqual(ScriptedDhcpServer.Offered, goodbye.RecordAddress, "the goodbye went out while the address was still ours");
            var records = new MdnsRecords(goodbye.Frame);
            Assert.AreEqual(5, records.Answers.Count, "the name and the HTTP service's SRV, TXT and two PTR records");
            Assert.IsNotNull(MdnsRecords.Find(records.Answers, "_http._tcp.local", MdnsRecords.TypePtr));
            foreach (MdnsRecord record in records.Answers)
            {
                Assert.AreEqual(0u, record.Ttl, record.Name);
            }

            Assert.AreEqual(messages + 1, server.Messages.Count, "one message to the server");
            Assert.AreEqual(DhcpMessage.TypeRelease, server.Messages.Last().Type);
            Assert.AreEqual(ScriptedDhcpServer.Offered, server.Messages.Last().ClientAddress);
            Assert.AreEqual(0u, firmware.Stack.LocalAddress);
            Assert.AreEqual(MdnsState.Off, firmware.Stack.Mdns.State);
            Assert.AreEqual(1, firmware.Stack.Dhcp.Releases);

            net.Run(60000, 1000);
            Assert.AreEqual(messages + 1, server.Messages.Count, "silent after the release");
            Assert.AreEqual(goodbyes + 1, peer.Count(MdnsPacketKind.Goodbye));
        }

        [TestMethod]
        public void ShutdownWithoutMdnsStillReleasesTheLease()
        {
            var net = new Network();
            var server = new ScriptedDhcpServer(net);
            NanoTcpFirmware firmware = Board(net, false);
            net.Run(2000, 10);
            Assert.AreEqual(DhcpState.Bound, firmware.Stack.Dhcp.State);
            Assert.IsNull(firmware.Stack.Mdns);

            firmware.Shutdown();
            net.Settle();

            Assert.AreEqual(DhcpMessage.TypeRelease, server.Messages.Last().Type);
            Assert.AreEqual(DhcpState.Stopped, firmware.Stack.Dhcp.State);
        }
    }
}
