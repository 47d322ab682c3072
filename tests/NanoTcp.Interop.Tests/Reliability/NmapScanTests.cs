using System;
using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using NanoTcp.Hardware.Host.Tap;
using NanoTcp.Interop.Tests.Support;

namespace NanoTcp.Interop.Tests.Reliability
{
    /// <summary>
    /// nmap's scans (SYN, FIN, Xmas, NULL, ACK, OS detection, UDP) against the board while an established download
    /// keeps running (issue 12): nmap sees port 80 as it is, the probes are counted where the board drops them, the
    /// download survives byte-exact and the board still serves afterwards. Ports 20-90 in CI, every port with
    /// NANOTCP_RELIABILITY_LONG=1.
    /// </summary>
    [TestClass]
    public class NmapScanTests
    {
        [TestMethod]
        public void NmapScansLeaveTheEstablishedDownloadAndTheServerWorkingDirect() => ScanWhileDownloading(direct: true);

        [TestMethod]
        public void NmapScansLeaveTheEstablishedDownloadAndTheServerWorkingThroughTheChipModel() => ScanWhileDownloading(direct: false);

        private static void ScanWhileDownloading(bool direct)
        {
            using BoardInNamespace board = BoardInNamespace.Start(direct, "--connections 4", "nmap", "nmap");
            string tcpPorts = BoardInNamespace.Long ? "1-65535" : "20-90";
            string udpPorts = BoardInNamespace.Long ? "1-1024" : "53,67,123,161,5353";

            // Each scan: nmap's flags, what it must report for port 80, and the counters its probes must move.
            var scans = new (string Flags, string Port80, string[] Counters)[]
            {
                ("-sS -p " + tcpPorts, "80/open/tcp", new[] { "tcp.resetsSent", "tcp.synCookiesSent" }),
                ("-sF -p " + tcpPorts, "80/open|filtered/tcp", new[] { "tcp.droppedWithoutSyn" }),
                ("-sX -p " + tcpPorts, "80/open|filtered/tcp", new[] { "tcp.droppedWithoutSyn" }),
                ("-sN -p " + tcpPorts, "80/open|filtered/tcp", new[] { "tcp.droppedWithoutSyn" }),
                ("-sA -p " + tcpPorts, "unfiltered", // every port answers the ACK with a RST: "Ignored State: unfiltered (71)"
                 new[] { "tcp.resetsSent" }),
                ("-O -p 22,80", "80/open/tcp", new[] { "tcp.resetsSent" }),
                // The board rate-limits port unreachables: without --min-rate nmap slows to a port a second.
                ("-sU --min-rate 200 -p " + udpPorts, null, new[] { "udp.droppedNoListener" }),
            };

            using SlowDownload download = SlowDownload.Start(board, 100_000);
            var report = new StringBuilder("nmap (" + board.Mode + ", TCP ports " + tcpPorts + ", UDP " + udpPorts + "):");
            foreach (var scan in scans)
            {
                BoardInNamespace.Status before = board.Read();
                var clock = Stopwatch.StartNew();
                CommandResult nmap = board.Namespace.Run("nmap -n -Pn -T4 --max-retries 1 --host-timeout 300s -oG - " + scan.Flags + " " + BoardInNamespace.BoardAddress, 360_000);
                long milliseconds = clock.ElapsedMilliseconds;
                board.AssertAlive();
                BoardInNamespace.Status after = board.Read();
                Assert.AreEqual(0, nmap.ExitCode, nmap.ToString());
                if (scan.Port80 != null)
                {
                    StringAssert.Contains(nmap.StandardOutput, scan.Port80, "nmap " + scan.Flags + " (" + board.Mode + ")");
                }

                long moved = 0;
                foreach (string counter in scan.Counters)
                {
                    moved += after[counter] - before[counter];
                }

                Assert.IsTrue(moved > 0, "nmap " + scan.Flags + " moved none of " + string.Join(", ", scan.Counters) + ": " + after.ChangesSince(before) + "\n" + nmap.StandardOutput);
                report.Append("\n  ").Append(scan.Flags).Append(": ").Append(milliseconds).Append(" ms; ").Append(after.ChangesSince(before));
            }

            BoardInNamespace.Report(report.ToString());
            download.AssertAliveAndByteExact("after the nmap scans (" + board.Mode + ")");
            CommandResult curl = board.Namespace.Run("curl -sS -m 10 -o /dev/null -w '%{http_code}' http://" + BoardInNamespace.BoardAddress + "/bulk/1000", 20000);
            Assert.AreEqual("200", curl.StandardOutput.Trim(), "the board does not serve after the scans: " + curl);
        }
    }
}
