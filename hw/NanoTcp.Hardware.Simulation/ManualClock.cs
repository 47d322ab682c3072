using System;
using NanoTcp.Hardware;

namespace NanoTcp.Hardware.Simulation
{
    /// <summary>A clock that only moves when a test advances it, so every timer fires deterministically.</summary>
    public sealed class ManualClock : ITickSource
    {
        private readonly object _gate = new object();
        private long _milliseconds;

        public ManualClock()
        {
        }

        public ManualClock(long startMilliseconds)
        {
            _milliseconds = startMilliseconds;
        }

        // A lock, not Interlocked.Read: nanoFramework's Interlocked has no 64-bit members.
        public long Milliseconds
        {
            get
            {
                lock (_gate)
                {
                    return _milliseconds;
                }
            }
        }

        /// <summary>Moves the clock forward; a negative step would break monotonicity and is refused.</summary>
        public void Advance(long milliseconds)
        {
            if (milliseconds < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(milliseconds), "a monotonic clock cannot go back");
            }

            lock (_gate)
            {
                _milliseconds += milliseconds;
            }
        }
    }
}
