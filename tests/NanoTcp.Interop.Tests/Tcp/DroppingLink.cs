using NanoTcp.Hardware;

namespace NanoTcp.Interop.Tests.Tcp
{
    /// <summary>
    /// Loss injected in user space (this kernel has no netem): every <see cref="EveryNth"/>th full-size frame in each
    /// direction (longer than 1000 bytes, so handshakes, ACKs and ARP pass) is dropped, deterministically.
    /// </summary>
    internal sealed class DroppingLink : IEthernetLink
    {
        private const int LargeFrame = 1000;
        private readonly IEthernetLink _inner;
        private int _largeSent;
        private int _largeReceived;

        public DroppingLink(IEthernetLink inner, int everyNth)
        {
            _inner = inner;
            EveryNth = everyNth;
        }

        public int EveryNth { get; }

        public int DroppedSent { get; private set; }

        public int DroppedReceived { get; private set; }

        public bool IsLinkUp => _inner.IsLinkUp;

        public void GetMacAddress(byte[] buffer, int offset) => _inner.GetMacAddress(buffer, offset);

        public void Send(byte[] buffer, int offset, int length)
        {
            if (length > LargeFrame && ++_largeSent % EveryNth == 0)
            {
                DroppedSent++;
                return;
            }

            _inner.Send(buffer, offset, length);
        }

        public int Receive(byte[] buffer, int offset, int capacity)
        {
            int length = _inner.Receive(buffer, offset, capacity);
            if (length > LargeFrame && ++_largeReceived % EveryNth == 0)
            {
                DroppedReceived++;
                return 0;
            }

            return length;
        }
    }
}
