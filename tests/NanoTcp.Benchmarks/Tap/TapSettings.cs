using System;
using System.Globalization;
using System.Linq;

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

        /// <summary>
        /// ab -c1 and ab -c8 runs per round, alternating, each one sample. At 2,000 requests an ab -c8 run lasts 0.06-0.1 s,
        /// short enough that one scheduling hiccup of this shared 2-core machine moved a round's figure by a third
        /// (25k-39k in four rounds of one run); the median of several runs per round is what the stack does.
        /// </summary>
        public int AbRuns { get; init; } = 5;

        public int WrkConnections { get; init; } = 4;

        public int WrkSeconds { get; init; } = 5;

        public int DownloadBytes { get; init; } = 10_000_000;

        public int UploadBytes { get; init; } = 10_000_000;

        public int Pings { get; init; } = 100;

        public int IdleSeconds { get; init; } = 10;

        /// <summary>
        /// Requests before the measured tools, not counted. Enough for .NET's tier-up JIT to finish (its thread takes about
        /// 0.2 s of CPU in the app's first half second of load); with 200 it ran beside ab -c1 and ab -c8, two runs of
        /// 0.06-0.3 s on a 2-core machine, and those figures measured the JIT as much as the stack.
        /// </summary>
        public int WarmUpRequests { get; init; } = 20_000;

        /// <summary>Where the report goes (BENCHMARKS.md at the repository root unless --output).</summary>
        public string Output { get; init; }

        /// <summary>Which servers run (keys of <see cref="ServerKeys"/>); all of them unless --servers.</summary>
        public string[] Servers { get; init; } = ServerKeys;

        /// <summary>False with --no-model: only the TAP rounds, for quick iterations (the report then has no model-time table).</summary>
        public bool ModelTime { get; init; } = true;

        /// <summary>The servers --servers can name, in the report's column order; the kernel (the reference of the ratios) is always among them.</summary>
        public static readonly string[] ServerKeys = { "direct4", "direct16", "chip", "kernel" };

        /// <summary>True when server <paramref name="key"/> (one of <see cref="ServerKeys"/>) takes part in this run.</summary>
        public bool Runs(string key) => Array.IndexOf(Servers, key) >= 0;

        /// <summary>Model-time size of the one-way chip-path transfers.</summary>
        public int ChipPathBytes { get; init; } = 1 << 20;

        /// <summary>Reads `tap [--smoke] [--rounds N] [--output FILE] [--servers a,b] [--no-model]`; null and a message on a bad argument.</summary>
        public static TapSettings Parse(string[] args, string defaultOutput, out string error)
        {
            error = null;
            bool smoke = Array.IndexOf(args, "--smoke") >= 0;
            int rounds = smoke ? 1 : 4;
            string output = defaultOutput;
            string[] servers = ServerKeys;
            bool modelTime = true;
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
                    case "--servers" when i + 1 < args.Length && AllKnown(args[i + 1].Split(',')) && args[i + 1].Split(',').Contains("kernel"):
                        servers = args[++i].Split(',');
                        break;
                    case "--no-model":
                        modelTime = false;
                        break;
                    default:
                        error = "unknown or incomplete argument '" + args[i] + "'; usage: tap [--smoke] [--rounds 1..50] [--output FILE] [--servers " + string.Join(',', ServerKeys) + "] [--no-model]";
                        return null;
                }
            }

            if (!smoke)
            {
                return new TapSettings { Rounds = rounds, Output = output, Servers = servers, ModelTime = modelTime };
            }

            return new TapSettings
            {
                Smoke = true,
                Rounds = rounds,
                AbRequests = 20,
                AbRuns = 1,
                WrkSeconds = 1,
                DownloadBytes = 100_000,
                UploadBytes = 100_000,
                Pings = 3,
                IdleSeconds = 1,
                WarmUpRequests = 4,
                Output = output,
                Servers = servers,
                ModelTime = modelTime,
                ChipPathBytes = 32 * 1024,
            };
        }
    
        private static bool AllKnown(string[] keys)
        {
            foreach (string key in keys)
            {
                if (Array.IndexOf(ServerKeys, key) < 0)
                {
                    return false;
                }
            }

            return keys.Length > 0;
        }
    }
}
