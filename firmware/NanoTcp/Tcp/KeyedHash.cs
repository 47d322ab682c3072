using System;

namespace NanoTcp.Tcp
{
    /// <summary>
    /// A small keyed hash of a TCP four-tuple (and one extra word) under a 128-bit secret chosen at start-up: four
    /// rounds of an xor-multiply-shift mixer with one secret word folded into each. It is cheap on the interpreter
    /// (a dozen integer operations per word); it is not a cryptographic MAC, which RFC 6528 allows ("a PRF").
    /// </summary>
    internal sealed class KeyedHash
    {
        private readonly uint _k0;
        private readonly uint _k1;
        private readonly uint _k2;
        private readonly uint _k3;

        public KeyedHash(int seed)
        {
            Random random = seed == 0 ? new Random() : new Random(seed);
            _k0 = (uint)random.Next() ^ ((uint)random.Next() << 16);
            _k1 = (uint)random.Next() ^ ((uint)random.Next() << 16);
            _k2 = (uint)random.Next() ^ ((uint)random.Next() << 16);
            _k3 = (uint)random.Next() ^ ((uint)random.Next() << 16);
        }

        public uint Compute(uint localAddress, int localPort, uint remoteAddress, int remotePort, uint extra)
        {
            uint h = Mix(_k0 ^ localAddress);
            h = Mix(h ^ _k1 ^ remoteAddress);
            h = Mix(h ^ _k2 ^ (((uint)localPort << 16) | (uint)(remotePort & 0xFFFF)));
            h = Mix(h ^ _k3 ^ extra);
            return h;
        }

        private static uint Mix(uint x)
        {
            x ^= x >> 16;
            x *= 0x7FEB352D;
            x ^= x >> 15;
            x *= 0x846CA68B;
            x ^= x >> 16;
            return x;
        }
    }
}
