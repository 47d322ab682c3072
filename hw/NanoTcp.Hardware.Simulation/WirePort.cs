using System;
using NanoTcp.Hardware;

namespace NanoTcp.Hardware.Simulation
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
            Endpoint = new WireEndpoint(null, this);
            IsLinkUp = true;
        }

        /// <summary>Unplug (false) or plug in (true) the cable: while down, frames to and from the port are lost.</summary>
        public bool IsLinkUp { get; set; }

        internal WireEndpoint Endpoint { get; }

        public void GetMacAddress(byte[] buffer, int offset)
        {
            Array.Copy(_macAddress, 0, buffer, offset, 6);
        }

        public void Send(byte[] buffer, int offset, int length)
        {
            _wire.Transmit(this, buffer, offset, length);
        }

        public int Receive(byte[] buffer, int offset, int capacity)
        {
            return _wire.Receive(this, buffer, offset, capacity);
        }
    }
}
