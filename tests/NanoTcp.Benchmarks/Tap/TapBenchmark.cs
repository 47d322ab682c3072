using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Runtime.InteropServices;
using System.Threading;
using NanoTcp.Http;

namespace NanoTcp.Benchmarks.Tap
{
    /// <summary>
    /// `tap`: the kernel's clients against NanoTcp over TAP (the PC app in --direct mode with 4 and 16 slots, and
    /// through the ENC28J60 model) and against the kernel's own TCP (nginx over veth), in interleaved rounds; medians
    /// and NanoTcp/kernel ratios, written to BENCHMARKS.md with the model-time figures. Needs root.
    /// </summary>
    public static class TapBenchmark
    {
        private const string SmallPath = "/bulk/198";

        public static int Run(TapSettings settings, string hostDll)
        {
            var clock = Stopwatch.StartNew();
            string machine = Machine.Describe();
            DateTime started = DateTime.UtcNow;
            string directory = Path.Combine(Path.GetTempPath(), "nanotcp-bench-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
            string www = Path.Combine(directory, "www");
            Directory.CreateDirectory(Path.Combine(www, "bulk"));
            foreach (int size in new[] { 1, 198, settings.DownloadBytes })
            {
                WritePattern(Path.Combine(www, "bulk", size.ToString(CultureInfo.InvariantCulture)), size);
            }

            string body = Path.Combine(directory, "upload.bin");
            WritePattern(body, settings.UploadBytes);

            var metrics = new Metrics(settings);
            var targets = new List<BenchmarkTarget>();
            using PosixSignalRegistration sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, _ => Abort(targets, directory));
            using PosixSignalRegistration sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, _ => Abort(targets, directory));
            try
            {
                lock (targets)
                {
                    if (settings.Runs("direct4"))
                    {
                        targets.Add(new NanotcpTarget("NanoTcp direct, 4 slots", hostDll, "--direct --connections 4"));
                    }

                    if (settings.Runs("direct16"))
                    {
                        targets.Add(new NanotcpTarget("NanoTcp direct, 16 slots", hostDll, "--direct --connections 16"));
                    }

                    if (settings.Runs("chip"))
                    {
                        targets.Add(new NanotcpTarget("NanoTcp on the chip model (default)", hostDll, string.Empty));
                    }

                    if (settings.Runs("kernel"))
                    {
                        targets.Add(new KernelTarget("Linux kernel (nginx, veth)", directory, www));
                    }
                }

                for (int round = 0; round < settings.Rounds; round++)
                {
                    for (int i = 0; i < targets.Count; i++)
                    {
                        // Rotate the order so that no target always runs first, right after a colder machine.
                        BenchmarkTarget target = targets[(i + round) % targets.Count];
                        Console.WriteLine("bench: round " + (round + 1).ToString(CultureInfo.InvariantCulture) + "/" + settings.Rounds.ToString(CultureInfo.InvariantCulture) + ", " + target.Name);
                        RunRound(settings, target, metrics, round, body);
                    }
                }

                var modelRows = new List<BenchmarkRow>();
                if (settings.ModelTime)
                {
                    TcpWindowBenchmark.RunDefaults(modelRows, settings.ChipPathBytes);
                    DriverBenchmark.RunSpiCost(modelRows);
                }

                // Stack to stack on .NET and on nanoCLR (CPU time); seconds of nanoCLR, so not in the smoke run.
                var nanoTable = new List<string>();
                var nanoReports = new List<string>();
                if (!settings.Smoke)
                {
                    Console.WriteLine("bench: stack to stack on .NET and nanoCLR");
                    NanoBenchmark.Measure(nanoTable, nanoReports);
                }

                double seconds = clock.Elapsed.TotalSeconds;
                string report = TapReport.Write(settings, started, machine, seconds, targets, metrics, modelRows, nanoTable, nanoReports);
                File.WriteAllText(settings.Output, report);
                Console.Write(report);
                Console.WriteLine("bench: wrote " + settings.Output + " in " + seconds.ToString("F0", CultureInfo.InvariantCulture) + " s");
                return 0;
            }
            finally
            {
                lock (targets)
                {
                    foreach (BenchmarkTarget target in targets)
                    {
                        target.Dispose();
                    }

                    targets.Clear();
                }

                Directory.Delete(directory, recursive: true);
            }
        }

        private static void RunRound(TapSettings settings, BenchmarkTarget target, Metrics metrics, int round, string body)
        {
            string name = target.Name;
            string url = "http://" + target.Address + SmallPath;
            try
            {
                target.StartRound();
            }
            catch (InvalidOperationException e)
            {
                metrics.AbSerial.Add(name, null, "did not start: " + e.Message, round);
                target.StopRound();
                return;
            }

            try
            {
                ClientTools.Ab(target.Clients, url, settings.WarmUpRequests, 4); // JIT and caches; not counted
                long retransmitted = ClientTools.RetransmittedSegments(target.Clients);

                ToolRun ping = ClientTools.Ping(target.Clients, target.Address, settings.Pings);
                Record(metrics.Ping, name, ping, round);

                for (int run = 0; run < settings.AbRuns; run++)
                {
                    ToolRun serial = ClientTools.Ab(target.Clients, url, settings.AbRequests, 1);
                    Record(metrics.AbSerial, name, serial, round);

                    ToolRun parallel = ClientTools.Ab(target.Clients, url, settings.AbRequests, settings.AbConcurrency);
                    Record(metrics.AbParallel, name, parallel, round);
                    metrics.AbParallelLongest.Add(name, parallel.Longest, null, round);
                    metrics.AbParallelLongest.Command = parallel.Command;
                    metrics.AbParallelClientCpu.Add(name, parallel.ClientCpuPercent, null, round);
                    metrics.AbParallelClientCpu.Command = "user + system time of ab (bash's times) over its 'Time taken for tests'";
                }

                double serverBefore = ServerCpuSeconds(target);
                var wrkClock = Stopwatch.StartNew();
                ToolRun wrk = ClientTools.Wrk(target.Clients, url, settings.WrkConnections, settings.WrkSeconds);
                double serverSeconds = ServerCpuSeconds(target) - serverBefore;
                Record(metrics.Wrk, name, wrk, round);
                metrics.WrkClientCpu.Add(name, wrk.ClientCpuPercent, null, round);
                metrics.WrkClientCpu.Command = "user + system time of wrk (bash's times) over the seconds it reports";
                metrics.WrkServerCpu.Add(name, wrk.Value.HasValue ? serverSeconds / wrkClock.Elapsed.TotalSeconds * 100 : null, null, round);
                metrics.WrkServerCpu.Command = "utime + stime from /proc/PID/stat of the server's processes before and after wrk, over the wall time of the wrk command";

                ToolRun download = ClientTools.Download(target.Clients, "http://" + target.Address + "/bulk/" + settings.DownloadBytes.ToString(CultureInfo.InvariantCulture), settings.DownloadBytes);
                Record(metrics.Download, name, download, round);

                ToolRun upload = ClientTools.Upload(target.Clients, "http://" + target.Address + target.UploadPath, target.UploadMethod, body, settings.UploadBytes);
                Record(metrics.Upload, name, upload, round);
                if (upload.Status != null)
                {
                    metrics.Refusals[name] = upload.Status;
                }

                long after = ClientTools.RetransmittedSegments(target.Clients);
                metrics.Retransmissions.Add(name, retransmitted >= 0 && after >= 0 ? after - retransmitted : null, null, round);
                metrics.Retransmissions.Command = "cat /proc/net/snmp (Tcp: RetransSegs) in the clients' namespace, before the ping and after the upload";

                metrics.IdleCpu.Add(name, IdleCpuPercent(target, settings.IdleSeconds), null, round);
                metrics.IdleCpu.Command = "utime + stime from /proc/PID/stat of the server's processes over " + settings.IdleSeconds.ToString(CultureInfo.InvariantCulture) + " s without traffic, after the upload";
            }
            finally
            {
                target.StopRound();
            }
        }

        private static void Record(Metric metric, string target, ToolRun run, int round)
        {
            metric.Add(target, run.Value, run.Problem, round);
            metric.Command = run.Command;
        }

        /// <summary>CPU of the server's processes as % of one core over <paramref name="seconds"/> of no traffic.</summary>
        private static double? IdleCpuPercent(BenchmarkTarget target, int seconds)
        {
            if (target.ServerProcesses().Count == 0)
            {
                return null;
            }

            double before = ServerCpuSeconds(target);
            var window = Stopwatch.StartNew();
            Thread.Sleep(seconds * 1000); // the measuring window itself
            return (ServerCpuSeconds(target) - before) / window.Elapsed.TotalSeconds * 100;
        }

        /// <summary>utime + stime of the server's processes so far, in seconds.</summary>
        private static double ServerCpuSeconds(BenchmarkTarget target)
        {
            double seconds = 0;
            foreach (int pid in target.ServerProcesses())
            {
                seconds += Machine.CpuSeconds(pid);
            }

            return seconds;
        }

        private static void WritePattern(string path, int length)
        {
            var bytes = new byte[length];
            for (int i = 0; i < length; i++)
            {
                bytes[i] = BulkData.ByteAt(i);
            }

            File.WriteAllBytes(path, bytes);
        }

        private static void Abort(List<BenchmarkTarget> targets, string directory)
        {
            Console.Error.WriteLine("bench: interrupted; removing the namespaces");
            lock (targets)
            {
                foreach (BenchmarkTarget target in targets)
                {
                    target.Dispose();
                }

                targets.Clear();
            }

            try
            {
                Directory.Delete(directory, recursive: true);
            }
            catch (IOException)
            {
                // Best effort on the way out.
            }

            Environment.Exit(130);
        }
    }
}
