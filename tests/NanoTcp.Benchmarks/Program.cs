using System;
using System.Collections.Generic;

namespace NanoTcp.Benchmarks
{
    /// <summary>
    /// Runs every benchmark once and prints one table. Figures are from one run on a noisy shared machine: read the
    /// ratios and counts, not the absolute times. `dotnet run -c Release --project tests/NanoTcp.Benchmarks`;
    /// with `nano`, the stack-to-stack benchmark on .NET and on nanoCLR (NanoBenchmark).
    /// </summary>
    public static class Program
    {
        public static int Main(string[] args)
        {
            if (args.Length > 0 && args[0] == "nano")
            {
                return NanoBenchmark.Run();
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
    }
}
