using NanoTcp.Hardware;

namespace NanoTcp.Hardware.Host
{
    /// <summary>A clock that only moves when a test advances it, so every timer fires deterministically.</summary>
    public sealed class ManualClock : ITickSource
    {
        private long _milliseconds;

        public ManualClock(long startMilliseconds = 0)
        {
            _milliseconds = startMilliseconds;
        }

        public long Milliseconds => System.Threading.Interlocked.Read(ref _milliseconds);

        /// <summary>Moves the clock forward; a negative step would break monotonicity and is refused.</summary>
        public void Advance(long milliseconds)
        {
            if (milliseconds < 0)
            {
                throw new System.ArgumentOutOfRangeException(nameof(milliseconds), "a monotonic clock cannot go back");
            }

            System.Threading.Interlocked.Add(ref _milliseconds, milliseconds);
        }
    }
}
