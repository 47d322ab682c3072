using System.Collections.Generic;
using NanoTcp.Wire;

namespace NanoTcp.Benchmarks
{
    /// <summary>The Internet checksum of a full frame: the stack's routine against a plain per-byte loop.</summary>
    public static class ChecksumBenchmark
    {
        public static void Run(List<BenchmarkRow> rows)
        {
            var frame = new byte[1500];
            new System.Random(1).NextBytes(frame);
            uint sink = 0;

            double fast = Measure.NanosecondsPerOperation(n => { for (int i = 0; i < n; i++) sink += InternetChecksum.Compute(frame, 0, frame.Length); }, 200_000);
            double plain = Measure.NanosecondsPerOperation(n => { for (int i = 0; i < n; i++) sink += PerByte(frame, 0, frame.Length); }, 200_000);

            rows.Add(new BenchmarkRow("checksum 1500 B, InternetChecksum", fast.ToString("F0"), "ns", $"per-byte loop {plain:F0} ns: {plain / fast:F1}x slower"));
            if (sink == 1)
            {
                rows.Add(new BenchmarkRow("(sink)", "", "", ""));
            }
        }

        private static ushort PerByte(byte[] buffer, int offset, int length)
        {
            uint sum = 0;
            for (int i = 0; i < length; i++)
            {
                sum += (i & 1) == 0 ? (uint)(buffer[offset + i] << 8) : buffer[offset + i];
            }

            while ((sum >> 16) != 0)
            {
                sum = (sum & 0xFFFF) + (sum >> 16);
            }

            return (ushort)~sum;
        }
    }
}
