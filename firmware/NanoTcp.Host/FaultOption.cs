using System;
using System.Globalization;
using NanoTcp.Hardware.Simulation;

namespace NanoTcp.Host
{
    /// <summary>
    /// `--faults SPEC`: faults the board's wire injects on every frame, in both directions (kernel → board and board →
    /// kernel through --tap, and the forwarding host's frames), drawn from the wire's seeded generator. SPEC is
    /// comma-separated KEY=VALUE: loss, dup, reorder and corrupt in percent of frames, delay and reorder-delay in
    /// milliseconds, seed an integer; "mix" is issue 12's mix (loss=10,dup=5,delay=5,reorder=10,corrupt=1).
    /// A delayed frame waits in the wire's queue with a deadline that the firmware loop's wait honours (no sleeps).
    /// </summary>
    public static class FaultOption
    {
        /// <summary>Issue 12's fault mix: 10 % loss, 5 % duplication, 5 ms delay with 10 % reordering, 1 % corruption.</summary>
        public const string Mix = "loss=10,dup=5,delay=5,reorder=10,corrupt=1";

        /// <summary>The wire's seed when SPEC names none (the wire's own default).</summary>
        public const int DefaultSeed = 1;

        /// <summary>Parses SPEC into <paramref name="faults"/> and the seed; throws <see cref="FormatException"/> naming the bad part.</summary>
        public static WireFaults Parse(string spec, out int seed)
        {
            seed = DefaultSeed;
            var faults = new WireFaults();
            if (string.IsNullOrWhiteSpace(spec))
            {
                throw new FormatException("give KEY=VALUE pairs such as " + Mix + ", or mix");
            }

            foreach (string raw in spec.Split(',', StringSplitOptions.TrimEntries))
            {
                if (raw == "mix")
                {
                    faults = Parse(Mix, out _);
                    continue;
                }

                int equals = raw.IndexOf('=', StringComparison.Ordinal);
                string key = equals < 0 ? raw : raw.Substring(0, equals);
                string value = equals < 0 ? string.Empty : raw.Substring(equals + 1);
                switch (key)
                {
                    case "loss": faults.DropRate = Percent(key, value); break;
                    case "dup": faults.DuplicateRate = Percent(key, value); break;
                    case "reorder": faults.ReorderRate = Percent(key, value); break;
                    case "corrupt": faults.CorruptRate = Percent(key, value); break;
                    case "delay": faults.DelayMilliseconds = Milliseconds(key, value); break;
                    case "reorder-delay": faults.ReorderDelayMilliseconds = Milliseconds(key, value); break;
                    case "seed": seed = Integer(key, value, int.MinValue, int.MaxValue); break;
                    default:
                        throw new FormatException("'" + raw + "' is not one of loss=%, dup=%, reorder=%, corrupt=%, delay=MS, reorder-delay=MS, seed=N, mix");
                }
            }

            return faults;
        }

        /// <summary>"10 % lost, 5 % duplicated, 10 % reordered (+5 ms), 1 % corrupted, 5 ms delay, seed 1".</summary>
        public static string Describe(WireFaults faults, int seed)
        {
            return Rate(faults.DropRate) + " lost, " + Rate(faults.DuplicateRate) + " duplicated, " + Rate(faults.ReorderRate) + " reordered (+"
                + Text(faults.ReorderDelayMilliseconds) + " ms), " + Rate(faults.CorruptRate) + " corrupted, " + Text(faults.DelayMilliseconds)
                + " ms delay, seed " + Text(seed);
        }

        /// <summary>"wire faults: 1200 frames, 120 dropped, 60 duplicated, 118 reordered, 12 corrupted" (the counts a test compares).</summary>
        public static string Counts(WireStatistics statistics)
        {
            return "wire faults: " + Text(statistics.FramesSent) + " frames, " + Text(statistics.FramesDropped) + " dropped, " + Text(statistics.FramesDuplicated)
                + " duplicated, " + Text(statistics.FramesReordered) + " reordered, " + Text(statistics.FramesCorrupted) + " corrupted";
        }

        private static double Percent(string key, string value)
        {
            string number = value.EndsWith('%') ? value.Substring(0, value.Length - 1) : value;
            if (!double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out double percent) || !(percent >= 0 && percent <= 100))
            {
                throw new FormatException(key + "=" + value + ": a share of frames is 0..100 (percent)");
            }

            return percent / 100;
        }

        private static int Milliseconds(string key, string value) => Integer(key, value, 0, 10000);

        private static int Integer(string key, string value, int min, int max)
        {
            if (!int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int result) || result < min || result > max)
            {
                throw new FormatException(key + "=" + value + ": an integer" + (min == 0 ? " 0.." + Text(max) + " (milliseconds)" : string.Empty));
            }

            return result;
        }

        private static string Rate(double rate) => (rate * 100).ToString("0.##", CultureInfo.InvariantCulture) + " %";

        private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);
    }
}
