namespace NanoTcp.Sntp
{
    /// <summary>
    /// UTC milliseconds written as RFC 3339 text ("2026-12-06T00:12:34.567Z") straight into a byte buffer: no
    /// DateTime, no strings, nothing allocated. The civil date comes from the day count by the proleptic Gregorian
    /// rules (400-year cycles of 146097 days).
    /// </summary>
    internal static class UtcText
    {
        /// <summary>Characters written by <see cref="Write"/>.</summary>
        public const int Length = 24;

        private const long MillisecondsPerDay = 86400000;

        /// <summary>Writes <paramref name="unixMilliseconds"/> (years 0..9999) at <paramref name="offset"/>; returns the length.</summary>
        public static int Write(long unixMilliseconds, byte[] buffer, int offset)
        {
            long days = unixMilliseconds / MillisecondsPerDay;
            long inDay = unixMilliseconds % MillisecondsPerDay;
            if (inDay < 0)
            {
                inDay += MillisecondsPerDay;
                days--;
            }

            // Days since 0000-03-01, so that the leap day ends a year; then 400-year eras, years, and months from March.
            long z = days + 719468;
            long era = (z >= 0 ? z : z - 146096) / 146097;
            long dayOfEra = z - era * 146097;
            long yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146096) / 365;
            long dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
            long monthFromMarch = (5 * dayOfYear + 2) / 153;
            int day = (int)(dayOfYear - (153 * monthFromMarch + 2) / 5 + 1);
            int month = (int)(monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9);
            int year = (int)(yearOfEra + era * 400 + (month <= 2 ? 1 : 0));

            int at = offset;
            at = Digits(buffer, at, year, 4);
            buffer[at++] = (byte)'-';
            at = Digits(buffer, at, month, 2);
            buffer[at++] = (byte)'-';
            at = Digits(buffer, at, day, 2);
            buffer[at++] = (byte)'T';
            int seconds = (int)(inDay / 1000);
            at = Digits(buffer, at, seconds / 3600, 2);
            buffer[at++] = (byte)':';
            at = Digits(buffer, at, seconds / 60 % 60, 2);
            buffer[at++] = (byte)':';
            at = Digits(buffer, at, seconds % 60, 2);
            buffer[at++] = (byte)'.';
            at = Digits(buffer, at, (int)(inDay % 1000), 3);
            buffer[at++] = (byte)'Z';
            return at - offset;
        }

        private static int Digits(byte[] buffer, int at, int value, int count)
        {
            for (int i = count - 1; i >= 0; i--)
            {
                buffer[at + i] = (byte)('0' + value % 10);
                value /= 10;
            }

            return at + count;
        }
    }
}
