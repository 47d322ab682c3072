using System;
using System.IO;
using System.Net;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using NanoTcp.Hardware.Simulation;
using HostOptions = NanoTcp.Host.HostOptions;
using HostProgram = NanoTcp.Host.Program;

namespace NanoTcp.Tests.Host.Product
{
    /// <summary>The `nanotcp` command line, parsed in-process: errors name the option and its range; help and notes.</summary>
    [TestClass]
    public class NanotcpCommandLineTests
    {
        [TestMethod]
        public void ConnectionsZeroIsRejectedNamingTheOptionAndItsRange()
        {
            (int code, string output, string error, HostOptions ran) = Parse("--connections 0");
            Assert.AreEqual(2, code, output + error);
            Assert.IsNull(ran, "the app must not start");
            Assert.AreEqual("nanotcp: --connections 0: the board has 1..64 TCP connection slots", error.Trim());
        }

        [TestMethod]
        public void ForwardBeyondThePortRangeIsRejectedNamingTheOptionAndItsRange()
        {
            (int code, _, string error, HostOptions ran) = Parse("--forward 70000");
            Assert.AreEqual(2, code);
            Assert.IsNull(ran);
            Assert.AreEqual("nanotcp: --forward 70000: the loopback port is 1..65535, or 0 for no forward", error.Trim());
        }

        [TestMethod]
        public void EachBadOptionGetsItsOwnError()
        {
            (int code, _, string error, HostOptions ran) = Parse("--forward -1 --connections 65 --tcp-buffer 100 --msl -5 --ip 10.0.77 --gateway x");
            Assert.AreEqual(2, code);
            Assert.IsNull(ran);
            string[] lines = error.Trim().Split('\n');
            Assert.AreEqual(6, lines.Length, error);
            StringAssert.Contains(error, "nanotcp: --forward -1: the loopback port is 1..65535, or 0 for no forward");
            StringAssert.Contains(error, "nanotcp: --connections 65: the board has 1..64 TCP connection slots");
            StringAssert.Contains(error, "nanotcp: --tcp-buffer 100: each TCP ring is 536..65535 bytes");
            StringAssert.Contains(error, "nanotcp: --msl -5: the maximum segment lifetime is 0 or more seconds");
            StringAssert.Contains(error, "nanotcp: --ip: '10.0.77' is not an IPv4 address such as 10.0.77.2");
            StringAssert.Contains(error, "nanotcp: --gateway: 'x' is not an IPv4 address such as 10.0.77.1");
        }

        [TestMethod]
        public void HostnameTurnsMdnsOnWithThatName()
        {
            (int code, _, string error, HostOptions ran) = Parse("--hostname board7");
            Assert.AreEqual(0, code, error);
            Assert.AreEqual("board7", ran.HostName);
            var board = new global::NanoTcp.Host.EmulatedBoard(ran, new ManualClock(1000));
            Assert.IsNotNull(board.Firmware.Stack.Mdns, "the responder is on");
            Assert.AreEqual("board7.local", board.Firmware.Stack.Mdns.HostName);
            Assert.AreEqual("board7", board.Firmware.Stack.Mdns.ServiceInstance, "the HTTP server is advertised under the host name");
            Assert.AreEqual(80, board.Firmware.Stack.Mdns.ServicePort);
            board.Dispose();
        }

        [TestMethod]
        public void ServiceNameNamesTheHttpServiceAndTurnsMdnsOn()
        {
            (int code, _, string error, HostOptions ran) = Parse("--service-name LabBoard");
            Assert.AreEqual(0, code, error);
            var board = new global::NanoTcp.Host.EmulatedBoard(ran, new ManualClock(1000));
            Assert.AreEqual("nanotcp.local", board.Firmware.Stack.Mdns.HostName);
            Assert.AreEqual("LabBoard", board.Firmware.Stack.Mdns.ServiceInstance);
            board.Dispose();
            (code, _, error, ran) = Parse("--service-name a.b");
            Assert.AreEqual(2, code);
            StringAssert.Contains(error, "--service-name a.b: the instance name is 1..55 printable ASCII characters, spaces allowed, no '.' or '\\'");
        }

        [TestMethod]
        public void WithoutHostnameMdnsIsOff()
        {
            (int code, _, string error, HostOptions ran) = Parse("");
            Assert.AreEqual(0, code, error);
            Assert.IsNull(ran.HostName);
        }

        [TestMethod]
        public void AHostnameWithADotIsRejectedNamingTheRule()
        {
            (int code, _, string error, HostOptions ran) = Parse("--hostname board.local");
            Assert.AreEqual(2, code);
            Assert.IsNull(ran);
            Assert.AreEqual("nanotcp: --hostname board.local: the name is one label of 1..56 letters, digits and '-' (the board adds .local)", error.Trim());
        }

        [TestMethod]
        public void NtpServerSetsTheBoardsSntpServerAndABadOneIsAnError()
        {
            (int code, _, string error, HostOptions ran) = Parse("--ntp-server 10.0.77.1 --forward 0");
            Assert.AreEqual(0, code, error);
            Assert.AreEqual(0x0A004D01u, ran.NtpServer);
            Assert.IsNull(ran.NtpServerName);
            (code, _, error, ran) = Parse("--ntp-server pool_ntp!org --dhcp");
            Assert.AreEqual(2, code);
            Assert.IsNull(ran);
            StringAssert.Contains(error, "nanotcp: --ntp-server pool_ntp!org: neither an IPv4 address such as 10.0.77.1 nor a host name");
        }

        [TestMethod]
        public void NtpServerByNameIsResolvedByTheBoardAndNeedsDhcpForItsDnsServers()
        {
            (int code, _, string error, HostOptions ran) = Parse("--ntp-server time.example.net --dhcp --forward 0");
            Assert.AreEqual(0, code, error);
            Assert.AreEqual("time.example.net", ran.NtpServerName);
            Assert.AreEqual(0u, ran.NtpServer);
            var board = new global::NanoTcp.Host.EmulatedBoard(ran, new ManualClock(1000));
            Assert.AreEqual(0, board.Firmware.Stack.Sntp.ServerCount, "nothing to ask before the name resolves");
            board.Dispose();
            (code, _, error, ran) = Parse("--ntp-server time.example.net");
            Assert.AreEqual(2, code);
            StringAssert.Contains(error, "--ntp-server time.example.net: a name is resolved through the DNS servers DHCP names (option 6), so it needs --dhcp too");
        }

        [TestMethod]
        public void HostIpWithoutTapIsAnErrorThatSaysItNeedsTap()
        {
            (int code, _, string error, HostOptions ran) = Parse("--host-ip 10.0.77.1/24");
            Assert.AreEqual(2, code);
            Assert.IsNull(ran);
            StringAssert.Contains(error, "--host-ip 10.0.77.1/24: gives the kernel side of the TAP device an address, so it needs --tap NAME too");
        }

        [TestMethod]
        public void TapWithoutHostIpRunsAndExplainsThatTheKernelSideHasNoAddress()
        {
            (int code, _, string error, HostOptions ran) = Parse("--tap nt9 --forward 0");
            Assert.AreEqual(0, code, error);
            Assert.IsNotNull(ran);
            Assert.AreEqual("nt9", ran.Tap);
            StringAssert.Contains(error, "--tap nt9 without --host-ip: the kernel side of the TAP device gets no address from nanotcp");
            StringAssert.Contains(error, "give --host-ip 10.0.77.1/24");
        }

        [TestMethod]
        public void AnAddressWithoutPrefixMeansSlash24AndHelpSaysSo()
        {
            (int code, _, string error, HostOptions ran) = Parse("--ip 192.168.5.9");
            Assert.AreEqual(0, code, error);
            Assert.AreEqual(0xC0A80509u, ran.Address);
            Assert.AreEqual(24, ran.PrefixLength);

            (_, string help, _, _) = Parse("--help");
            StringAssert.Contains(help, "--ip <A/P>");
            StringAssert.Contains(help, "A alone means /24");
        }

        [TestMethod]
        public void HelpNamesTheCommandNanotcp()
        {
            (int code, string help, _, HostOptions ran) = Parse("--help");
            Assert.AreEqual(0, code);
            Assert.IsNull(ran, "help does not start the app");
            StringAssert.Contains(help, "Usage:");
            StringAssert.Contains(help, "nanotcp [command] [options]");
            Assert.IsFalse(help.Contains("NanoTcp.Host", StringComparison.Ordinal), help);
        }

        [TestMethod]
        public void DemoAndRunNameTheChipRevisionTheSameWay()
        {
            Assert.AreEqual("rev B7 (EREVID 06h)", NanoTcp.Host.RunCommand.Revision(0x06));
            (int code, string demo, string error, _) = Parse("demo");
            Assert.AreEqual(0, code, error);
            StringAssert.Contains(demo, "ENC28J60 chip model rev B7 (EREVID 06h) + driver");
        }

        [TestMethod]
        public void TheForwardRefusesAPortAnotherProgramListensOn()
        {
            var busy = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
            busy.Start();
            try
            {
                int port = ((IPEndPoint)busy.LocalEndpoint).Port;
                var clock = new ManualClock();
                var wire = new EthernetWire(clock, 1);
                IOException refused = Assert.ThrowsExactly<IOException>(() =>
                    new NanoTcp.Host.ForwardingHost(wire, clock, 0x0A004DFD, 24, () => 0x0A004D02, 80, port));
                Assert.AreEqual(NanoTcp.Host.ForwardingHost.BusyPortMessage(port), refused.Message);
                StringAssert.Contains(refused.Message, "another program (another nanotcp?) listens on that port already");
            }
            finally
            {
                busy.Stop();
            }
        }

        [TestMethod]
        public void TwoForwardsCannotListenOnTheSameLoopbackPort()
        {
            var clock = new ManualClock();
            var wire = new EthernetWire(clock, 1);
            using var first = new NanoTcp.Host.ForwardingHost(wire, clock, 0x0A004DFD, 24, () => 0x0A004D02, 80, 0);
            Assert.ThrowsExactly<IOException>(() =>
                new NanoTcp.Host.ForwardingHost(wire, clock, 0x0A004DFC, 24, () => 0x0A004D02, 80, first.LoopbackPort));
        }

        [TestMethod]
        public void FaultsMixPutsIssue12sFaultsOnTheBoardsWireWithTheGivenSeed()
        {
            (int code, _, string error, HostOptions ran) = Parse("--faults mix,seed=9");
            Assert.AreEqual(0, code, error);
            Assert.AreEqual(9, ran.FaultSeed);
            var board = new global::NanoTcp.Host.EmulatedBoard(ran, new ManualClock(1000));
            WireFaults faults = board.Wire.Faults;
            Assert.AreEqual(0.10, faults.DropRate, 1e-9);
            Assert.AreEqual(0.05, faults.DuplicateRate, 1e-9);
            Assert.AreEqual(0.10, faults.ReorderRate, 1e-9);
            Assert.AreEqual(0.01, faults.CorruptRate, 1e-9);
            Assert.AreEqual(5, faults.DelayMilliseconds);
            Assert.AreEqual(5, faults.ReorderDelayMilliseconds);
            board.Dispose();
        }

        [TestMethod]
        public void FaultsAreCountedAndTheSameSeedDrawsTheSameFaults()
        {
            // Two boards, the same frames offered to each wire: the seed decides every fault, and each is counted.
            string[] counts = new string[2];
            for (int run = 0; run < 2; run++)
            {
                (_, _, _, HostOptions ran) = Parse("--faults loss=10,dup=5,reorder=10,corrupt=1,delay=5,seed=3 --direct");
                var clock = new ManualClock(1000);
                var board = new global::NanoTcp.Host.EmulatedBoard(ran, clock);
                WirePort peer = board.Wire.CreatePort(new byte[] { 2, 0, 0, 0, 0, 9 });
                byte[] frame = new byte[60];
                frame[0] = 0xFF; // broadcast: the board's port takes it
                for (int i = 0; i < 2000; i++)
                {
                    peer.Send(frame, 0, frame.Length);
                }

                counts[run] = global::NanoTcp.Host.FaultOption.Counts(board.Wire.Statistics);
                board.Dispose();
            }

            StringAssert.StartsWith(counts[0], "wire faults: 2000 frames, ");
            Assert.AreEqual(counts[0], counts[1], "the same seed, the same faults");
            foreach (string kind in new[] { " dropped", " duplicated", " reordered", " corrupted" })
            {
                StringAssert.DoesNotMatch(counts[0], new System.Text.RegularExpressions.Regex(" 0" + kind), "every kind drawn: " + counts[0]);
            }
        }

        [TestMethod]
        public void FaultsWithAnUnknownKeyOrARateAbove100AreRejectedNamingThePart()
        {
            (int code, _, string error, HostOptions ran) = Parse("--faults loss=120");
            Assert.AreEqual(2, code);
            Assert.IsNull(ran);
            Assert.AreEqual("nanotcp: --faults: loss=120: a share of frames is 0..100 (percent)", error.Trim());
            (code, _, error, ran) = Parse("--faults jitter=3");
            Assert.AreEqual(2, code);
            Assert.IsNull(ran);
            StringAssert.StartsWith(error.Trim(), "nanotcp: --faults: 'jitter=3' is not one of loss=%");
        }

        private static (int Code, string Output, string Error, HostOptions Ran) Parse(string arguments)
        {
            var output = new StringWriter();
            var error = new StringWriter();
            HostOptions ran = null;
            int code = HostProgram.Run(arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries), output, error, options =>
            {
                ran = options;
                return 0;
            });
            return (code, output.ToString(), error.ToString(), ran);
        }
    }
}
