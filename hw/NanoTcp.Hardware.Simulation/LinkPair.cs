using System;
using NanoTcp.Hardware;

namespace NanoTcp.Hardware.Simulation
{
    /// <summary>
    /// A crossover cable between two links with preallocated frame slots: nothing is allocated per frame, so tests
    /// and benchmarks can measure the stack's own allocations (the <see cref="EthernetWire"/> copies every frame).
    /// No faults, no delay, no switching: what one end sends the other end receives, in order, until its slots
    /// are full (further frames are dropped and counted, like a NIC's receive ring).
    /// </summary>
    public sealed class LinkPair
    {
        public const int DefaultSlots = 64;

        public LinkPair(byte[] macA, byte[] macB)
            : this(macA, macB, DefaultSlots)
        {
        }

        public LinkPair(byte[] macA, byte[] macB, int slots)
        {
            var aToB = new FrameRing(slots);
            var bToA = new FrameRing(slots);
            A = new End(macA, aToB, bToA);
            B = new End(macB, bToA, aToB);
        }

        public End A { get; }

        public End B { get; }

        /// <summary>One end of the cable.</summary>
        public sealed class End : IEthernetLink
        {
            private readonly byte[] _mac;
            private readonly FrameRing _outgoing;
            private readonly FrameRing _incoming;

            internal End(byte[] mac, FrameRing outgoing, FrameRing incoming)
            {
                _mac = new byte[6];
                Array.Copy(mac, _mac, 6);
                _outgoing = outgoing;
                _incoming = incoming;
            }

            public bool IsLinkUp => true;

            /// <summary>Frames lost because the other end's slots were full.</summary>
            public int FramesDropped => _outgoing.Dropped;

            /// <summary>Frames waiting to be received at this end.</summary>
            public int FramesWaiting => _incoming.Count;

            public void GetMacAddress(byte[] buffer, int offset)
            {
                Array.Copy(_mac, 0, buffer, offset, 6);
            }

            public void Send(byte[] buffer, int offset, int length) => _outgoing.Put(buffer, offset, length);

            public int Receive(byte[] buffer, int offset, int capacity) => _incoming.Take(buffer, offset, capacity);
        }

        internal sealed class FrameRing
        {
            private readonly byte[][] _frames;
            private readonly int[] _lengths;
            private readonly object _gate = new object();
            private int _head;

            public FrameRing(int slots)
            {
                _frames = new byte[slots][];
                _lengths = new int[slots];
                for (int i = 0; i < slots; i++)
                {
                    _frames[i] = new byte[EthernetFrameLimits.MaxFrameLength];
                }
            }

            public int Count { get; private set; }

            public int Dropped { get; private set; }

            public void Put(byte[] buffer, int offset, int length)
            {
                lock (_gate)
                {
                    if (Count == _frames.Length || length > EthernetFrameLimits.MaxFrameLength)
                    {
                        Dropped++;
                        return;
                    }

                    int slot = (_head + Count) % _frames.Length;
                    Array.Copy(buffer, offset, _frames[slot], 0, length);
                    _lengths[slot] = length;
                    Count++;
                }
            }

            public int Take(byte[] buffer, int offset, int capacity)
            {
                lock (_gate)
                {
                    while (Count > 0)
                    {
                        int length = _lengths[_head];
                        byte[] frame = _frames[_head];
                        _head = (_head + 1) % _frames.Length;
                        Count--;
                        if (length <= capacity)
                        {
                            Array.Copy(frame, 0, buffer, offset, length);
                            return length;
                        }

                        Dropped++;
                    }

                    return 0;
                }
            }
        }
    }
}
