using NanoTcp.Wire;

namespace NanoTcp.Ipv4
{
    /// <summary>
    /// IPv4 reassembly (RFC 791 §3.2, RFC 815) into a fixed number of buffers allocated at start. A datagram is known
    /// by source, destination, protocol and identification; its fragments are copied to their place and their ranges
    /// kept (at most <see cref="NetworkConfiguration.ReassemblyMaxFragments"/>), so a datagram is complete when the last
    /// fragment fixed its length and the ranges add up to it. Anything doubtful discards the whole datagram, as RFC
    /// 5722 asks for IPv6: an overlap, a length past the buffer or past the last fragment's end, too many fragments; the
    /// slot then stays dead until its timer, so its later fragments are dropped too. An exact duplicate is dropped
    /// alone. A datagram not complete within the timeout is dropped; when its fragment zero came (its header is kept in
    /// front of the data) the sender gets ICMP time exceeded, code 1 (RFC 792, RFC 1122 §3.3.2). Every drop is counted;
    /// nothing throws. Called by <see cref="Ipv4Layer"/> (Receive, Poll), which delivers a complete datagram from
    /// <see cref="Buffer"/>.
    /// </summary>
    internal sealed class Ipv4Reassembly
    {
        private readonly NetworkStack _stack;
        private readonly int _slots;
        private readonly int _capacity;
        private readonly int _maxFragments;
        private readonly int _timeout;
        private readonly byte[][] _buffers;
        private readonly bool[] _inUse;
        private readonly bool[] _dead;
        private readonly bool[] _answerable;
        private readonly bool[] _haveFirst;
        private readonly uint[] _source;
        private readonly uint[] _destination;
        private readonly byte[] _protocol;
        private readonly ushort[] _identification;
        private readonly byte[] _ttl;
        private readonly long[] _expiresAt;
        private readonly int[] _length;
        private readonly int[] _received;
        private readonly int[] _fragments;
        private readonly int[] _start;
        private readonly int[] _end;
        private int _reassembled;

        internal Ipv4Reassembly(NetworkStack stack, NetworkConfiguration configuration)
        {
            _stack = stack;
            _slots = configuration.ReassemblyDatagrams;
            _capacity = configuration.ReassemblyMaxDatagramLength - Ipv4Header.MinLength;
            _maxFragments = configuration.ReassemblyMaxFragments;
            _timeout = configuration.ReassemblyTimeoutMilliseconds;
            _buffers = new byte[_slots][];
            for (int i = 0; i < _slots; i++)
            {
                _buffers[i] = new byte[configuration.ReassemblyMaxDatagramLength];
            }

            _inUse = new bool[_slots];
            _dead = new bool[_slots];
            _answerable = new bool[_slots];
            _haveFirst = new bool[_slots];
            _source = new uint[_slots];
            _destination = new uint[_slots];
            _protocol = new byte[_slots];
            _identification = new ushort[_slots];
            _ttl = new byte[_slots];
            _expiresAt = new long[_slots];
            _length = new int[_slots];
            _received = new int[_slots];
            _fragments = new int[_slots];
            _start = new int[_slots * _maxFragments];
            _end = new int[_slots * _maxFragments];
        }

        /// <summary>Datagrams put back together and delivered.</summary>
        internal int Reassembled => _reassembled;

        /// <summary>Datagrams being reassembled now (dead ones included until their timer).</summary>
        internal int InProgress
        {
            get
            {
                int count = 0;
                for (int i = 0; i < _slots; i++)
                {
                    if (_inUse[i])
                    {
                        count++;
                    }
                }

                return count;
            }
        }

        /// <summary>The buffer of slot <paramref name="slot"/>: a 20-byte IPv4 header, then the datagram's data.</summary>
        internal byte[] Buffer(int slot) => _buffers[slot];

        /// <summary>
        /// Takes one validated fragment (header at <paramref name="offset"/>). Returns the slot holding the now complete
        /// datagram (deliver it, then call <see cref="Free"/>), or -1. <paramref name="answerable"/>: unicast to us in a
        /// unicast frame, so an ICMP error may be sent about it (RFC 1122 §3.2.2).
        /// </summary>
        internal int Receive(byte[] buffer, int offset, int headerLength, int totalLength, bool answerable)
        {
            uint source = Ipv4Header.Source(buffer, offset);
            uint destination = Ipv4Header.Destination(buffer, offset);
            byte protocol = Ipv4Header.Protocol(buffer, offset);
            ushort identification = Ipv4Header.Identification(buffer, offset);
            bool more = (Ipv4Header.FlagsAndFragmentOffset(buffer, offset) & Ipv4Header.MoreFragments) != 0;
            int start = Ipv4Header.FragmentOffset(buffer, offset);
            int length = totalLength - headerLength;
            int end = start + length;

            int slot = Find(source, destination, protocol, identification);
            if (slot >= 0 && _dead[slot])
            {
                _stack.Drops.Add(DropReason.Ipv4FragmentOfDiscardedDatagram);
                return -1;
            }

            // RFC 791: every fragment but the last carries a multiple of 8 bytes; an empty fragment says nothing.
            if (length == 0 || (more && (length & 7) != 0))
            {
                Discard(slot, DropReason.Ipv4FragmentMalformed);
                return -1;
            }

            if (end > _capacity)
            {
                Discard(slot, DropReason.Ipv4ReassemblyTooLong);
                return -1;
            }

            if (slot < 0)
            {
                slot = Allocate();
                if (slot < 0)
                {
                    _stack.Drops.Add(DropReason.Ipv4ReassemblyTableFull);
                    return -1;
                }

                _inUse[slot] = true;
                _dead[slot] = false;
                _answerable[slot] = answerable;
                _haveFirst[slot] = false;
                _source[slot] = source;
                _destination[slot] = destination;
                _protocol[slot] = protocol;
                _identification[slot] = identification;
                _ttl[slot] = Ipv4Header.Ttl(buffer, offset);
                _expiresAt[slot] = _stack.Now + _timeout;
                _length[slot] = -1;
                _received[slot] = 0;
                _fragments[slot] = 0;
            }

            // The datagram's end is fixed by the last fragment; any byte past it is a lie.
            int known = _length[slot];
            if ((!more && known >= 0 && known != end) || (known >= 0 && end > known) || (more && known >= 0 && end == known))
            {
                Discard(slot, DropReason.Ipv4FragmentMalformed);
                return -1;
            }

            int first = slot * _maxFragments;
            int count = _fragments[slot];
            for (int k = first; k < first + count; k++)
            {
                if (start < _end[k] && _start[k] < end)
                {
                    if (start == _start[k] && end == _end[k])
                    {
                        // A retransmitted copy: the first one stays.
                        _stack.Drops.Add(DropReason.Ipv4FragmentDuplicate);
                        return -1;
                    }

                    Discard(slot, DropReason.Ipv4FragmentOverlap);
                    return -1;
                }

                if (!more && _end[k] > end)
                {
                    Discard(slot, DropReason.Ipv4FragmentMalformed);
                    return -1;
                }
            }

            if (count == _maxFragments)
            {
                Discard(slot, DropReason.Ipv4ReassemblyTooManyFragments);
                return -1;
            }

            System.Array.Copy(buffer, offset + headerLength, _buffers[slot], Ipv4Header.MinLength + start, length);
            _start[first + count] = start;
            _end[first + count] = end;
            _fragments[slot] = count + 1;
            _received[slot] += length;
            if (!more)
            {
                _length[slot] = end;
            }

            if (start == 0)
            {
                _ttl[slot] = Ipv4Header.Ttl(buffer, offset);
                KeepFirstHeader(slot, buffer, offset);
            }

            if (_length[slot] < 0 || _received[slot] != _length[slot])
            {
                return -1;
            }

            // Complete: a plain 20-byte header in front, so ICMP errors can quote it.
            _reassembled++;
            Ipv4Header.Write(_buffers[slot], 0, Ipv4Header.MinLength + _length[slot], identification, _ttl[slot], protocol, source, destination);
            return slot;
        }

        /// <summary>Releases slot <paramref name="slot"/> after its datagram was delivered.</summary>
        internal void Free(int slot)
        {
            _inUse[slot] = false;
            _dead[slot] = false;
        }

        /// <summary>Drops datagrams whose timer ran out; returns when the next one runs out.</summary>
        internal long Poll(long now)
        {
            long next = long.MaxValue;
            for (int i = 0; i < _slots; i++)
            {
                if (!_inUse[i])
                {
                    continue;
                }

                if (now >= _expiresAt[i])
                {
                    if (!_dead[i])
                    {
                        _stack.Drops.Add(DropReason.Ipv4ReassemblyTimeout);

                        // RFC 1122 §3.3.2: time exceeded only when fragment zero is here; it quotes that fragment's
                        // header and its first 8 bytes of data (every fragment but the last holds at least 8).
                        if (_haveFirst[i] && _answerable[i])
                        {
                            _stack.Icmp.SendTimeExceeded(IcmpHeader.CodeFragmentReassemblyTimeExceeded, _buffers[i], 0, Ipv4Header.MinLength + 8);
                        }
                    }

                    Free(i);
                }
                else if (_expiresAt[i] < next)
                {
                    next = _expiresAt[i];
                }
            }

            return next;
        }

        /// <summary>Keeps fragment zero's header (options left out) in front of the data, for the time-exceeded quote.</summary>
        private void KeepFirstHeader(int slot, byte[] buffer, int offset)
        {
            byte[] kept = _buffers[slot];
            System.Array.Copy(buffer, offset, kept, 0, Ipv4Header.MinLength);
            if (Ipv4Header.HeaderLength(buffer, offset) != Ipv4Header.MinLength)
            {
                Ipv4Header.SetVersionAndHeaderLength(kept, 0, Ipv4Header.MinLength);
                Ipv4Header.SetHeaderChecksum(kept, 0, 0);
                Ipv4Header.SetHeaderChecksum(kept, 0, InternetChecksum.Compute(kept, 0, Ipv4Header.MinLength));
            }

            _haveFirst[slot] = true;
        }

        private int Find(uint source, uint destination, byte protocol, ushort identification)
        {
            for (int i = 0; i < _slots; i++)
            {
                if (_inUse[i] && _identification[i] == identification && _source[i] == source && _destination[i] == destination && _protocol[i] == protocol)
                {
                    return i;
                }
            }

            return -1;
        }

        private int Allocate()
        {
            for (int i = 0; i < _slots; i++)
            {
                if (!_inUse[i])
                {
                    return i;
                }
            }

            return -1;
        }

        /// <summary>Counts the drop; a datagram in progress is discarded whole and its slot kept dead until its timer.</summary>
        private void Discard(int slot, DropReason reason)
        {
            _stack.Drops.Add(reason);
            if (slot >= 0)
            {
                _dead[slot] = true;
            }
        }
    }
}
