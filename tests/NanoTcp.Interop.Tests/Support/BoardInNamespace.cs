using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Threading;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using NanoTcp.Hardware.Host.Tap;

namespace NanoTcp.Interop.Tests.Support
{
    /// <summary>
    /// One `nanotcp --tap` process (through the chip model, or --direct) in a network namespace of its own, IPv6 off,
    /// for one test or one test class: the kernel of the namespace is the board's peer, and the tests run their tools inside
    /// <see cref="Namespace"/>. The board's /api/status is read as counters ("tcp.resetsSent") and connection states.
    /// <see cref="Stop"/> ends the app with SIGTERM so its closing lines (the wire's fault counts with --faults) can be
    /// read; <see cref="Dispose"/> removes everything, also on failure.
    /// </summary>
    public sealed class BoardInNamespace : IDisposable
    {
        public const string Tap = "rel0";
        public const string KernelAddress = "10.78.0.1";
        public const string BoardAddress = "10.78.0.2";

        /// <summary>The app's last start-up line: the bridge, the HTTP server and any --faults are up.</summary>
        private const string Banner = "Ctrl+C or SIGTERM stops it";

        private BoardInNamespace(NetworkNamespace ns, NamespaceProcess app, bool direct)
        {
            Namespace = ns;
            App = app;
            Direct = direct;
        }

        public NetworkNamespace Namespace { get; }

        public NamespaceProcess App { get; }

        public bool Direct { get; }

        /// <summary>"direct" or "chip model", for messages and reports.</summary>
        public string Mode => Direct ? "direct" : "chip model";

        /// <summary>True when NANOTCP_RELIABILITY_LONG=1: the long runs whose figures go into RELIABILITY.md.</summary>
        public static bool Long => Environment.GetEnvironmentVariable("NANOTCP_RELIABILITY_LONG") == "1";

        /// <summary>The board's MAC from /api/status.</summary>
        public string Mac => Read().Mac;

        /// <summary>The kernel side's MAC of the TAP.</summary>
        public string KernelMac => Namespace.Run("cat /sys/class/net/" + Tap + "/address", 10000).StandardOutput.Trim();

        /// <summary>
        /// Skips (or under CI fails) unless the machine has curl and the (command, package) pairs the test needs, then
        /// starts the app with <paramref name="options"/> (e.g. "--connections 4", "--faults mix,seed=3") and waits
        /// (bounded) for its banner.
        /// </summary>
        public static BoardInNamespace Start(bool direct, string options, params string[] commandsAndPackages)
        {
            Requirements.RequireNamespacesAndTap();
            Requirements.RequireCommand("curl", "curl");
            for (int i = 0; i + 1 < commandsAndPackages.Length; i += 2)
            {
                Requirements.RequireCommand(commandsAndPackages[i], commandsAndPackages[i + 1]);
            }

            NetworkNamespace ns = NetworkNamespace.Create(direct ? "reld" : "relc");
            NamespaceProcess app = null;
            try
            {
                NamespaceIpv6.Disable(ns);
                app = ns.Start("exec dotnet " + NanotcpApp.DllPath + " --tap " + Tap + " --host-ip " + KernelAddress + "/24 --ip " + BoardAddress
                    + "/24 --forward 0 " + options + (direct ? " --direct" : string.Empty));
                bool started = WaitFor(() => app.StandardOutput.Contains(Banner, StringComparison.Ordinal) || app.HasExited, 60000);
                if (!started || app.HasExited)
                {
                    Assert.Fail("nanotcp " + options + " (" + (direct ? "direct" : "chip model") + ") did not start within 60 s: " + app.StandardOutput + app.StandardError);
                }

                return new BoardInNamespace(ns, app, direct);
            }
            catch
            {
                app?.Dispose();
                ns.Dispose();
                throw;
            }
        }

        /// <summary>Polls <paramref name="condition"/> until it holds or the deadline passes; true when it held.</summary>
        public static bool WaitFor(Func<bool> condition, int timeoutMilliseconds)
        {
            var clock = Stopwatch.StartNew();
            while (!condition())
            {
                if (clock.ElapsedMilliseconds > timeoutMilliseconds)
                {
                    return false;
                }

                Thread.Sleep(50);
            }

            return true;
        }

        /// <summary>Appends a line to TestResults/reliability-attacks.txt (the long runs' figures for RELIABILITY.md).</summary>
        public static void Report(string line)
        {
            Console.WriteLine(line);
            File.AppendAllText(Path.Combine(NanotcpApp.TestResults, "reliability-attacks.txt"), DateTime.UtcNow.ToString("u", CultureInfo.InvariantCulture) + " " + line + "\n");
        }

        /// <summary>Fails the test when the app has exited (a crash).</summary>
        public void AssertAlive()
        {
            Assert.IsFalse(App.HasExited, "nanotcp (" + Mode + ") exited: " + App.StandardOutput + App.StandardError);
        }

        /// <summary>One GET of /api/status (a fresh connection), retried a few times within 20 s.</summary>
        public Status Read()
        {
            string last = string.Empty;
            for (int attempt = 0; attempt < 4; attempt++)
            {
                CommandResult curl = Namespace.Run("curl -sS -m 5 http://" + BoardAddress + "/api/status", 10000);
                last = curl.ToString();
                if (curl.ExitCode == 0)
                {
                    return Status.Parse(curl.StandardOutput);
                }
            }

            AssertAlive();
            Assert.Fail("cannot read /api/status (" + Mode + "): " + last);
            return null;
        }

        /// <summary>The board's /api/status counter layer.name (fetched by curl, retried by curl itself on a lossy wire).</summary>
        public long BoardCounter(string layer, string name)
        {
            CommandResult curl = Namespace.Run("curl -sS -m 30 --retry 3 http://" + BoardAddress + "/api/status", 120000);
            Assert.AreEqual(0, curl.ExitCode, "/api/status: " + curl);
            return Status.Parse(curl.StandardOutput)[layer + "." + name];
        }

        /// <summary>A counter of the kernel's TCP in the namespace (nstat, absolute), e.g. TcpRetransSegs.</summary>
        public long KernelCounter(string name)
        {
            CommandResult nstat = Namespace.Run("nstat -az " + name, 10000);
            Match match = Regex.Match(nstat.StandardOutput, "^" + Regex.Escape(name) + @"\s+(\d+)", RegexOptions.Multiline);
            Assert.IsTrue(match.Success, "nstat has no " + name + ": " + nstat);
            return long.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
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

        /// <summary>One reading of /api/status: every counter as "layer.name" and the state of every connection in use.</summary>
        public sealed class Status
        {
            public Dictionary<string, long> Counters { get; } = new Dictionary<string, long>(StringComparer.Ordinal);

            public List<string> ConnectionStates { get; } = new List<string>();

            public string Mac { get; private set; }

            public string Json { get; private set; }

            public long this[string counter] => Counters.TryGetValue(counter, out long value) ? value : throw new KeyNotFoundException("no counter " + counter + " in /api/status");

            public static Status Parse(string json)
            {
                var status = new Status { Json = json };
                using JsonDocument document = JsonDocument.Parse(json);
                JsonElement root = document.RootElement;
                status.Mac = root.GetProperty("link").GetProperty("mac").GetString();
                foreach (JsonProperty layer in root.GetProperty("counters").EnumerateObject())
                {
                    foreach (JsonProperty counter in layer.Value.EnumerateObject())
                    {
                        status.Counters[layer.Name + "." + counter.Name] = counter.Value.GetInt64();
                    }
                }

                foreach (JsonElement connection in root.GetProperty("connections").EnumerateArray())
                {
                    status.ConnectionStates.Add(connection.GetProperty("state").ToString());
                }

                return status;
            }

            /// <summary>The counters that changed since <paramref name="before"/>, "name +delta" joined by commas.</summary>
            public string ChangesSince(Status before)
            {
                var changes = new List<string>();
                foreach (KeyValuePair<string, long> counter in Counters)
                {
                    long delta = counter.Value - (before.Counters.TryGetValue(counter.Key, out long old) ? old : 0);
                    if (delta != 0)
                    {
                        changes.Add(counter.Key + " " + delta.ToString("+0;-0", CultureInfo.InvariantCulture));
                    }
                }

                return string.Join(", ", changes);
            }
        }
    }
}
