namespace NanoTcp.Hardware
{
    /// <summary>Called when an <see cref="IInterruptPin"/> sees a falling edge (non-generic: nanoFramework 1.x).</summary>
    public delegate void InterruptEdgeHandler(IInterruptPin pin);
}
