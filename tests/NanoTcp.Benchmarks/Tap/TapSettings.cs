using System;
using System.Globalization;

namespace NanoTcp.Benchmarks.Tap
{
    /// <summary>
    /// Counts and durations of one TAP benchmark run: the full run (the table of issue 10) or the smoke run (every row,
    /// tiny counts, seconds long; CI runs it so the harness cannot rot).
    /// </summary>
    public sealed class TapSettings
    {
        public bool Smoke { get; init; }

        public int Rounds { get; init; } = 4;

        public int AbRequests { get; init; } = 2000;

        public int AbConcurrency { get; init; } = 8;

        public int WrkConnections { get; init; } = 4;

        public int WrkSeconds { get; init; } = 5;

        public int DownloadBytes { get; init; } = 10_000_000;

        public int UploadBytes { get; init; } = 10_000_000;

        public int Pings { get; init; } = 100;

        public int IdleSeconds { get; init; } = 10;

        public int WarmUpRequests { get; init; } = 200;

        /// <summary>Where the report goes (BENCHMARKS.md at the repository root unless --output).</summary>
        public string Output { get; init; }

        /// <summary>Model-time size of the one-way chip-path transfers.</summary>
        public int ChipPathBytes { get; init; } = 1 << 20;

        /// <summary>Reads `tap [--smoke] [--rounds N] [--output FILE]`; null and a message on a bad argument.</summary>
        public static TapSettings Parse(string[] args, string defaultOutput, out string error)
        {
            error = null;
            bool smoke = Array.IndexOf(args, "--smoke") >= 0;
            int rounds = smoke ? 1 : 4;
            string output = defaultOutput;
            for (int i = 1; i < args.Length; i++)
            {
                switch (args[i])
                {
                    case "--smoke":
                        break;
                    case "--rounds" when i + 1 < args.Length && int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out int n) && n >= 1 && n <= 50:
                        rounds = n;
                        i++;
                        break;
                    case "--output" when i + 1 < args.Length:
                        output = args[++i];
                        break;
                    default:
                        error = "unknown or incomplete argument '" + args[i] + "'; usage: tap [--smoke] [--rounds 1..50] [--output FILE]";
                        return null;
                }
            }

            if (!smoke)
            {
                return new TapSettings { Rounds = rounds, Output = output };
            }

            return new TapSettings
            {
                Smoke = true,
                Rounds = rounds,
                AbRequests = 20,
                WrkSeconds = 1,
                DownloadBytes = 100_000,
                UploadBytes = 100_000,
                Pings = 3,
                IdleSeconds = 1,
                WarmUpRequests = 4,
                Output = output,
                ChipPathBytes = 32 * 1024,
            };
        }
    }
}
