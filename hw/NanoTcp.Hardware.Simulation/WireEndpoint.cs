namespace NanoTcp.Hardware.Simulation
{
    /// <summary>
    /// One place an <see cref="EthernetWire"/> sends frames to: a port of the wire or an attached outside link. Holds
    /// the MACs it owns (a port's own, or learned from what a link sent) and its frames in flight, kept in order of
    /// (due time, order of sending) so that equal delays keep the sending order.
    /// </summary>
    internal sealed class WireEndpoint
    {
        private long[] _owned = new long[2];
        private int _ownedCount;
        private byte[][] _frames = new byte[16][];
        private long[] _due = new long[16];
        private long[] _sequence = new long[16];
        private int _head;

        public WireEndpoint(IEthernetLink external, WirePort port)
        {
            External = external;
            Port = port;
        }

        public IEthernetLink External { get; }

        public WirePort Port { get; }

        /// <summary>Frames waiting.</summary>
        public int Count { get; private set; }

        public bool Owns(long mac)
        {
            for (int i = 0; i < _ownedCount; i++)
            {
                if (_owned[i] == mac)
                {
                    return true;
                }
            }

            return false;
        }

        public void Own(long mac)
        {
            if (Owns(mac))
            {
                return;
            }

            if (_ownedCount == _owned.Length)
            {
                long[] larger = new long[_owned.Length * 2];
                System.Array.Copy(_owned, larger, _ownedCount);
                _owned = larger;
            }

            _owned[_ownedCount++] = mac;
        }

        public void Add(long due, long sequence, byte[] frame)
        {
            if (_head > 0 && _head + Count == _frames.Length)
            {
                Compact();
            }

            if (Count == _frames.Length)
            {
                Grow();
            }

            // Frames mostly arrive in due order: walk back from the end to the slot this one belongs in.
            int at = _head + Count;
            while (at > _head && (_due[at - 1] > due || (_due[at - 1] == due && _sequence[at - 1] > sequence)))
            {
                _frames[at] = _frames[at - 1];
                _due[at] = _due[at - 1];
                _sequence[at] = _sequence[at - 1];
                at--;
            }

            _frames[at] = frame;
            _due[at] = due;
            _sequence[at] = sequence;
            Count++;
        }

        public long EarliestDue()
        {
            return Count == 0 ? long.MaxValue : _due[_head];
        }

        /// <summary>The earliest frame if it is due at <paramref name="now"/>, removed from the queue; otherwise null.</summary>
        public byte[] TakeDue(long now)
        {
            if (Count == 0 || _due[_head] > now)
            {
                return null;
            }

            byte[] frame = _frames[_head];
            _frames[_head] = null;
            _head++;
            Count--;
            if (Count == 0)
            {
                _head = 0;
            }

            return frame;
        }

        private void Compact()
        {
            System.Array.Copy(_frames, _head, _frames, 0, Count);
            System.Array.Copy(_due, _head, _due, 0, Count);
            System.Array.Copy(_sequence, _head, _sequence, 0, Count);
            for (int i = Count; i < _head + Count; i++)
            {
                _frames[i] = null;
            }

            _head = 0;
        }

        private void Grow()
        {
            int size = _frames.Length * 2;
            byte[][] frames = new byte[size][];
            long[] due = new long[size];
            long[] sequence = new long[size];
            System.Array.Copy(_frames, frames, Count);
            System.Array.Copy(_due, due, Count);
            System.Array.Copy(_sequence, sequence, Count);
            _frames = frames;
            _due = due;
            _sequence = sequence;
        }
    }
}
