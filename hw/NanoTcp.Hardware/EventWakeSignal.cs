using System.Threading;

namespace NanoTcp.Hardware
{
    /// <summary>
    /// The wake signal on a real clock: an <see cref="AutoResetEvent"/> waited on with the time left until the deadline.
    /// A Set while nobody waits is kept, so a wake between a poll step and the next wait is never lost.
    /// </summary>
    public sealed class EventWakeSignal : IWakeSignal
    {
        /// <summary>WaitOne takes an int: a longer (or no) deadline waits in pieces of this many ms.</summary>
        private const int LongestWait = 60000;

        private readonly AutoResetEvent _event = new AutoResetEvent(false);
        private readonly ITickSource _clock;

        public EventWakeSignal(ITickSource clock)
        {
            if (clock == null)
            {
                throw new System.ArgumentNullException("clock");
            }

            _clock = clock;
        }

        public void Set()
        {
            _event.Set();
        }

        public bool Wait(long deadline)
        {
            for (;;)
            {
                long left = deadline - _clock.Milliseconds;
                if (left <= 0)
                {
                    // Due already: still take a pending Set, so it does not cause a second, empty step later.
                    return _event.WaitOne(0, false);
                }

                if (_event.WaitOne(left > LongestWait ? LongestWait : (int)left, false))
                {
                    return true;
                }

                if (left <= LongestWait)
                {
                    return false;
                }
            }
        }
    }
}
