using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Text.RegularExpressions;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using NanoTcp.Hardware.Host.Tap;
using NanoTcp.Interop.Tests.Support;

namespace NanoTcp.Interop.Tests.Product
{
    /// <summary>
    /// The PC app with --tap inside a network namespace: the kernel of that namespace reaches the emulated board
    /// (ENC28J60 model + driver + firmware) directly, as a PC on the same Ethernet would reach the real board. The
    /// streamed-upload tests also run against a second app with --direct (the stack straight on the wire, without the
    /// chip model), started the same way in its own namespace. One namespace and one app per mode serve the class.
    /// </summary>
    [TestClass]
    public class NanotcpOverTapTests
    {
        /// <summary>The modes, as the data rows name them: through the ENC28J60 model and driver, or --direct.</summary>
        private const string ChipModel = "chip model";
        private const string Direct = "direct";

        private static BoardInNamespace _chipModel;
        private static BoardInNamespace _direct;

        [ClassInitialize]
        public static void StartApps(TestContext context)
        {
            if (!Environment.IsPrivilegedProcess || !File.Exists("/dev/net/tun"))
            {
                return; // each test reports the requirement (skip, or failure under CI)
            }

            try
            {
                _chipModel = BoardInNamespace.Start(direct: false, "--connections 4");
                _direct = BoardInNamespace.Start(direct: true, "--connections 4");
            }
            catch
            {
                StopApps();
                throw;
            }
        }

        [ClassCleanup]
        public static void StopApps()
        {
            _chipModel?.Dispose();
            _chipModel = null;
            _direct?.Dispose();
            _direct = null;
        }

        private const string BoardAddress = BoardInNamespace.BoardAddress;

        private const string KernelAddress = BoardInNamespace.KernelAddress;

        private static NetworkNamespace Namespace => _chipModel.Namespace;

        [TestMethod]
        public void KernelCurlGetsTheStatusPage()
        {
            Require("curl", "curl");
            CommandResult curl = Namespace.Run("curl -sS -m 20 -D - http://" + BoardAddress + "/", 30000);

            Assert.AreEqual(0, curl.ExitCode, curl.ToString());
            StringAssert.StartsWith(curl.StandardOutput, "HTTP/1.1 200 OK"); // the namespace helper reads output by lines
            StringAssert.Contains(curl.StandardOutput, "<table id=\"connections\">");
            StringAssert.Contains(curl.StandardOutput, KernelAddress, "the kernel's own connection is listed");
        }

        [TestMethod]
        public void ApacheBench2000RequestsAt8ConcurrentWith4SlotsHaveNoFailure()
        {
            Require("ab", "apache2-utils");
            // A fixed-length route: ab counts a response whose length differs from the first one as failed, and the
            // status page's length changes with its counters. Every request is a new connection (HTTP/1.0, the board
            // closes first), so the 4 slots only suffice because TIME-WAIT is kept in records, not slots.
            CommandResult ab = Namespace.Run("ab -n 2000 -c 8 -s 30 http://" + BoardAddress + "/bulk/1000", 300000);

            string status = Namespace.Run("curl -sS -m 10 http://" + BoardAddress + "/api/status", 20000).StandardOutput;
            Assert.AreEqual(0, ab.ExitCode, ab.ToString());
            Assert.AreEqual("2000", Field(ab.StandardOutput, "Complete requests"), ab.StandardOutput);
            Assert.AreEqual("0", Field(ab.StandardOutput, "Failed requests"), ab.StandardOutput + "\nboard status afterwards: " + status);
            Console.WriteLine(ab.StandardOutput);
        }

        [TestMethod]
        public void ApacheBench2000RequestsAt50ConcurrentWith4SlotsHaveNoFailure()
        {
            Require("ab", "apache2-utils");
            // 50 clients on 4 slots: SYNs beyond the slots get SYN cookies and the requests wait in the admission
            // queue for the next free slot (issue 12: SYNs to a full table were dropped, 14 requests failed and one
            // took 107 s). The longest request is reported, not asserted (no timed assertions).
            CommandResult ab = Namespace.Run("ab -n 2000 -c 50 -s 30 http://" + BoardAddress + "/bulk/1000", 300000);
            string status = Namespace.Run("curl -sS -m 10 http://" + BoardAddress + "/api/status", 20000).StandardOutput;
            Match longest = Regex.Match(ab.StandardOutput, @"100%\s+(\d+)");
            Console.WriteLine("ab -c 50 on 4 slots: failed " + Field(ab.StandardOutput, "Failed requests") + ", longest request "
                + (longest.Success ? longest.Groups[1].Value : "?") + " ms\n" + ab.StandardOutput + "\nboard status afterwards: " + status);
            Assert.AreEqual(0, ab.ExitCode, ab.ToString());
            Assert.AreEqual("2000", Field(ab.StandardOutput, "Complete requests"), ab.StandardOutput);
            Assert.AreEqual("0", Field(ab.StandardOutput, "Failed requests"), ab.StandardOutput + "\nboard status afterwards: " + status);
        }

        [TestMethod]
        public void TenMegabyteDownloadIsByteExact()
        {
            Require("curl", "curl");
            string file = Path.Combine(Path.GetTempPath(), "nanotcp-tap-bulk-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + ".bin");
            try
            {
                var clock = Stopwatch.StartNew();
                CommandResult curl = Namespace.Run("curl -sS -m 280 -o " + file + " http://" + BoardAddress + "/bulk/10000000", 300000);
                Assert.AreEqual(0, curl.ExitCode, curl.ToString());
                byte[] body = File.ReadAllBytes(file);
                Assert.AreEqual(10000000, body.Length);
                const string line = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+\n";
                for (int i = 0; i < body.Length; i++)
                {
                    if (body[i] != line[i % line.Length])
                    {
                        Assert.Fail("byte " + i + " is " + body[i] + ", expected " + (int)line[i % line.Length]);
                    }
                }

                Console.WriteLine("10 MB from the emulated board to the kernel in " + clock.ElapsedMilliseconds + " ms");
            }
            finally
            {
                File.Delete(file);
            }
        }

        [TestMethod]
        [DataRow(ChipModel)]
        [DataRow(Direct)]
        public void TenMegabyteUploadToEchoComesBackWithTheSameSha256(string mode)
        {
            BoardInNamespace app = Require("curl", "curl", mode);
            UploadChecks.EchoComesBackWithTheSameSha256(app.Namespace, BoardAddress, app.Mode);
        }

        [TestMethod]
        [DataRow(ChipModel)]
        [DataRow(Direct)]
        public void TenMegabyteUploadsWithContentLengthAndExpectAndChunkedGetTheirLengthAndCrc32(string mode)
        {
            BoardInNamespace app = Require("curl", "curl", mode);
            UploadChecks.UploadsGetTheirLengthAndCrc32(app.Namespace, BoardAddress, app.Mode);
        }

        private static BoardInNamespace Require(string command, string package, string mode = ChipModel)
        {
            Requirements.RequireNamespacesAndTap();
            Requirements.RequireCommand(command, package);
            BoardInNamespace app = mode == Direct ? _direct : _chipModel;
            Assert.IsNotNull(app, "the app did not start");
            app.AssertAlive();
            return app;
        }

        private static string Field(string abOutput, string name)
        {
            Match match = Regex.Match(abOutput, "^" + Regex.Escape(name) + @":\s+(\d+)", RegexOptions.Multiline);
            return match.Success ? match.Groups[1].Value : "(missing)";
        }
    }
}
