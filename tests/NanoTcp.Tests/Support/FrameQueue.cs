namespace NanoTcp.Tests.Support
{
    /// <summary>Frames in the order they were added (nanoFramework's base library has no generic collections).</summary>
    public sealed class FrameQueue
    {
        private byte[][] _items = new byte[8][];
        private int _head;

        public int Count { get; private set; }

        public void Enqueue(byte[] frame)
        {
            if (Count == _items.Length)
            {
                var larger = new byte[_items.Length * 2][];
                for (int i = 0; i < Count; i++)
                {
                    larger[i] = _items[(_head + i) % _items.Length];
                }

                _items = larger;
                _head = 0;
            }

            _items[(_head + Count) % _items.Length] = frame;
            Count++;
        }

        public byte[] Dequeue()
        {
            byte[] frame = _items[_head];
            _items[_head] = null;
            _head = (_head + 1) % _items.Length;
            Count--;
            return frame;
        }
    }
}
