using System.Device.Gpio;
using NanoTcp.Hardware;

namespace NanoTcp.Esp32
{
    /// <summary>
    /// <see cref="IInterruptPin"/> over a nanoFramework <c>GpioPin</c> wired to the ENC28J60 INT output (active low).
    /// <c>GpioPin.ValueChanged</c> reports both edges on the event thread (FACTS §3); only falling edges are passed on.
    /// </summary>
    public sealed class GpioInterruptPin : IInterruptPin
    {
        private readonly GpioPin _pin;
        private InterruptEdgeHandler _fallingEdge;

        public GpioInterruptPin(GpioController controller, int pinNumber)
        {
            _pin = controller.OpenPin(pinNumber, PinMode.InputPullUp);
            _pin.ValueChanged += OnValueChanged;
        }

        public bool IsLow => _pin.Read() == PinValue.Low;

        // Explicit accessors: no generic Interlocked.CompareExchange<T> from a field-like event on nanoFramework 1.x.
        public event InterruptEdgeHandler FallingEdge
        {
            add { _fallingEdge = (InterruptEdgeHandler)System.Delegate.Combine(_fallingEdge, value); }
            remove { _fallingEdge = (InterruptEdgeHandler)System.Delegate.Remove(_fallingEdge, value); }
        }

        private void OnValueChanged(object sender, PinValueChangedEventArgs e)
        {
            if (e.ChangeType == PinEventTypes.Falling)
            {
                InterruptEdgeHandler handler = _fallingEdge;
                if (handler != null)
                {
                    handler(this);
                }
            }
        }
    }
}
