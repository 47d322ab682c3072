#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using NanoTcp.Dns;
using NanoTcp.Tests.Dhcp;
using NanoTcp.Tests.Ipv4;
using NanoTcp.Wire;

namespace NanoTcp.Tests.Dns
{
    [TestClass]
    public class DnsClientTests
    {
        private static readonly uint Board = Network.Subnet + 80;
        private static readonly uint Other = Network.Subnet + 81;

        private sealed class Fixture
        {
            public Network Net;
            public NetworkStack Client;
            public ScriptedDnsServer First;
            public ScriptedDnsServer Second;

            public DnsClient Dns => Client.Dns;

            public DnsCounters Counters => Client.Dns.Counters;

            /// <summary>Begins a query and lets the wire settle (the query goes out at the next poll).</summary>
            public int Ask(string name)
            {
                int query = Dns.BeginQuery(name);
                Assert.IsTrue(query >= 0, "a free query slot");
                Net.Settle();
                return query;
            }
        }

        private static Fixture Setup()
        {
            var net = new Network();
            var fixture = new Fixture { Net = net };
            fixture.First = new ScriptedDnsServer(net, 53);
            fixture.Second = new ScriptedDnsServer(net, 54);
            fixture.Client = net.AddStack(1, c => c.Dns.Servers = new uint[] { Network.Subnet + 53, Network.Subnet + 54 });
            fixture.First.AddA("board.example", Board, 300);
            return fixture;
        }

        [TestMethod]
        public void AnAnswerGivesTheAddress()
        {
            Fixture f = Setup();
            int query = f.Ask("board.example");
            Assert.AreEqual(DnsQueryState.Answered, f.Dns.State(query));
            Assert.AreEqual(Board, f.Dns.Address(query));
            Assert.AreEqual(1, f.Counters.QueriesSent);
            Assert.AreEqual(1, f.Counters.Answers);
            Assert.AreEqual(0, f.Counters.Dropped);
            f.Dns.EndQuery(query);
            Assert.AreEqual(DnsQueryState.None, f.Dns.State(query), "an ended handle is no query");
        }

        [TestMethod]
        public void TheQueryAsksForTheARecordWithRecursionFromAnEphemeralPortToTheFirstServer()
        {
            Fixture f = Setup();
            f.Ask("Board.Example.");
            Assert.AreEqual(1, f.First.Queries.Count);
            Assert.AreEqual(0, f.Second.Queries.Count);
            ScriptedDnsServer.Query q = f.First.LastQuery;
            Assert.AreEqual("Board.Example", q.Name, "the name as given, without the final dot");
            Assert.AreEqual(DnsMessage.TypeA, q.Type);
            Assert.AreEqual(DnsMessage.ClassInternet, q.Class);
            Assert.AreEqual(DnsMessage.FlagRecursionDesired, q.Flags);
            Assert.IsTrue(q.SourcePort >= 49152, "source port from the dynamic range, was " + q.SourcePort.ToString());
        }

        [TestMethod]
        public void EachQueryHasItsOwnPortAndTransactionId()
        {
            Fixture f = Setup();
            f.First.AddA("other.example", Other, 300);
            f.First.AddA("warm.example", Other, 300);
            f.Dns.EndQuery(f.Ask("warm.example")); // resolves the server's MAC, so two queries in one poll both go out
            int a = f.Dns.BeginQuery("board.example");
            int b = f.Dns.BeginQuery("other.example");
            f.Net.Settle();
            Assert.AreEqual(Board, f.Dns.Address(a));
            Assert.AreEqual(Other, f.Dns.Address(b));
            var first = (ScriptedDnsServer.Query)f.First.Queries[1];
            var second = (ScriptedDnsServer.Query)f.First.Queries[2];
            Assert.AreNotEqual(first.SourcePort, second.SourcePort);
            Assert.AreNotEqual(first.Id, second.Id);
            Assert.IsFalse(f.Client.Udp.IsBound(first.SourcePort), "the port is released with the answer");
        }

        [TestMethod]
        public void ACnameChainInTheAnswerIsFollowedToTheAddress()
        {
            Fixture f = Setup();
            f.First.AddCname("www.example", "alias.example", 300);
            f.First.AddCname("alias.example", "board.example", 300);
            int query = f.Ask("www.example");
            Assert.AreEqual(DnsQueryState.Answered, f.Dns.State(query));
            Assert.AreEqual(Board, f.Dns.Address(query));
            Assert.AreEqual(2, f.Counters.CnamesFollowed);
            Assert.AreEqual(1, f.Counters.QueriesSent);
        }

        [TestMethod]
        public void ACnameWithoutItsTargetIsAskedAgainUnderTheTargetName()
        {
            Fixture f = Setup();
            f.First.ChainInAnswer = false;
            f.First.AddCname("www.example", "board.example", 300);
            int query = f.Ask("www.example");
            Assert.AreEqual(Board, f.Dns.Address(query));
            Assert.AreEqual(2, f.First.Queries.Count);
            Assert.AreEqual("board.example", f.First.LastQuery.Name);
        }

        [TestMethod]
        public void ACnameLoopEndsWithoutAnAddress()
        {
            Fixture f = Setup();
            f.First.AddCname("a.example", "b.example", 300);
            f.First.AddCname("b.example", "a.example", 300);
            int query = f.Ask("a.example");
            Assert.AreEqual(DnsQueryState.NoAddress, f.Dns.State(query));
            Assert.AreEqual(new DnsConfiguration().MaxCnameChain, f.Counters.CnamesFollowed, "bounded by MaxCnameChain");
        }

        [TestMethod]
        public void NxDomainEndsAsANameError()
        {
            Fixture f = Setup();
            f.First.AddNameError("missing.example");
            int query = f.Ask("missing.example");
            Assert.AreEqual(DnsQueryState.NameError, f.Dns.State(query));
            Assert.AreEqual(0u, f.Dns.Address(query));
            Assert.AreEqual(1, f.Counters.NameErrors);
            Assert.AreEqual(0, f.Second.Queries.Count, "a name error is final: no other server is asked");
        }

        [TestMethod]
        public void AServerFailureMovesToTheNextServerAtOnce()
        {
            Fixture f = Setup();
            f.First.ResponseCode = DnsMessage.ResponseServerFailure;
            f.Second.AddA("board.example", Board, 300);
            int query = f.Ask("board.example");
            Assert.AreEqual(Board, f.Dns.Address(query));
            Assert.AreEqual(1, f.Counters.ServerFailures);
            Assert.AreEqual(f.First.LastQuery.Time, f.Second.LastQuery.Time, "no wait after a failure");
        }

        [TestMethod]
        public void SilentServersAreAskedInTurnWithTheWaitDoubledEachRoundThenTheQueryTimesOut()
        {
            Fixture f = Setup();
            f.First.Silent = true;
            f.Second.Silent = true;
            long start = f.Net.Clock.Milliseconds;
            int query = f.Ask("board.example");
            f.Net.Run(5900);
            Assert.AreEqual(DnsQueryState.Pending, f.Dns.State(query));
            Assert.AreEqual(2, f.First.Queries.Count);
            Assert.AreEqual(2, f.Second.Queries.Count);
            Assert.AreEqual(start, ((ScriptedDnsServer.Query)f.First.Queries[0]).Time);
            Assert.AreEqual(start + 1000, ((ScriptedDnsServer.Query)f.Second.Queries[0]).Time, "second server after 1 s");
            Assert.AreEqual(start + 2000, ((ScriptedDnsServer.Query)f.First.Queries[1]).Time, "second round: first server again");
            Assert.AreEqual(start + 4000, ((ScriptedDnsServer.Query)f.Second.Queries[1]).Time, "2 s wait in the second round");
            Assert.AreNotEqual(((ScriptedDnsServer.Query)f.First.Queries[0]).Id, ((ScriptedDnsServer.Query)f.First.Queries[1]).Id, "a new ID per attempt");
            f.Net.Run(200);
            Assert.AreEqual(DnsQueryState.TimedOut, f.Dns.State(query), "given up 2 s after the fourth attempt, 6 s after the first");
            Assert.AreEqual(4, f.Counters.QueriesSent);
            Assert.AreEqual(3, f.Counters.Retransmissions);
            Assert.AreEqual(1, f.Counters.TimedOut);
        }

        [TestMethod]
        public void WhileAQueryWaitsPollReturnsItsDeadline()
        {
            Fixture f = Setup();
            f.First.Silent = true;
            long start = f.Net.Clock.Milliseconds;
            f.Ask("board.example");
            Assert.AreEqual(start + 1000, f.Client.Poll());
        }

        [TestMethod]
        public void ASilentFirstServerIsReplacedByTheSecond()
        {
            Fixture f = Setup();
            f.First.Silent = true;
            f.Second.AddA("board.example", Board, 300);
            int query = f.Ask("board.example");
            f.Net.Run(1000);
            Assert.AreEqual(Board, f.Dns.Address(query));
            Assert.AreEqual(1, f.Counters.Retransmissions);
        }

        [TestMethod]
        public void ServersComeFromDhcpOption6WhenNoneAreConfigured()
        {
            var net = new Network();
            new ScriptedDhcpServer(net);
            var first = new ScriptedDnsServer(net, 53);
            var second = new ScriptedDnsServer(net, 54);
            first.Silent = true;
            second.AddA("board.example", Board, 300);
            NetworkStack client = net.AddStack(1, c => c.UseDhcp = true, address: false);
            net.Settle();
            net.Run(1000);
            Assert.AreEqual(2, client.Dhcp.DomainNameServerCount);
            Assert.AreEqual(2, client.Dns.ServerCount);
            Assert.AreEqual(Network.Subnet + 54, client.Dns.Server(1));
            int query = client.Dns.BeginQuery("board.example");
            net.Settle();
            net.Run(1000);
            Assert.AreEqual(Board, client.Dns.Address(query));
            Assert.AreEqual(1, first.Queries.Count);
        }

        [TestMethod]
        public void WithoutAnyServerTheQueryTimesOutAtOnce()
        {
            var net = new Network();
            NetworkStack client = net.AddStack(1);
            int query = client.Dns.BeginQuery("board.example");
            net.Settle();
            Assert.AreEqual(DnsQueryState.TimedOut, client.Dns.State(query));
        }

        [TestMethod]
        public void AnAnswerIsServedFromTheCacheUntilItsTtlEnds()
        {
            Fixture f = Setup();
            f.First.AddA("short.example", Other, 60);
            f.Dns.EndQuery(f.Ask("short.example"));
            f.Net.Run(59_000, 1000);
            int cached = f.Ask("short.example");
            Assert.AreEqual(Other, f.Dns.Address(cached));
            Assert.AreEqual(1, f.First.Queries.Count, "answered from the cache");
            Assert.AreEqual(1, f.Counters.CacheHits);
            Assert.AreEqual(1, f.Dns.CacheCount);
            f.Dns.EndQuery(cached);
            f.Net.Run(1000);
            Assert.AreEqual(0, f.Dns.CacheCount, "expired after 60 s");
            int fresh = f.Ask("SHORT.example");
            Assert.AreEqual(Other, f.Dns.Address(fresh));
            Assert.AreEqual(2, f.First.Queries.Count, "asked again after the TTL");
        }

        [TestMethod]
        public void TheShortestTtlOfTheChainLimitsTheCache()
        {
            Fixture f = Setup();
            f.First.AddCname("www.example", "board.example", 5);
            f.Dns.EndQuery(f.Ask("www.example"));
            f.Net.Run(5000);
            f.Dns.EndQuery(f.Ask("www.example"));
            Assert.AreEqual(2, f.First.Queries.Count, "the CNAME's 5 s TTL, not the A record's 300 s");
        }

        [TestMethod]
        public void AZeroTtlAnswerIsNotCached()
        {
            Fixture f = Setup();
            f.First.AddA("zero.example", Other, 0);
            f.Dns.EndQuery(f.Ask("zero.example"));
            int again = f.Ask("zero.example");
            Assert.AreEqual(Other, f.Dns.Address(again));
            Assert.AreEqual(2, f.First.Queries.Count);
            Assert.AreEqual(0, f.Counters.CacheHits);
        }

        [TestMethod]
        public void AFullCacheReplacesTheEntryClosestToExpiry()
        {
            var net = new Network();
            var server = new ScriptedDnsServer(net, 53);
            NetworkStack client = net.AddStack(1, c =>
            {
                c.Dns.Servers = new uint[] { Network.Subnet + 53 };
                c.Dns.CacheEntries = 2;
            });
            server.AddA("a.example", Board, 100);
            server.AddA("b.example", Board, 50);
            server.AddA("c.example", Board, 200);
            foreach (string name in new string[] { "a.example", "b.example", "c.example", "a.example", "b.example" })
            {
                int query = client.Dns.BeginQuery(name);
                net.Settle();
                client.Dns.EndQuery(query);
            }

            Assert.AreEqual(4, server.Queries.Count, "b (50 s) made way for c; a stayed");
            Assert.AreEqual("b.example", ((ScriptedDnsServer.Query)server.Queries[3]).Name);
        }

        [TestMethod]
        public void QueriesBeyondTheSlotsAreRefusedWithoutThrowing()
        {
            Fixture f = Setup();
            f.First.Silent = true;
            Assert.IsTrue(f.Dns.BeginQuery("a.example") >= 0);
            Assert.IsTrue(f.Dns.BeginQuery("b.example") >= 0);
            Assert.AreEqual(-1, f.Dns.BeginQuery("c.example"));
        }

        [TestMethod]
        public void ANameThatIsNoHostNameIsRefused()
        {
            Fixture f = Setup();
            string[] bad = { "", ".", "a..b", "bad name", "x." + new string('a', 64), null };
            foreach (string name in bad)
            {
                bool thrown = false;
                try
                {
                    f.Dns.BeginQuery(name);
                }
                catch (System.ArgumentException)
                {
                    thrown = true;
                }

                Assert.IsTrue(thrown, "refused: " + (name == null ? "null" : name));
            }
        }

        [TestMethod]
        public void ResolveReturnsACachedAddressWithoutWaiting()
        {
            Fixture f = Setup();
            f.Dns.EndQuery(f.Ask("board.example"));
            Assert.AreEqual(Board, f.Dns.Resolve("board.example", 0));
        }

        [TestMethod]
        public void ResolveGivesUpAtItsTimeOutAndFreesTheSlot()
        {
            Fixture f = Setup();
            DnsQueryState state = DnsQueryState.None;
            try
            {
                f.Dns.Resolve("board.example", 0);
            }
            catch (DnsException e)
            {
                state = e.State;
            }

            Assert.AreEqual(DnsQueryState.TimedOut, state, "nothing polls the stack while the test thread waits 0 ms");
            Assert.IsTrue(f.Dns.BeginQuery("a.example") >= 0);
            Assert.IsTrue(f.Dns.BeginQuery("b.example") >= 0, "both slots free again");
        }
    }
}
