using System;

namespace NanoTcp.Tests.Support
{
    /// <summary>Bytes appended in order into one growing array (MemoryStream is not in nanoFramework's base library).</summary>
    public sealed class ByteSink
    {
        private byte[] _bytes = new byte[4096];

        public int Length { get; private set; }

        /// <summary>The byte at <paramref name="index"/> (below <see cref="Length"/>).</summary>
        public byte this[int index] => _bytes[index];

        public void Write(byte[] buffer, int offset, int count)
        {
            if (Length + count > _bytes.Length)
            {
                int size = _bytes.Length * 2;
                while (size < Length + count)
                {
                    size *= 2;
                }

                byte[] larger = new byte[size];
                Array.Copy(_bytes, larger, Length);
                _bytes = larger;
            }

            Array.Copy(buffer, offset, _bytes, Length, count);
            Length += count;
        }

        public void Clear()
        {
            Length = 0;
        }

        /// <summary>Removes the first <paramref name="count"/> bytes.</summary>
        public void RemoveFront(int count)
        {
            Array.Copy(_bytes, count, _bytes, 0, Length - count);
            Length -= count;
        }

        public byte[] ToArray()
        {
            byte[] copy = new byte[Length];
            Array.Copy(_bytes, copy, Length);
            return copy;
        }

        /// <summary><paramref name="count"/> bytes at <paramref name="offset"/> as ASCII text.</summary>
        public string Text(int offset, int count)
        {
            char[] chars = new char[count];
            for (int i = 0; i < count; i++)
            {
                chars[i] = (char)_bytes[offset + i];
            }

            return new string(chars);
        }

        /// <summary>Everything as ASCII text.</summary>
        public string Text()
        {
            return Text(0, Length);
        }

        /// <summary>Where <paramref name="pattern"/> (ASCII) first occurs at or after <paramref name="from"/>, or -1.</summary>
        public int IndexOf(string pattern, int from)
        {
            for (int i = from; i <= Length - pattern.Length; i++)
            {
                int k = 0;
                while (k < pattern.Length && _bytes[i + k] == pattern[k])
                {
                    k++;
                }

                if (k == pattern.Length)
                {
                    return i;
                }
            }

            return -1;
        }
    }
}
