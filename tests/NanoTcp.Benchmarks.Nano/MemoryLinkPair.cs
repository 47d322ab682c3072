using System;
using NanoTcp.Hardware;

namespace NanoTcp.Benchmarks.Nano
{
    /// <summary>
    /// A crossover cable between two links for one thread, portable to nanoFramework (no generics, no lock): each
    /// direction is a ring of frame slots allocated once, so nothing is allocated per frame and a frame is moved by
    /// two Array.Copy calls (into the slot, out of it), the least an <see cref="IEthernetLink"/> allows. No faults, no
    /// delay: what one end sends the other receives in order until its slots are full (then frames are dropped and
    /// counted, like a NIC's receive ring). The PC tests' LinkPair (hw/NanoTcp.Hardware.Host) is the locked version.
    /// </summary>
    public sealed class MemoryLinkPair
    {
        public MemoryLinkPair(byte[] macA, byte[] macB, int slots)
        {
            var aToB = new FrameSlots(slots);
            var bToA = new FrameSlots(slots);
            A = new MemoryLink(macA, aToB, bToA);
            B = new MemoryLink(macB, bToA, aToB);
        }

        public MemoryLink A { get; }

        public MemoryLink B { get; }
    }

    /// <summary>One end of a <see cref="MemoryLinkPair"/>.</summary>
    public sealed class MemoryLink : IEthernetLink
    {
        private readonly byte[] _mac;
        private readonly FrameSlots _outgoing;
        private readonly FrameSlots _incoming;

        internal MemoryLink(byte[] mac, FrameSlots outgoing, FrameSlots incoming)
        {
            _mac = (byte[])mac.Clone();
            _outgoing = outgoing;
            _incoming = incoming;
        }

        public bool IsLinkUp => true;

        /// <summary>Frames lost because the other end's slots were full.</summary>
        public int FramesDropped => _outgoing.Dropped;

        public void GetMacAddress(byte[] buffer, int offset) => Array.Copy(_mac, 0, buffer, offset, 6);

        public void Send(byte[] buffer, int offset, int length) => _outgoing.Put(buffer, offset, length);

        public int Receive(byte[] buffer, int offset, int capacity) => _incoming.Take(buffer, offset, capacity);
    }

    /// <summary>A ring of preallocated frame slots (one direction of the cable).</summary>
    internal sealed class FrameSlots
    {
        private readonly byte[][] _frames;
        private readonly int[] _lengths;
        private int _head;
        private int _count;

        public FrameSlots(int slots)
        {
            _frames = new byte[slots][];
            _lengths = new int[slots];
            for (int i = 0; i < slots; i++)
            {
                _frames[i] = new byte[EthernetFrameLimits.MaxFrameLength];
            }
        }

        public int Dropped { get; private set; }

        public void Put(byte[] buffer, int offset, int length)
        {
            if (_count == _frames.Length || length > EthernetFrameLimits.MaxFrameLength)
            {
                Dropped++;
                return;
            }

            int slot = _head + _count;
            if (slot >= _frames.Length)
            {
                slot -= _frames.Length;
            }

            Array.Copy(buffer, offset, _frames[slot], 0, length);
            _lengths[slot] = length;
            _count++;
        }

        public int Take(byte[] buffer, int offset, int capacity)
        {
            while (_count > 0)
            {
                int length = _lengths[_head];
                byte[] frame = _frames[_head];
                _head = _head + 1 == _frames.Length ? 0 : _head + 1;
                _count--;
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
