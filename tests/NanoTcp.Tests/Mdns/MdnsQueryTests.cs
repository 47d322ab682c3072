#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using NanoTcp.Mdns;
using NanoTcp.Tests.Ipv4;
using NanoTcp.Wire;

namespace NanoTcp.Tests.Mdns
{
    /// <summary>Answering queries for the name (RFC 6762 §5, §6, §7.1) and the multicast plumbing under it.</summary>
    [TestClass]
    public class MdnsQueryTests
    {
        [TestMethod]
        public void AContinuousQueryIsAnsweredOnTheGroup()
        {
            MdnsFixture f = MdnsFixture.Announced();
            int mark = f.Mark;
            f.AskOnGroup();
            Assert.AreEqual(mark + 1, f.Mark, "one answer");
            MdnsPacket answer = f.Peer.Last;
            Assert.AreEqual(MdnsPacketKind.Response, answer.Kind);
            Assert.AreEqual(MdnsMessage.GroupAddress, answer.Destination);
            Assert.IsTrue(Bytes.Equal(answer.DestinationMac, 0, MdnsPeer.GroupMac, 0, 6));
            Assert.AreEqual(MdnsMessage.Port, answer.DestinationPort);
            Assert.AreEqual((int)MdnsMessage.IpTtl, (int)answer.IpTtl);
            Assert.AreEqual("nanotcp.local", answer.RecordName);
            Assert.AreEqual(MdnsFixture.BoardAddress, answer.RecordAddress);
            Assert.AreEqual(120u, answer.RecordTtl);
            Assert.AreEqual(1, f.Counters.MulticastResponses);
        }

        [TestMethod]
        public void TheNameIsMatchedWithoutCase()
        {
            MdnsFixture f = MdnsFixture.Announced();
            int mark = f.Mark;
            f.Peer.SendToGroup(MdnsFixture.QueryFor("NanoTCP.Local"));
            f.Settle();
            Assert.AreEqual(mark + 1, f.Mark);
        }

        [TestMethod]
        public void AQueryOfTypeAnyIsAnswered()
        {
            MdnsFixture f = MdnsFixture.Announced();
            int mark = f.Mark;
            f.Peer.SendToGroup(MdnsMessageBuilder.Query().Question("nanotcp.local", MdnsMessage.TypeAny, DnsMessage.ClassInternet).ToArray());
            f.Settle();
            Assert.AreEqual(mark + 1, f.Mark);
        }

        [TestMethod]
        public void AQueryForAnotherNameOrTypeIsNotAnswered()
        {
            MdnsFixture f = MdnsFixture.Announced();
            int mark = f.Mark;
            f.Peer.SendToGroup(MdnsFixture.QueryFor("other.local"));
            f.Peer.SendToGroup(MdnsMessageBuilder.Query().Question("nanotcp.local", 28, DnsMessage.ClassInternet).ToArray());
            f.Settle();
            Assert.AreEqual(mark, f.Mark);
            Assert.AreEqual(0, f.Counters.QueriesAnswered);
        }

        [TestMethod]
        public void AQueryWhileProbingIsNotAnswered()
        {
            MdnsFixture f = MdnsFixture.Create();
            f.Run(1300);
            int responses = f.Peer.Count(MdnsPacketKind.Response);
            f.AskOnGroup();
            Assert.AreEqual(responses, f.Peer.Count(MdnsPacketKind.Response), "the name is not ours yet");
        }

        [TestMethod]
        public void AOneShotQueryFromAnotherPortIsAnsweredByUnicastWithItsIdAndQuestion()
        {
            MdnsFixture f = MdnsFixture.Announced();
            byte[] query = new MdnsMessageBuilder(0x1234, 0).Question("nanotcp.local", DnsMessage.TypeA, DnsMessage.ClassInternet).ToArray();
            f.Peer.SendToGroup(query, 40000);
            f.Run(100);
            MdnsPacket answer = f.Peer.Last;
            Assert.AreEqual(f.Peer.Address, answer.Destination, "unicast to the asker");
            Assert.AreEqual(40000, (int)answer.DestinationPort, "to the asker's port");
            Assert.AreEqual(0x1234, (int)answer.Id, "§6.7: the query's ID");
            Assert.AreEqual(1, answer.Questions, "§6.7: the question repeated");
            Assert.AreEqual("nanotcp.local", answer.QuestionName);
            Assert.AreEqual((int)DnsMessage.TypeA, (int)answer.QuestionType);
            Assert.AreEqual((int)DnsMessage.ClassInternet, (int)answer.RecordClass, "no cache-flush bit");
            Assert.AreEqual(10u, answer.RecordTtl, "TTL at most 10 s");
            Assert.AreEqual(MdnsFixture.BoardAddress, answer.RecordAddress);
            Assert.AreEqual(1, f.Counters.LegacyResponses);
        }

        [TestMethod]
        public void AQuestionWithTheUnicastBitIsAnsweredToTheAskersPort5353()
        {
            MdnsFixture f = MdnsFixture.Announced();
            f.Peer.SendToGroup(MdnsMessageBuilder.Query().Question("nanotcp.local", DnsMessage.TypeA, DnsMessage.ClassInternet | MdnsMessage.ClassUnicastResponse).ToArray());
            f.Run(100);
            MdnsPacket answer = f.Peer.Last;
            Assert.AreEqual(MdnsPacketKind.Response, answer.Kind);
            Assert.AreEqual(f.Peer.Address, answer.Destination, "§5.4: unicast");
            Assert.AreEqual(MdnsMessage.Port, answer.DestinationPort);
            Assert.AreEqual(0, (int)answer.Id);
            Assert.AreEqual(1, f.Counters.UnicastResponses);
            Assert.AreEqual(0, f.Counters.MulticastResponses);
        }

        [TestMethod]
        public void AQuerySentToOurAddressIsAnsweredByUnicast()
        {
            MdnsFixture f = MdnsFixture.Announced();
            byte[] boardMac = Frames.Mac(1);
            f.Peer.SendTo(boardMac, MdnsFixture.BoardAddress, MdnsFixture.QueryFor("nanotcp.local"));
            f.Run(100);
            Assert.AreEqual(f.Peer.Address, f.Peer.Last.Destination, "§5.5");
            Assert.AreEqual(1, f.Counters.UnicastResponses);
        }

        [TestMethod]
        public void AKnownAnswerWithAtLeastHalfTheTtlSuppressesTheAnswer()
        {
            MdnsFixture f = MdnsFixture.Announced();
            int mark = f.Mark;
            f.Peer.SendToGroup(MdnsMessageBuilder.Query().Question("nanotcp.local", DnsMessage.TypeA, DnsMessage.ClassInternet)
                .Answer("nanotcp.local", 60, MdnsFixture.BoardAddress).ToArray());
            f.Settle();
            Assert.AreEqual(mark, f.Mark, "§7.1: nothing sent");
            Assert.AreEqual(1, f.Counters.KnownAnswersSuppressed);
        }

        [TestMethod]
        public void AKnownAnswerWithLessThanHalfTheTtlIsAnsweredAgain()
        {
            MdnsFixture f = MdnsFixture.Announced();
            int mark = f.Mark;
            f.Peer.SendToGroup(MdnsMessageBuilder.Query().Question("nanotcp.local", DnsMessage.TypeA, DnsMessage.ClassInternet)
                .Answer("nanotcp.local", 59, MdnsFixture.BoardAddress).ToArray());
            f.Settle();
            Assert.AreEqual(mark + 1, f.Mark);
            Assert.AreEqual(0, f.Counters.KnownAnswersSuppressed);
        }

        [TestMethod]
        public void AKnownAnswerWithAnotherAddressDoesNotSuppress()
        {
            MdnsFixture f = MdnsFixture.Announced();
            int mark = f.Mark;
            f.Peer.SendToGroup(MdnsMessageBuilder.Query().Question("nanotcp.local", DnsMessage.TypeA, DnsMessage.ClassInternet)
                .Answer("nanotcp.local", 120, Network.Subnet + 77).ToArray());
            f.Settle();
            Assert.AreEqual(mark + 1, f.Mark);
        }

        [TestMethod]
        public void TheAnswerIsMulticastAtMostOncePerSecond()
        {
            MdnsFixture f = MdnsFixture.Announced();
            int mark = f.Mark;
            f.AskOnGroup();
            f.Run(500);
            f.AskOnGroup();
            Assert.AreEqual(mark + 1, f.Mark, "§6: the second query within a second is not answered");
            Assert.AreEqual(1, f.Counters.RateLimited);
            f.Run(600);
            f.AskOnGroup();
            Assert.AreEqual(mark + 2, f.Mark, "answered again after a second");
        }

        [TestMethod]
        public void AnotherHostsProbeForTheNameIsAnsweredOnTheGroupToDefendIt()
        {
            MdnsFixture f = MdnsFixture.Announced();
            int mark = f.Mark;
            f.Peer.SendToGroup(MdnsMessageBuilder.Query().Question("nanotcp.local", MdnsMessage.TypeAny, DnsMessage.ClassInternet | MdnsMessage.ClassUnicastResponse)
                .Authority("nanotcp.local", 120, f.Peer.Address).ToArray());
            f.Settle();
            Assert.AreEqual(mark + 1, f.Mark);
            Assert.AreEqual(MdnsMessage.GroupAddress, f.Peer.Last.Destination, "a defence is multicast");
            Assert.AreEqual(MdnsState.Announced, f.Mdns.State, "a probe is no conflict for an announced name");
        }

        [TestMethod]
        public void AGroupFrameOfAnotherGroupIsNotForUs()
        {
            MdnsFixture f = MdnsFixture.Announced();
            byte[] otherGroupMac = { 0x01, 0x00, 0x5E, 0x00, 0x00, 0xFC };
            int before = f.Board.Drops.Get(DropReason.EthernetNotForUs);
            f.Peer.SendFrame(Frames.Udp(otherGroupMac, f.Peer.Mac, f.Peer.Address, 0xE00000FC, MdnsMessage.Port, MdnsMessage.Port, MdnsFixture.QueryFor("nanotcp.local")));
            f.Settle();
            Assert.AreEqual(before + 1, f.Board.Drops.Get(DropReason.EthernetNotForUs));
        }

        [TestMethod]
        public void AStackWithoutMdnsDropsTheGroupsFrames()
        {
            var net = new Network();
            var peer = new MdnsPeer(net, 50);
            NetworkStack board = net.AddStack(1);
            net.Settle();
            peer.SendToGroup(MdnsFixture.QueryFor("nanotcp.local"));
            net.Settle();
            Assert.AreEqual(1, board.Drops.Get(DropReason.EthernetNotForUs));
            Assert.IsNull(board.Mdns);
        }
    }
}
