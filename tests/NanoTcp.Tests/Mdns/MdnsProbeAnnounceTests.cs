#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using NanoTcp.Mdns;
using NanoTcp.Tests.Dhcp;
using NanoTcp.Tests.Ipv4;
using NanoTcp.Wire;

namespace NanoTcp.Tests.Mdns
{
    /// <summary>Probing, announcing, renaming on a conflict, the tie-break, address changes and goodbyes (RFC 6762 §8-§10).</summary>
    [TestClass]
    public class MdnsProbeAnnounceTests
    {
        [TestMethod]
        public void ThreeProbes250MsApartThenTwoAnnouncementsOneSecondApart()
        {
            MdnsFixture f = MdnsFixture.Create();
            f.Run(4000);
            Assert.AreEqual(3, f.Peer.Count(MdnsPacketKind.Probe), "three probes");
            Assert.AreEqual(2, f.Peer.Count(MdnsPacketKind.Response), "two announcements");
            long first = f.Peer.Nth(MdnsPacketKind.Probe, 0).Time;
            Assert.IsTrue(first >= 1000 && first <= 1250, "the first probe after a random wait of 0-250 ms, at " + first.ToString());
            Assert.AreEqual(first + 250, f.Peer.Nth(MdnsPacketKind.Probe, 1).Time);
            Assert.AreEqual(first + 500, f.Peer.Nth(MdnsPacketKind.Probe, 2).Time);
            Assert.AreEqual(first + 750, f.Peer.Nth(MdnsPacketKind.Response, 0).Time, "announced 250 ms after the last probe");
            Assert.AreEqual(first + 1750, f.Peer.Nth(MdnsPacketKind.Response, 1).Time, "announced again one second later");
            Assert.AreEqual(MdnsState.Announced, f.Mdns.State);
            Assert.AreEqual("announced", f.Mdns.StateName);
            Assert.AreEqual(3, f.Counters.ProbesSent);
            Assert.AreEqual(2, f.Counters.Announcements);
        }

        [TestMethod]
        public void AProbeAsksForTheNameWithTheUnicastBitAndProposesTheRecord()
        {
            MdnsFixture f = MdnsFixture.Create();
            f.Run(300);
            MdnsPacket probe = f.Peer.Nth(MdnsPacketKind.Probe, 0);
            Assert.AreEqual(MdnsState.Probing, f.Mdns.State);
            Assert.IsTrue(Bytes.Equal(probe.DestinationMac, 0, MdnsPeer.GroupMac, 0, 6), "to 01:00:5e:00:00:fb");
            Assert.AreEqual(MdnsMessage.GroupAddress, probe.Destination);
            Assert.AreEqual(MdnsMessage.Port, probe.DestinationPort);
            Assert.AreEqual((int)MdnsMessage.IpTtl, (int)probe.IpTtl, "IP TTL 255");
            Assert.AreEqual(1, probe.Questions);
            Assert.AreEqual("nanotcp.local", probe.QuestionName);
            Assert.AreEqual((int)MdnsMessage.TypeAny, (int)probe.QuestionType);
            Assert.AreEqual(DnsMessage.ClassInternet | MdnsMessage.ClassUnicastResponse, (int)probe.QuestionClass);
            Assert.AreEqual(1, probe.Authorities);
            Assert.AreEqual("nanotcp.local", probe.RecordName);
            Assert.AreEqual((int)DnsMessage.TypeA, (int)probe.RecordType);
            Assert.AreEqual(MdnsFixture.BoardAddress, probe.RecordAddress);
        }

        [TestMethod]
        public void AnAnnouncementIsAnAuthoritativeAnswerWithTheCacheFlushBit()
        {
            MdnsFixture f = MdnsFixture.Create();
            f.Run(4000);
            MdnsPacket announcement = f.Peer.Nth(MdnsPacketKind.Response, 0);
            Assert.AreEqual((int)MdnsMessage.FlagsResponse, (int)announcement.Flags);
            Assert.AreEqual(0, (int)announcement.Id);
            Assert.AreEqual(0, announcement.Questions);
            Assert.AreEqual(1, announcement.Answers);
            Assert.AreEqual("nanotcp.local", announcement.RecordName);
            Assert.AreEqual(DnsMessage.ClassInternet | MdnsMessage.ClassCacheFlush, (int)announcement.RecordClass);
            Assert.AreEqual(120u, announcement.RecordTtl);
            Assert.AreEqual(MdnsFixture.BoardAddress, announcement.RecordAddress);
            Assert.AreEqual(MdnsMessage.GroupAddress, announcement.Destination);
            Assert.AreEqual((int)MdnsMessage.IpTtl, (int)announcement.IpTtl);
        }

        [TestMethod]
        public void AnAnswerForTheNameWhileProbingRenamesToNanotcp2()
        {
            MdnsFixture f = MdnsFixture.Create();
            f.Run(300);
            Assert.AreEqual(MdnsState.Probing, f.Mdns.State);
            f.Peer.SendToGroup(MdnsMessageBuilder.Response().Answer("nanotcp.local", 120, f.Peer.Address).ToArray());
            f.Settle();
            Assert.AreEqual("nanotcp-2.local", f.Mdns.HostName, "RFC 6762 §9: the next name");
            Assert.IsTrue(f.Mdns.Renamed);
            int mark = f.Mark;
            f.Run(4000);
            MdnsPacket probe = (MdnsPacket)f.Peer.Packets[mark];
            Assert.AreEqual(MdnsPacketKind.Probe, probe.Kind, "the new name is probed first");
            Assert.AreEqual("nanotcp-2.local", probe.QuestionName);
            Assert.AreEqual(MdnsState.Announced, f.Mdns.State);
            Assert.AreEqual("nanotcp-2.local", f.Peer.Last.RecordName, "the new name is announced");
            Assert.AreEqual(1, f.Counters.Conflicts);
            Assert.AreEqual(1, f.Counters.Renames);
        }

        [TestMethod]
        public void RepeatedConflictsCountTheSuffixUp()
        {
            MdnsFixture f = MdnsFixture.Create();
            f.Run(300);
            f.Peer.SendToGroup(MdnsMessageBuilder.Response().Answer("nanotcp.local", 120, f.Peer.Address).ToArray());
            f.Settle();
            f.Peer.SendToGroup(MdnsMessageBuilder.Response().Answer("nanotcp-2.local", 120, f.Peer.Address).ToArray());
            f.Settle();
            Assert.AreEqual("nanotcp-3.local", f.Mdns.HostName);
        }

        [TestMethod]
        public void AnAnswerWithOurOwnAddressIsNoConflict()
        {
            MdnsFixture f = MdnsFixture.Create();
            f.Run(300);
            f.Peer.SendToGroup(MdnsMessageBuilder.Response().Answer("nanotcp.local", 120, MdnsFixture.BoardAddress).ToArray());
            f.Settle();
            Assert.AreEqual("nanotcp.local", f.Mdns.HostName);
            Assert.AreEqual(0, f.Counters.Conflicts);
        }

        [TestMethod]
        public void AConflictAfterAnnouncingProbesTheSameNameAgain()
        {
            MdnsFixture f = MdnsFixture.Announced();
            int mark = f.Mark;
            f.Peer.SendToGroup(MdnsMessageBuilder.Response().Answer("nanotcp.local", 120, f.Peer.Address).ToArray());
            f.Settle();
            Assert.AreEqual(MdnsState.Probing, f.Mdns.State, "§9: back to probing");
            Assert.AreEqual("nanotcp.local", f.Mdns.HostName, "the name is kept until a probe meets the conflict");
            f.Run(20);
            MdnsPacket probe = (MdnsPacket)f.Peer.Packets[mark];
            Assert.AreEqual(MdnsPacketKind.Probe, probe.Kind);
            Assert.AreEqual("nanotcp.local", probe.QuestionName);
        }

        [TestMethod]
        public void LosingTheSimultaneousProbeTieBreakWaitsOneSecondThenProbesAgain()
        {
            MdnsFixture f = MdnsFixture.Create();
            f.Run(300);
            int probes = f.Peer.Count(MdnsPacketKind.Probe);
            long lost = f.Net.Clock.Milliseconds;
            // 10.0.0.200 sorts after 10.0.0.1: the other host wins (§8.2).
            f.Peer.SendToGroup(MdnsMessageBuilder.Query().Question("nanotcp.local", MdnsMessage.TypeAny, DnsMessage.ClassInternet)
                .Authority("nanotcp.local", 120, Network.Subnet + 200).ToArray());
            f.Settle();
            f.Run(2000);
            MdnsPacket next = f.Peer.Nth(MdnsPacketKind.Probe, probes);
            Assert.AreEqual(lost + 1000, next.Time, "the probes start over one second later");
            Assert.AreEqual("nanotcp.local", next.QuestionName, "no rename for a lost tie-break");
            Assert.AreEqual(probes + 3, f.Peer.Count(MdnsPacketKind.Probe), "three probes again");
        }

        [TestMethod]
        public void WinningTheSimultaneousProbeTieBreakGoesOn()
        {
            MdnsFixture f = MdnsFixture.Create();
            f.Run(300);
            int probes = f.Peer.Count(MdnsPacketKind.Probe);
            long first = f.Peer.Nth(MdnsPacketKind.Probe, 0).Time;
            f.Peer.SendToGroup(MdnsMessageBuilder.Query().Question("nanotcp.local", MdnsMessage.TypeAny, DnsMessage.ClassInternet)
                .Authority("nanotcp.local", 120, Network.Subnet).ToArray());
            f.Settle();
            f.Run(3000);
            Assert.AreEqual(3, f.Peer.Count(MdnsPacketKind.Probe), "no probe again");
            Assert.AreEqual(first + 750, f.Peer.Nth(MdnsPacketKind.Response, 0).Time);
            Assert.AreEqual(0, f.Counters.Conflicts);
            Assert.IsTrue(probes >= 1);
        }

        [TestMethod]
        public void AnAddressChangeProbesAndAnnouncesTheNewAddress()
        {
            MdnsFixture f = MdnsFixture.Announced();
            uint moved = Network.Subnet + 9;
            f.Board.SetStaticAddress(moved, 24, Network.Subnet + 254);
            int mark = f.Mark;
            f.Run(3000);
            MdnsPacket probe = (MdnsPacket)f.Peer.Packets[mark];
            Assert.AreEqual(MdnsPacketKind.Probe, probe.Kind);
            Assert.AreEqual(moved, probe.RecordAddress);
            Assert.AreEqual(MdnsPacketKind.Response, f.Peer.Last.Kind);
            Assert.AreEqual(moved, f.Peer.Last.RecordAddress, "the new address announced");
            Assert.AreEqual(6, f.Counters.ProbesSent);
            Assert.AreEqual(4, f.Counters.Announcements);
        }

        [TestMethod]
        public void ADhcpLeaseIsProbedAndAnnounced()
        {
            var net = new Network();
            var server = new ScriptedDhcpServer(net);
            var peer = new MdnsPeer(net, 60);
            NetworkStack board = net.AddStack(1, c => { c.UseDhcp = true; c.Mdns.Enabled = true; }, false);
            net.Run(6000, MdnsFixture.Step);
            Assert.AreEqual(ScriptedDhcpServer.Offered, board.LocalAddress, "leased");
            Assert.AreEqual(MdnsState.Announced, board.Mdns.State);
            Assert.AreEqual(3, peer.Count(MdnsPacketKind.Probe));
            Assert.AreEqual(ScriptedDhcpServer.Offered, peer.Nth(MdnsPacketKind.Probe, 0).RecordAddress, "the leased address is probed");
            Assert.AreEqual(ScriptedDhcpServer.Offered, peer.Last.RecordAddress, "and announced");
            Assert.IsTrue(server.Messages.Count >= 2);
        }

        [TestMethod]
        public void NothingIsSentWithoutAnAddress()
        {
            var net = new Network();
            var peer = new MdnsPeer(net, 50);
            NetworkStack board = net.AddStack(1, c => c.Mdns.Enabled = true, false);
            net.Run(3000, MdnsFixture.Step);
            Assert.AreEqual(MdnsState.Waiting, board.Mdns.State);
            Assert.AreEqual(0, peer.Packets.Count);
            board.SetStaticAddress(Network.Subnet + 1, 24, 0);
            net.Run(3000, MdnsFixture.Step);
            Assert.AreEqual(MdnsState.Announced, board.Mdns.State);
        }

        [TestMethod]
        public void StopSendsAGoodbyeWithTtlZeroAndAnswersNothingMore()
        {
            MdnsFixture f = MdnsFixture.Announced();
            f.Mdns.Stop();
            f.Settle();
            MdnsPacket goodbye = f.Peer.Last;
            Assert.AreEqual(MdnsPacketKind.Goodbye, goodbye.Kind);
            Assert.AreEqual(0u, goodbye.RecordTtl);
            Assert.AreEqual("nanotcp.local", goodbye.RecordName);
            Assert.AreEqual(MdnsFixture.BoardAddress, goodbye.RecordAddress);
            Assert.AreEqual(MdnsMessage.GroupAddress, goodbye.Destination);
            Assert.AreEqual(1, f.Counters.Goodbyes);
            int mark = f.Mark;
            f.Run(2000);
            f.AskOnGroup();
            Assert.AreEqual(mark, f.Mark, "silent after the goodbye");
            Assert.AreEqual(MdnsState.Off, f.Mdns.State);
        }

        [TestMethod]
        public void StopWhileProbingSendsNoGoodbye()
        {
            MdnsFixture f = MdnsFixture.Create();
            f.Run(300);
            f.Mdns.Stop();
            f.Settle();
            Assert.AreEqual(0, f.Peer.Count(MdnsPacketKind.Goodbye));
            Assert.AreEqual(0, f.Counters.Goodbyes);
        }

        [TestMethod]
        public void AHostNameThatIsNotALabelIsRefused()
        {
            var net = new Network();
            bool refused = false;
            try
            {
                net.AddStack(1, c => { c.Mdns.Enabled = true; c.Mdns.HostName = "board.example"; });
            }
            catch (System.ArgumentException)
            {
                refused = true;
            }

            Assert.IsTrue(refused, "a dot in the host label is refused");
        }
    }
}
