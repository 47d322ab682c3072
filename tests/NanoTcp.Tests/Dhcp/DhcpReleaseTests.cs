#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using NanoTcp.Dhcp;
using NanoTcp.Tests.Ipv4;
using NanoTcp.Wire;

namespace NanoTcp.Tests.Dhcp
{
    /// <summary>RFC 2131 §4.4.6: giving a lease back with DHCPRELEASE (the firmware's shutdown path calls it).</summary>
    [TestClass]
    public class DhcpReleaseTests
    {
        [TestMethod]
        public void ReleaseSendsDhcpReleaseUnicastToTheServerAndGivesUpTheAddress()
        {
            var net = new Network();
            var server = new ScriptedDhcpServer(net);
            var client = net.AddStack(1, c => c.UseDhcp = true, address: false);
            net.Settle();
            net.Run(1000);
            Assert.AreEqual(DhcpState.Bound, client.Dhcp.State);
            int before = server.Messages.Count;
            Assert.IsTrue(client.Dhcp.Release());
            net.Settle();
            Assert.AreEqual(before + 1, server.Messages.Count);
            var release = server.Messages.Last();
            Assert.AreEqual(DhcpMessage.TypeRelease, release.Type);
            Assert.AreEqual(ScriptedDhcpServer.ServerAddress, release.IpDestination, "unicast to the server");
            Assert.IsFalse(release.EthernetBroadcast);
            Assert.AreEqual(ScriptedDhcpServer.Offered, release.ClientAddress, "ciaddr is the released address");
            Assert.AreEqual(ScriptedDhcpServer.ServerAddress, release.ServerIdentifier);
            Assert.AreEqual(0u, release.RequestedAddress);
            Assert.AreEqual(1, client.Dhcp.Releases);
            Assert.AreEqual(0u, client.LocalAddress);
            Assert.AreEqual(DhcpState.Stopped, client.Dhcp.State);
            net.Run(200000, 1000);
            Assert.AreEqual(before + 1, server.Messages.Count, "a released client stays silent");
        }

        [TestMethod]
        public void ReleaseWaitingForArpStillGoesOutWhenTheServerAnswers()
        {
            var net = new Network();
            var server = new ScriptedDhcpServer(net);
            var client = net.AddStack(1, c => c.UseDhcp = true, address: false);
            net.Settle();
            net.Run(1000);
            var mac = new byte[6];
            Assert.IsFalse(client.Arp.TryGet(ScriptedDhcpServer.ServerAddress, mac, 0), "the server's MAC is not known yet");
            int arpBefore = server.ArpFrames.Count;
            Assert.IsTrue(client.Dhcp.Release());
            net.Settle();
            Assert.AreEqual(arpBefore + 1, server.ArpFrames.Count, "the RELEASE waited for one ARP request");
            Assert.AreEqual(ScriptedDhcpServer.ServerAddress, ArpPacket.TargetProtocolAddress(server.ArpFrames[arpBefore], 14));
            Assert.AreEqual(DhcpMessage.TypeRelease, server.Messages.Last().Type);
        }

        [TestMethod]
        public void ReleaseWithoutALeaseSendsNothingAndStopsTheClient()
        {
            var net = new Network();
            var server = new ScriptedDhcpServer(net);
            server.Silent = true;
            var client = net.AddStack(1, c => c.UseDhcp = true, address: false);
            net.Settle();
            int before = server.Messages.Count;
            Assert.IsFalse(client.Dhcp.Release());
            net.Run(100000, 1000);
            Assert.AreEqual(before, server.Messages.Count);
            Assert.AreEqual(0, client.Dhcp.Releases);
            Assert.AreEqual(DhcpState.Stopped, client.Dhcp.State);
        }
    }
}
