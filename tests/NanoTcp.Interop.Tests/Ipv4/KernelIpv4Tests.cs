using System;
using System.IO;
using System.Linq;
using System.Text;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using NanoTcp.Dhcp;
using NanoTcp.Hardware.Host;
using NanoTcp.Hardware.Host.Tap;
using NanoTcp.Hardware.Host.Wire;
using NanoTcp.Interop.Tests.Support;

namespace NanoTcp.Interop.Tests.Ipv4
{
    /// <summary>The Linux kernel against the stack over a TAP device in a namespace: ping, arping, DHCP, UDP, pcap check.</summary>
    [TestClass]
    public class KernelIpv4Tests
    {
        private const string StackMacText = "02:00:00:77:00:02";
        private static readonly uint StackAddress = 0x0A4D0002;
        private static readonly uint KernelAddress = 0x0A4D0001;

        public TestContext TestContext { get; set; }

        /// <summary>The kernel, the stack on its TAP (captured to a pcap), and the stack's thread.</summary>
        private sealed class Session : IDisposable
        {
            public Session(string name, Action<NetworkConfiguration> configure)
            {
                Directory = Path.Combine(Path.GetTempPath(), "nanotcp-ipv4-" + name + "-" + Guid.NewGuid().ToString("N").Substring(0, 8));
                System.IO.Directory.CreateDirectory(Directory);
                PcapPath = Path.Combine(Directory, "session.pcap");
                Kernel = KernelOverTap.Create("ipv4");
                Clock = new SystemClock();
                Capture = new PcapWriter(PcapPath);
                var configuration = new NetworkConfiguration { Address = StackAddress, PrefixLength = 24 };
                configure?.Invoke(configuration);
                Stack = new NetworkStack(new CapturingLink(Kernel.Link, Capture, Clock), Clock, configuration);
                Runner = new StackRunner(Stack);
            }

            public string Directory { get; }

            public string PcapPath { get; }

            public KernelOverTap Kernel { get; }

            public SystemClock Clock { get; }

            public PcapWriter Capture { get; }

            public NetworkStack Stack { get; }

            public StackRunner Runner { get; }

            public CommandResult Run(string command, int timeoutMilliseconds = 30_000) => Kernel.Namespace.Run(command, timeoutMilliseconds);

            /// <summary>Stops the stack, closes the pcap and returns what tshark flags as malformed or worse than a note in frames we sent.</summary>
            public string ProblemsInOurFrames()
            {
                Runner.Dispose();
                Capture.Dispose();
                return Dissect(Kernel.Namespace, PcapPath);
            }

            public void Dispose()
            {
                Runner.Dispose();
                Capture.Dispose();
                Kernel.Dispose();
                System.IO.Directory.Delete(Directory, true);
            }
        }

        /// <summary>
        /// Frames from our MAC that tshark finds malformed or flags at warning level or above, with IPv4, UDP and TCP
        /// checksum validation switched on (Wireshark leaves it off by default).
        /// </summary>
        private static string Dissect(NetworkNamespace ns, string pcap)
        {
            CommandResult tshark = ns.Run(
                "tshark -n -o ip.check_checksum:TRUE -o udp.check_checksum:TRUE -o tcp.check_checksum:TRUE -r " + pcap
                + " -Y '(_ws.malformed || _ws.expert.severity >= warning) && eth.src == " + StackMacText + "' 2>/dev/null",
                60_000);
            Assert.AreEqual(0, tshark.ExitCode, "tshark failed: " + tshark);
            return tshark.StandardOutput.Trim();
        }

        private static void RequireTools(params string[] commandAndPackage)
        {
            for (int i = 0; i < commandAndPackage.Length; i += 2)
            {
                Requirements.RequireCommand(commandAndPackage[i], commandAndPackage[i + 1]);
            }
        }

        private void AssertCleanCapture(Session session)
        {
            string problems = session.ProblemsInOurFrames();
            TestContext.WriteLine("pcap: " + session.PcapPath);
            Assert.AreEqual(string.Empty, problems, "tshark flags frames the stack sent");
        }

        [TestMethod]
        public void TheTsharkCheckFlagsABadChecksumFromOurMac()
        {
            RequireTools("tshark", "tshark");
            using var session = new Session("selfcheck", null);
            session.Runner.Dispose();
            byte[] frame = new byte[60];
            Array.Copy(new byte[] { 0x02, 0, 0, 0x77, 0, 1 }, frame, 6);
            Array.Copy(KernelOverTap.StackMac, 0, frame, 6, 6);
            frame[12] = 0x08;
            NanoTcp.Wire.Ipv4Header.Write(frame, 14, 28, 1, 64, 17, StackAddress, KernelAddress);
            NanoTcp.Wire.UdpHeader.SetSourcePort(frame, 34, 1);
            NanoTcp.Wire.UdpHeader.SetDestinationPort(frame, 34, 9);
            NanoTcp.Wire.UdpHeader.SetDatagramLength(frame, 34, 8);
            NanoTcp.Wire.UdpHeader.SetChecksum(frame, 34, 0x1234);
            session.Capture.Write(0, frame, 0, frame.Length);
            Assert.AreNotEqual(string.Empty, session.ProblemsInOurFrames(), "a wrong UDP checksum must be flagged");
        }

        [TestMethod]
        public void KernelPingsTheStackFiveTimesAndGetsEveryReply()
        {
            RequireTools("ping", "iputils-ping", "tshark", "tshark");
            using var session = new Session("ping", null);
            CommandResult ping = session.Run("ping -n -c 5 -i 0.2 -W 2 " + KernelOverTap.StackAddress);
            TestContext.WriteLine(ping.StandardOutput);
            Assert.AreEqual(0, ping.ExitCode, ping.ToString());
            StringAssert.Contains(ping.StandardOutput, "5 packets transmitted, 5 received");
            int answered = 0;
            session.Runner.Invoke(() => answered = session.Stack.Icmp.EchoRequestsAnswered);
            Assert.AreEqual(5, answered);
            AssertCleanCapture(session);
        }

        [TestMethod]
        public void KernelPingsWithA1400BytePayloadAndGetsEveryReply()
        {
            RequireTools("ping", "iputils-ping", "tshark", "tshark");
            using var session = new Session("ping1400", null);
            CommandResult ping = session.Run("ping -n -c 5 -i 0.2 -W 2 -s 1400 " + KernelOverTap.StackAddress);
            TestContext.WriteLine(ping.StandardOutput);
            Assert.AreEqual(0, ping.ExitCode, ping.ToString());
            StringAssert.Contains(ping.StandardOutput, "5 packets transmitted, 5 received");
            StringAssert.Contains(ping.StandardOutput, "1408 bytes from " + KernelOverTap.StackAddress);
            AssertCleanCapture(session);
        }

        [TestMethod]
        public void ArpingGetsTheStacksMac()
        {
            RequireTools("arping", "arping", "tshark", "tshark");
            using var session = new Session("arping", null);
            CommandResult arping = session.Run("arping -c 3 -w 5 -i " + KernelOverTap.TapName + " " + KernelOverTap.StackAddress);
            TestContext.WriteLine(arping.StandardOutput);
            Assert.AreEqual(0, arping.ExitCode, arping.ToString());
            StringAssert.Contains(arping.StandardOutput.ToLowerInvariant(), StackMacText);
            AssertCleanCapture(session);
        }

        [TestMethod]
        public void StackLeasesAnAddressFromDnsmasqAndTheKernelPingsIt()
        {
            RequireTools("dnsmasq", "dnsmasq", "ping", "iputils-ping", "tshark", "tshark");
            using var session = new Session("dhcp", c =>
            {
                c.UseDhcp = true;
                c.Address = 0;
            });
            string dir = session.Directory;
            using NamespaceProcess dnsmasq = session.Kernel.Namespace.Start(
                "exec dnsmasq --no-daemon --conf-file=/dev/null --port=0 --interface=" + KernelOverTap.TapName + " --bind-interfaces"
                + " --dhcp-range=10.77.0.100,10.77.0.150,255.255.255.0,10m --dhcp-option=option:router,10.77.0.1"
                + " --dhcp-option=option:dns-server,10.77.0.53 --dhcp-leasefile=" + dir + "/leases --pid-file=" + dir + "/dnsmasq.pid"
                + " --dhcp-authoritative --log-dhcp");
            try
            {
                bool bound = session.Runner.WaitUntil(() => session.Stack.Dhcp.State == DhcpState.Bound, 30_000);
                Assert.IsTrue(bound, "no lease within 30 s; dnsmasq said: " + dnsmasq.StandardError + dnsmasq.StandardOutput);
                uint leased = 0, router = 0, dns = 0, lease = 0;
                session.Runner.Invoke(() =>
                {
                    leased = session.Stack.LocalAddress;
                    router = session.Stack.Ipv4Layer.Gateway;
                    dns = session.Stack.Dhcp.DomainNameServer;
                    lease = session.Stack.Dhcp.LeaseSeconds;
                });
                string address = (leased >> 24) + "." + ((leased >> 16) & 0xFF) + "." + ((leased >> 8) & 0xFF) + "." + (leased & 0xFF);
                TestContext.WriteLine("leased " + address + " for " + lease + " s");
                Assert.IsTrue(leased >= 0x0A4D0064 && leased <= 0x0A4D0096, "leased " + address + " from the range");
                Assert.AreEqual(KernelAddress, router);
                Assert.AreEqual(0x0A4D0035u, dns);
                Assert.AreEqual(600u, lease);
                CommandResult ping = session.Run("ping -n -c 3 -i 0.2 -W 2 " + address);
                Assert.AreEqual(0, ping.ExitCode, ping.ToString());
                StringAssert.Contains(ping.StandardOutput, "3 packets transmitted, 3 received");
                string leases = File.ReadAllText(Path.Combine(dir, "leases"));
                StringAssert.Contains(leases, address);
                StringAssert.Contains(leases, StackMacText);
            }
            finally
            {
                dnsmasq.Kill();
            }

            AssertCleanCapture(session);
        }

        [TestMethod]
        public void StackRenewsItsLeaseWithDnsmasqAtT1ByUnicast()
        {
            RequireTools("dnsmasq", "dnsmasq", "tshark", "tshark");
            using var session = new Session("renew", c =>
            {
                c.UseDhcp = true;
                c.Address = 0;
            });
            string dir = session.Directory;
            using NamespaceProcess dnsmasq = session.Kernel.Namespace.Start(
                "exec dnsmasq --no-daemon --conf-file=/dev/null --port=0 --interface=" + KernelOverTap.TapName + " --bind-interfaces"
                + " --dhcp-range=10.77.0.100,10.77.0.150,255.255.255.0,2m --dhcp-option=option:T1,3 --dhcp-option=option:T2,6"
                + " --dhcp-leasefile=" + dir + "/leases --pid-file=" + dir + "/dnsmasq.pid --dhcp-authoritative --log-facility=-");
            try
            {
                Assert.IsTrue(session.Runner.WaitUntil(() => session.Stack.Dhcp.LeasesObtained >= 1, 30_000), "no lease: " + dnsmasq.StandardError);
                long renewAt = 0, boundAt = 0;
                session.Runner.Invoke(() =>
                {
                    renewAt = session.Stack.Dhcp.RenewAt;
                    boundAt = session.Clock.Milliseconds;
                });
                Assert.IsTrue(renewAt - boundAt <= 3000, "T1 from option 58 (3 s), was " + (renewAt - boundAt) + " ms away");
                Assert.IsTrue(session.Runner.WaitUntil(() => session.Stack.Dhcp.LeasesObtained >= 2, 15_000), "no renewal: " + dnsmasq.StandardError);
                DhcpState state = DhcpState.Stopped;
                session.Runner.Invoke(() => state = session.Stack.Dhcp.State);
                Assert.AreEqual(DhcpState.Bound, state);
            }
            finally
            {
                dnsmasq.Kill();
            }

            session.Runner.Dispose();
            session.Capture.Dispose();
            CommandResult unicast = session.Kernel.Namespace.Run(
                "tshark -n -r " + session.PcapPath + " -Y 'dhcp.option.dhcp == 3 && ip.dst == " + KernelOverTap.KernelAddress + " && dhcp.ip.client != 0.0.0.0' 2>/dev/null | wc -l",
                60_000);
            Assert.IsTrue(int.Parse(unicast.StandardOutput.Trim(), System.Globalization.CultureInfo.InvariantCulture) >= 1, "a REQUEST unicast to the server with ciaddr set");
            AssertCleanCapture(session);
        }

        [TestMethod]
        public void KernelSocketSendsUdpToTheStackAndGetsTheEcho()
        {
            RequireTools("python3", "python3", "tshark", "tshark");
            using var session = new Session("udpin", null);
            session.Runner.Invoke(() => session.Stack.Udp.Bind(7, (buf, off, len, src, sport, dst, dport) => session.Stack.Udp.Send(src, dport, sport, buf, off, len)));
            string script = "import socket,sys\n"
                + "s=socket.socket(socket.AF_INET,socket.SOCK_DGRAM)\n"
                + "s.settimeout(3)\n"
                + "for n in (1,100,1472):\n"
                + "  d=bytes((i*7+n)%256 for i in range(n))\n"
                + "  s.sendto(d,('" + KernelOverTap.StackAddress + "',7))\n"
                + "  r,a=s.recvfrom(4096)\n"
                + "  print(n, r==d, a[0], a[1])\n";
            File.WriteAllText(Path.Combine(session.Directory, "udp_in.py"), script);
            CommandResult run = session.Run("python3 " + session.Directory + "/udp_in.py");
            TestContext.WriteLine(run.ToString());
            Assert.AreEqual(0, run.ExitCode, run.ToString());
            Assert.AreEqual("1 True 10.77.0.2 7\n100 True 10.77.0.2 7\n1472 True 10.77.0.2 7", run.StandardOutput.Trim());
            AssertCleanCapture(session);
        }

        [TestMethod]
        public void KernelSocketSendingToAClosedPortIsRefused()
        {
            RequireTools("python3", "python3", "tshark", "tshark");
            using var session = new Session("udpclosed", null);
            string script = "import socket\n"
                + "s=socket.socket(socket.AF_INET,socket.SOCK_DGRAM)\n"
                + "s.settimeout(3)\n"
                + "s.connect(('" + KernelOverTap.StackAddress + "',9999))\n"
                + "s.send(b'anyone?')\n"
                + "try:\n"
                + "  s.recv(100)\n"
                + "  print('answered')\n"
                + "except ConnectionRefusedError:\n"
                + "  print('refused')\n";
            File.WriteAllText(Path.Combine(session.Directory, "udp_closed.py"), script);
            CommandResult run = session.Run("python3 " + session.Directory + "/udp_closed.py");
            Assert.AreEqual("refused", run.StandardOutput.Trim(), "ICMP port unreachable turns into ECONNREFUSED: " + run);
            int noListener = 0;
            session.Runner.Invoke(() => noListener = session.Stack.Drops.Get(DropReason.UdpNoListener));
            Assert.AreEqual(1, noListener);
            AssertCleanCapture(session);
        }

        [TestMethod]
        public void StackSendsUdpToAKernelSocketAndGetsTheAnswer()
        {
            RequireTools("python3", "python3", "tshark", "tshark");
            using var session = new Session("udpout", null);
            string script = "import socket\n"
                + "s=socket.socket(socket.AF_INET,socket.SOCK_DGRAM)\n"
                + "s.bind(('" + KernelOverTap.KernelAddress + "',9000))\n"
                + "s.settimeout(10)\n"
                + "d,a=s.recvfrom(4096)\n"
                + "s.sendto(d.upper(),a)\n"
                + "print(d.decode(), a[0], a[1])\n";
            File.WriteAllText(Path.Combine(session.Directory, "udp_out.py"), script);
            using NamespaceProcess server = session.Kernel.Namespace.Start("exec python3 " + session.Directory + "/udp_out.py");
            // Send only once python listens: a datagram before its bind meets the kernel's port unreachable (bounded: 10 s).
            var binding = System.Diagnostics.Stopwatch.StartNew();
            while (binding.ElapsedMilliseconds < 10_000 && !server.HasExited
                   && !session.Run("ss -lun 'sport = :9000'", 5_000).StandardOutput.Contains(KernelOverTap.KernelAddress + ":9000"))
            {
                System.Threading.Thread.Sleep(50);
            }

            byte[] answer = null;
            session.Runner.Invoke(() => session.Stack.Udp.Bind(40000, (buf, off, len, src, sport, dst, dport) => answer = buf.Skip(off).Take(len).ToArray()));
            byte[] message = Encoding.ASCII.GetBytes("hello from nanotcp");
            bool sent = false;
            session.Runner.Invoke(() => sent = session.Stack.Udp.Send(KernelAddress, 40000, 9000, message, 0, message.Length));
            Assert.IsTrue(sent, "held or sent");
            Assert.IsTrue(session.Runner.WaitUntil(() => answer != null, 10_000), "no answer from the kernel socket: " + server.StandardError);
            Assert.AreEqual("HELLO FROM NANOTCP", Encoding.ASCII.GetString(answer));
            Assert.IsTrue(server.WaitForExit(5000));
            Assert.AreEqual("hello from nanotcp 10.77.0.2 40000", server.StandardOutput.Trim());
            AssertCleanCapture(session);
        }
    

        [TestMethod]
        public void KernelPingsWithA3000BytePayloadInFragmentsAndGetsEveryReply()
        {
            RequireTools("ping", "iputils-ping", "tshark", "tshark");
            using var session = new Session("ping3000", c => c.ReassemblyDatagrams = 2);
            CommandResult ping = session.Run("ping -n -c 3 -i 0.3 -W 2 -s 3000 " + KernelOverTap.StackAddress);
            TestContext.WriteLine(ping.StandardOutput);
            Assert.AreEqual(0, ping.ExitCode, ping.ToString());
            StringAssert.Contains(ping.StandardOutput, "3 packets transmitted, 3 received");
            StringAssert.Contains(ping.StandardOutput, "3008 bytes from " + KernelOverTap.StackAddress);
            int reassembled = 0, fragmented = 0;
            session.Runner.Invoke(() =>
            {
                reassembled = session.Stack.Ipv4Layer.DatagramsReassembled;
                fragmented = session.Stack.Ipv4Layer.DatagramsFragmented;
            });
            Assert.AreEqual(3, reassembled);
            Assert.AreEqual(3, fragmented);
            AssertCleanCapture(session);
        }

        [TestMethod]
        public void KernelSocketSendsA6000ByteUdpDatagramToTheStackAndGetsTheEchoInFragments()
        {
            RequireTools("python3", "python3", "tshark", "tshark");
            using var session = new Session("udpfrag", c =>
            {
                c.ReassemblyDatagrams = 2;
                c.ReassemblyMaxDatagramLength = 8192;
            });
            session.Runner.Invoke(() => session.Stack.Udp.Bind(7, (buf, off, len, src, sport, dst, dport) => session.Stack.Udp.Send(src, dport, sport, buf, off, len)));
            string script = "import socket\n"
                + "s=socket.socket(socket.AF_INET,socket.SOCK_DGRAM)\n"
                + "s.settimeout(3)\n"
                + "for n in (3000,6000):\n"
                + "  d=bytes((i*7+n)%256 for i in range(n))\n"
                + "  s.sendto(d,('" + KernelOverTap.StackAddress + "',7))\n"
                + "  r,a=s.recvfrom(9000)\n"
                + "  print(n, r==d)\n";
            File.WriteAllText(Path.Combine(session.Directory, "udp_frag.py"), script);
            CommandResult run = session.Run("python3 " + session.Directory + "/udp_frag.py");
            TestContext.WriteLine(run.ToString());
            Assert.AreEqual(0, run.ExitCode, run.ToString());
            Assert.AreEqual("3000 True\n6000 True", run.StandardOutput.Trim());
            AssertCleanCapture(session);
        }

        [TestMethod]
        public void AFirstFragmentAloneGetsTheKernelAnIcmpTimeExceededAtTheReassemblyTimeout()
        {
            RequireTools("python3", "python3", "tshark", "tshark");
            using var session = new Session("fragtime", c =>
            {
                c.ReassemblyDatagrams = 2;
                c.ReassemblyTimeoutMilliseconds = 1000;
            });
            // A raw socket sends fragment zero (MF set, 16 bytes: a UDP header to port 7 and 8 bytes) and never the rest;
            // a raw ICMP socket then waits (bounded: 5 s) for the board's time exceeded and prints type, code and the
            // quoted identification. The kernel fills in the IPv4 checksum.
            string script = "import socket,struct,time\n"
                + "r=socket.socket(socket.AF_INET,socket.SOCK_RAW,socket.IPPROTO_ICMP)\n"
                + "r.settimeout(5)\n"
                + "s=socket.socket(socket.AF_INET,socket.SOCK_RAW,socket.IPPROTO_RAW)\n"
                + "data=struct.pack('!HHHH',4000,7,200,0)+bytes(range(8))\n"
                + "ip=struct.pack('!BBHHHBBH4s4s',0x45,0,20+len(data),0x5151,0x2000,64,17,0,socket.inet_aton('" + KernelOverTap.KernelAddress + "'),socket.inet_aton('" + KernelOverTap.StackAddress + "'))\n"
                + "s.sendto(ip+data,('" + KernelOverTap.StackAddress + "',0))\n"
                + "start=time.time()\n"
                + "while time.time()-start<5:\n"
                + "  p,a=r.recvfrom(2000)\n"
                + "  if a[0]=='" + KernelOverTap.StackAddress + "' and p[20]==11:\n"
                + "    q=p[28:]\n"
                + "    print(p[20],p[21],hex(struct.unpack('!H',q[4:6])[0]),len(q),round(time.time()-start,1))\n"
                + "    break\n";
            File.WriteAllText(Path.Combine(session.Directory, "frag_time.py"), script);
            CommandResult run = session.Run("python3 " + session.Directory + "/frag_time.py", 15_000);
            TestContext.WriteLine(run.ToString());
            Assert.AreEqual(0, run.ExitCode, run.ToString());
            string[] fields = run.StandardOutput.Trim().Split(' ');
            Assert.AreEqual(5, fields.Length, "one time exceeded: " + run);
            Assert.AreEqual("11", fields[0], "type 11, time exceeded");
            Assert.AreEqual("1", fields[1], "code 1, fragment reassembly time exceeded");
            Assert.AreEqual("0x5151", fields[2], "it quotes our fragment");
            Assert.AreEqual("28", fields[3], "the header and 8 bytes of data");
            int errors = 0;
            session.Runner.Invoke(() => errors = session.Stack.Icmp.ErrorsSent);
            Assert.AreEqual(1, errors);
            AssertCleanCapture(session);
        }

        [TestMethod]
        public void StackDefendsItsAddressAgainstArpingAndTheKernelKeepsItsMac()
        {
            RequireTools("arping", "arping", "ping", "iputils-ping");
            using var session = new Session("defend", null);
            CommandResult ping = session.Run("ping -n -c 1 -W 2 " + KernelOverTap.StackAddress);
            Assert.AreEqual(0, ping.ExitCode, ping.ToString());

            // The kernel is told the squatter's MAC, then the squatter (arping -U from its MAC) claims the address.
            string squatter = "02:00:00:77:00:66";
            CommandResult poison = session.Run("ip neigh replace " + KernelOverTap.StackAddress + " lladdr " + squatter + " dev " + KernelOverTap.TapName + " nud stale");
            Assert.AreEqual(0, poison.ExitCode, poison.ToString());
            CommandResult claim = session.Run("arping -U -c 1 -i " + KernelOverTap.TapName + " -S " + KernelOverTap.StackAddress + " -s " + squatter + " " + KernelOverTap.StackAddress);
            TestContext.WriteLine(claim.ToString());
            Assert.IsTrue(session.Runner.WaitUntil(() => session.Stack.Arp.Defences == 1, 5000), "the stack defended its address: " + claim);
            string neighbour = string.Empty;
            for (int i = 0; i < 50 && !neighbour.Contains(StackMacText); i++)
            {
                neighbour = session.Run("ip neigh show " + KernelOverTap.StackAddress + " dev " + KernelOverTap.TapName).StandardOutput.ToLowerInvariant();
                System.Threading.Thread.Sleep(100);
            }

            TestContext.WriteLine(neighbour);
            StringAssert.Contains(neighbour, StackMacText, "the gratuitous ARP put our MAC back in the kernel's neighbour table");
            int conflicts = 0, notDefended = 0;
            session.Runner.Invoke(() =>
            {
                conflicts = session.Stack.Arp.Conflicts;
                notDefended = session.Stack.Arp.ConflictsNotDefended;
            });
            Assert.AreEqual(1, conflicts);
            Assert.AreEqual(0, notDefended);
            Assert.AreEqual(StackAddress, session.Stack.LocalAddress);
        }

        [TestMethod]
        public void ReleasedLeaseDisappearsFromDnsmasqsLeaseFile()
        {
            RequireTools("dnsmasq", "dnsmasq");
            using var session = new Session("release", c =>
            {
                c.UseDhcp = true;
                c.Address = 0;
            });
            string dir = session.Directory;
            string leases = Path.Combine(dir, "leases");
            using NamespaceProcess dnsmasq = session.Kernel.Namespace.Start(
                "exec dnsmasq --no-daemon --conf-file=/dev/null --port=0 --interface=" + KernelOverTap.TapName + " --bind-interfaces"
                + " --dhcp-range=10.77.0.100,10.77.0.150,255.255.255.0,10m --dhcp-leasefile=" + leases + " --pid-file=" + dir + "/dnsmasq.pid"
                + " --dhcp-authoritative --log-dhcp");
            try
            {
                Assert.IsTrue(session.Runner.WaitUntil(() => session.Stack.Dhcp.State == DhcpState.Bound, 30_000), "no lease: " + dnsmasq.StandardError);
                Assert.IsTrue(WaitForFile(leases, text => text.Contains(StackMacText)), "dnsmasq wrote the lease");
                bool released = false;
                session.Runner.Invoke(() => released = session.Stack.Dhcp.Release());
                Assert.IsTrue(released);
                Assert.IsTrue(WaitForFile(leases, text => !text.Contains(StackMacText)), "the lease is gone: " + File.ReadAllText(leases) + dnsmasq.StandardError);
                StringAssert.Contains(dnsmasq.StandardError + dnsmasq.StandardOutput, "DHCPRELEASE");
                Assert.AreEqual(0u, session.Stack.LocalAddress);
            }
            finally
            {
                dnsmasq.Kill();
            }
        }

        private static bool WaitForFile(string path, Func<string, bool> condition)
        {
            for (int i = 0; i < 100; i++)
            {
                if (File.Exists(path) && condition(File.ReadAllText(path)))
                {
                    return true;
                }

                System.Threading.Thread.Sleep(100);
            }

            return false;
        }
    }
}
