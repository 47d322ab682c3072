using System;

namespace NanoTcp.Tcp
{
    /// <summary>
    /// A fixed ring of bytes allocated once: a connection's send buffer (unacknowledged then unsent bytes, oldest at
    /// the head) or its receive buffer (in-order bytes not yet read). All copies are Array.Copy in at most two pieces.
    /// </summary>
    internal sealed class ByteRing
    {
        private readonly byte[] _buffer;
        private int _head;
        private int _count;

        public ByteRing(int capacity)
        {
            if (capacity <= 0)
            {
                throw new ArgumentOutOfRangeException(nameof(capacity), "a ring needs at least one byte");
            }

            _buffer = new byte[capacity];
        }

        public int Capacity => _buffer.Length;

        public int Count => _count;

        public int Free => _buffer.Length - _count;

        public void Clear()
        {
            _head = 0;
            _count = 0;
        }

        /// <summary>Appends up to <paramref name="length"/> bytes; returns how many fitted.</summary>
        public int Write(byte[] source, int offset, int length)
        {
            int n = length < Free ? length : Free;
            if (n <= 0)
            {
                return 0;
            }

            WriteAhead(0, source, offset, n);
            _count += n;
            return n;
        }

        /// <summary>Copies <paramref name="length"/> bytes starting <paramref name="skip"/> bytes after the head, without removing them.</summary>
        public void Peek(int skip, byte[] destination, int offset, int length)
        {
            int start = _head + skip;
            if (start >= _buffer.Length)
            {
                start -= _buffer.Length;
            }

            int first = _buffer.Length - start;
            if (first > length)
            {
                first = length;
            }

            Array.Copy(_buffer, start, destination, offset, first);
            if (length > first)
            {
                Array.Copy(_buffer, 0, destination, offset + first, length - first);
            }
        }

        /// <summary>Removes up to <paramref name="length"/> bytes from the head into <paramref name="destination"/>; returns how many.</summary>
        public int Read(byte[] destination, int offset, int length)
        {
            int n = length < _count ? length : _count;
            if (n <= 0)
            {
                return 0;
            }

            Peek(0, destination, offset, n);
            Discard(n);
            return n;
        }

        /// <summary>Drops up to <paramref name="length"/> bytes from the head (acknowledged data).</summary>
        public void Discard(int length)
        {
            if (length > _count)
            {
                length = _count;
            }

            if (length <= 0)
            {
                return;
            }

            _head += length;
            if (_head >= _buffer.Length)
            {
                _head -= _buffer.Length;
            }

            _count -= length;
        }

        /// <summary>
        /// Copies bytes into the free space <paramref name="skip"/> bytes after the tail without making them part of
        /// the ring (out-of-order data held until the gap before it is filled). The place of a byte stays fixed while
        /// bytes are written, read or committed before it. Returns false when it does not fit.
        /// </summary>
        public bool WriteAhead(int skip, byte[] source, int offset, int length)
        {
            if (skip < 0 || length <= 0 || skip + length > Free)
            {
                return false;
            }

            int start = _head + _count + skip;
            while (start >= _buffer.Length)
            {
                start -= _buffer.Length;
            }

            int first = _buffer.Length - start;
            if (first > length)
            {
                first = length;
            }

            Array.Copy(source, offset, _buffer, start, first);
            if (length > first)
            {
                Array.Copy(source, offset + first, _buffer, 0, length - first);
            }

            return true;
        }

        /// <summary>Makes <paramref name="length"/> bytes already placed after the tail by <see cref="WriteAhead"/> part of the ring.</summary>
        public void Commit(int length)
        {
            if (length > Free)
            {
                length = Free;
            }

            if (length > 0)
            {
                _count += length;
            }
        }
    }
}
