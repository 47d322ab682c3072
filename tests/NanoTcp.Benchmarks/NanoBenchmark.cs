using System;
using System.Diagnostics;
using System.IO;
using NanoTcp.Benchmarks.Nano;

namespace NanoTcp.Benchmarks
{
    /// <summary>
    /// `nano` command: the portable stack-to-stack benchmark (tests/NanoTcp.Benchmarks.Nano) on .NET here, then the
    /// same source on nanoCLR through its run-on-nanoclr.sh when the toolchain is present (../shared/nanoclr or
    /// NANOCLR_HOME). Both figures are per CPU second of the process, so a loaded machine does not lower them.
    /// </summary>
    public static class NanoBenchmark
    {
        /// <summary>Payload on .NET: about 30 times the nanoCLR run (the runtime is about that much faster).</summary>
        private const long DotNetPayloadBytes = 512L * 1024 * 1024;

        public static int Run()
        {
            Console.WriteLine("| runtime | payload MB/s | µs/frame | frames | note |");
            Console.WriteLine("|---|---:|---:|---:|---|");

            StackToStackBenchmark.Run(8L * 1024 * 1024, 60000); // JIT warm-up
            long allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
            TimeSpan cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            StackToStackResult net = StackToStackBenchmark.Run(DotNetPayloadBytes, 600000);
            double cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds;
            long allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
            if (net == null || !net.StreamIntact)
            {
                Console.WriteLine("| .NET | – | – | – | stream broken or no connection |");
                return 1;
            }

            Console.WriteLine($"| .NET {Environment.Version} | {net.TotalPayloadBytes / cpu / 1e6:F1} | {cpu * 1e6 / net.TotalFrames:F2} | {net.TotalFrames} | {cpu:F2} s CPU; {allocated} B allocated in the run (setup included) |");
            Console.WriteLine("  " + net.Report());

            string script = Path.Combine(RepositoryRoot(), "tests", "NanoTcp.Benchmarks.Nano", "run-on-nanoclr.sh");
            string home = Environment.GetEnvironmentVariable("NANOCLR_HOME") ?? Path.Combine(RepositoryRoot(), "..", "shared", "nanoclr");
            if (!File.Exists(Path.Combine(home, "nanoclr-run")))
            {
                Console.WriteLine($"| nanoCLR | – | – | – | skipped: no toolchain at {Path.GetFullPath(home)} (set NANOCLR_HOME) |");
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
                Console.WriteLine($"| nanoCLR | – | – | – | run-on-nanoclr.sh failed ({nano.ExitCode}): {errors.Trim()} |");
                return 1;
            }

            // "nanoCLR CPU: 8.17 MB/s, 62.7 us/frame (25231360 B, 49287 frames, 3.09 s CPU)"
            string[] f = cpuLine.Split(new[] { ' ', '(', ',' }, StringSplitOptions.RemoveEmptyEntries);
            string megabytes = f[2], microseconds = f[4], frames = f[8];
            double ratio = cpu * 1e6 / net.TotalFrames;
            Console.WriteLine($"| nanoCLR | {megabytes} | {microseconds} | {frames} | {cpuLine.Substring(cpuLine.IndexOf('(') + 1).TrimEnd(')')}; {double.Parse(microseconds, System.Globalization.CultureInfo.InvariantCulture) / ratio:F0}× the .NET µs/frame |");
            Console.WriteLine("  " + report);
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
