using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace NanoTcp.Tests.Host.Product
{
    /// <summary>How the PC app ends: SIGTERM (what a service manager and Ctrl+C in a container send).</summary>
    [TestClass]
    [DoNotParallelize]
    public class NanotcpStopTests
    {
        [TestMethod]
        public void SigtermStopsTheAppWithinTwoSecondsAndExitCodeZero()
        {
            int port = NanotcpProcess.FreeLoopbackPort();
            using NanotcpProcess app = NanotcpProcess.Start("--forward " + port);
            Assert.IsTrue(app.WaitForOutput("Ctrl+C or SIGTERM stops it", 60000), "started: " + app.Output);

            long elapsed = app.Terminate(10000);

            Assert.IsTrue(elapsed >= 0 && elapsed <= 2000, "exited " + elapsed + " ms after SIGTERM (-1: not within 10 s); output:\n" + app.Output);
            Assert.AreEqual(0, app.ExitCode);
            StringAssert.Contains(app.Output, "nanotcp: stopped after");
        }
    }
}
