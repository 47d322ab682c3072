namespace NanoTcp.Drivers.Enc28j60
{
    /// <summary>
    /// Lets the driver give up the processor while it waits for the chip (reset, PHY access, a transmission).
    /// On the board: Thread.Sleep. In tests on a manual clock: advance the clock, so that waits end by time.
    /// </summary>
    public delegate void Enc28j60Delay(int milliseconds);
}
