using System;
using System.Collections.Generic;
using System.IO;
using NanoTcp.Benchmarks.Tap;

namespace NanoTcp.Benchmarks
{
    /// <summary>
    /// Without arguments: every in-process benchmark once, printed as one table (model time and CPU time; no root).
    /// `nano`: the stack-to-stack benchmark on .NET and on nanoCLR (NanoBenchmark). `tcp-window`: the
    /// chip path's TCP throughput each way in model time, with the firmware's defaults and other ring sizes. `driver`: the driver-on-model rows alone (SPI frames per frame). `tap [--smoke] [--rounds N] [--output FILE]`: the kernel's clients against the PC app over TAP and against the
    /// kernel over veth, written to BENCHMARKS.md (needs root). Figures are from a noisy shared machine: read the
    /// ratios and counts, not the absolute times. `dotnet run -c Release --project tests/NanoTcp.Benchmarks [-- tap]`.
    /// </summary>
    public static class Program
    {
        public static int Main(string[] args)
        {
            if (args.Length > 0 && args[0] == "nano")
            {
                return NanoBenchmark.Run();
            }

            if (args.Length > 0 && args[0] == "tap")
            {
                return Tap(args);
            }

            if (args.Length > 0 && args[0] == "driver")
            {
                var driverRows = new List<BenchmarkRow>();
                DriverBenchmark.Run(driverRows);
                Print(driverRows);
                return 0;
            }

            if (args.Length > 0 && args[0] == "sntp")
            {
                var sntpRows = new List<BenchmarkRow>();
                SntpBenchmark.Run(sntpRows);
                Print(sntpRows);
                return 0;
            }

            if (args.Length > 0 && args[0] == "mdns")
            {
                var mdnsRows = new List<BenchmarkRow>();
                MdnsBenchmark.Run(mdnsRows);
                Print(mdnsRows);
                return 0;
            }

            if (args.Length > 0 && args[0] != "tcp-window")
            {
                Console.Error.WriteLine("usage: NanoTcp.Benchmarks [nano | tcp-window | driver | sntp | mdns | tap [--smoke] [--rounds N] [--output FILE]]");
                return 2;
            }

            var rows = new List<BenchmarkRow>();
            if (args.Length > 0 && args[0] == "tcp-window")
            {
                TcpWindowBenchmark.Run(rows);
                Print(rows);
                return 0;
            }

            ChecksumBenchmark.Run(rows);
            Ipv4Benchmark.Run(rows);
            SntpBenchmark.Run(rows);
            MdnsBenchmark.Run(rows);
            DriverBenchmark.Run(rows);
            TcpWindowBenchmark.Run(rows);
            Print(rows);
            return 0;
        }

        private static void Print(List<BenchmarkRow> rows)
        {
            Console.WriteLine("| benchmark | figure | unit | note |");
            Console.WriteLine("|---|---:|---|---|");
            foreach (var row in rows)
            {
                Console.WriteLine($"| {row.Name} | {row.Value} | {row.Unit} | {row.Note} |");
            }
        }

        private static int Tap(string[] args)
        {
            string root = RepositoryRoot();
            TapSettings settings = TapSettings.Parse(args, Path.Combine(root, "BENCHMARKS.md"), out string error);
            if (settings == null)
            {
                Console.Error.WriteLine("bench: " + error);
                return 2;
            }

            if (!Environment.IsPrivilegedProcess)
            {
                Console.Error.WriteLine("bench: tap needs root (network namespaces, TAP and veth devices)");
                return 2;
            }

            foreach (string tool in new[] { "ip", "ab", "wrk", "curl", "ping", "nginx", "ethtool" })
            {
                if (!OnPath(tool))
                {
                    Console.Error.WriteLine("bench: tap needs '" + tool + "' (Debian: iproute2 apache2-utils wrk curl iputils-ping nginx ethtool; .ci/run installs them)");
                    return 2;
                }
            }

            // The PC app of the same configuration as this program, built with it (project reference).
            string configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;
            string dll = Path.Combine(root, "firmware", "NanoTcp.Host", "bin", configuration, "net10.0", "NanoTcp.Host.dll");
            if (!File.Exists(dll))
            {
                Console.Error.WriteLine("bench: the PC app is not built: " + dll);
                return 2;
            }

            return TapBenchmark.Run(settings, dll);
        }

        private static string RepositoryRoot()
        {
            string directory = AppContext.BaseDirectory;
            for (int depth = 0; depth < 16 && directory != null; depth++)
            {
                if (File.Exists(Path.Combine(directory, "NanoTcp.sln")))
                {
                    return directory;
                }

                directory = Path.GetDirectoryName(directory.TrimEnd(Path.DirectorySeparatorChar));
            }

            throw new InvalidOperationException("no NanoTcp.sln above " + AppContext.BaseDirectory);
        }

        private static bool OnPath(string command)
        {
            foreach (string directory in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':', StringSplitOptions.RemoveEmptyEntries))
            {
                if (File.Exists(Path.Combine(directory, command)))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
