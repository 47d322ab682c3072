using System;
using NanoTcp.Hardware;

namespace NanoTcp.Hardware.Enc28j60Model
{
    /// <summary>
    /// The chip's cable as an <see cref="IEthernetLink"/> for EthernetWire.Attach or a TAP bridge: Send delivers a
    /// frame (no FCS) into the chip's receive logic, Receive hands over a frame the chip transmitted (FCS removed).
    /// GetMacAddress reports MAADR as currently programmed.
    /// </summary>
    public sealed class Enc28j60WireSide : IEthernetLink
    {
        private readonly Enc28j60Chip _chip;

        internal Enc28j60WireSide(Enc28j60Chip chip)
        {
            _chip = chip;
        }

        public bool IsLinkUp => _chip.IsLinkUp;

        public void GetMacAddress(byte[] buffer, int offset) => _chip.CopyMacAddress(buffer, offset);

        public void Send(byte[] buffer, int offset, int length) => _chip.ReceiveFromCable(buffer, offset, length, includesFcs: false);

        public int Receive(byte[] buffer, int offset, int capacity)
        {
            if (buffer == null)
            {
                throw new ArgumentNullException(nameof(buffer));
            }

            return _chip.TakeTransmitted(buffer, offset, capacity);
        }
    }
}
