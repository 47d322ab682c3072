#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using NanoTcp.Mdns;
using NanoTcp.Wire;

namespace NanoTcp.Tests.Mdns
{
    /// <summary>
    /// DNS-SD (RFC 6763) over the responder on a manual clock: "board._http._tcp.local" probed with the host name,
    /// announced with every record, found by PTR (with SRV, TXT and A as additional records) and by the service type
    /// enumeration, known answers suppressed, one-shot queries, a conflict renaming the instance, the goodbye.
    /// </summary>
    [TestClass]
    public class MdnsServiceTests
    {
        private const string Instance = "board._http._tcp.local";
        private const string ServiceType = "_http._tcp.local";
        private const string Enumeration = "_services._dns-sd._udp.local";

        private static byte[] PtrQuery(string name)
        {
            return MdnsMessageBuilder.Query().Question(name, MdnsRecords.TypePtr, DnsMessage.ClassInternet).ToArray();
        }

        private static MdnsRecords LastRecords(MdnsFixture f)
        {
            return new MdnsRecords(f.Peer.Last.Frame);
        }

        [TestMethod]
        public void ProbesAskForTheHostAndTheInstanceAndProposeASrvAndATxtRecord()
        {
            MdnsFixture f = MdnsFixture.CreateWithService();
            f.Run(300);
            Assert.IsTrue(f.Peer.Count(MdnsPacketKind.Probe) >= 1);
            var probe = new MdnsRecords(f.Peer.Nth(MdnsPacketKind.Probe, 0).Frame);
            Assert.AreEqual(2, probe.Questions.Count);
            Assert.AreEqual("nanotcp.local", ((MdnsRecord)probe.Questions[0]).Name);
            Assert.AreEqual(Instance, ((MdnsRecord)probe.Questions[1]).Name);
            Assert.AreEqual(MdnsMessage.TypeAny, ((MdnsRecord)probe.Questions[1]).Type);
            Assert.AreEqual(3, probe.Authorities.Count, "A, SRV and TXT proposed");
            MdnsRecord srv = MdnsRecords.Find(probe.Authorities, Instance, MdnsRecords.TypeSrv);
            Assert.AreEqual((ushort)80, srv.Port);
            Assert.AreEqual("nanotcp.local", srv.Target);
            Assert.IsNotNull(MdnsRecords.Find(probe.Authorities, Instance, MdnsRecords.TypeTxt));
        }

        [TestMethod]
        public void AnnouncementsCarryEveryRecordWithItsTtlAndCacheFlushOnTheUniqueOnes()
        {
            MdnsFixture f = MdnsFixture.AnnouncedWithService();
            Assert.AreEqual(2, f.Peer.Count(MdnsPacketKind.Response), "two announcements");
            var announcement = new MdnsRecords(f.Peer.Nth(MdnsPacketKind.Response, 1).Frame);
            Assert.AreEqual(5, announcement.Answers.Count);
            MdnsRecord a = MdnsRecords.Find(announcement.Answers, "nanotcp.local", DnsMessage.TypeA);
            Assert.AreEqual(MdnsFixture.BoardAddress, a.Address);
            MdnsRecord srv = MdnsRecords.Find(announcement.Answers, Instance, MdnsRecords.TypeSrv);
            Assert.AreEqual((ushort)80, srv.Port);
            Assert.AreEqual("nanotcp.local", srv.Target);
            Assert.AreEqual(120u, srv.Ttl, "a record with a host name: 120 s (RFC 6762 §10)");
            Assert.AreEqual((ushort)0x8001, srv.Class, "unique: cache-flush bit");
            MdnsRecord txt = MdnsRecords.Find(announcement.Answers, Instance, MdnsRecords.TypeTxt);
            Assert.AreEqual("\u0006path=/", txt.Text);
            Assert.AreEqual(4500u, txt.Ttl, "other records: 75 minutes");
            MdnsRecord ptr = MdnsRecords.Find(announcement.Answers, ServiceType, MdnsRecords.TypePtr);
            Assert.AreEqual(Instance, ptr.Target);
            Assert.AreEqual((ushort)1, ptr.Class, "shared: no cache-flush bit");
            Assert.AreEqual(4500u, ptr.Ttl);
            MdnsRecord enumeration = MdnsRecords.Find(announcement.Answers, Enumeration, MdnsRecords.TypePtr);
            Assert.AreEqual(ServiceType, enumeration.Target);
            Assert.AreEqual("board", f.Mdns.ServiceInstance);
            Assert.AreEqual(80, f.Mdns.ServicePort);
        }

        [TestMethod]
        public void PtrQueryIsAnsweredWithTheSrvTxtAndAddressAsAdditionalRecords()
        {
            MdnsFixture f = MdnsFixture.AnnouncedWithService();
            int mark = f.Mark;
            f.Peer.SendToGroup(PtrQuery(ServiceType));
            f.Settle();
            Assert.AreEqual(mark + 1, f.Mark);
            Assert.AreEqual(MdnsMessage.GroupAddress, f.Peer.Last.Destination);
            MdnsRecords response = LastRecords(f);
            Assert.AreEqual(1, response.Answers.Count);
            Assert.AreEqual(Instance, MdnsRecords.Find(response.Answers, ServiceType, MdnsRecords.TypePtr).Target);
            Assert.AreEqual(3, response.Additionals.Count, "RFC 6763 §12.1");
            Assert.IsNotNull(MdnsRecords.Find(response.Additionals, Instance, MdnsRecords.TypeSrv));
            Assert.IsNotNull(MdnsRecords.Find(response.Additionals, Instance, MdnsRecords.TypeTxt));
            Assert.IsNotNull(MdnsRecords.Find(response.Additionals, "nanotcp.local", DnsMessage.TypeA));
            Assert.AreEqual(1, f.Counters.MulticastResponses);
        }

        [TestMethod]
        public void ServiceTypeEnumerationIsAnswered()
        {
            MdnsFixture f = MdnsFixture.AnnouncedWithService();
            f.Peer.SendToGroup(PtrQuery(Enumeration));
            f.Settle();
            MdnsRecords response = LastRecords(f);
            Assert.AreEqual(1, response.Answers.Count);
            Assert.AreEqual(ServiceType, MdnsRecords.Find(response.Answers, Enumeration, MdnsRecords.TypePtr).Target);
            Assert.AreEqual(0, response.Additionals.Count);
        }

        [TestMethod]
        public void KnownPtrAnswerWithHalfItsTtlSuppressesTheResponseAndAnOlderOneDoesNot()
        {
            MdnsFixture f = MdnsFixture.AnnouncedWithService();
            int mark = f.Mark;
            byte[] known = MdnsMessageBuilder.Query().Question(ServiceType, MdnsRecords.TypePtr, DnsMessage.ClassInternet)
                .AnswerRecord(ServiceType, MdnsRecords.TypePtr, 2250, MdnsMessageBuilder.PtrData(Instance)).ToArray();
            f.Peer.SendToGroup(known);
            f.Settle();
            Assert.AreEqual(mark, f.Mark, "suppressed (§7.1)");
            Assert.AreEqual(1, f.Counters.KnownAnswersSuppressed);

            byte[] stale = MdnsMessageBuilder.Query().Question(ServiceType, MdnsRecords.TypePtr, DnsMessage.ClassInternet)
                .AnswerRecord(ServiceType, MdnsRecords.TypePtr, 2249, MdnsMessageBuilder.PtrData(Instance)).ToArray();
            f.Peer.SendToGroup(stale);
            f.Settle();
            Assert.AreEqual(mark + 1, f.Mark, "less than half the TTL left: answered");

            f.Run(1100);
            byte[] other = MdnsMessageBuilder.Query().Question(ServiceType, MdnsRecords.TypePtr, DnsMessage.ClassInternet)
                .AnswerRecord(ServiceType, MdnsRecords.TypePtr, 4500, MdnsMessageBuilder.PtrData("other._http._tcp.local")).ToArray();
            f.Peer.SendToGroup(other);
            f.Settle();
            Assert.AreEqual(mark + 2, f.Mark, "another instance known: ours still answered");
        }

        [TestMethod]
        public void KnownSrvLeavesItOutOfTheAdditionalRecords()
        {
            MdnsFixture f = MdnsFixture.AnnouncedWithService();
            byte[] query = MdnsMessageBuilder.Query().Question(ServiceType, MdnsRecords.TypePtr, DnsMessage.ClassInternet)
                .AnswerRecord(Instance, MdnsRecords.TypeSrv, 120, MdnsMessageBuilder.SrvData(80, "nanotcp.local")).ToArray();
            f.Peer.SendToGroup(query);
            f.Settle();
            MdnsRecords response = LastRecords(f);
            Assert.AreEqual(2, response.Additionals.Count);
            Assert.IsNull(MdnsRecords.Find(response.Additionals, Instance, MdnsRecords.TypeSrv));
        }

        [TestMethod]
        public void EachRecordIsMulticastAtMostOnceASecond()
        {
            MdnsFixture f = MdnsFixture.CreateWithService();
            for (int i = 0; i < 400 && f.Mdns.State != MdnsState.Announced; i++)
            {
                f.Run(MdnsFixture.Step);
            }

            Assert.AreEqual(MdnsState.Announced, f.Mdns.State, "the second announcement just went out");
            int mark = f.Mark;
            f.Peer.SendToGroup(PtrQuery(ServiceType));
            f.Settle();
            Assert.AreEqual(mark, f.Mark, "the PTR record went out in the announcement less than a second ago");
            Assert.AreEqual(1, f.Counters.RateLimited);
            f.Run(1000);
            f.Peer.SendToGroup(PtrQuery(ServiceType));
            f.Settle();
            Assert.AreEqual(mark + 1, f.Mark);
        }

        [TestMethod]
        public void OneShotSrvQueryGetsAUnicastAnswerWithItsIdQuestionAndShortTtls()
        {
            MdnsFixture f = MdnsFixture.AnnouncedWithService();
            byte[] query = new MdnsMessageBuilder(0x4321, 0).Question(Instance, MdnsRecords.TypeSrv, DnsMessage.ClassInternet).ToArray();
            f.Peer.SendToGroup(query, 40000);
            f.Settle();
            MdnsPacket packet = f.Peer.Last;
            Assert.AreEqual((ushort)40000, packet.DestinationPort);
            Assert.AreEqual(f.Peer.Address, packet.Destination);
            Assert.AreEqual((ushort)0x4321, packet.Id);
            MdnsRecords response = LastRecords(f);
            Assert.AreEqual(Instance, ((MdnsRecord)response.Questions[0]).Name);
            Assert.AreEqual(MdnsRecords.TypeSrv, ((MdnsRecord)response.Questions[0]).Type);
            MdnsRecord srv = MdnsRecords.Find(response.Answers, Instance, MdnsRecords.TypeSrv);
            Assert.AreEqual(10u, srv.Ttl);
            Assert.AreEqual((ushort)1, srv.Class, "no cache-flush bit (§6.7)");
            Assert.IsNotNull(MdnsRecords.Find(response.Additionals, "nanotcp.local", DnsMessage.TypeA));
            Assert.AreEqual(1, f.Counters.LegacyResponses);
        }

        [TestMethod]
        public void ConflictingSrvWhileProbingRenamesTheInstanceAndKeepsTheHostName()
        {
            MdnsFixture f = MdnsFixture.CreateWithService();
            f.Run(300);
            Assert.AreEqual(MdnsState.Probing, f.Mdns.State);
            byte[] theirs = MdnsMessageBuilder.Response().AnswerRecord(Instance, MdnsRecords.TypeSrv, 120, MdnsMessageBuilder.SrvData(8080, "other.local")).ToArray();
            f.Peer.SendToGroup(theirs);
            f.Settle();
            Assert.AreEqual("board (2)", f.Mdns.ServiceInstance);
            Assert.IsTrue(f.Mdns.ServiceRenamed);
            Assert.AreEqual(1, f.Counters.ServiceRenames);
            Assert.AreEqual("nanotcp.local", f.Mdns.HostName);
            f.Run(4000);
            Assert.AreEqual(MdnsState.Announced, f.Mdns.State);
            MdnsRecords announcement = LastRecords(f);
            Assert.IsNotNull(MdnsRecords.Find(announcement.Answers, "board (2)._http._tcp.local", MdnsRecords.TypeSrv));
            Assert.AreEqual("board (2)._http._tcp.local", MdnsRecords.Find(announcement.Answers, ServiceType, MdnsRecords.TypePtr).Target);
        }

        [TestMethod]
        public void OurOwnRecordsFromAnotherResponderAreNoConflictButOtherTxtIs()
        {
            MdnsFixture f = MdnsFixture.AnnouncedWithService();
            byte[] same = MdnsMessageBuilder.Response().AnswerRecord(Instance, MdnsRecords.TypeSrv, 120, MdnsMessageBuilder.SrvData(80, "nanotcp.local"))
                .AnswerRecord(ServiceType, MdnsRecords.TypePtr, 4500, MdnsMessageBuilder.PtrData("other._http._tcp.local")).ToArray();
            f.Peer.SendToGroup(same);
            f.Settle();
            Assert.AreEqual(0, f.Counters.Conflicts, "same SRV data, and PTR records are shared");
            byte[] other = MdnsMessageBuilder.Response().AnswerRecord(Instance, MdnsRecords.TypeTxt, 4500, MdnsMessageBuilder.TxtData("path=/x")).ToArray();
            f.Peer.SendToGroup(other);
            f.Settle();
            Assert.AreEqual(1, f.Counters.Conflicts);
            Assert.AreEqual(MdnsState.Probing, f.Mdns.State, "announced: probe the same names again");
            Assert.AreEqual("board", f.Mdns.ServiceInstance);
        }

        [TestMethod]
        public void GoodbyeSendsEveryRecordWithTtlZero()
        {
            MdnsFixture f = MdnsFixture.AnnouncedWithService();
            f.Mdns.Stop();
            f.Settle();
            Assert.AreEqual(MdnsPacketKind.Goodbye, f.Peer.Last.Kind);
            MdnsRecords goodbye = LastRecords(f);
            Assert.AreEqual(5, goodbye.Answers.Count);
            foreach (MdnsRecord record in goodbye.Answers)
            {
                Assert.AreEqual(0u, record.Ttl, record.Name);
            }
        }

        [TestMethod]
        public void MalformedServiceRecordsAreDroppedAndCounted()
        {
            MdnsFixture f = MdnsFixture.AnnouncedWithService();
            int mark = f.Mark;
            byte[] shortSrv = MdnsMessageBuilder.Query().Question(ServiceType, MdnsRecords.TypePtr, DnsMessage.ClassInternet)
                .AnswerRecord(Instance, MdnsRecords.TypeSrv, 120, new byte[] { 0, 0, 0, 0, 0, 80 }).ToArray();
            f.Peer.SendToGroup(shortSrv);
            f.Settle();
            Assert.AreEqual(1, f.Counters.DroppedMalformed, "an SRV record shorter than its fixed fields and a name");

            byte[] loop = MdnsMessageBuilder.Query().Question(ServiceType, MdnsRecords.TypePtr, DnsMessage.ClassInternet)
                .AnswerRecord(ServiceType, MdnsRecords.TypePtr, 4500, new byte[] { 0xC0, 0xFF }).ToArray();
            f.Peer.SendToGroup(loop);
            f.Settle();
            Assert.AreEqual(1, f.Counters.DroppedBadName, "a PTR whose target points out of the message");
            Assert.AreEqual(mark, f.Mark, "neither was answered");
            Assert.AreEqual(0, f.Counters.QueriesAnswered);
        }

        [TestMethod]
        public void RandomDamageToAServiceQueryIsDroppedOnceOrUsedNeverThrown()
        {
            MdnsFixture f = MdnsFixture.AnnouncedWithService();
            byte[] good = MdnsMessageBuilder.Query().Question(ServiceType, MdnsRecords.TypePtr, DnsMessage.ClassInternet)
                .Question(Instance, MdnsMessage.TypeAny, DnsMessage.ClassInternet)
                .AnswerRecord(ServiceType, MdnsRecords.TypePtr, 4500, MdnsMessageBuilder.PtrData("other._http._tcp.local"))
                .AuthorityRecord(Instance, MdnsRecords.TypeSrv, 120, MdnsMessageBuilder.SrvData(80, "nanotcp.local"))
                .AuthorityRecord(Instance, MdnsRecords.TypeTxt, 4500, MdnsMessageBuilder.TxtData("path=/")).ToArray();
            var random = new System.Random(11);
            int dropped = 0;
            for (int i = 0; i < 300; i++)
            {
                byte[] bad = new byte[good.Length - (i % 3 == 0 ? random.Next(good.Length) : 0)];
                System.Array.Copy(good, bad, bad.Length);
                for (int k = 1 + random.Next(4); k > 0 && bad.Length > 0; k--)
                {
                    bad[random.Next(bad.Length)] = (byte)random.Next(256);
                }

                int before = f.Counters.Dropped;
                f.Peer.SendToGroup(bad);
                f.Settle();
                int added = f.Counters.Dropped - before;
                Assert.IsTrue(added == 0 || added == 1, "a message counts once at most");
                dropped += added;
                f.Run(300);
            }

            Assert.AreEqual(0, f.Board.Drops.Get(DropReason.HandlerFault), "never thrown");
            Assert.IsTrue(dropped > 50, "most damaged messages are dropped: " + dropped.ToString());
            f.Run(6000); // a damaged response may have looked like a conflict: let probing and announcing end
            Assert.AreEqual(MdnsState.Announced, f.Mdns.State);
            int mark = f.Mark;
            f.Peer.SendToGroup(PtrQuery(ServiceType));
            f.Settle();
            Assert.IsTrue(f.Mark > mark, "a good query is still answered");
        }

        [TestMethod]
        public void WithoutAServiceTheServiceNamesAreNotAnswered()
        {
            MdnsFixture f = MdnsFixture.Announced();
            int mark = f.Mark;
            f.Peer.SendToGroup(PtrQuery(ServiceType));
            f.Settle();
            Assert.AreEqual(mark, f.Mark);
            Assert.IsNull(f.Mdns.ServiceInstance);
        }
    }
}
