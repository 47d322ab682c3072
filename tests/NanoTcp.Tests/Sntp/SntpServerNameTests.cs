#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using NanoTcp.Sntp;
using NanoTcp.Tests.Dns;
using NanoTcp.Tests.Ipv4;

namespace NanoTcp.Tests.Sntp
{
    /// <summary>
    /// The SNTP server given by name (<see cref="SntpConfiguration.ServerName"/>), resolved through the stack's DNS
    /// client before each request, on a manual clock: the first request, a name that moves after its TTL, a name that
    /// does not exist, and a DNS server that does not answer (the DNS client's retries, then the SNTP back-off).
    /// </summary>
    [TestClass]
    public class SntpServerNameTests
    {
        private const string Name = "time.example.net";
        private const int Poll = 64;
        private const int Retry = 16;

        private sealed class Fixture
        {
            public Network Net;
            public NetworkStack Client;
            public ScriptedDnsServer Dns;
            public ScriptedNtpServer First;
            public ScriptedNtpServer Second;

            public SntpClient Sntp => Client.Sntp;

            public void RunUntil(long time)
            {
                while (Net.Clock.Milliseconds < time)
                {
                    long step = time - Net.Clock.Milliseconds;
                    Net.Clock.Advance(step > 100 ? 100 : step);
                    Net.Settle();
                }
            }
        }

        private static Fixture Setup()
        {
            var net = new Network();
            var f = new Fixture { Net = net };
            f.Dns = new ScriptedDnsServer(net, 53);
            f.First = new ScriptedNtpServer(net, 123);
            f.Second = new ScriptedNtpServer(net, 124);
            f.Client = net.AddStack(1, c =>
            {
                c.Dns.Servers = new uint[] { f.Dns.Address };
                c.Sntp.ServerName = Name;
                c.Sntp.PollIntervalSeconds = Poll;
                c.Sntp.RetryIntervalSeconds = Retry;
                c.Sntp.MaxPollIntervalSeconds = 4 * Poll;
            });
            return f;
        }

        [TestMethod]
        public void TheNameIsResolvedThroughDnsThenTheServerIsAsked()
        {
            Fixture f = Setup();
            f.Dns.AddA(Name, f.First.Address, 3600);
            f.Net.Settle();
            Assert.AreEqual(1, f.Dns.Queries.Count, "one DNS query");
            Assert.AreEqual(Name, f.Dns.LastQuery.Name);
            Assert.AreEqual(1, f.First.Requests.Count, "then the request to the address it named");
            Assert.IsTrue(f.Sntp.IsSynchronized);
            Assert.AreEqual(f.First.Address, f.Sntp.Server);
            Assert.AreEqual(0, f.Sntp.Counters.NameNotResolved);

            f.RunUntil(f.Net.Clock.Milliseconds + Poll * 1000 + 100);
            Assert.AreEqual(2, f.First.Requests.Count, "the next poll");
            Assert.AreEqual(1, f.Dns.Queries.Count, "answered from the DNS cache within its TTL");
        }

        [TestMethod]
        public void ANameThatMovesIsFollowedOnceItsTtlRunsOut()
        {
            Fixture f = Setup();
            f.Dns.AddA(Name, f.First.Address, 30);
            f.Net.Settle();
            Assert.AreEqual(1, f.First.Requests.Count);
            f.Dns.Clear();
            f.Dns.AddA(Name, f.Second.Address, 30);
            f.RunUntil(f.Net.Clock.Milliseconds + Poll * 1000 + 100);
            Assert.AreEqual(2, f.Dns.Queries.Count, "the cached answer expired: asked again");
            Assert.AreEqual(1, f.First.Requests.Count);
            Assert.AreEqual(1, f.Second.Requests.Count, "the request goes to the new address");
            Assert.AreEqual(f.Second.Address, f.Sntp.Server);
        }

        [TestMethod]
        public void ANameThatDoesNotExistBacksOffLikeAnUnansweredRequest()
        {
            Fixture f = Setup();
            f.Dns.AddNameError(Name);
            long start = f.Net.Clock.Milliseconds;
            f.Net.Settle();
            Assert.AreEqual(1, f.Sntp.Counters.NameNotResolved);
            Assert.AreEqual(0, f.First.Requests.Count + f.Second.Requests.Count);
            Assert.AreEqual(0, f.Sntp.Counters.RequestsSent);
            Assert.AreEqual(start + Retry * 1000, f.Sntp.NextRequestAt, "first back-off: the retry interval");
            Assert.IsFalse(f.Sntp.IsSynchronized);

            f.RunUntil(start + Retry * 1000 + 100);
            Assert.AreEqual(2, f.Dns.Queries.Count, "asked again after the back-off (a name error is not cached)");
            Assert.AreEqual(2, f.Sntp.Counters.NameNotResolved);
            Assert.AreEqual(start + Retry * 1000 + 2 * Retry * 1000, f.Sntp.NextRequestAt, "the wait doubles");

            f.Dns.Clear();
            f.Dns.AddA(Name, f.First.Address, 3600);
            f.RunUntil(start + 3 * Retry * 1000 + 100);
            Assert.AreEqual(1, f.First.Requests.Count, "the name exists now");
            Assert.IsTrue(f.Sntp.IsSynchronized);
        }

        [TestMethod]
        public void ASilentDnsServerIsRetriedByTheDnsClientBeforeTheNameCountsAsUnresolved()
        {
            Fixture f = Setup();
            f.Dns.AddA(Name, f.First.Address, 3600);
            f.Dns.Silent = true;
            f.Net.Settle();
            Assert.AreEqual(1, f.Dns.Queries.Count);
            f.RunUntil(f.Net.Clock.Milliseconds + 16000);
            Assert.AreEqual(4, f.Dns.Queries.Count, "the DNS client's four attempts");
            Assert.AreEqual(1, f.Sntp.Counters.NameNotResolved, "then one failure for SNTP");
            Assert.AreEqual(0, f.Sntp.Counters.RequestsSent);
        }
    }
}
