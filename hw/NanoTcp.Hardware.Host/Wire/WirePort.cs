using NanoTcp.Hardware;

namespace NanoTcp.Hardware.Host.Wire
{
    /// <summary>A stack's network interface on an <see cref="EthernetWire"/>: a NIC with its cable plugged in.</summary>
    public sealed class WirePort : IEthernetLink
    {
        private readonly EthernetWire _wire;
        private readonly byte[] _macAddress;

        internal WirePort(EthernetWire wire, byte[] macAddress)
        {
            _wire = wire;
            _macAddress = macAddress;
            Endpoint = new EthernetWire.Endpoint(this);
        }

        /// <summary>Unplug (false) or plug in (true) the cable: while down, frames to and from the port are lost.</summary>
        public bool IsLinkUp { get; set; } = true;

        internal EthernetWire.Endpoint Endpoint { get; }

        public void GetMacAddress(byte[] buffer, int offset) => System.Array.Copy(_macAddress, 0, buffer, offset, 6);

        public void Send(byte[] buffer, int offset, int length) => _wire.Transmit(this, buffer, offset, length);

        public int Receive(byte[] buffer, int offset, int capacity) => _wire.Receive(this, buffer, offset, capacity);
    }
}
