using System;

namespace NanoTcp.Hardware.Enc28j60Model
{
    /// <summary>
    /// Frames on their way in over the cable when <see cref="Enc28j60ModelOptions.ModelReceiveDuration"/> is set: each
    /// reaches the receive logic at the end of its 10BASE-T wire time (100 ns per bit, preamble and inter-frame gap
    /// included), and one sent while the cable is busy starts when the previous one ends, so a peer cannot feed the
    /// chip faster than the line. Slots are allocated once, at the first paced frame.
    /// </summary>
    internal sealed class CableArrivals
    {
        /// <summary>Longest frame that is paced (a maximal tagged frame with FCS); longer test frames arrive at once.</summary>
        public const int SlotSize = 1536;

        private readonly int _capacity;
        private byte[][] _frames;
        private int[] _lengths;
        private long[] _due;
        private int _head;
        private int _count;
        private long _cableFreeAt = long.MinValue;

        public CableArrivals(int capacity)
        {
            _capacity = capacity < 1 ? 1 : capacity;
        }

        /// <summary>Frames still on the cable.</summary>
        public int Count => _count;

        /// <summary>Frames lost because more were on the cable than the model holds (the sender outran the line).</summary>
        public long Overruns { get; private set; }

        /// <summary>Chip time at which the first frame on the cable has fully arrived; long.MaxValue when none is.</summary>
        public long NextDueNanoseconds => _count == 0 ? long.MaxValue : _due[_head];

        /// <summary>The first frame on the cable (FCS included) and its length.</summary>
        public byte[] HeadFrame => _frames[_head];

        public int HeadLength => _lengths[_head];

        /// <summary>Puts a frame (FCS included) on the cable at <paramref name="now"/>; false when it was lost.</summary>
        public bool Enqueue(byte[] frame, int length, long now)
        {
            if (_frames == null)
            {
                _frames = new byte[_capacity][];
                for (int i = 0; i < _capacity; i++)
                {
                    _frames[i] = new byte[SlotSize];
                }

                _lengths = new int[_capacity];
                _due = new long[_capacity];
            }

            if (_count == _capacity)
            {
                Overruns++;
                return false;
            }

            long start = now > _cableFreeAt ? now : _cableFreeAt;
            long end = start + (8L + length + 12L) * 8L * 100L;
            _cableFreeAt = end;
            int tail = (_head + _count) % _capacity;
            Array.Copy(frame, 0, _frames[tail], 0, length);
            _lengths[tail] = length;
            _due[tail] = end;
            _count++;
            return true;
        }

        /// <summary>Takes the first frame off the cable (after the receive logic has read it).</summary>
        public void Pop()
        {
            _head = (_head + 1) % _capacity;
            _count--;
        }

        /// <summary>Power-on reset does not empty a cable; a cable that is unplugged does.</summary>
        public void Clear()
        {
            _count = 0;
            _head = 0;
            _cableFreeAt = long.MinValue;
        }
    }
}
