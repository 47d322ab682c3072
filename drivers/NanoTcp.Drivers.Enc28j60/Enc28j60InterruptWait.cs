namespace NanoTcp.Drivers.Enc28j60
{
    /// <summary>
    /// Blocks until the INT pin may have fallen or <paramref name="timeoutMilliseconds"/> have passed; the driver then
    /// reads the pin. On the board the driver's own event, set by the pin's falling edge, does this; a PC stand-in
    /// whose chip only moves when asked (the chip model on a manual clock) supplies one that lets the chip's time run.
    /// </summary>
    public delegate void Enc28j60InterruptWait(int timeoutMilliseconds);
}
