using NanoTcp.Hardware;

namespace NanoTcp.Hardware.Host.Wire
{
    /// <summary>
    /// Wraps any <see cref="IEthernetLink"/> and copies every frame it sends or receives to a <see cref="PcapWriter"/>,
    /// so a stack running straight on a TAP device or a chip model can be captured like one on the wire.
    /// </summary>
    public sealed class CapturingLink : IEthernetLink
    {
        private readonly IEthernetLink _inner;
        private readonly PcapWriter _capture;
        private readonly ITickSource _clock;

        public CapturingLink(IEthernetLink inner, PcapWriter capture, ITickSource clock)
        {
            _inner = inner;
            _capture = capture;
            _clock = clock;
        }

        public bool IsLinkUp => _inner.IsLinkUp;

        public void GetMacAddress(byte[] buffer, int offset) => _inner.GetMacAddress(buffer, offset);

        public void Send(byte[] buffer, int offset, int length)
        {
            _capture.Write(_clock.Milliseconds * 1000, buffer, offset, length);
            _inner.Send(buffer, offset, length);
        }

        public int Receive(byte[] buffer, int offset, int capacity)
        {
            int length = _inner.Receive(buffer, offset, capacity);
            if (length > 0)
            {
                _capture.Write(_clock.Milliseconds * 1000, buffer, offset, length);
            }

            return length;
        }
    }
}
