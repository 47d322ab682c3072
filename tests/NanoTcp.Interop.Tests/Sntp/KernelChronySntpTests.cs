using System;
using System.Diagnostics;
using System.IO;
using System.Threading;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using NanoTcp.Firmware;
using NanoTcp.Hardware.Host;
using NanoTcp.Hardware.Host.Tap;
using NanoTcp.Interop.Tests.Support;
using NanoTcp.Sntp;

namespace NanoTcp.Interop.Tests.Sntp
{
    /// <summary>
    /// The firmware the PC app runs (NanoTcpFirmware and its loop, on the TAP device of a namespace the test makes)
    /// sets its UTC clock from chronyd serving in that namespace ("local stratum 8", -x: it never touches the host's
    /// clock), the server named by dnsmasq's DHCP option 42 in one test and configured in the other. chronyd serves the
    /// host's own clock, so the board's UTC must equal the host's within half the measured round trip (RFC 5905 §8:
    /// the offset's error is at most half the delay) plus the millisecond roundings.
    /// </summary>
    [TestClass]
    public class KernelChronySntpTests
    {
        private const uint KernelAddress = 0x0A4D0001;

        // Millisecond tick and rounding of T1..T4, and the host's realtime clock against its monotonic one over a test.
        private const long SlackMilliseconds = 20;

        public TestContext TestContext { get; set; }

        private sealed class Session : IDisposable
        {
            private readonly Thread _loop;
            private readonly string _directory;

            /// <summary>
            /// chronyd, and with <paramref name="dhcp"/> dnsmasq giving the address and option 42; with
            /// <paramref name="ntpName"/> dnsmasq serves DNS too (option 6, a host record for the name, no option 42)
            /// and the board is given the server by that name.
            /// </summary>
            public Session(bool dhcp, string ntpName = null)
            {
                _directory = Path.Combine(Path.GetTempPath(), "nanotcp-sntp-" + Guid.NewGuid().ToString("N").Substring(0, 8));
                Directory.CreateDirectory(_directory);
                Kernel = KernelOverTap.Create("ntp");
                try
                {
                    File.WriteAllText(Path.Combine(_directory, "chrony.conf"),
                        "local stratum 8\nallow\nbindaddress " + KernelOverTap.KernelAddress + "\nport 123\ncmdport 0\n"
                        + "driftfile " + _directory + "/drift\npidfile " + _directory + "/chronyd.pid\n");
                    Chronyd = Kernel.Namespace.Start("exec chronyd -x -d -u root -f " + _directory + "/chrony.conf");
                    WaitForPort(Chronyd, "chronyd", 123, KernelOverTap.KernelAddress);
                    var configuration = new FirmwareConfiguration { MacAddress = KernelOverTap.StackMac, PrefixLength = 24 };
                    if (dhcp)
                    {
                        string names = ntpName == null
                            ? " --port=0 --dhcp-option=option:ntp-server," + KernelOverTap.KernelAddress
                            : " --port=53 --no-resolv --no-hosts --host-record=" + ntpName + "," + KernelOverTap.KernelAddress + " --dhcp-option=option:dns-server," + KernelOverTap.KernelAddress;
                        Dnsmasq = Kernel.Namespace.Start(
                            "exec dnsmasq --no-daemon --conf-file=/dev/null --interface=" + KernelOverTap.TapName + " --bind-interfaces"
                            + " --dhcp-range=10.77.0.100,10.77.0.150,255.255.255.0,10m" + names
                            + " --dhcp-leasefile=" + _directory + "/leases --pid-file=" + _directory + "/dnsmasq.pid --dhcp-authoritative --log-dhcp");
                        WaitForPort(Dnsmasq, "dnsmasq", 67, "0.0.0.0");
                        configuration.UseDhcp = true;
                        configuration.DhcpFallbackMilliseconds = 0;
                        configuration.NtpServerName = ntpName;
                    }
                    else
                    {
                        configuration.Address = 0x0A4D0002;
                        configuration.NtpServer = KernelAddress;
                    }

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

            public NamespaceProcess Chronyd { get; }

            public NamespaceProcess Dnsmasq { get; }

            public NanoTcpFirmware Firmware { get; }

            public SntpClient Sntp => Firmware.Stack.Sntp;

            public string Logs => "chronyd said: " + Chronyd?.StandardError + Chronyd?.StandardOutput + "; dnsmasq said: " + Dnsmasq?.StandardError + Dnsmasq?.StandardOutput;

            public void Dispose()
            {
                if (_loop != null)
                {
                    Firmware.Stop();
                    _loop.Join(10_000);
                }

                Dnsmasq?.Kill();
                Dnsmasq?.Dispose();
                Chronyd?.Kill();
                Chronyd?.Dispose();
                Kernel?.Dispose();
                Directory.Delete(_directory, true);
            }

            /// <summary>A server is ready when it listens on its UDP port (bounded: 20 s).</summary>
            private void WaitForPort(NamespaceProcess process, string name, int port, string address)
            {
                var clock = Stopwatch.StartNew();
                while (clock.ElapsedMilliseconds < 20_000)
                {
                    CommandResult listening = Kernel.Namespace.Run("ss -lun 'sport = :" + port + "' | grep -c " + address + " || true", 10_000);
                    string count = listening.StandardOutput.Trim();
                    if (count != "0" && count != string.Empty)
                    {
                        return;
                    }

                    if (process.HasExited)
                    {
                        break;
                    }

                    Thread.Sleep(100);
                }

                throw new InvalidOperationException(name + " did not listen on " + port + ": " + process.StandardError + process.StandardOutput);
            }
        }

        private static void RequireChrony(bool dnsmasq)
        {
            Requirements.RequireNamespacesAndTap();
            Requirements.RequireCommand("chronyd", "chrony");
            Requirements.RequireCommand("ss", "iproute2");
            if (dnsmasq)
            {
                Requirements.RequireCommand("dnsmasq", "dnsmasq");
            }
        }

        /// <summary>The board's UTC lies between the host's before and after, give or take half the round trip.</summary>
        private void AssertUtcMatchesTheHost(Session session)
        {
            long before = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            long board = session.Sntp.UtcMilliseconds;
            long after = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            long delay = session.Sntp.DelayMilliseconds;
            long bound = (delay < 0 ? 0 : delay) / 2 + SlackMilliseconds;
            TestContext.WriteLine("board " + board + " ms, host " + before + ".." + after + " ms, round trip " + delay + " ms, offset to the tick " + session.Sntp.OffsetMilliseconds + " ms");
            Assert.IsTrue(board >= before - bound && board <= after + bound,
                "the board's UTC " + board + " is not the host's " + before + ".." + after + " within " + bound + " ms");
        }

        [TestMethod]
        public void TheBoardSetsItsClockFromChronydNamedInDhcpOption42()
        {
            RequireChrony(true);
            using var session = new Session(true);
            Assert.IsTrue(session.Sntp.WaitUntilSynchronized(20_000), "not synchronised within 20 s; " + session.Logs);
            Assert.AreEqual(1, session.Firmware.Stack.Dhcp.NtpServerCount, "option 42 from dnsmasq");
            Assert.AreEqual(KernelAddress, session.Firmware.Stack.Dhcp.NtpServerAt(0));
            Assert.AreEqual(KernelAddress, session.Sntp.Server);
            Assert.AreEqual(0, session.Sntp.Counters.Dropped);
            AssertUtcMatchesTheHost(session);
        }

        [TestMethod]
        public void TheBoardSetsItsClockFromChronydGivenByNameResolvedThroughDnsmasq()
        {
            RequireChrony(true);
            using var session = new Session(true, "time.nanotcp.test");
            Assert.IsTrue(session.Sntp.WaitUntilSynchronized(20_000), "not synchronised within 20 s; " + session.Logs);
            Assert.AreEqual(0, session.Firmware.Stack.Dhcp.NtpServerCount, "no option 42: the name is the only way to the server");
            Assert.AreEqual(KernelAddress, session.Sntp.Server, "the name's address");
            Assert.IsTrue(session.Firmware.Stack.Dns.Counters.Answers >= 1, "resolved by dnsmasq");
            Assert.AreEqual(0, session.Sntp.Counters.NameNotResolved);
            AssertUtcMatchesTheHost(session);
        }

        [TestMethod]
        public void TheBoardSetsItsClockFromAConfiguredChronydAndStatusShowsIt()
        {
            RequireChrony(false);
            Requirements.RequireCommand("curl", "curl");
            using var session = new Session(false);
            Assert.IsTrue(session.Sntp.WaitUntilSynchronized(20_000), "not synchronised within 20 s; " + session.Logs);
            Assert.AreEqual(1, session.Sntp.Counters.Replies);
            Assert.AreEqual(0, session.Sntp.Counters.Dropped);
            AssertUtcMatchesTheHost(session);
            Assert.IsTrue(session.Firmware.Status.TimeSynchronized);
            Assert.AreEqual(KernelAddress, session.Firmware.Status.TimeServer);
            CommandResult status = session.Kernel.Namespace.Run("curl -s --max-time 10 http://" + KernelOverTap.StackAddress + "/api/status", 15_000);
            StringAssert.Contains(status.StandardOutput, "\"time\":{\"synchronized\":true,\"utc\":\"20", status.ToString());
            StringAssert.Contains(status.StandardOutput, "\"server\":\"10.77.0.1\"");
        }
    }
}
