using System;

namespace NanoTcp.Http
{
    /// <summary>
    /// The generated data of /bulk/N: a 64-byte line "A–Z a–z 0–9 + LF" repeated, so byte k is
    /// <see cref="ByteAt"/>(k) and a client can check every byte. Served as an <see cref="IHttpBodySource"/> with
    /// Array.Copy from a pattern that holds 1 KB plus one line.
    /// </summary>
    internal sealed class BulkData : IHttpBodySource
    {
        public const string Line = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+\n";

        private const int Chunk = 1024;

        private readonly byte[] _pattern;

        public BulkData()
        {
            _pattern = new byte[Chunk + Line.Length];
            for (int i = 0; i < _pattern.Length; i++)
            {
                _pattern[i] = (byte)Line[i % Line.Length];
            }
        }

        /// <summary>Byte <paramref name="position"/> of the data.</summary>
        public static byte ByteAt(long position)
        {
            return (byte)Line[(int)(position % Line.Length)];
        }

        public int Read(long position, byte[] buffer, int offset, int count)
        {
            int done = 0;
            while (done < count)
            {
                int n = count - done < Chunk ? count - done : Chunk;
                Array.Copy(_pattern, (int)((position + done) % Line.Length), buffer, offset + done, n);
                done += n;
            }

            return done;
        }
    }
}
