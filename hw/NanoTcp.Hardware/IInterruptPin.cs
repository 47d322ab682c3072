namespace NanoTcp.Hardware
{
    /// <summary>
    /// An input pin wired to an active-low interrupt line (the ENC28J60 INT output). It reports each falling
    /// edge and can be read, so a driver can check the level after handling a burst of events and never miss one.
    /// </summary>
    public interface IInterruptPin
    {
        /// <summary>True while the line is low (interrupt asserted).</summary>
        bool IsLow { get; }

        /// <summary>Raised on each high-to-low transition, possibly on another thread than the stack's.</summary>
        event InterruptEdgeHandler FallingEdge;
    }
}
