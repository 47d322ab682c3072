using System;
using System.IO;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using NanoTcp.Tests.Host.Support;

namespace NanoTcp.Tests.Host.Product
{
    /// <summary>
    /// --direct, --trace and --pcap together: one app process, one curl through the forward, then SIGTERM; each test
    /// checks what one option left behind.
    /// </summary>
    [TestClass]
    [DoNotParallelize]
    public class NanotcpOptionTests
    {
        private static string _output;
        private static string _curl;
        private static string _pcap;

        [ClassInitialize]
        public static void RunOnce(TestContext context)
        {
            ExternalTool.Require("curl");
            int port = NanotcpProcess.FreeLoopbackPort();
            _pcap = Path.Combine(Path.GetTempPath(), "nanotcp-options-" + port + ".pcap");
            using NanotcpProcess app = NanotcpProcess.Start("--forward " + port + " --direct --trace --pcap " + _pcap);
            Assert.IsTrue(app.WaitForOutput("Ctrl+C or SIGTERM stops it", 60000), app.Output);
            _curl = ExternalTool.Run("curl", "-sS -m 20 http://127.0.0.1:" + port + "/api/status", 30000).Output;

            // The client closes first here (curl), so the forwarding host ends in TIME-WAIT and the board in LAST-ACK → CLOSED.
            app.WaitForOutput("LAST-ACK → CLOSED", 10000);
            Assert.IsTrue(app.Terminate(10000) >= 0, "stopped");
            _output = app.Output;
        }

        [ClassCleanup]
        public static void Cleanup()
        {
            if (_pcap != null)
            {
                File.Delete(_pcap);
            }
        }

        [TestMethod]
        public void DirectRunsTheStackWithoutTheChipModelAndStillServes()
        {
            StringAssert.Contains(_output, "stack straight on the wire (--direct)");
            StringAssert.Contains(_curl, "\"connections\":[");
            Assert.IsFalse(_curl.Contains("\"enc28j60\"", StringComparison.Ordinal), "no driver counters without the chip: " + _curl);
        }

        [TestMethod]
        public void TraceDrawsEverySegmentAndBothSidesStates()
        {
            StringAssert.Contains(_output, "#1 ");
            StringAssert.Contains(_output, "─ SYN seq=0 win=");
            StringAssert.Contains(_output, " SYN,ACK seq=0 ack=1 win=");
            StringAssert.Contains(_output, "SYN-SENT → ESTABLISHED", "the forwarding host's side");
            StringAssert.Contains(_output, "SYN-RECEIVED → ESTABLISHED", "the board's side");
            StringAssert.Contains(_output, "CLOSE-WAIT → LAST-ACK");
            StringAssert.Contains(_output, "FIN-WAIT-2 → TIME-WAIT");
        }

        [TestMethod]
        public void PcapHoldsTheFramesOfTheWire()
        {
            byte[] capture = File.ReadAllBytes(_pcap);
            Assert.IsTrue(capture.Length > 24 + 16 * 10, "header and at least ten frames: " + capture.Length + " bytes");
            uint magic = BitConverter.ToUInt32(capture, 0);
            Assert.IsTrue(magic == 0xA1B2C3D4 || magic == 0xD4C3B2A1, "pcap magic: 0x" + magic.ToString("X8", System.Globalization.CultureInfo.InvariantCulture));
            Assert.AreEqual(1u, BitConverter.ToUInt32(capture, 20), "link type Ethernet");
        }
    }
}
