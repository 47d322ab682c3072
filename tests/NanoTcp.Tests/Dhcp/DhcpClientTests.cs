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
    [TestClass]
    public class DhcpClientTests
    {
        private const uint Offered = ScriptedDhcpServer.Offered;

        private sealed class Fixture
        {
            public Fixture(Network net, NetworkStack client, ScriptedDhcpServer server)
            {
                Net = net;
                Client = client;
                Server = server;
            }

            public Network Net { get; }

            public NetworkStack Client { get; }

            public ScriptedDhcpServer Server { get; }
        }

        private static Fixture Setup()
        {
            return Setup(null);
        }

        private static Fixture Setup(ConfigurationStep configure)
        {
            var net = new Network();
            var server = new ScriptedDhcpServer(net);
            var client = net.AddStack(1, c =>
            {
                c.UseDhcp = true;
                if (configure != null)
                {
                    configure(c);
                }
            }, address: false);
            return new Fixture(net, client, server);
        }

        private static void Bind(Network net, NetworkStack client)
        {
            net.Settle();
            net.Run(1000);
            Assert.AreEqual(DhcpState.Bound, client.Dhcp.State);
        }

        [TestMethod]
        public void DiscoverOfferRequestAckThenProbeThenBound()
        {
            Fixture fixture = Setup();
            var net = fixture.Net;
            var client = fixture.Client;
            var server = fixture.Server;
            net.Settle();
            Assert.AreEqual(DhcpState.Probing, client.Dhcp.State, "ACK received, ARP probe running");
            Assert.AreEqual(0u, client.LocalAddress, "the address is not used while probing");
            var probe = server.ArpFrames.Last();
            Assert.AreEqual(0u, ArpPacket.SenderProtocolAddress(probe, 14), "RFC 5227 probe: sender address 0");
            Assert.AreEqual(Offered, ArpPacket.TargetProtocolAddress(probe, 14));

            net.Run(1000);
            Assert.AreEqual(DhcpState.Bound, client.Dhcp.State);
            Assert.AreEqual(Offered, client.LocalAddress);
            Assert.AreEqual(0xFFFFFF00u, client.Ipv4Layer.SubnetMask);
            Assert.AreEqual(Network.Subnet + 254, client.Ipv4Layer.Gateway);
            Assert.AreEqual(Network.Subnet + 53, client.Dhcp.DomainNameServer);
            Assert.AreEqual(ScriptedDhcpServer.ServerAddress, client.Dhcp.ServerIdentifier);
            Assert.AreEqual(100u, client.Dhcp.LeaseSeconds);

            var discover = server.Messages[0];
            var request = server.Messages[1];
            Assert.AreEqual(DhcpMessage.TypeDiscover, discover.Type);
            Assert.AreEqual(0xFFFFFFFFu, discover.IpDestination);
            Assert.AreEqual(DhcpMessage.FlagBroadcast, discover.Flags);
            Assert.AreEqual(308, discover.UdpLength, "padded to the 300-byte BOOTP minimum");
            Assert.AreEqual(DhcpMessage.TypeRequest, request.Type);
            Assert.AreEqual(Offered, request.RequestedAddress);
            Assert.AreEqual(ScriptedDhcpServer.ServerAddress, request.ServerIdentifier);
            Assert.AreEqual(0u, request.ClientAddress);
            var announce = server.ArpFrames.Last();
            Assert.AreEqual(Offered, ArpPacket.SenderProtocolAddress(announce, 14), "gratuitous ARP once bound");
        }

        [TestMethod]
        public void WhileBoundPollReturnsT1()
        {
            Fixture fixture = Setup();
            var net = fixture.Net;
            var client = fixture.Client;
            var server = fixture.Server;
            Bind(net, client);
            Assert.AreEqual(client.Dhcp.RenewAt, client.Poll());
            Assert.AreEqual(1000L + 50_000, client.Dhcp.RenewAt, "ACK at 1000 ms, T1 half of the 100 s lease");
            Assert.AreEqual(1000L + 87_500, client.Dhcp.RebindAt, "T2 seven eighths");
            Assert.AreEqual(1000L + 100_000, client.Dhcp.ExpiresAt);
        }

        [TestMethod]
        public void ServerT1AndT2OptionsReplaceTheDefaults()
        {
            Fixture fixture = Setup();
            var net = fixture.Net;
            var client = fixture.Client;
            var server = fixture.Server;
            server.RenewalSeconds = 30;
            server.RebindingSeconds = 60;
            Bind(net, client);
            Assert.AreEqual(1000L + 30_000, client.Dhcp.RenewAt);
            Assert.AreEqual(1000L + 60_000, client.Dhcp.RebindAt);
        }

        [TestMethod]
        public void RenewsAtT1ByUnicastToTheServer()
        {
            Fixture fixture = Setup();
            var net = fixture.Net;
            var client = fixture.Client;
            var server = fixture.Server;
            Bind(net, client);
            long t1 = client.Dhcp.RenewAt;
            int before = server.Messages.Count;
            net.Run(t1 - net.Clock.Milliseconds - 100);
            Assert.AreEqual(before, server.Messages.Count, "nothing before T1");
            net.Run(200);
            var renew = server.Messages[before];
            Assert.AreEqual(DhcpMessage.TypeRequest, renew.Type);
            Assert.AreEqual(ScriptedDhcpServer.ServerAddress, renew.IpDestination, "unicast to the server");
            Assert.IsFalse(renew.EthernetBroadcast);
            Assert.AreEqual(Offered, renew.ClientAddress);
            Assert.AreEqual(0u, renew.RequestedAddress, "no requested-address option while renewing");
            Assert.AreEqual(DhcpState.Bound, client.Dhcp.State);
            Assert.AreEqual(2, client.Dhcp.LeasesObtained);
            Assert.IsTrue(client.Dhcp.RenewAt > t1, "the lease restarted");
        }

        [TestMethod]
        public void RebindsAtT2ByBroadcastWhenTheServerDoesNotAnswerTheRenewal()
        {
            Fixture fixture = Setup();
            var net = fixture.Net;
            var client = fixture.Client;
            var server = fixture.Server;
            Bind(net, client);
            server.Silent = true;
            long t2 = client.Dhcp.RebindAt;
            net.Run(t2 - net.Clock.Milliseconds - 100);
            Assert.AreEqual(DhcpState.Renewing, client.Dhcp.State);
            server.Silent = false;
            int before = server.Messages.Count;
            net.Run(200);
            var rebind = server.Messages[before];
            Assert.AreEqual(DhcpMessage.TypeRequest, rebind.Type);
            Assert.AreEqual(0xFFFFFFFFu, rebind.IpDestination, "broadcast while rebinding");
            Assert.AreEqual(Offered, rebind.ClientAddress);
            Assert.AreEqual(DhcpState.Bound, client.Dhcp.State);
            Assert.AreEqual(Offered, client.LocalAddress);
        }

        [TestMethod]
        public void ExpiryWithoutAnAckDropsTheAddressAndStartsOver()
        {
            Fixture fixture = Setup();
            var net = fixture.Net;
            var client = fixture.Client;
            var server = fixture.Server;
            Bind(net, client);
            server.Silent = true;
            long expires = client.Dhcp.ExpiresAt;
            net.Run(expires - net.Clock.Milliseconds - 100);
            Assert.AreEqual(Offered, client.LocalAddress, "still ours just before expiry");
            Assert.AreEqual(DhcpState.Rebinding, client.Dhcp.State);
            net.Run(200);
            Assert.AreEqual(0u, client.LocalAddress);
            Assert.AreEqual(DhcpState.Selecting, client.Dhcp.State);
            Assert.AreEqual(DhcpMessage.TypeDiscover, server.Messages.Last().Type);
        }

        [TestMethod]
        public void NakStartsOverWithADiscover()
        {
            Fixture fixture = Setup();
            var net = fixture.Net;
            var client = fixture.Client;
            var server = fixture.Server;
            server.NakRequests = true;
            net.Settle();
            Assert.IsTrue(client.Dhcp.Naks >= 1);
            Assert.AreEqual(0u, client.LocalAddress);
            Assert.AreEqual(DhcpMessage.TypeDiscover, server.Messages[0].Type);
            Assert.AreEqual(DhcpMessage.TypeRequest, server.Messages[1].Type);
            Assert.AreEqual(DhcpMessage.TypeDiscover, server.Messages[2].Type, "after the NAK a new DISCOVER");
        }

        [TestMethod]
        public void NakWhileRenewingDropsTheAddress()
        {
            Fixture fixture = Setup();
            var net = fixture.Net;
            var client = fixture.Client;
            var server = fixture.Server;
            Bind(net, client);
            server.NakRequests = true;
            server.Silent = false;
            net.Run(client.Dhcp.RenewAt - net.Clock.Milliseconds + 100);
            Assert.AreEqual(0u, client.LocalAddress);
            Assert.IsTrue(client.Dhcp.Naks >= 1);
        }

        [TestMethod]
        public void AddressInUseIsDeclined()
        {
            Fixture fixture = Setup();
            var net = fixture.Net;
            var client = fixture.Client;
            var server = fixture.Server;
            var squatter = net.AddHost(66);
            net.AddResponder(() =>
            {
                foreach (byte[] f in squatter.Drain())
                {
                    if (ScriptedHost.IsArp(f, ArpPacket.OperationRequest) && ArpPacket.TargetProtocolAddress(f, 14) == Offered)
                    {
                        squatter.Send(Frames.Arp(ArpPacket.OperationReply, squatter.Mac, Offered, Frames.Slice(f, 22, 6), 0));
                    }
                }
            });
            net.Settle();
            net.Run(500);
            Assert.AreEqual(1, client.Dhcp.Declines);
            Assert.AreEqual(0u, client.LocalAddress);
            var decline = server.Messages.Last();
            Assert.AreEqual(DhcpMessage.TypeDecline, decline.Type);
            Assert.AreEqual(Offered, decline.RequestedAddress);
            Assert.AreEqual(ScriptedDhcpServer.ServerAddress, decline.ServerIdentifier);
            int count = server.Messages.Count;
            net.Run(9000);
            Assert.AreEqual(count, server.Messages.Count, "silence for 10 s after a DECLINE");
            net.Run(1000);
            Assert.AreEqual(DhcpMessage.TypeDiscover, server.Messages[count].Type);
        }

        [TestMethod]
        public void DiscoverIsRetransmittedWithExponentialBackoffAndJitter()
        {
            Fixture fixture = Setup();
            var net = fixture.Net;
            var client = fixture.Client;
            var server = fixture.Server;
            server.Silent = true;
            net.Run(200_000, 50);
            long[] times = new long[server.Messages.Count];
            for (int i = 0; i < times.Length; i++)
            {
                times[i] = server.Messages[i].Time;
            }

            long[] nominal = { 4000, 8000, 16000, 32000, 64000 };
            for (int i = 0; i < nominal.Length; i++)
            {
                long gap = times[i + 1] - times[i];
                Assert.IsTrue(gap >= nominal[i] - 1000 && gap <= nominal[i] + 1050, "gap " + i + " was " + gap + " ms, expected " + nominal[i] + " ± 1 s");
            }

            bool gapsDiffer = false;
            for (int i = 2; i < times.Length; i++)
            {
                gapsDiffer |= times[i] - times[i - 1] != times[1] - times[0];
            }

            Assert.IsTrue(gapsDiffer, "jitter makes the gaps differ");
        }

        [TestMethod]
        public void FallbackAddressIsUsedWhenNoServerAnswers()
        {
            Fixture fixture = Setup(c =>
            {
                c.Address = Network.Subnet + 99;
                c.DhcpFallbackMilliseconds = 10_000;
            });
            var net = fixture.Net;
            var client = fixture.Client;
            var server = fixture.Server;
            server.Silent = true;
            net.Run(9_900);
            Assert.AreEqual(0u, client.LocalAddress);
            net.Run(200);
            Assert.AreEqual(Network.Subnet + 99, client.LocalAddress);
            Assert.IsTrue(client.Dhcp.FallbackApplied);
            server.Silent = false;
            net.Run(70_000);
            Assert.AreEqual(Offered, client.LocalAddress, "a later lease replaces the fallback");
            Assert.IsFalse(client.Dhcp.FallbackApplied);
        }

        [TestMethod]
        public void AfterExpiryTheFallbackWaitsItsWholeDelayAgain()
        {
            Fixture fixture = Setup(c =>
            {
                c.Address = Network.Subnet + 99;
                c.DhcpFallbackMilliseconds = 10_000;
            });
            var net = fixture.Net;
            var client = fixture.Client;
            var server = fixture.Server;
            Bind(net, client);
            server.Silent = true;
            net.Run(client.Dhcp.ExpiresAt - net.Clock.Milliseconds + 100);
            Assert.AreEqual(0u, client.LocalAddress, "expired, and the fallback delay starts over");
            net.Run(10_000);
            Assert.AreEqual(Network.Subnet + 99, client.LocalAddress);
        }

        [TestMethod]
        public void MalformedAndForeignRepliesAreDroppedByReason()
        {
            Fixture fixture = Setup();
            var net = fixture.Net;
            var client = fixture.Client;
            var server = fixture.Server;
            server.Silent = true;
            net.Settle();
            var h = net.AddHost(77);
            var message = new byte[300];
            DhcpMessage.WriteFixed(message, 0, DhcpMessage.OpBootReply, 12345, 0, 0, 0, Offered, Frames.Mac(1), 0);
            DhcpOptions.WriteByte(message, DhcpMessage.OptionsOffset, DhcpOptions.MessageType, DhcpMessage.TypeOffer);
            message[DhcpMessage.OptionsOffset + 3] = DhcpOptions.End;
            h.Send(Frames.Udp(Frames.Broadcast, h.Mac, h.Address, 0xFFFFFFFF, 67, 68, message));
            var truncated = Frames.Slice(message, 0, 239);
            h.Send(Frames.Udp(Frames.Broadcast, h.Mac, h.Address, 0xFFFFFFFF, 67, 68, truncated));
            var badOption = (byte[])message.Clone();
            badOption[DhcpMessage.OptionsOffset + 3] = 12;
            badOption[DhcpMessage.OptionsOffset + 4] = 200;
            h.Send(Frames.Udp(Frames.Broadcast, h.Mac, h.Address, 0xFFFFFFFF, 67, 68, badOption));
            net.Settle();
            Assert.AreEqual(1, client.Drops.Get(DropReason.DhcpNotOurs), "wrong transaction id");
            Assert.AreEqual(2, client.Drops.Get(DropReason.DhcpMalformed));
            Assert.AreEqual(DhcpState.Selecting, client.Dhcp.State);
        }
    }
}
