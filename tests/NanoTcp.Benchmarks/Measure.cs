using System;
using System.Diagnostics;

namespace NanoTcp.Benchmarks
{
    /// <summary>Timing and allocation helpers: a warm-up pass, then the median of a few timed passes.</summary>
    public static class Measure
    {
        /// <summary>Nanoseconds per operation: median of <paramref name="passes"/> passes of <paramref name="count"/> calls.</summary>
        public static double NanosecondsPerOperation(Action<int> operations, int count, int passes = 5)
        {
            operations(count / 10 + 1);
            var samples = new double[passes];
            for (int pass = 0; pass < passes; pass++)
            {
                var watch = Stopwatch.StartNew();
                operations(count);
                samples[pass] = watch.Elapsed.TotalMilliseconds * 1_000_000.0 / count;
            }

            Array.Sort(samples);
            return samples[passes / 2];
        }

        /// <summary>Bytes this thread allocates while <paramref name="action"/> runs.</summary>
        public static long AllocatedBytes(Action action)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            action();
            return GC.GetAllocatedBytesForCurrentThread() - before;
        }
    }
}
