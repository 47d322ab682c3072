using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Text.Json;
using System.Threading;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using NanoTcp.Hardware.Host.Tap;
using NanoTcp.Interop.Tests.Support;

namespace NanoTcp.Interop.Tests.Reliability
{
    /// <summary>
    /// The PC app (`nanotcp --tap`, 4 connection slots) in a network namespace of its own, through the chip model or
    /// with --direct, and its /api/status read as counters ("tcp.resetsSent") and connection states. The attack tests
    /// run their tools inside <see cref="Namespace"/>; Dispose stops the app and removes the namespace.
    /// </summary>
    public sealed class BoardUnderAttack : IDisposable
    {
        public const string Tap = "nta0";
        public const string KernelAddress = "10.78.0.1";
        public const string BoardAddress = "10.78.0.2";

        private readonly NamespaceProcess _app;

        private BoardUnderAttack(NetworkNamespace ns, NamespaceProcess app, bool direct)
        {
            Namespace = ns;
            _app = app;
            Direct = direct;
        }

        public NetworkNamespace Namespace { get; }

        public bool Direct { get; }

        /// <summary>"direct" or "chip model", for messages and reports.</summary>
        public string Mode => Direct ? "direct" : "chip model";

        /// <summary>True when NANOTCP_RELIABILITY_LONG=1: the long runs whose figures go into RELIABILITY.md.</summary>
        public static bool Long => Environment.GetEnvironmentVariable("NANOTCP_RELIABILITY_LONG") == "1";

        /// <summary>Skips (or under CI fails) unless the machine has what the test needs, then starts the app.</summary>
        public static BoardUnderAttack Start(bool direct, params string[] commandsAndPackages)
        {
            Requirements.RequireNamespacesAndTap();
            Requirements.RequireCommand("curl", "curl");
            for (int i = 0; i + 1 < commandsAndPackages.Length; i += 2)
            {
                Requirements.RequireCommand(commandsAndPackages[i], commandsAndPackages[i + 1]);
            }

            NetworkNamespace ns = NetworkNamespace.Create(direct ? "atkd" : "atkc");
            try
            {
                // The stack speaks IPv4 only: without IPv6 the kernel sends nothing the counters would have to explain.
                ns.Run("for f in /proc/sys/net/ipv6/conf/all/disable_ipv6 /proc/sys/net/ipv6/conf/default/disable_ipv6; do [ -w $f ] && echo 1 > $f; done; true", 10000);
                NamespaceProcess app = ns.Start("exec dotnet " + NanotcpApp.DllPath + " --tap " + Tap + " --host-ip " + KernelAddress + "/24 --ip "
                    + BoardAddress + "/24 --forward 0 --connections 4" + (direct ? " --direct" : string.Empty));
                var board = new BoardUnderAttack(ns, app, direct);
                WaitFor(() => app.StandardOutput.Contains("bridged to the board's wire", StringComparison.Ordinal) || app.HasExited, 60000);
                Assert.IsFalse(app.HasExited, "nanotcp exited: " + app.StandardOutput + app.StandardError);
                Assert.IsTrue(app.StandardOutput.Contains("bridged to the board's wire", StringComparison.Ordinal), "nanotcp did not start within 60 s: " + app.StandardOutput + app.StandardError);
                return board;
            }
            catch
            {
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

        /// <summary>Fails the test when the app has exited (a crash).</summary>
        public void AssertAlive()
        {
            Assert.IsFalse(_app.HasExited, "nanotcp (" + Mode + ") exited: " + _app.StandardOutput + _app.StandardError);
        }

        /// <summary>The board's MAC from /api/status.</summary>
        public string Mac => Read().Mac;

        /// <summary>The kernel side's MAC of the TAP.</summary>
        public string KernelMac => Namespace.Run("cat /sys/class/net/" + Tap + "/address", 10000).StandardOutput.Trim();

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

        public void Dispose()
        {
            _app.Dispose();
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

        /// <summary>Appends a line to TestResults/reliability-attacks.txt (the long runs' figures for RELIABILITY.md).</summary>
        public static void Report(string line)
        {
            Console.WriteLine(line);
            File.AppendAllText(Path.Combine(NanotcpApp.TestResults, "reliability-attacks.txt"), DateTime.UtcNow.ToString("u", CultureInfo.InvariantCulture) + " " + line + "\n");
        }
    }
}
