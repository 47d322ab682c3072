using System;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Threading;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using NanoTcp.Hardware.Host.Tap;
using NanoTcp.Interop.Tests.Support;

namespace NanoTcp.Interop.Tests.Reliability
{
    /// <summary>
    /// One `nanotcp --tap` process (chip model, or --direct) in a network namespace of its own, for one test: the
    /// kernel of the namespace is the board's peer. <see cref="Stop"/> ends it with SIGTERM, so its closing lines
    /// (the wire's fault counts with --faults) can be read; <see cref="Dispose"/> removes everything, also on failure.
    /// </summary>
    internal sealed class BoardInNamespace : IDisposable
    {
        public const string KernelAddress = "10.78.0.1";
        public const string BoardAddress = "10.78.0.2";
        private const string Tap = "rel0";

        private BoardInNamespace(NetworkNamespace ns, NamespaceProcess app, string mode)
        {
            Namespace = ns;
            App = app;
            Mode = mode;
        }

        public NetworkNamespace Namespace { get; }

        public NamespaceProcess App { get; }

        /// <summary>"chip model" or "direct".</summary>
        public string Mode { get; }

        /// <summary>Starts the app with <paramref name="extraOptions"/> (e.g. "--faults mix,seed=3") and waits (bounded) for its banner.</summary>
        public static BoardInNamespace Start(bool direct, string extraOptions)
        {
            Requirements.RequireNamespacesAndTap();
            Requirements.RequireCommand("curl", "curl");
            NetworkNamespace ns = NetworkNamespace.Create("rel");
            NamespaceProcess app = ns.Start("exec dotnet " + NanotcpApp.DllPath + " --tap " + Tap + " --host-ip " + KernelAddress + "/24 --ip " + BoardAddress
                + "/24 --forward 0 " + extraOptions + (direct ? " --direct" : string.Empty));
            var board = new BoardInNamespace(ns, app, direct ? "direct" : "chip model");
            var clock = Stopwatch.StartNew();
            while (!app.StandardOutput.Contains("Ctrl+C or SIGTERM stops it", StringComparison.Ordinal))
            {
                if (app.HasExited || clock.ElapsedMilliseconds > 60000)
                {
                    string output = app.StandardOutput + app.StandardError;
                    board.Dispose();
                    Assert.Fail("nanotcp " + extraOptions + " did not start within 60 s: " + output);
                }

                Thread.Sleep(100);
            }

            return board;
        }

        /// <summary>A counter of the kernel's TCP in the namespace (nstat, absolute), e.g. TcpRetransSegs.</summary>
        public long KernelCounter(string name)
        {
            CommandResult nstat = Namespace.Run("nstat -az " + name, 10000);
            Match match = Regex.Match(nstat.StandardOutput, "^" + Regex.Escape(name) + @"\s+(\d+)", RegexOptions.Multiline);
            Assert.IsTrue(match.Success, "nstat has no " + name + ": " + nstat);
            return long.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        }

        /// <summary>The board's /api/status counter group.layer (fetched by curl, retried by curl itself on the lossy wire).</summary>
        public long BoardCounter(string layer, string name)
        {
            CommandResult curl = Namespace.Run("curl -sS -m 30 --retry 3 http://" + BoardAddress + "/api/status", 120000);
            Assert.AreEqual(0, curl.ExitCode, "/api/status: " + curl);
            using JsonDocument status = JsonDocument.Parse(curl.StandardOutput);
            return status.RootElement.GetProperty("counters").GetProperty(layer).GetProperty(name).GetInt64();
        }

        /// <summary>Ends the app with SIGTERM and waits (bounded) for its last line; returns everything it printed.</summary>
        public string Stop()
        {
            Namespace.Run("kill -TERM " + App.ProcessId.ToString(CultureInfo.InvariantCulture), 10000);
            Assert.IsTrue(App.WaitForExit(30000), "nanotcp did not stop within 30 s of SIGTERM: " + App.StandardOutput);
            return App.StandardOutput;
        }

        public void Dispose()
        {
            App.Dispose();
            Namespace.Dispose();
        }
    }
}
