using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using NanoTcp.Benchmarks.Nano;

namespace NanoTcp.Benchmarks
{
    /// <summary>
    /// `nano` command: the portable stack-to-stack benchmark (tests/NanoTcp.Benchmarks.Nano) on .NET here, then the
    /// same source on nanoCLR through its run-on-nanoclr.sh when the toolchain is present (../shared/nanoclr or
    /// NANOCLR_HOME). Both figures are per CPU second of the process, so a loaded machine does not lower them. The
    /// `tap` command writes the same table into BENCHMARKS.md (<see cref="Measure"/>).
    /// </summary>
    public static class NanoBenchmark
    {
        /// <summary>Payload on .NET: about 30 times the nanoCLR run (the runtime is about that much faster).</summary>
        private const long DotNetPayloadBytes = 512L * 1024 * 1024;

        /// <summary>The command that prints the same table alone.</summary>
        public const string Command = "dotnet run -c Release --project tests/NanoTcp.Benchmarks -- nano";

        public static int Run()
        {
            var table = new List<string>();
            var reports = new List<string>();
            int status = Measure(table, reports);
            foreach (string line in table)
            {
                Console.WriteLine(line);
            }

            foreach (string report in reports)
            {
                Console.WriteLine("  " + report);
            }

            return status;
        }

        /// <summary>
        /// Runs both sides: adds the markdown table (header, a .NET row, a nanoCLR row) to <paramref name="lines"/> and
        /// each side's report line (counts and the time split) to <paramref name="reports"/>; 0, or 1 when a side
        /// failed (its row says why).
        /// </summary>
        public static int Measure(List<string> lines, List<string> reports)
        {
            lines.Add("| runtime | payload MB/s | µs/frame | frames | note |");
            lines.Add("|---|---:|---:|---:|---|");

            StackToStackBenchmark.Run(8L * 1024 * 1024, 60000); // JIT warm-up
            long allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
            TimeSpan cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            StackToStackResult net = StackToStackBenchmark.Run(DotNetPayloadBytes, 600000);
            double cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds;
            long allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
            if (net == null || !net.StreamIntact)
            {
                lines.Add("| .NET | – | – | – | stream broken or no connection |");
                return 1;
            }

            lines.Add($"| .NET {Environment.Version} | {net.TotalPayloadBytes / cpu / 1e6:F1} | {cpu * 1e6 / net.TotalFrames:F2} | {net.TotalFrames} | {cpu:F2} s CPU; {allocated} B allocated in the run (setup included) |");
            reports.Add(".NET " + net.Report());

            string script = Path.Combine(RepositoryRoot(), "tests", "NanoTcp.Benchmarks.Nano", "run-on-nanoclr.sh");
            string home = Environment.GetEnvironmentVariable("NANOCLR_HOME") ?? Path.Combine(RepositoryRoot(), "..", "shared", "nanoclr");
            if (!File.Exists(Path.Combine(home, "nanoclr-run")))
            {
                lines.Add($"| nanoCLR | – | – | – | skipped: no toolchain at {Path.GetFullPath(home)} (set NANOCLR_HOME) |");
                return 0;
            }

            var start = new ProcessStartInfo("sh", script) { RedirectStandardOutput = true, RedirectStandardError = true };
            start.Environment["NANOCLR_HOME"] = home;
            using Process nano = Process.Start(start);
            string output = nano.StandardOutput.ReadToEnd();
            string errors = nano.StandardError.ReadToEnd();
            nano.WaitForExit();
            string report = Line(output, "stack-to-stack:");
            string cpuLine = Line(output, "nanoCLR CPU:");
            if (nano.ExitCode != 0 || report == null || cpuLine == null)
            {
                lines.Add($"| nanoCLR | – | – | – | run-on-nanoclr.sh failed ({nano.ExitCode}): {errors.Trim()} |");
                return 1;
            }

            // "nanoCLR CPU: 8.17 MB/s, 62.7 us/frame (25231360 B, 49287 frames, 3.09 s CPU)"
            string[] f = cpuLine.Split(new[] { ' ', '(', ',' }, StringSplitOptions.RemoveEmptyEntries);
            string megabytes = f[2], microseconds = f[4], frames = f[8];
            double ratio = cpu * 1e6 / net.TotalFrames;
            lines.Add($"| nanoCLR | {megabytes} | {microseconds} | {frames} | {cpuLine.Substring(cpuLine.IndexOf('(') + 1).TrimEnd(')')}; {double.Parse(microseconds, System.Globalization.CultureInfo.InvariantCulture) / ratio:F0}× the .NET µs/frame |");
            reports.Add("nanoCLR " + report);
            return 0;
        }

        private static string Line(string output, string prefix)
        {
            foreach (string line in output.Split('\n'))
            {
                if (line.StartsWith(prefix, StringComparison.Ordinal))
                {
                    return line.TrimEnd('\r');
                }
            }

            return null;
        }

        private static string RepositoryRoot()
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "NanoTcp.sln")))
                {
                    return dir.FullName;
                }
            }

            throw new InvalidOperationException("NanoTcp.sln not found above " + AppContext.BaseDirectory);
        }
    }
}
