namespace NanoTcp
{
    /// <summary>How many frames or packets the stack dropped, by <see cref="DropReason"/>; read by the application.</summary>
    public sealed class DropCounters
    {
        private readonly int[] _counts = new int[(int)DropReason.Count];

        /// <summary>The number of drops for <paramref name="reason"/>.</summary>
        public int Get(DropReason reason)
        {
            return _counts[(int)reason];
        }

        /// <summary>The number of drops for every reason together.</summary>
        public int Total
        {
            get
            {
                int total = 0;
                for (int i = 0; i < _counts.Length; i++)
                {
                    total += _counts[i];
                }

                return total;
            }
        }

        /// <summary>Counts one drop.</summary>
        internal void Add(DropReason reason)
        {
            _counts[(int)reason]++;
        }
    }
}
