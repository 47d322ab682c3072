using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using NanoTcp.Hardware.Host.Tap;
using NanoTcp.Interop.Tests.Support;

namespace NanoTcp.Interop.Tests.Reliability
{
    /// <summary>
    /// A scapy corpus of malformed and hostile frames (Reliability/malformed_frames.py: truncated headers of every
    /// layer, bad lengths and checksums, bad TCP options and flag mixes, LAND, fragments, broadcast TCP, forged ARP,
    /// RFC 5961 RST/SYN/ACK injection on an established connection) sent while a download runs (issue 12). Every frame
    /// of every kind is accounted for by the /api/status counter that says why it was dropped, or, where the RFCs want
    /// an answer (RST to a closed port, challenge ACK, echo reply), by that answer; the download survives byte-exact.
    /// A frame the NIC filters (unicast for another MAC; through the chip model, a group nobody joined) must leave no
    /// counter moved. 20 frames of each kind in CI, 500 with NANOTCP_RELIABILITY_LONG=1.
    /// </summary>
    [TestClass]
    public class MalformedFrameCorpusTests
    {
        [TestMethod]
        public void EveryMalformedFrameIsCountedAndTheDownloadSurvivesDirect() => SendCorpus(direct: true);

        [TestMethod]
        public void EveryMalformedFrameIsCountedAndTheDownloadSurvivesThroughTheChipModel() => SendCorpus(direct: false);

        private static void SendCorpus(bool direct)
        {
            Requirements.RequireNamespacesAndTap();
            if (!File.Exists("/usr/bin/python3") || Run("/usr/bin/python3 -c 'import scapy'") != 0)
            {
                Requirements.RequireCommand("scapy", "python3-scapy"); // skips (fails under CI) with the package to install
            }

            using BoardInNamespace board = BoardInNamespace.Start(direct, "--connections 4");
            int count = BoardInNamespace.Long ? 500 : 20;
            string script = Path.Combine(AppContext.BaseDirectory, "Reliability", "malformed_frames.py");
            using SlowDownload download = SlowDownload.Start(board, 100_000);

            // Debian's python3 (python3-scapy), not whichever python3 is first on PATH.
            CommandResult corpus = board.Namespace.Run("/usr/bin/python3 " + script + " --iface " + BoardInNamespace.Tap + " --board-ip " + BoardInNamespace.BoardAddress
                + " --kernel-ip " + BoardInNamespace.KernelAddress + " --count " + count + (direct ? string.Empty : " --chip"), BoardInNamespace.Long ? 1_800_000 : 300_000);
            board.AssertAlive();
            Assert.AreEqual(0, corpus.ExitCode, corpus.ToString());

            var failures = new List<string>();
            var report = new StringBuilder();
            int kinds = 0;
            long frames = 0;
            foreach (string line in corpus.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                using JsonDocument document = JsonDocument.Parse(line);
                JsonElement k = document.RootElement;
                string name = k.GetProperty("kind").GetString();
                int sent = k.GetProperty("sent").GetInt32();
                long counted = k.GetProperty("counted").GetInt64();
                int answers = k.GetProperty("answers").GetInt32();
                bool answered = k.GetProperty("answer").ValueKind != JsonValueKind.Null;
                string expect = string.Join("+", k.GetProperty("expect").EnumerateArray().Select(e => e.GetString()));
                string changes = string.Join(", ", k.GetProperty("changes").EnumerateObject().Select(c => c.Name + " +" + c.Value.GetInt64()));
                kinds++;
                frames += sent;
                report.Append("\n  ").Append(name).Append(": ").Append(sent).Append(" sent, ").Append(expect).Append(" +").Append(counted)
                    .Append(answered ? ", answers " + answers : string.Empty);
                if (expect.Length == 0)
                {
                    // Filtered below the firmware (the NIC's address filters): no drop counter may move for it.
                    report.Append(" (filtered before the firmware)");
                    if (k.GetProperty("changes").EnumerateObject().Any(c => c.Name.Contains(".dropped", StringComparison.Ordinal)))
                    {
                        failures.Add(name + ": must not reach the firmware, but " + changes);
                    }
                }
                else if (counted != sent)
                {
                    failures.Add(name + ": " + sent + " sent, " + expect + " moved by " + counted + " (" + changes + ")");
                }

                if (answered && answers < sent)
                {
                    failures.Add(name + ": " + sent + " sent, only " + answers + " answered (" + changes + ")");
                }
            }

            BoardInNamespace.Report("malformed-frame corpus (" + board.Mode + "): " + kinds + " kinds, " + frames + " frames" + report);
            Assert.IsTrue(kinds >= 50, "the corpus ran only " + kinds + " kinds: " + corpus);
            Assert.AreEqual(0, failures.Count, "frames not accounted for (" + board.Mode + "):\n" + string.Join("\n", failures));
            download.AssertAliveAndByteExact("after the malformed-frame corpus (" + board.Mode + ")");
        }

        private static int Run(string command)
        {
            using var process = System.Diagnostics.Process.Start("sh", new[] { "-c", command + " >/dev/null 2>&1" });
            process.WaitForExit(30000);
            return process.HasExited ? process.ExitCode : -1;
        }
    }
}
