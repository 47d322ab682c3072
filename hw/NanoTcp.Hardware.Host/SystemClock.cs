using System.Diagnostics;
using NanoTcp.Hardware;

namespace NanoTcp.Hardware.Host
{
    /// <summary>Real time on the PC: milliseconds since this clock was created, from a Stopwatch.</summary>
    public sealed class SystemClock : ITickSource
    {
        private readonly Stopwatch _stopwatch = Stopwatch.StartNew();

        public long Milliseconds => _stopwatch.ElapsedMilliseconds;
    }
}
