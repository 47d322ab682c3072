using System;
using System.Diagnostics;
using System.IO;
using System.Threading;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using NanoTcp.Hardware.Host.Tap;
using NanoTcp.Interop.Tests.Support;

namespace NanoTcp.Interop.Tests.Product
{
    /// <summary>
    /// The PC app with --tap --direct (the stack straight on the wire, without the chip model) inside a network namespace:
    /// 10 MB request bodies from curl to "/echo" and "/upload", as NanotcpOverTapTests does through the chip model.
    /// </summary>
    [TestClass]
    public class NanotcpDirectOverTapTests
    {
        private const string Tap = "ntd0";
        private const string KernelAddress = "10.76.0.1";
        private const string BoardAddress = "10.76.0.2";

        private static NetworkNamespace _namespace;
        private static NamespaceProcess _app;

        [ClassInitialize]
        public static void StartApp(TestContext context)
        {
            if (!Environment.IsPrivilegedProcess || !File.Exists("/dev/net/tun"))
            {
                return; // each test reports the requirement (skip, or failure under CI)
            }

            _namespace = NetworkNamespace.Create("prdd");
            _app = _namespace.Start("exec dotnet " + NanotcpApp.DllPath + " --tap " + Tap + " --host-ip " + KernelAddress + "/24 --ip " + BoardAddress + "/24 --forward 0 --connections 4 --direct");
            var clock = Stopwatch.StartNew();
            while (!_app.StandardOutput.Contains("bridged to the board's wire", StringComparison.Ordinal))
            {
                if (_app.HasExited || clock.ElapsedMilliseconds > 60000)
                {
                    string output = _app.StandardOutput + _app.StandardError;
                    StopApp();
                    throw new InvalidOperationException("nanotcp --tap --direct did not start within 60 s: " + output);
                }

                Thread.Sleep(100);
            }
        }

        [ClassCleanup]
        public static void StopApp()
        {
            _app?.Dispose();
            _app = null;
            _namespace?.Dispose();
            _namespace = null;
        }

        [TestMethod]
        public void TenMegabyteUploadToEchoComesBackWithTheSameSha256()
        {
            Require();
            UploadChecks.EchoComesBackWithTheSameSha256(_namespace, BoardAddress, "direct");
        }

        [TestMethod]
        public void TenMegabyteUploadsWithContentLengthAndExpectAndChunkedGetTheirLengthAndCrc32()
        {
            Require();
            UploadChecks.UploadsGetTheirLengthAndCrc32(_namespace, BoardAddress, "direct");
        }

        private static void Require()
        {
            Requirements.RequireNamespacesAndTap();
            Requirements.RequireCommand("curl", "curl");
            Assert.IsNotNull(_app, "the app did not start");
        }
    }
}
