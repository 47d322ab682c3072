using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Text.RegularExpressions;
using System.Threading;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using NanoTcp.Hardware.Host.Tap;
using NanoTcp.Interop.Tests.Support;

namespace NanoTcp.Interop.Tests.Reliability
{
    /// <summary>
    /// Slow peers from the kernel of a namespace against the PC app (chip model, 4 slots, or 2 for the readers): slowloris
    /// connections trickling header bytes while another client keeps getting served, and zero-window readers that keep
    /// their slots while nobody waits and lose one, counted, when a new client needs it. The simulation versions are
    /// tests/NanoTcp.Tests/Http/HttpSlowPeerTests.cs and Tcp/TcpAdmissionTests.cs.
    /// </summary>
    [TestClass]
    public class KernelSlowPeerTests
    {
        private const string Board = BoardInNamespace.BoardAddress;

        public TestContext TestContext { get; set; }

        [TestMethod]
        public void ClientKeepsGettingServedWhileEightSlowlorisConnectionsTrickleHeadersIntoFourSlots()
        {
            Requirements.RequireCommand("python3", "python3");
            const string Script = "slowloris";
            string stop = StopFile(Script);
            using BoardInNamespace board = BoardInNamespace.Start(direct: false, "--connections 4");
            using NamespaceProcess slowloris = board.Namespace.Start(SlowPeerScripts.Command(Script, SlowPeerScripts.Slowloris, Board, 8, 90, stop));
            try
            {
                WaitForLine(slowloris, "started", 10000);

                // Every slot is taken by a trickling header and 4 more wait in the admission queue; the header time-out
                // (5 s from the first byte) frees the slots, and the client gets one in its turn, first come first served
                // (about 10 s here: two rounds of time-outs; the reconnecting slowloris queue behind it).
                string times = string.Empty;
                for (int request = 0; request < 2; request++)
                {
                    var clock = Stopwatch.StartNew();
                    CommandResult curl = board.Namespace.Run("curl -sS -m 30 -o /dev/null -w '%{http_code} %{size_download}' http://" + Board + "/bulk/1000", 40000);
                    times += (times.Length > 0 ? ", " : string.Empty) + clock.ElapsedMilliseconds.ToString(CultureInfo.InvariantCulture) + " ms";
                    Assert.AreEqual(0, curl.ExitCode, "request " + request + " while slowloris runs: " + curl);
                    Assert.AreEqual("200 1000", curl.StandardOutput.Trim(), "the whole body");
                }

                File.WriteAllText(stop, "stop");
                Assert.IsTrue(slowloris.WaitForExit(20000), "slowloris ends once told to");
                Match result = Regex.Match(slowloris.StandardOutput, @"opened (\d+) answered408 (\d+) closed (\d+)");
                long timeouts = board.BoardCounter("http", "timeouts");
                TestContext.WriteLine("2 requests among 8 slowloris connections on 4 slots: " + times + "; slowloris " + result.Value + "; board http.timeouts " + timeouts);
                Assert.IsTrue(result.Success, slowloris.StandardOutput + slowloris.StandardError);
                Assert.IsTrue(int.Parse(result.Groups[2].Value, CultureInfo.InvariantCulture) > 0, "the board answered trickling headers 408: " + result.Value);
                Assert.IsTrue(timeouts > 0, "and counted them");
            }
            finally
            {
                File.Delete(stop);
                File.Delete(SlowPeerScripts.PathOf(Script));
            }
        }

        [TestMethod]
        public void ZeroWindowReadersKeepTheirSlotsWhileNobodyWaitsAndOneIsEvictedAndCountedWhenANewClientNeedsIt()
        {
            Requirements.RequireCommand("python3", "python3");
            Requirements.RequireCommand("ss", "iproute2");
            const string Script = "readers";
            string stop = StopFile(Script);
            using BoardInNamespace board = BoardInNamespace.Start(direct: false, "--connections 2");
            using NamespaceProcess readers = board.Namespace.Start(SlowPeerScripts.Command(Script, SlowPeerScripts.ZeroWindowReaders, Board, 2, 90, stop));
            try
            {
                WaitForLine(readers, "requested", 20000);

                // Both slots hold a response to a reader whose window has closed: the board probes it (RFC 9293
                // §3.8.6.1) and the kernel answers every probe with a zero window. Well past the 2 s stall after which a
                // connection may be evicted, both stay, because no other client waits for a slot.
                var clock = Stopwatch.StartNew();
                while (clock.ElapsedMilliseconds < 8000)
                {
                    Assert.AreEqual(2, EstablishedToBoard(board), "both readers keep their connections while nobody waits (" + clock.ElapsedMilliseconds + " ms)");
                    Thread.Sleep(250);
                }

                Assert.IsTrue(board.KernelCounter("TcpExtTCPToZeroWindowAdv") > 0, "the kernel advertised a zero window");

                // A new client needs a slot: the connection stalled longest is reset, the client served.
                CommandResult curl = board.Namespace.Run("curl -sS -m 30 -o /dev/null -w '%{http_code} %{size_download}' http://" + Board + "/bulk/100", 40000);
                Assert.AreEqual(0, curl.ExitCode, "the new client: " + curl);
                Assert.AreEqual("200 100", curl.StandardOutput.Trim());
                long evicted = board.BoardCounter("tcp", "connectionsEvicted");
                File.WriteAllText(stop, "stop");
                Assert.IsTrue(readers.WaitForExit(20000), "the readers end once told to: " + readers.StandardOutput + readers.StandardError);
                string verdict = readers.StandardOutput.Substring(readers.StandardOutput.IndexOf("requested", StringComparison.Ordinal) + "requested".Length).Trim();
                TestContext.WriteLine("zero-window readers after a new client: " + verdict + "; board tcp.connectionsEvicted " + evicted);
                Assert.AreEqual(1, evicted, "one eviction for one new client (the status request found the client's freed slot)");
                CollectionAssert.AreEquivalent(new[] { "reset", "open" }, verdict.Split(' '), "one reader evicted, the other still connected: " + verdict);
            }
            finally
            {
                File.Delete(stop);
                File.Delete(SlowPeerScripts.PathOf(Script));
            }
        }

        /// <summary>A file whose existence tells a script to stop (none yet).</summary>
        private static string StopFile(string name)
        {
            string path = Path.Combine(Path.GetTempPath(), "nanotcp-" + name + "-stop-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
            File.Delete(path);
            return path;
        }

                /// <summary>Established kernel connections to the board's port 80 (ss in the namespace).</summary>
        private static int EstablishedToBoard(BoardInNamespace board)
        {
            CommandResult ss = board.Namespace.Run("ss -Htn state established dst " + Board + ":80", 10000);
            Assert.AreEqual(0, ss.ExitCode, ss.ToString());
            return ss.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length;
        }

        /// <summary>Waits (bounded) until the process has printed <paramref name="text"/>.</summary>
        private static void WaitForLine(NamespaceProcess process, string text, int timeoutMilliseconds)
        {
            var clock = Stopwatch.StartNew();
            while (true)
            {
                string output = process.StandardOutput;
                if (output.Contains(text, StringComparison.Ordinal))
                {
                    return;
                }

                Assert.IsFalse(process.HasExited, "the script ended: " + output + process.StandardError);
                Assert.IsTrue(clock.ElapsedMilliseconds < timeoutMilliseconds, "no '" + text.Trim() + "' within " + timeoutMilliseconds + " ms: " + output + process.StandardError);
                Thread.Sleep(50);
            }
        }
    }
}
