using NanoTcp.Hardware;

namespace NanoTcp.Tests.Arp
{
    /// <summary>
    /// A link a test feeds frame by frame and whose sent frames it reads back, built from arrays only (no generics) so
    /// that the tests using it can move to the portable test folders.
    /// </summary>
    internal sealed class ArpTestLink : IEthernetLink
    {
        private const int Capacity = 64;

        private readonly byte[] _mac;
        private readonly byte[][] _incoming = new byte[Capacity][];
        private readonly byte[][] _sent = new byte[Capacity][];
        private int _incomingHead;
        private int _incomingCount;
        private int _sentCount;

        public ArpTestLink(byte[] mac)
        {
            _mac = mac;
        }

        public bool IsLinkUp => true;

        /// <summary>Frames sent since the last <see cref="ClearSent"/> (at most 64 kept).</summary>
        public int SentCount => _sentCount;

        public byte[] Sent(int index) => _sent[index];

        public void ClearSent()
        {
            _sentCount = 0;
        }

        /// <summary>Queues a frame for the stack's next poll.</summary>
        public void Deliver(byte[] frame)
        {
            _incoming[(_incomingHead + _incomingCount) % Capacity] = frame;
            _incomingCount++;
        }

        public void GetMacAddress(byte[] buffer, int offset) => System.Array.Copy(_mac, 0, buffer, offset, 6);

        public void Send(byte[] buffer, int offset, int length)
        {
            if (_sentCount == Capacity)
            {
                return;
            }

            var frame = new byte[length];
            System.Array.Copy(buffer, offset, frame, 0, length);
            _sent[_sentCount] = frame;
            _sentCount++;
        }

        public int Receive(byte[] buffer, int offset, int capacity)
        {
            if (_incomingCount == 0)
            {
                return 0;
            }

            byte[] frame = _incoming[_incomingHead];
            _incoming[_incomingHead] = null;
            _incomingHead = (_incomingHead + 1) % Capacity;
            _incomingCount--;
            System.Array.Copy(frame, 0, buffer, offset, frame.Length);
            return frame.Length;
        }
    }
}
