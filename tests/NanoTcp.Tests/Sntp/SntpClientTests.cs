#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using NanoTcp.Sntp;
using NanoTcp.Tests.Dhcp;
using NanoTcp.Tests.Ipv4;
using NanoTcp.Wire;

namespace NanoTcp.Tests.Sntp
{
    [TestClass]
    public class SntpClientTests
    {
        private const int Poll = 64;
        private const int Retry = 16;
        private const int Timeout = 2000;

        private sealed class Fixture
        {
            public Network Net;
            public NetworkStack Client;
            public ScriptedNtpServer First;
            public ScriptedNtpServer Second;

            public SntpClient Sntp => Client.Sntp;

            public SntpCounters Counters => Client.Sntp.Counters;

            /// <summary>Advances the clock to <paramref name="time"/> in 1 s steps, settling after each.</summary>
            public void RunUntil(long time)
            {
                while (Net.Clock.Milliseconds < time)
                {
                    long step = time - Net.Clock.Milliseconds;
                    Net.Clock.Advance(step > 1000 ? 1000 : step);
                    Net.Settle();
                }
            }
        }

        private static Fixture Setup(int servers)
        {
            var net = new Network();
            var fixture = new Fixture { Net = net };
            fixture.First = new ScriptedNtpServer(net, 123);
            fixture.Second = new ScriptedNtpServer(net, 124);
            uint[] addresses = servers == 1 ? new uint[] { fixture.First.Address } : new uint[] { fixture.First.Address, fixture.Second.Address };
            fixture.Client = net.AddStack(1, c =>
            {
                c.Sntp.Servers = addresses;
                c.Sntp.PollIntervalSeconds = Poll;
                c.Sntp.RetryIntervalSeconds = Retry;
                c.Sntp.MaxPollIntervalSeconds = 4 * Poll;
                c.Sntp.ResponseTimeoutMilliseconds = Timeout;
            });
            return fixture;
        }

        private static long Time(ScriptedNtpServer server, int index) => ((ScriptedNtpServer.Request)server.Requests[index]).Time;

        [TestMethod]
        public void BeforeAnyReplyTheClockIsNotSynchronized()
        {
            Fixture f = Setup(1);
            f.First.Silent = true;
            f.Net.Settle();
            Assert.IsFalse(f.Sntp.IsSynchronized);
            Assert.AreEqual(0L, f.Sntp.UtcMilliseconds);
            Assert.IsFalse(f.Sntp.WaitUntilSynchronized(0));
            f.First.Silent = false;
            f.RunUntil(f.Net.Clock.Milliseconds + Timeout + Retry * 1000);
            Assert.IsTrue(f.Sntp.WaitUntilSynchronized(0), "set by the reply to the retry");
        }

        [TestMethod]
        public void TheFirstRequestGoesOutAtStartAsAVersion4ClientFromAnEphemeralPort()
        {
            Fixture f = Setup(1);
            f.Net.Settle();
            Assert.AreEqual(1, f.First.Requests.Count);
            ScriptedNtpServer.Request request = f.First.LastRequest;
            Assert.AreEqual(NtpPacket.Length, request.Length);
            Assert.AreEqual(0, request.Leap);
            Assert.AreEqual(NtpPacket.Version4, request.Version);
            Assert.AreEqual(NtpPacket.ModeClient, request.Mode);
            Assert.IsTrue(request.SourcePort >= 49152, "source port from the dynamic range, was " + request.SourcePort.ToString());
            Assert.IsFalse(f.Client.Udp.IsBound(request.SourcePort), "the port is released with the reply");
        }

        [TestMethod]
        public void AReplySetsTheOffsetAndUtcThenFollowsTheTick()
        {
            Fixture f = Setup(1);
            f.Net.Settle();
            Assert.IsTrue(f.Sntp.IsSynchronized);
            Assert.AreEqual(f.First.UtcAtZero, f.Sntp.OffsetMilliseconds);
            Assert.AreEqual(f.First.UtcNow, f.Sntp.UtcMilliseconds);
            f.Net.Clock.Advance(12345);
            Assert.AreEqual(f.First.UtcNow, f.Sntp.UtcMilliseconds, "UTC = tick + offset");
            Assert.AreEqual(1, f.Counters.Replies);
            Assert.AreEqual(0, f.Counters.Dropped);
        }

        [TestMethod]
        public void TheRoundTripDelayIsMeasuredAndSplitEvenly()
        {
            Fixture f = Setup(1);
            f.First.HoldMilliseconds = 400;
            f.Net.Settle();
            f.RunUntil(f.Net.Clock.Milliseconds + 400);
            Assert.AreEqual(1, f.Counters.Replies);
            Assert.AreEqual(400L, f.Sntp.DelayMilliseconds);
            Assert.AreEqual(f.First.UtcAtZero - 200, f.Sntp.OffsetMilliseconds, "the server's time is taken as half the delay old");
        }

        [TestMethod]
        public void AServerInTheNextNtpEraGivesTheRightUtc()
        {
            Fixture f = Setup(1);
            f.First.UtcAtZero = NtpTimestamp.Era1UnixMilliseconds + 3600000; // 2036-02-07, seconds wrapped to 3600
            f.Net.Settle();
            Assert.AreEqual(f.First.UtcNow, f.Sntp.UtcMilliseconds);
            long before = f.Sntp.UtcMilliseconds;
            f.First.UtcAtZero = NtpTimestamp.Era1UnixMilliseconds - 5000; // a later reply from just before the era boundary
            f.RunUntil(f.Sntp.NextRequestAt);
            Assert.AreEqual(2, f.Counters.Replies);
            Assert.AreEqual(f.First.UtcNow, f.Sntp.UtcMilliseconds, "the era nearest the clock's own estimate");
            Assert.IsTrue(f.Sntp.UtcMilliseconds < before);
        }

        [TestMethod]
        public void OnceSynchronizedTheTransmitTimestampIsTheClockWithRandomLowBits()
        {
            Fixture f = Setup(1);
            f.Net.Settle();
            f.RunUntil(f.Sntp.NextRequestAt);
            ScriptedNtpServer.Request request = f.First.LastRequest;
            long utc = f.First.UtcAtZero + request.Time;
            Assert.AreEqual(NtpTimestamp.SecondsOf(utc), request.TransmitSeconds);
            Assert.AreEqual(NtpTimestamp.FractionOf(utc) & 0xFFC00000, request.TransmitFraction & 0xFFC00000);
            Assert.AreEqual(2, f.Counters.Replies);
        }

        [TestMethod]
        public void WhileTheServerAnswersARequestGoesOutEveryPollInterval()
        {
            Fixture f = Setup(1);
            f.Net.Settle();
            f.RunUntil(f.Net.Clock.Milliseconds + 3 * Poll * 1000);
            Assert.AreEqual(4, f.First.Requests.Count);
            for (int i = 1; i < 4; i++)
            {
                Assert.AreEqual(Poll * 1000L, Time(f.First, i) - Time(f.First, i - 1), "request " + i.ToString());
            }
        }

        [TestMethod]
        public void UnansweredRequestsGoToTheNextServerAfterADoublingWaitBoundedByThePollInterval()
        {
            Fixture f = Setup(2);
            f.First.Silent = true;
            f.Second.Silent = true;
            f.Net.Settle();
            f.RunUntil(f.Net.Clock.Milliseconds + 400000);
            Assert.AreEqual(f.First.Requests.Count + f.Second.Requests.Count, f.Counters.RequestsSent);
            Assert.IsTrue(f.First.Requests.Count >= 3 && f.Second.Requests.Count >= 3, "both servers asked in turn");

            // Time from a time-out to the next request: 16 s, 32 s, 64 s, then the poll interval (64 s) again.
            long[] expected = { 16000, 32000, 64000, 64000, 64000 };
            for (int i = 0; i < expected.Length; i++)
            {
                ScriptedNtpServer asked = i % 2 == 0 ? f.First : f.Second;
                ScriptedNtpServer next = i % 2 == 0 ? f.Second : f.First;
                long sent = Time(asked, i / 2);
                long following = Time(next, (i + 1) / 2);
                Assert.AreEqual(Timeout + expected[i], following - sent, "wait after unanswered request " + i.ToString());
            }
        }

        [TestMethod]
        public void AnAnswerAfterMissesRestoresThePollInterval()
        {
            Fixture f = Setup(1);
            f.First.Silent = true;
            f.Net.Settle();
            f.RunUntil(f.Net.Clock.Milliseconds + Timeout + Retry * 1000 + Timeout + 2 * Retry * 1000);
            Assert.AreEqual(3, f.First.Requests.Count);
            f.First.Silent = false;
            f.RunUntil(f.Net.Clock.Milliseconds + Timeout + 4 * Retry * 1000);
            Assert.AreEqual(4, f.First.Requests.Count);
            Assert.AreEqual(1, f.Counters.Replies);
            Assert.AreEqual(Time(f.First, 3) + Poll * 1000L, f.Sntp.NextRequestAt);
        }

        [TestMethod]
        public void AReplyAfterTheTimeOutIsNotUsed()
        {
            Fixture f = Setup(1);
            f.First.HoldMilliseconds = Timeout + 500;
            f.Net.Settle();
            f.RunUntil(f.Net.Clock.Milliseconds + Timeout + 1000);
            Assert.IsFalse(f.Sntp.IsSynchronized);
            Assert.AreEqual(1, f.Counters.Unanswered);
            Assert.AreEqual(1, f.Client.Drops.Get(DropReason.UdpNoListener), "its port was released at the time-out");
        }

        [TestMethod]
        public void KissRateDoublesThePollIntervalUpToTheMaximum()
        {
            Fixture f = Setup(1);
            f.First.Kiss = NtpPacket.KissRate;
            f.Net.Settle();
            Assert.AreEqual(1, f.Counters.KissRate);
            Assert.AreEqual(2 * Poll, f.Sntp.PollIntervalSeconds);
            Assert.IsFalse(f.Sntp.IsSynchronized, "a kiss sets no time");
            f.RunUntil(f.Net.Clock.Milliseconds + 2 * Poll * 1000);
            Assert.AreEqual(2, f.First.Requests.Count, "the next request after the doubled interval");
            Assert.AreEqual(2 * Poll * 1000L, Time(f.First, 1) - Time(f.First, 0));
            f.RunUntil(f.Net.Clock.Milliseconds + 16 * Poll * 1000);
            Assert.AreEqual(4 * Poll, f.Sntp.PollIntervalSeconds, "bounded by MaxPollIntervalSeconds");
        }

        [TestMethod]
        public void KissDenyRetiresTheServerAndTheNextIsAsked()
        {
            Fixture f = Setup(2);
            f.First.Kiss = NtpPacket.KissDeny;
            f.Net.Settle();
            Assert.AreEqual(1, f.Counters.KissDeny);
            Assert.IsTrue(f.Sntp.IsDenied(f.First.Address));
            Assert.AreEqual(1, f.Second.Requests.Count, "the second server at once");
            Assert.IsTrue(f.Sntp.IsSynchronized);
            f.RunUntil(f.Net.Clock.Milliseconds + 10 * Poll * 1000);
            Assert.AreEqual(1, f.First.Requests.Count, "never asked again");
        }

        [TestMethod]
        public void KissRestrictedFromTheOnlyServerStopsTheRequests()
        {
            Fixture f = Setup(1);
            f.First.Kiss = NtpPacket.KissRestricted;
            f.Net.Settle();
            f.RunUntil(f.Net.Clock.Milliseconds + 10 * Poll * 1000);
            Assert.AreEqual(1, f.First.Requests.Count);
            Assert.AreEqual(1, f.Counters.KissDeny);
            Assert.AreEqual(0u, f.Sntp.Server, "no server left");
        }

        [TestMethod]
        public void AnUnknownKissCodeIsDroppedAndTheRequestKeepsWaiting()
        {
            Fixture f = Setup(1);
            f.First.Corrupt = good =>
            {
                byte[] bad = Frames.Slice(good, 0, good.Length);
                NtpPacket.SetStratum(bad, 0, 0);
                NtpPacket.SetReferenceId(bad, 0, 0x41435354); // "ACST"
                return bad;
            };
            f.Net.Settle();
            Assert.AreEqual(1, f.Counters.DroppedUnknownKiss);
            Assert.AreEqual(1, f.Counters.Replies, "the good reply behind it is used");
        }

        [TestMethod]
        public void ServersComeFromDhcpOption42WhenNoneAreConfigured()
        {
            var net = new Network();
            var dhcp = new ScriptedDhcpServer(net);
            var server = new ScriptedNtpServer(net, 123);
            dhcp.NtpServers = new uint[] { 0, server.Address, Network.Subnet + 124, Network.Subnet + 125, Network.Subnet + 126 };
            NetworkStack client = net.AddStack(1, c => c.UseDhcp = true, address: false);
            net.Settle();
            net.Run(2000);
            Assert.AreEqual(3, client.Dhcp.NtpServerCount, "zero skipped, three kept");
            Assert.AreEqual(server.Address, client.Dhcp.NtpServerAt(0));
            Assert.AreEqual(1, server.Requests.Count);
            Assert.IsTrue(client.Sntp.IsSynchronized);
            Assert.AreEqual(server.UtcNow, client.Sntp.UtcMilliseconds);
        }

        [TestMethod]
        public void WithoutAServerNothingIsSent()
        {
            var net = new Network();
            NetworkStack client = net.AddStack(1);
            net.Run(5000);
            Assert.AreEqual(0, client.Sntp.Counters.RequestsSent);
            Assert.AreEqual(0, client.Sntp.ServerCount);
        }

        [TestMethod]
        public void APollIntervalUnder16SecondsIsRefused()
        {
            var net = new Network();
            Support.Expect.Throws(typeof(System.ArgumentException), () => net.AddStack(1, c => c.Sntp.PollIntervalSeconds = 15));
        }

        [TestMethod]
        public void WithoutSntpConfigurationThereIsNoClient()
        {
            var net = new Network();
            NetworkStack client = net.AddStack(1, c => c.Sntp = null);
            Assert.IsNull(client.Sntp);
            net.Settle();
        }
    }
}
