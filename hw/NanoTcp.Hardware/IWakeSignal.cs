namespace NanoTcp.Hardware
{
    /// <summary>
    /// The one signal the firmware's loop waits on between two poll steps. Everything that can make progress possible
    /// sets it (an INT pin edge, a readable TAP device, an application call on another thread); the loop waits on it
    /// until the next timer's deadline. On the board and the PC it is an event (<see cref="EventWakeSignal"/>); a
    /// simulation on a manual clock uses one that jumps the clock to the deadline instead of waiting.
    /// </summary>
    public interface IWakeSignal
    {
        /// <summary>Wakes the waiting loop now, or makes its next wait return at once (any thread; never blocks).</summary>
        void Set();

        /// <summary>
        /// Waits until <see cref="Set"/> is called or the clock reaches <paramref name="deadline"/> (ms of the loop's
        /// <see cref="ITickSource"/>; long.MaxValue: no deadline). True when woken by <see cref="Set"/>.
        /// </summary>
        bool Wait(long deadline);
    }
}
