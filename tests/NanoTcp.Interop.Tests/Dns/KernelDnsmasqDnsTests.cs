using System;
using System.Diagnostics;
using System.IO;
using System.Threading;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using NanoTcp.Dns;
using NanoTcp.Firmware;
using NanoTcp.Hardware.Host;
using NanoTcp.Hardware.Host.Tap;
using NanoTcp.Interop.Tests.Support;

namespace NanoTcp.Interop.Tests.Dns
{
    /// <summary>
    /// The firmware the PC app runs (NanoTcpFirmware and its loop, on the TAP device of a namespace the test makes)
    /// resolves names against dnsmasq serving host records in that namespace: an answer, a CNAME, NXDOMAIN, a first
    /// server that does not exist, and no server at all (bounded by the client's attempts).
    /// </summary>
    [TestClass]
    public class KernelDnsmasqDnsTests
    {
        private const uint Board = 0x0A4D0050;
        private const uint Absent = 0x0A4D0063;
        private const uint Kernel = 0x0A4D0001;

        /// <summary>The kernel's namespace with dnsmasq on 10.77.0.1:53, and the firmware running its loop on the TAP.</summary>
        private sealed class Session : IDisposable
        {
            private readonly Thread _loop;
            private readonly string _directory;

            public Session(uint[] servers, bool startDnsmasq)
            {
                _directory = Path.Combine(Path.GetTempPath(), "nanotcp-dns-" + Guid.NewGuid().ToString("N").Substring(0, 8));
                Directory.CreateDirectory(_directory);
                Kernel = KernelOverTap.Create("dns");
                try
                {
                    if (startDnsmasq)
                    {
                        Dnsmasq = Kernel.Namespace.Start(
                            "exec dnsmasq --no-daemon --conf-file=/dev/null --no-resolv --no-hosts --port=53 --listen-address=" + KernelOverTap.KernelAddress
                            + " --bind-interfaces --local=/nanotcp.test/ --host-record=board.nanotcp.test,10.77.0.80 --host-record=kernel.nanotcp.test,10.77.0.1 --cname=www.nanotcp.test,board.nanotcp.test"
                            + " --local-ttl=60 --pid-file=" + _directory + "/dnsmasq.pid --log-queries --log-facility=-");
                        WaitForDnsmasq();
                    }

                    var configuration = new FirmwareConfiguration { Address = 0x0A4D0002, PrefixLength = 24, MacAddress = KernelOverTap.StackMac };
                    configuration.Network.Dns.Servers = servers;
                    configuration.Network.Dns.InitialTimeoutMilliseconds = 500;
                    configuration.Network.Dns.Attempts = 4;
                    Firmware = new NanoTcpFirmware(Kernel.Link, new SystemClock(), configuration);
                    Kernel.Link.WakeWhenReadable(Firmware.Wake);
                    Firmware.Start();
                    _loop = new Thread(Firmware.Run) { IsBackground = true, Name = "firmware loop" };
                    _loop.Start();
                }
                catch
                {
                    Dispose();
                    throw;
                }
            }

            public KernelOverTap Kernel { get; }

            public NamespaceProcess Dnsmasq { get; }

            public NanoTcpFirmware Firmware { get; }

            public DnsClient Dns => Firmware.Stack.Dns;

            public void Dispose()
            {
                if (_loop != null)
                {
                    Firmware.Stop();
                    _loop.Join(10_000);
                }

                Dnsmasq?.Kill();
                Dnsmasq?.Dispose();
                Kernel?.Dispose();
                Directory.Delete(_directory, true);
            }

            /// <summary>dnsmasq is ready when it listens on port 53 (bounded: 20 s).</summary>
            private void WaitForDnsmasq()
            {
                var clock = Stopwatch.StartNew();
                while (clock.ElapsedMilliseconds < 20_000)
                {
                    CommandResult listening = Kernel.Namespace.Run("ss -lun 'sport = :53' | grep -c " + KernelOverTap.KernelAddress + " || true", 10_000);
                    if (listening.StandardOutput.Trim() != "0" && listening.StandardOutput.Trim() != string.Empty)
                    {
                        return;
                    }

                    if (Dnsmasq.HasExited)
                    {
                        break;
                    }

                    Thread.Sleep(100);
                }

                throw new InvalidOperationException("dnsmasq did not listen on 53: " + Dnsmasq.StandardError + Dnsmasq.StandardOutput);
            }
        }

        private static void RequireDnsmasq()
        {
            Requirements.RequireNamespacesAndTap();
            Requirements.RequireCommand("dnsmasq", "dnsmasq");
            Requirements.RequireCommand("ss", "iproute2");
        }

        [TestMethod]
        public void TheFirmwareResolvesAHostRecordAndACnameFromDnsmasq()
        {
            RequireDnsmasq();
            using var session = new Session(new[] { Kernel }, true);
            Assert.AreEqual(Board, session.Dns.Resolve("board.nanotcp.test", 10_000), "dnsmasq said: " + session.Dnsmasq.StandardOutput);
            Assert.AreEqual(Board, session.Dns.Resolve("www.nanotcp.test", 10_000), "through the CNAME");
            Assert.AreEqual(Board, session.Dns.Resolve("BOARD.nanotcp.test", 10_000), "case does not matter: from the cache (dnsmasq --local-ttl=60)");
            DnsCounters counters = session.Dns.Counters;
            Assert.AreEqual(2, counters.Answers);
            Assert.AreEqual(1, counters.CacheHits);
            Assert.AreEqual(1, counters.CnamesFollowed);
            Assert.AreEqual(0, counters.Dropped);
            // dnsmasq's log reaches us through a pipe read on another thread: the answer can come before the line does.
            const string Logged = "query[A] board.nanotcp.test from 10.77.0.2";
            var clock = Stopwatch.StartNew();
            while (!(session.Dnsmasq.StandardOutput + session.Dnsmasq.StandardError).Contains(Logged, StringComparison.Ordinal) && clock.ElapsedMilliseconds < 5000)
            {
                Thread.Sleep(20);
            }

            StringAssert.Contains(session.Dnsmasq.StandardOutput + session.Dnsmasq.StandardError, Logged);
        }

        [TestMethod]
        public void ConnectByNameResolvesThenOpensToTheKernel()
        {
            RequireDnsmasq();
            using var session = new Session(new[] { Kernel }, true);
            // Nothing listens on port 9 in the namespace: the kernel's RST proves the SYN went to the resolved address.
            Assert.ThrowsExactly<NanoTcp.Tcp.ConnectionRefusedException>(() => NanoTcp.Tcp.TcpConnection.Connect(session.Firmware.Tcp, session.Dns, "kernel.nanotcp.test", 9, 10_000));
            Assert.AreEqual(1, session.Dns.Counters.Answers);
            Assert.AreEqual(1, session.Firmware.Tcp.Counters.ResetsReceived);
        }

        [TestMethod]
        public void AMissingNameIsANameErrorFromDnsmasq()
        {
            RequireDnsmasq();
            using var session = new Session(new[] { Kernel }, true);
            var error = Assert.ThrowsExactly<DnsException>(() => session.Dns.Resolve("missing.nanotcp.test", 10_000));
            Assert.AreEqual(DnsQueryState.NameError, error.State, error.Message);
            Assert.AreEqual(1, session.Dns.Counters.NameErrors);
            Assert.AreEqual(1, session.Dns.Counters.QueriesSent, "a name error is final");
        }

        [TestMethod]
        public void AnAbsentFirstServerIsPassedOverForDnsmasq()
        {
            RequireDnsmasq();
            using var session = new Session(new[] { Absent, Kernel }, true);
            Assert.AreEqual(Board, session.Dns.Resolve("board.nanotcp.test", 10_000));
            Assert.AreEqual(1, session.Dns.Counters.Retransmissions, "the second attempt went to dnsmasq");
        }

        [TestMethod]
        public void WithNoServerAnsweringTheQueryGivesUpAfterItsAttempts()
        {
            RequireDnsmasq();
            using var session = new Session(new[] { Kernel }, false);
            var clock = Stopwatch.StartNew();
            var error = Assert.ThrowsExactly<DnsException>(() => session.Dns.Resolve("board.nanotcp.test", -1));
            Assert.AreEqual(DnsQueryState.TimedOut, error.State, error.Message);
            Assert.AreEqual(4, session.Dns.Counters.QueriesSent);
            Console.WriteLine("gave up after " + clock.ElapsedMilliseconds + " ms (0.5 + 1 + 2 + 4 s of waits configured)");
        }
    }
}
