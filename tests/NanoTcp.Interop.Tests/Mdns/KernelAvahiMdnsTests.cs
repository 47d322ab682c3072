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
    /// against avahi in that namespace: avahi-resolve finds nanotcp.local, getent finds it through nss-mdns, and a name
    /// avahi already publishes makes the board take nanotcp-2.local. avahi-daemon needs a D-Bus system bus for
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

            /// <summary>Starts the firmware with mDNS on as "nanotcp" and its loop on a thread.</summary>
            public void StartBoard()
            {
                var configuration = new FirmwareConfiguration
                {
                    Address = 0x0A4D0002,
                    PrefixLength = 24,
                    MacAddress = KernelOverTap.StackMac,
                    UseMdns = true,
                    HostName = "nanotcp",
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
