using NanoTcp.Hardware;

namespace NanoTcp.Hardware.Enc28j60Model
{
    /// <summary>The chip's INT output as a GPIO input would see it: active low, level held (FACTS.md §2.1).</summary>
    public sealed class Enc28j60InterruptPin : IInterruptPin
    {
        private readonly System.Action _update;
        private bool _low; // written and read under the chip's lock (Drive; IsLow after the update)

        internal Enc28j60InterruptPin(System.Action update)
        {
            _update = update;
        }

        /// <summary>True while INT is driven low. Reading it lets the chip's due work happen first.</summary>
        public bool IsLow
        {
            get
            {
                _update();
                return _low;
            }
        }

        /// <summary>Number of high-to-low transitions so far.</summary>
        public long FallingEdges { get; private set; }

        public event InterruptEdgeHandler FallingEdge;

        internal void Drive(bool low)
        {
            if (low == _low)
            {
                return;
            }

            _low = low;
            if (low)
            {
                FallingEdges++;
                FallingEdge?.Invoke(this);
            }
        }
    }
}
