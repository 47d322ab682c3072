using System;
using System.Diagnostics;
using System.IO;
using System.Threading;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using NanoTcp.Firmware;
using NanoTcp.Hardware.Host;
using NanoTcp.Hardware.Host.Tap;
using NanoTcp.Interop.Tests.Support;
using NanoTcp.Mdns;

namespace NanoTcp.Interop.Tests.Mdns
{
    /// <summary>
    /// The firmware's mDNS responder (NanoTcpFirmware and its loop on the TAP device of a namespace the test makes)
    /// against avahi in that namespace: avahi-resolve finds nanotcp.local, getent finds it through nss-mdns, a name
    /// avahi already publishes makes the board take nanotcp-2.local, avahi-browse finds the board's DNS-SD HTTP service
    /// (and a service name avahi already publishes makes the board take "name (2)"). avahi-daemon needs a D-Bus system bus for
    /// avahi-resolve and its own /run/avahi-daemon for its pid file and the socket nss-mdns asks: the test runs a
    /// private dbus-daemon on a socket in a temporary directory (DBUS_SYSTEM_BUS_ADDRESS) and avahi-daemon in a mount
    /// namespace of its own with a tmpfs on /run, so nothing of the machine's is touched; getent runs inside avahi's
    /// mount namespace (nsenter) to reach that socket.
    /// </summary>
    [TestClass]
    public class KernelAvahiMdnsTests
    {
        private const string Board = KernelOverTap.StackAddress;
        private const int Wait = 15_000;

        private sealed class Session : IDisposable
        {
            private readonly string _directory;
            private Thread _loop;

            public Session()
            {
                _directory = Path.Combine(Path.GetTempPath(), "nanotcp-mdns-" + Guid.NewGuid().ToString("N").Substring(0, 8));
                Directory.CreateDirectory(_directory);
                Kernel = KernelOverTap.Create("mdns");
                try
                {
                    File.WriteAllText(Path.Combine(_directory, "bus.conf"),
                        "<!DOCTYPE busconfig PUBLIC \"-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN\" \"http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd\">\n"
                        + "<busconfig><type>system</type><listen>unix:path=" + BusPath + "</listen><auth>EXTERNAL</auth>"
                        + "<policy context=\"default\"><allow user=\"*\"/><allow own=\"*\"/><allow send_destination=\"*\"/><allow receive_sender=\"*\"/></policy></busconfig>\n");
                    File.WriteAllText(Path.Combine(_directory, "avahi.conf"),
                        "[server]\nhost-name=kernel-side\ndomain-name=local\nuse-ipv4=yes\nuse-ipv6=no\nallow-interfaces=" + KernelOverTap.TapName + "\nenable-dbus=yes\n"
                        + "[wide-area]\nenable-wide-area=no\n[publish]\npublish-addresses=yes\npublish-hinfo=no\npublish-workstation=no\n[reflector]\nenable-reflector=no\n");
                    Bus = Kernel.Namespace.Start("exec dbus-daemon --nofork --config-file=" + _directory + "/bus.conf");
                    WaitFor(() => File.Exists(BusPath), "dbus-daemon's socket", Bus);
                    Avahi = Kernel.Namespace.Start(BusEnvironment + " exec unshare -m --propagation private sh -c 'mount -t tmpfs none /run && exec avahi-daemon -f "
                        + _directory + "/avahi.conf --no-drop-root --no-chroot --no-rlimits'");
                    WaitFor(() => Avahi.StandardError.Contains("Server startup complete"), "avahi-daemon's start", Avahi);
                }
                catch
                {
                    Dispose();
                    throw;
                }
            }

            public KernelOverTap Kernel { get; }

            public NamespaceProcess Bus { get; }

            public NamespaceProcess Avahi { get; }

            public NanoTcpFirmware Firmware { get; private set; }

            public MdnsResponder Mdns => Firmware.Stack.Mdns;

            private string BusPath => _directory + "/bus";

            /// <summary>The environment assignment that points a D-Bus client (avahi-resolve, avahi-publish) at the private bus.</summary>
            public string BusEnvironment => "DBUS_SYSTEM_BUS_ADDRESS=unix:path=" + BusPath;

            /// <summary>Starts the firmware with mDNS on as "nanotcp" (and the HTTP service when named) and its loop on a thread.</summary>
            public void StartBoard(string service = null)
            {
                var configuration = new FirmwareConfiguration
                {
                    Address = 0x0A4D0002,
                    PrefixLength = 24,
                    MacAddress = KernelOverTap.StackMac,
                    UseMdns = true,
                    HostName = "nanotcp",
                    HttpServiceName = service,
                };
                Firmware = new NanoTcpFirmware(Kernel.Link, new SystemClock(), configuration);
                Kernel.Link.WakeWhenReadable(Firmware.Wake);
                Firmware.Start();
                _loop = new Thread(Firmware.Run) { IsBackground = true, Name = "firmware loop" };
                _loop.Start();
            }

            /// <summary>Waits (bounded) until the responder has announced a name.</summary>
            public void WaitForAnnounced()
            {
                WaitFor(() => Mdns.State == MdnsState.Announced, "the board's announcement (state " + Mdns.StateName + ")", null);
            }

            /// <summary>avahi-resolve -4 -n NAME through the private bus (bounded: 10 s).</summary>
            public CommandResult Resolve(string name)
            {
                return Kernel.Namespace.Run(BusEnvironment + " timeout 10 avahi-resolve -4 -n " + name, 15_000);
            }

            /// <summary>getent hosts NAME inside avahi's mount namespace, through nss-mdns and avahi's socket (bounded: 10 s).</summary>
            public CommandResult GetentHosts(string name)
            {
                return Kernel.Namespace.Run("timeout 10 nsenter -t " + Avahi.ProcessId + " -m getent hosts " + name, 15_000);
            }

            public void Dispose()
            {
                if (_loop != null)
                {
                    Firmware.Stop();
                    _loop.Join(10_000);
                }

                Avahi?.Kill();
                Avahi?.Dispose();
                Bus?.Kill();
                Bus?.Dispose();
                Kernel?.Dispose();
                Directory.Delete(_directory, true);
            }

            private static void WaitFor(Func<bool> condition, string what, NamespaceProcess process)
            {
                var clock = Stopwatch.StartNew();
                while (clock.ElapsedMilliseconds < Wait)
                {
                    if (condition())
                    {
                        return;
                    }

                    if (process != null && process.HasExited)
                    {
                        break;
                    }

                    Thread.Sleep(50);
                }

                throw new InvalidOperationException("no " + what + " within " + Wait + " ms" + (process == null ? string.Empty : ": " + process.StandardError + process.StandardOutput));
            }
        }

        private static void RequireAvahi()
        {
            Requirements.RequireNamespacesAndTap();
            Requirements.RequireCommand("avahi-daemon", "avahi-daemon");
            Requirements.RequireCommand("avahi-resolve", "avahi-utils");
            Requirements.RequireCommand("avahi-publish", "avahi-utils");
            Requirements.RequireCommand("dbus-daemon", "dbus");
            Requirements.RequireCommand("unshare", "util-linux");
            Requirements.RequireCommand("nsenter", "util-linux");
        }

        [TestMethod]
        public void AvahiResolvesNanotcpLocalToTheBoard()
        {
            RequireAvahi();
            using var session = new Session();
            session.StartBoard();
            session.WaitForAnnounced();
            CommandResult resolved = session.Resolve("nanotcp.local");
            Assert.AreEqual(0, resolved.ExitCode, resolved.ToString());
            StringAssert.Contains(resolved.StandardOutput, "nanotcp.local\t" + Board, resolved.ToString());
            Assert.AreEqual("nanotcp.local", session.Mdns.HostName);
            Assert.IsFalse(session.Mdns.Renamed);
            Assert.AreEqual(0, session.Mdns.Counters.Dropped, "avahi's packets are all well-formed");
        }

        /// <summary>avahi-browse -rtpk _http._tcp (bounded: 10 s; -k: the type as is, not its description): its resolved lines, "=;if;IPv4;instance;type;domain;host;address;port;txt".</summary>
        private static string[] BrowseResolved(Session session)
        {
            CommandResult browsed = session.Kernel.Namespace.Run(session.BusEnvironment + " timeout 10 avahi-browse -rtpk _http._tcp", 15_000);
            Assert.AreEqual(0, browsed.ExitCode, browsed.ToString());
            var lines = new System.Collections.Generic.List<string>();
            foreach (string line in browsed.StandardOutput.Split('\n'))
            {
                if (line.StartsWith("=;"))
                {
                    lines.Add(line.Trim());
                }
            }

            return lines.ToArray();
        }

        /// <summary>avahi-browse -p writes a space, '(' and ')' in an instance name as \032, \040, \041 (decimal).</summary>
        private static string Unescape(string text)
        {
            return System.Text.RegularExpressions.Regex.Replace(text, @"\\(\d{3})", m => ((char)int.Parse(m.Groups[1].Value)).ToString());
        }

        [TestMethod]
        public void AvahiBrowseFindsTheBoardsHttpServiceWithHostAddressPortAndTxt()
        {
            RequireAvahi();
            Requirements.RequireCommand("avahi-browse", "avahi-utils");
            using var session = new Session();
            session.StartBoard("NanoTcp Board");
            session.WaitForAnnounced();
            string[] resolved = BrowseResolved(session);
            Assert.AreEqual(1, resolved.Length, string.Join("\n", resolved));
            string[] fields = resolved[0].Split(';');
            Assert.AreEqual("IPv4", fields[2]);
            Assert.AreEqual("NanoTcp Board", Unescape(fields[3]), "the instance");
            Assert.AreEqual("_http._tcp", fields[4]);
            Assert.AreEqual("local", fields[5]);
            Assert.AreEqual("nanotcp.local", fields[6], "the SRV target");
            Assert.AreEqual(Board, fields[7], "the target's address");
            Assert.AreEqual("80", fields[8], "the SRV port");
            Assert.AreEqual("\"path=/\"", fields[9], "the TXT record");
            Assert.AreEqual(0, session.Mdns.Counters.Dropped, "avahi's packets are all well-formed");
            Assert.IsTrue(session.Mdns.Counters.QueriesAnswered >= 1);
        }

        [TestMethod]
        public void AServiceNameAvahiAlreadyPublishesMakesTheBoardTakeTheNextInstanceName()
        {
            RequireAvahi();
            Requirements.RequireCommand("avahi-browse", "avahi-utils");
            using var session = new Session();
            NamespaceProcess publisher = session.Kernel.Namespace.Start(session.BusEnvironment + " exec avahi-publish -s Lab _http._tcp 8080 path=/other");
            var clock = Stopwatch.StartNew();
            while (!(publisher.StandardOutput + publisher.StandardError).Contains("Established") && !publisher.HasExited && clock.ElapsedMilliseconds < Wait)
            {
                Thread.Sleep(50);
            }

            StringAssert.Contains(publisher.StandardOutput + publisher.StandardError, "Established under name 'Lab'");
            session.StartBoard("Lab");
            session.WaitForAnnounced();
            Assert.AreEqual("Lab (2)", session.Mdns.ServiceInstance, "RFC 6762 §9: the next instance name");
            Assert.AreEqual("nanotcp.local", session.Mdns.HostName, "the host name is not in conflict");
            Assert.IsTrue(session.Mdns.Counters.ServiceRenames >= 1);
            string[] resolved = BrowseResolved(session);
            string ours = null;
            foreach (string line in resolved)
            {
                if (Unescape(line.Split(';')[3]) == "Lab (2)")
                {
                    ours = line;
                }
            }

            Assert.IsNotNull(ours, "the board under its new name: " + string.Join("\n", resolved));
            StringAssert.Contains(ours, ";nanotcp.local;" + Board + ";80;\"path=/\"");
            publisher.Kill();
            publisher.Dispose();
        }

        [TestMethod]
        public void GetentHostsFindsNanotcpLocalThroughNssMdns()
        {
            RequireAvahi();
            Requirements.RequireCommand("getent", "libc-bin");
            if (!File.ReadAllText("/etc/nsswitch.conf").Contains("mdns4"))
            {
                string reason = "/etc/nsswitch.conf lists no mdns4 module (apt-get install libnss-mdns adds it)";
                if (Requirements.UnderCi)
                {
                    Assert.Fail("CI is set, so a skip is a failure: " + reason);
                }

                Assert.Inconclusive("skipped: " + reason);
            }

            using var session = new Session();
            session.StartBoard();
            session.WaitForAnnounced();
            // nss-mdns resolves .local through avahi's socket when /etc/nsswitch.conf lists mdns4_minimal (the
            // libnss-mdns package adds it); getent also answers from /etc/hosts first, which has no .local names.
            CommandResult found = session.GetentHosts("nanotcp.local");
            Assert.AreEqual(0, found.ExitCode, found.ToString() + " (nsswitch: " + File.ReadAllText("/etc/nsswitch.conf") + ")");
            StringAssert.Contains(found.StandardOutput, Board, found.ToString());
        }

        [TestMethod]
        public void ANameAvahiAlreadyPublishesMakesTheBoardTakeNanotcp2()
        {
            RequireAvahi();
            using var session = new Session();
            // avahi publishes nanotcp.local for another address before the board starts: the board's probes meet its answer.
            NamespaceProcess publisher = session.Kernel.Namespace.Start(session.BusEnvironment + " exec avahi-publish -a -R nanotcp.local 10.77.0.99");
            var clock = Stopwatch.StartNew();
            while (!(publisher.StandardOutput + publisher.StandardError).Contains("Established") && !publisher.HasExited && clock.ElapsedMilliseconds < Wait)
            {
                Thread.Sleep(50);
            }

            StringAssert.Contains(publisher.StandardOutput + publisher.StandardError, "Established under name 'nanotcp.local'");
            session.StartBoard();
            session.WaitForAnnounced();
            Assert.AreEqual("nanotcp-2.local", session.Mdns.HostName, "RFC 6762 §9: the next name");
            Assert.IsTrue(session.Mdns.Renamed);
            Assert.IsTrue(session.Mdns.Counters.Conflicts >= 1);
            Assert.AreEqual("announced", session.Firmware.Status.HostNameState);
            CommandResult renamed = session.Resolve("nanotcp-2.local");
            StringAssert.Contains(renamed.StandardOutput, "nanotcp-2.local\t" + Board, renamed.ToString());
            CommandResult other = session.Resolve("nanotcp.local");
            StringAssert.Contains(other.StandardOutput, "nanotcp.local\t10.77.0.99", "avahi keeps its name: " + other);
            publisher.Kill();
            publisher.Dispose();
        }
    }
}
