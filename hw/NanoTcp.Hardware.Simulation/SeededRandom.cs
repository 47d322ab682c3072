namespace NanoTcp.Hardware.Simulation
{
    /// <summary>
    /// A small pseudo-random generator (xorshift32, Marsaglia 2003) whose sequence for a seed is the same on .NET and
    /// on nanoCLR: System.Random's algorithm differs between the two, so a seeded fault run would not replay.
    /// </summary>
    public sealed class SeededRandom
    {
        private uint _state;

        public SeededRandom(int seed)
        {
            // xorshift has one fixed point, 0; mix the seed so neighbouring seeds start far apart.
            _state = (uint)seed * 2654435761u ^ 0x9E3779B9u;
            if (_state == 0)
            {
                _state = 0x9E3779B9u;
            }
        }

        /// <summary>The next 32 random bits.</summary>
        public uint NextUInt32()
        {
            uint x = _state;
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            _state = x;
            return x;
        }

        /// <summary>A number in [0, <paramref name="maxExclusive"/>); 0 when the bound is 0 or less.</summary>
        public int Next(int maxExclusive)
        {
            return maxExclusive <= 0 ? 0 : (int)(NextUInt32() % (uint)maxExclusive);
        }

        /// <summary>A number in [<paramref name="minInclusive"/>, <paramref name="maxExclusive"/>).</summary>
        public int Next(int minInclusive, int maxExclusive)
        {
            return minInclusive + Next(maxExclusive - minInclusive);
        }

        /// <summary>A number in [0, 1).</summary>
        public double NextDouble()
        {
            return NextUInt32() / 4294967296.0;
        }

        /// <summary>Fills <paramref name="buffer"/> with random bytes.</summary>
        public void NextBytes(byte[] buffer)
        {
            for (int i = 0; i < buffer.Length; i++)
            {
                buffer[i] = (byte)(NextUInt32() >> 24);
            }
        }
    }
}
