using NanoTcp.Hardware;

namespace NanoTcp.Tests.Enc28j60Driver
{
    /// <summary>An INT line that never goes low and never raises an edge (broken wire, or an edge lost to errata 6).</summary>
    internal sealed class DeadInterruptPin : IInterruptPin
    {
        public bool IsLow => false;

        public event InterruptEdgeHandler FallingEdge
        {
            add { }
            remove { }
        }
    }
}
