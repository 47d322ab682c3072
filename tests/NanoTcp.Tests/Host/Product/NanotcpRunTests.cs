using System;
using System.IO;
using System.Text.Json;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using NanoTcp.Http;
using NanoTcp.Tests.Host.Support;

namespace NanoTcp.Tests.Host.Product
{
    /// <summary>
    /// The PC app driven as a user would: started with no options but a free forward port, then curl through the
    /// loopback forward (127.0.0.1:PORT → emulated host → wire → ENC28J60 model → driver → firmware).
    /// One app process serves the tests of this class; SIGTERM has its own process in <see cref="NanotcpStopTests"/>.
    /// </summary>
    [TestClass]
    [DoNotParallelize]
    public class NanotcpRunTests
    {
        private static NanotcpProcess _app;
        private static int _port;

        [ClassInitialize]
        public static void StartApp(TestContext context)
        {
            _port = NanotcpProcess.FreeLoopbackPort();
            _app = NanotcpProcess.Start("--forward " + _port);
            if (!_app.WaitForOutput("open http://127.0.0.1:" + _port + "/", 60000))
            {
                string output = _app.Output;
                _app.Dispose();
                _app = null;
                throw new InvalidOperationException("nanotcp did not print its URL within 60 s; output:\n" + output);
            }
        }

        [ClassCleanup]
        public static void StopApp()
        {
            _app?.Dispose();
        }

        [TestMethod]
        public void CurlGetsTheStatusPageWithTheConnectionTable()
        {
            ExternalTool.Require("curl");
            (int exit, string page, string error) = ExternalTool.Run("curl", "-sS -m 20 -D - http://127.0.0.1:" + _port + "/", 30000);
            Assert.AreEqual(0, exit, "curl: " + error);
            StringAssert.StartsWith(page, "HTTP/1.1 200 OK\r\n");
            StringAssert.Contains(page, "Content-Type: text/html");
            StringAssert.Contains(page, "<table id=\"connections\">");
            StringAssert.Contains(page, "10.0.77.2/24", "the board's static address is on the page");
            StringAssert.Contains(page, "ESTABLISHED", "curl's own connection is in the table while the page is built");
        }

        [TestMethod]
        public void ApiStatusIsJsonWithOneRowPerConnectionInUse()
        {
            ExternalTool.Require("curl");
            (int exit, string json, string error) = ExternalTool.Run("curl", "-sS -m 20 http://127.0.0.1:" + _port + "/api/status", 30000);
            Assert.AreEqual(0, exit, "curl: " + error);
            using JsonDocument document = JsonDocument.Parse(json);
            JsonElement root = document.RootElement;
            Assert.IsTrue(root.GetProperty("link").GetProperty("up").GetBoolean());
            Assert.AreEqual("10.0.77.2", root.GetProperty("ipv4").GetProperty("address").GetString());
            Assert.AreEqual("static", root.GetProperty("ipv4").GetProperty("origin").GetString());
            Assert.AreEqual(4, root.GetProperty("capacity").GetProperty("connections").GetInt32(), "the default table has 4 slots");
            JsonElement connections = root.GetProperty("connections");
            int established = 0;
            foreach (JsonElement row in connections.EnumerateArray())
            {
                if (row.GetProperty("state").GetString() == "ESTABLISHED")
                {
                    established++;
                    Assert.AreEqual(80, row.GetProperty("localPort").GetInt32());
                    Assert.AreEqual("10.0.77.253", row.GetProperty("remoteAddress").GetString(), "the forwarding host is the board's peer");
                }
            }

            Assert.IsTrue(established >= 1, "curl's connection is ESTABLISHED: " + json);
            Assert.AreEqual(JsonValueKind.Array, root.GetProperty("timeWait").ValueKind);
            Assert.IsTrue(root.GetProperty("counters").GetProperty("enc28j60").GetProperty("framesReceived").GetInt64() > 0, "frames went through the ENC28J60 model");
        }

        [TestMethod]
        public void TenMegabytesFromBulkArriveByteExact()
        {
            ExternalTool.Require("curl");
            string file = Path.Combine(Path.GetTempPath(), "nanotcp-bulk-" + _port + ".bin");
            try
            {
                var clock = System.Diagnostics.Stopwatch.StartNew();
                (int exit, string _, string error) = ExternalTool.Run("curl", "-sS -m 240 -o " + file + " http://127.0.0.1:" + _port + "/bulk/10000000", 250000);
                Assert.AreEqual(0, exit, "curl: " + error);
                byte[] body = File.ReadAllBytes(file);
                Assert.AreEqual(10000000, body.Length);
                for (int i = 0; i < body.Length; i++)
                {
                    if (body[i] != BulkData.ByteAt(i))
                    {
                        Assert.Fail("byte " + i + " is " + body[i] + ", expected " + BulkData.ByteAt(i));
                    }
                }

                Console.WriteLine("10 MB through the forward in " + clock.ElapsedMilliseconds + " ms");
            }
            finally
            {
                File.Delete(file);
            }
        }
    }
}
