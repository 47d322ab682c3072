namespace NanoTcp.Tcp
{
    /// <summary>
    /// Sequence-number comparisons modulo 2^32 (RFC 9293 §3.4): a is "less than" b when b lies in the half of the
    /// number circle after a. Every comparison of SEQ, ACK, SND.* and RCV.* goes through here.
    /// </summary>
    internal static class SequenceNumber
    {
        public static bool LessThan(uint a, uint b) => (int)(a - b) < 0;

        public static bool LessThanOrEqual(uint a, uint b) => (int)(a - b) <= 0;

        public static bool GreaterThan(uint a, uint b) => (int)(a - b) > 0;

        public static bool GreaterThanOrEqual(uint a, uint b) => (int)(a - b) >= 0;

        /// <summary>True when <paramref name="low"/> =&lt; x &lt; <paramref name="low"/> + <paramref name="length"/> (length ≥ 0).</summary>
        public static bool InWindow(uint x, uint low, uint length) => x - low < length;

        /// <summary>The later of two sequence numbers.</summary>
        public static uint Max(uint a, uint b) => (int)(a - b) >= 0 ? a : b;
    }
}
