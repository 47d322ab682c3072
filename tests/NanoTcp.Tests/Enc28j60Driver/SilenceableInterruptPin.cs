using NanoTcp.Hardware;

namespace NanoTcp.Tests.Enc28j60Driver
{
    /// <summary>The chip's INT line through a wire that can break: while <see cref="Silent"/> it reads high and passes no edge.</summary>
    internal sealed class SilenceableInterruptPin : IInterruptPin
    {
        private readonly IInterruptPin _inner;

        public SilenceableInterruptPin(IInterruptPin inner)
        {
            _inner = inner;
            _inner.FallingEdge += Forward;
        }

        public event InterruptEdgeHandler FallingEdge;

        public bool Silent { get; set; }

        public bool IsLow => !Silent && _inner.IsLow;

        private void Forward(IInterruptPin pin)
        {
            InterruptEdgeHandler handler = FallingEdge;
            if (!Silent && handler != null)
            {
                handler(this);
            }
        }
    }
}
