using System.Text.RegularExpressions;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace NanoTcp.Tests.Host.Product
{
    /// <summary>`nanotcp demo`: one GET on a manual clock, printed as a ladder; the same every run.</summary>
    [TestClass]
    [DoNotParallelize]
    public class NanotcpDemoTests
    {
        private static string _output;
        private static int _exitCode;

        [ClassInitialize]
        public static void RunDemo(TestContext context)
        {
            using NanotcpProcess demo = NanotcpProcess.Start("demo");
            Assert.IsTrue(demo.WaitForExit(60000), "demo did not end within 60 s:\n" + demo.Output);
            _output = demo.Output;
            _exitCode = demo.ExitCode;
        }

        [TestMethod]
        public void DemoExitsWithZero()
        {
            Assert.AreEqual(0, _exitCode, _output);
        }

        [TestMethod]
        public void DemoShowsTheThreeWayHandshakeInOrder()
        {
            int syn = _output.IndexOf("─ SYN seq=0 win=", System.StringComparison.Ordinal);
            int synAck = _output.IndexOf(" SYN,ACK seq=0 ack=1 win=", System.StringComparison.Ordinal);
            int ack = _output.IndexOf("─ ACK seq=1 ack=1 win=", System.StringComparison.Ordinal);
            Assert.IsTrue(syn > 0 && synAck > syn && ack > synAck, "SYN, then SYN-ACK, then ACK:\n" + _output);
            StringAssert.Contains(_output, "SYN-SENT → ESTABLISHED");
            StringAssert.Contains(_output, "SYN-RECEIVED → ESTABLISHED");
        }

        [TestMethod]
        public void DemoShowsTheRequestAndTheResponseBesideTheirSegments()
        {
            StringAssert.Contains(_output, "\"GET /api/status HTTP/1.1\"");
            StringAssert.Contains(_output, "\"HTTP/1.1 200 OK\"");
        }

        [TestMethod]
        public void DemoShowsBothFinsEachAcknowledgedAndTheBoardInTimeWait()
        {
            // Board FIN at seq N+1 is acked by the PC with ack=N+2; PC FIN at seq M is acked by the board with ack=M+1.
            // The board's FIN rides on its last data segment: it then follows that segment's bytes (seq + len).
            MatchCollection fins = Regex.Matches(_output, @"FIN,(?:PSH,)?ACK seq=(\d+) ack=(\d+) win=\d+(?: len=(\d+))?");
            Assert.AreEqual(2, fins.Count, "one FIN from each side:\n" + _output);
            long boardFin = long.Parse(fins[0].Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)
                + (fins[0].Groups[3].Success ? long.Parse(fins[0].Groups[3].Value, System.Globalization.CultureInfo.InvariantCulture) : 0);
            long pcFin = long.Parse(fins[1].Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            StringAssert.Contains(_output, "ack=" + (boardFin + 1) + " win=", "the PC acknowledges the board's FIN");
            StringAssert.Contains(_output, "ACK seq=" + (boardFin + 1) + " ack=" + (pcFin + 1) + " win=", "the board acknowledges the PC's FIN");
            StringAssert.Contains(_output, "ESTABLISHED → FIN-WAIT-1");
            StringAssert.Contains(_output, "FIN-WAIT-2 → TIME-WAIT");
            StringAssert.Contains(_output, "CLOSE-WAIT → LAST-ACK");
            StringAssert.Contains(_output, "LAST-ACK → CLOSED");
            StringAssert.Contains(_output, "board TIME-WAIT record: 10.0.77.2:80");
            StringAssert.Contains(_output, "after 2·MSL: 0 TIME-WAIT records");
        }
    }
}
