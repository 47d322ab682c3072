namespace NanoTcp.Sntp
{
    /// <summary>
    /// Conversions between 64-bit NTP timestamps (RFC 5905 §6: seconds since 1900-01-01 modulo 2^32, the era left
    /// out, and a 32-bit binary fraction) and UTC as milliseconds since 1970-01-01 (the Unix epoch), the unit the
    /// client keeps beside the board's millisecond tick.
    /// </summary>
    internal static class NtpTimestamp
    {
        /// <summary>Seconds from 1900-01-01 (NTP prime epoch) to 1970-01-01 (RFC 868).</summary>
        public const long UnixEpochSeconds = 2208988800;

        /// <summary>Seconds in one NTP era (2^32, about 136 years).</summary>
        public const long EraSeconds = 0x100000000;

        /// <summary>
        /// The start of era 1 (2036-02-07T06:28:16Z) in Unix milliseconds: with this as the pivot, seconds with the
        /// high bit set fall in 1968..2036 and the others in 2036..2104 (RFC 4330 §3).
        /// </summary>
        public const long Era1UnixMilliseconds = (EraSeconds - UnixEpochSeconds) * 1000;

        /// <summary>
        /// UTC milliseconds of the NTP time (<paramref name="seconds"/>, <paramref name="fraction"/>), in the era that
        /// puts it nearest <paramref name="pivotUnixMilliseconds"/> (RFC 5905 §6: a timestamp is unambiguous within 68
        /// years of a known time). The fraction is rounded to the nearest millisecond.
        /// </summary>
        public static long ToUnixMilliseconds(uint seconds, uint fraction, long pivotUnixMilliseconds)
        {
            long pivot = FloorDiv(pivotUnixMilliseconds, 1000) + UnixEpochSeconds;
            long era = FloorDiv(pivot, EraSeconds);
            long full = era * EraSeconds + seconds;
            long half = EraSeconds / 2;
            if (full - pivot > half)
            {
                full -= EraSeconds;
            }
            else if (pivot - full >= half)
            {
                full += EraSeconds;
            }

            return (full - UnixEpochSeconds) * 1000 + FractionToMilliseconds(fraction);
        }

        /// <summary>The fraction of a second as milliseconds, rounded (0xFFFFFFFF gives 1000).</summary>
        public static long FractionToMilliseconds(uint fraction)
        {
            return (long)(((ulong)fraction * 1000 + 0x80000000UL) >> 32);
        }

        /// <summary>The NTP seconds (modulo 2^32) of UTC <paramref name="unixMilliseconds"/>.</summary>
        public static uint SecondsOf(long unixMilliseconds)
        {
            return (uint)((FloorDiv(unixMilliseconds, 1000) + UnixEpochSeconds) & 0xFFFFFFFF);
        }

        /// <summary>The NTP fraction of the millisecond part of <paramref name="unixMilliseconds"/>.</summary>
        public static uint FractionOf(long unixMilliseconds)
        {
            long milliseconds = unixMilliseconds - FloorDiv(unixMilliseconds, 1000) * 1000;
            return (uint)(((ulong)milliseconds << 32) / 1000);
        }

        private static long FloorDiv(long a, long b)
        {
            long q = a / b;
            return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
        }
    }
}
