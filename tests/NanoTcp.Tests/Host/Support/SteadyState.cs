using System;

namespace NanoTcp.Tests.Host.Support
{
    /// <summary>
    /// Measures allocation in steady state. The runtime itself allocates now and then on the calling thread (tiering
    /// and on-stack replacement of hot methods), so one window of work may show a few kilobytes that the code under
    /// test never asked for. A per-round allocation of the code shows in every window, so the least of several
    /// windows is the code's own figure: 0 means nothing is allocated per round.
    /// </summary>
    public static class SteadyState
    {
        public static long AllocatedBytes(Action round, int roundsPerWindow, int windows = 5)
        {
            long least = long.MaxValue;
            for (int window = 0; window < windows && least > 0; window++)
            {
                long before = GC.GetAllocatedBytesForCurrentThread();
                for (int i = 0; i < roundsPerWindow; i++)
                {
                    round();
                }

                least = Math.Min(least, GC.GetAllocatedBytesForCurrentThread() - before);
            }

            return least;
        }
    }
}
