using System;

namespace NanoTcp.Benchmarks.Nano
{
    /// <summary>
    /// The nanoCLR benchmark app: two stacks stack-to-stack for a few seconds, one report line (see README.md; run with
    /// run-on-nanoclr.sh).
    /// </summary>
    public static class Program
    {
        /// <summary>Payload moved: a few CPU seconds on nanoCLR on a PC.</summary>
        public const long PayloadBytes = 24L * 1024 * 1024;

        public static void Main()
        {
            StackToStackResult result = StackToStackBenchmark.Run(PayloadBytes, 600000);
            Console.WriteLine(result == null ? "stack-to-stack: could not connect" : result.Report());
        }
    }
}
