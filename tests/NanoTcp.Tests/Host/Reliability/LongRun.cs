using System;

using NanoTcp.Tests.Firmware;
using NanoTcp.Tests.Http;

namespace NanoTcp.Tests.Host.Reliability
{
    /// <summary>
    /// The reliability suite's two sizes: bounded for CI, and the long run (NANOTCP_RELIABILITY_LONG=1) whose figures
    /// go into RELIABILITY.md.
    /// </summary>
    internal static class LongRun
    {
        public const string Variable = "NANOTCP_RELIABILITY_LONG";

        public static bool Enabled => Environment.GetEnvironmentVariable(Variable) == "1";

        /// <summary><paramref name="longCount"/> in the long run, else <paramref name="ciCount"/>.</summary>
        public static int Count(int ciCount, int longCount) => Enabled ? longCount : ciCount;
    }
}
