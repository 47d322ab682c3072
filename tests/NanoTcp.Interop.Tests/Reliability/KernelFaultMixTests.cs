using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Text.RegularExpressions;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using NanoTcp.Hardware.Host.Tap;
using NanoTcp.Http;
using NanoTcp.Interop.Tests.Support;

namespace NanoTcp.Interop.Tests.Reliability
{
    /// <summary>
    /// Issue 12's fault mix on the real-peer path: `nanotcp --faults mix` makes the board's wire lose 10 %, duplicate
    /// 5 %, delay by 5 ms and reorder 10 % (+5 ms) and corrupt 1 % of every frame, both ways, seeded. curl in the
    /// namespace downloads /bulk/N (every byte checked) and uploads N random bytes to /upload (length and CRC-32
    /// compared), through the chip model and --direct. CI moves 256 KB per test (5–30 s here on a loaded machine);
    /// NANOTCP_RELIABILITY_LONG=1 moves 10 MB (the figures in RELIABILITY.md). Each test prints time, goodput, both
    /// sides' retransmissions and the wire's fault counts.
    /// </summary>
    [TestClass]
    public class KernelFaultMixTests
    {
        /// <summary>Environment variable that turns the 10 MB runs on.</summary>
        public const string LongVariable = "NANOTCP_RELIABILITY_LONG";

        public TestContext TestContext { get; set; }

        private static bool Long => Environment.GetEnvironmentVariable(LongVariable) == "1";

        private static int Size => Long ? 10_000_000 : 256 * 1024;

        /// <summary>curl's own limit: far above what the transfer takes (3–50 KB/s under the mix), below the test host's.</summary>
        private static int CurlSeconds => Long ? 3000 : 240;

        [TestMethod]
        public void DownloadThroughTheChipModelUnderTheFaultMixIsByteExact() => Download(direct: false, seed: 3);

        [TestMethod]
        public void DownloadDirectUnderTheFaultMixIsByteExact() => Download(direct: true, seed: 4);

        [TestMethod]
        public void UploadThroughTheChipModelUnderTheFaultMixGetsItsLengthAndCrc32() => Upload(direct: false, seed: 5);

        [TestMethod]
        public void UploadDirectUnderTheFaultMixGetsItsLengthAndCrc32() => Upload(direct: true, seed: 6);

        private void Download(bool direct, int seed)
        {
            Requirements.RequireCommand("nstat", "iproute2");
            string file = TempFile("down");
            using BoardInNamespace board = BoardInNamespace.Start(direct, "--faults mix,seed=" + Text(seed));
            try
            {
                long boardRetransmissionsBefore = board.BoardCounter("tcp", "retransmissions");
                var clock = Stopwatch.StartNew();
                CommandResult curl = board.Namespace.Run("curl -sS -m " + Text(CurlSeconds) + " -o " + file + " http://" + BoardInNamespace.BoardAddress + "/bulk/" + Text(Size),
                    (CurlSeconds + 30) * 1000);
                long milliseconds = clock.ElapsedMilliseconds;
                Assert.AreEqual(0, curl.ExitCode, "curl under the fault mix (" + board.Mode + ") after " + milliseconds + " ms: " + curl);
                byte[] body = File.ReadAllBytes(file);
                Assert.AreEqual(Size, body.Length, "body length");
                for (int i = 0; i < body.Length; i++)
                {
                    if (body[i] != BulkData.ByteAt(i))
                    {
                        Assert.Fail("byte " + i + " is " + body[i] + ", expected " + BulkData.ByteAt(i));
                    }
                }

                long boardRetransmissions = board.BoardCounter("tcp", "retransmissions") - boardRetransmissionsBefore;
                Report("download", board, milliseconds, "board retransmissions " + Text(boardRetransmissions) + " (timeouts "
                    + Text(board.BoardCounter("tcp", "retransmissionTimeouts")) + ", fast " + Text(board.BoardCounter("tcp", "fastRetransmits")) + ")");
                Assert.IsTrue(boardRetransmissions > 0, "the board repaired lost data segments");
            }
            finally
            {
                File.Delete(file);
            }
        }

        private void Upload(bool direct, int seed)
        {
            Requirements.RequireCommand("nstat", "iproute2");
            string file = TempFile("up");
            using BoardInNamespace board = BoardInNamespace.Start(direct, "--faults mix,seed=" + Text(seed));
            try
            {
                byte[] data = new byte[Size];
                new Random(seed).NextBytes(data);
                File.WriteAllBytes(file, data);
                string expected = Text(Size) + " " + Product.UploadChecks.ReferenceCrc32(data).ToString("x8", CultureInfo.InvariantCulture);
                long kernelRetransmissionsBefore = board.KernelCounter("TcpRetransSegs");
                var clock = Stopwatch.StartNew();
                CommandResult curl = board.Namespace.Run("curl -sS -m " + Text(CurlSeconds) + " -H 'Content-Type: application/octet-stream' --data-binary @" + file
                    + " http://" + BoardInNamespace.BoardAddress + "/upload", (CurlSeconds + 30) * 1000);
                long milliseconds = clock.ElapsedMilliseconds;
                Assert.AreEqual(0, curl.ExitCode, "curl under the fault mix (" + board.Mode + ") after " + milliseconds + " ms: " + curl);
                Assert.AreEqual(expected, curl.StandardOutput.Trim(), "length and CRC-32 the board computed");
                long kernelRetransmissions = board.KernelCounter("TcpRetransSegs") - kernelRetransmissionsBefore;
                Report("upload", board, milliseconds, "kernel retransmissions " + Text(kernelRetransmissions) + " (timeouts "
                    + Text(board.KernelCounter("TcpExtTCPTimeouts")) + ", fast " + Text(board.KernelCounter("TcpExtTCPFastRetrans")) + ")");
                Assert.IsTrue(kernelRetransmissions > 0, "the kernel repaired lost data segments");
            }
            finally
            {
                File.Delete(file);
            }
        }

        /// <summary>Prints the run's figures, then stops the app and checks the wire injected every kind of fault.</summary>
        private void Report(string what, BoardInNamespace board, long milliseconds, string retransmissions)
        {
            string output = board.Stop();
            Match counts = Regex.Match(output, @"wire faults: (\d+) frames, (\d+) dropped, (\d+) duplicated, (\d+) reordered, (\d+) corrupted");
            string line = what + " of " + Text(Size) + " bytes under the fault mix (" + board.Mode + "): " + Text(milliseconds) + " ms, "
                + (Size / 1024.0 / (milliseconds / 1000.0)).ToString("F1", CultureInfo.InvariantCulture) + " KB/s; " + retransmissions + "; "
                + (counts.Success ? counts.Value : "no fault counts in: " + output);
            TestContext.WriteLine(line);
            Console.WriteLine(line);
            Assert.IsTrue(counts.Success, "the app prints the wire's fault counts when it stops: " + output);
            for (int kind = 2; kind <= 5; kind++)
            {
                Assert.IsTrue(long.Parse(counts.Groups[kind].Value, CultureInfo.InvariantCulture) > 0, "every kind of fault was injected: " + counts.Value);
            }
        }

        private static string TempFile(string name) =>
            Path.Combine(Path.GetTempPath(), "nanotcp-faultmix-" + name + "-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + ".bin");

        private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);
    }
}
