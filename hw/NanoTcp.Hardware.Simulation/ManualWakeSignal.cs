using System.Threading;
using NanoTcp.Hardware;

namespace NanoTcp.Hardware.Simulation
{
    /// <summary>
    /// The wake signal of a simulation on a <see cref="ManualClock"/>: a wait that is not already woken jumps the clock
    /// to its deadline at once (the idle time passes without real time), so a loop built on <see cref="IWakeSignal"/>
    /// runs deterministically. Counts what happened, so tests can check that a source woke the loop.
    /// </summary>
    public sealed class ManualWakeSignal : IWakeSignal
    {
        private readonly ManualClock _clock;
        private int _set;

        public ManualWakeSignal(ManualClock clock)
        {
            _clock = clock ?? throw new System.ArgumentNullException(nameof(clock));
        }

        /// <summary>Calls of <see cref="Set"/>.</summary>
        public long Sets { get; private set; }

        /// <summary>Waits that ended because of a Set.</summary>
        public long Woken { get; private set; }

        /// <summary>Waits that ran to their deadline (the clock jumped).</summary>
        public long TimedOut { get; private set; }

        /// <summary>Waits without a deadline and without a Set: a real loop would sleep for ever here.</summary>
        public long Forever { get; private set; }

        /// <summary>True when a Set is pending (the next wait returns at once).</summary>
        public bool IsSet => Interlocked.CompareExchange(ref _set, 0, 0) != 0;

        public void Set()
        {
            Sets++;
            Interlocked.Exchange(ref _set, 1);
        }

        public bool Wait(long deadline)
        {
            if (Interlocked.Exchange(ref _set, 0) != 0)
            {
                Woken++;
                return true;
            }

            if (deadline == long.MaxValue)
            {
                Forever++;
                return false;
            }

            long now = _clock.Milliseconds;
            if (deadline > now)
            {
                _clock.Advance(deadline - now);
            }

            TimedOut++;
            return false;
        }
    }
}
