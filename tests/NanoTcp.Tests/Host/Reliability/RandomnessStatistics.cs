using System;
using System.Collections.Generic;

using NanoTcp.Tests.Firmware;
using NanoTcp.Tests.Http;

namespace NanoTcp.Tests.Host.Reliability
{
    /// <summary>
    /// Checks that a series of numbers looks like independent draws: how often a value repeats against what chance
    /// gives, each bit set about half the time (within 5 σ), and the steps between neighbours as spread as the values
    /// (a counter, or a counter plus a constant, fails all three). Each check returns null or what looked predictable.
    /// </summary>
    internal static class RandomnessStatistics
    {
        /// <summary>The largest number of times one value occurs.</summary>
        public static int MostRepeated(uint[] values)
        {
            var counts = new Dictionary<uint, int>();
            int most = 0;
            foreach (uint v in values)
            {
                counts.TryGetValue(v, out int n);
                counts[v] = ++n;
                most = Math.Max(most, n);
            }

            return most;
        }

        /// <summary>Pairs of equal values among <paramref name="values"/>.</summary>
        public static long EqualPairs(uint[] values)
        {
            var counts = new Dictionary<uint, int>();
            foreach (uint v in values)
            {
                counts.TryGetValue(v, out int n);
                counts[v] = n + 1;
            }

            long pairs = 0;
            foreach (int n in counts.Values)
            {
                pairs += (long)n * (n - 1) / 2;
            }

            return pairs;
        }

        /// <summary>Expected pairs of equal values among n uniform draws from <paramref name="space"/> values (birthday).</summary>
        public static double ExpectedEqualPairs(int n, double space) => (double)n * (n - 1) / 2 / space;

        /// <summary>Null when each of the low <paramref name="bits"/> bits is set in n/2 ± 5 σ of the values.</summary>
        public static string UnbalancedBit(uint[] values, int bits, string what)
        {
            double sigma = Math.Sqrt(values.Length) / 2;
            for (int b = 0; b < bits; b++)
            {
                int set = 0;
                foreach (uint v in values)
                {
                    set += (int)((v >> b) & 1);
                }

                if (Math.Abs(set - (values.Length / 2.0)) > 5 * sigma)
                {
                    return what + ": bit " + b + " set in " + set + " of " + values.Length;
                }
            }

            return null;
        }

        /// <summary>The figures in one line: equal pairs against chance, the most repeated value, the bit counts' range.</summary>
        public static string Describe(uint[] values, int bits, double space)
        {
            int least = int.MaxValue, most = 0;
            for (int b = 0; b < bits; b++)
            {
                int set = 0;
                foreach (uint v in values)
                {
                    set += (int)((v >> b) & 1);
                }

                least = Math.Min(least, set);
                most = Math.Max(most, set);
            }

            return EqualPairs(values) + " equal pairs (chance " + ExpectedEqualPairs(values.Length, space).ToString("0.00") + "), most repeated "
                + MostRepeated(values) + "x, each of " + bits + " bits set in " + least + ".." + most + " of " + values.Length;
        }

        /// <summary>The steps from each value to the next, masked to <paramref name="mask"/>.</summary>
        public static uint[] Deltas(uint[] values, uint mask)
        {
            var deltas = new uint[values.Length - 1];
            for (int i = 0; i < deltas.Length; i++)
            {
                deltas[i] = (values[i + 1] - values[i]) & mask;
            }

            return deltas;
        }
    }
}
