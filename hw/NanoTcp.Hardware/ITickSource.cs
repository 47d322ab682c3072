namespace NanoTcp.Hardware
{
    /// <summary>
    /// The only clock the stack and the driver use: monotonic milliseconds since start. On the board it is
    /// Environment.TickCount64; on the PC a Stopwatch, or a manual clock that tests advance by hand.
    /// </summary>
    public interface ITickSource
    {
        /// <summary>Milliseconds since start; never goes backwards.</summary>
        long Milliseconds { get; }
    }
}
