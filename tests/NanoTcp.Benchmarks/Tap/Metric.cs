using System;
using System.Collections.Generic;

namespace NanoTcp.Benchmarks.Tap
{
    /// <summary>One row of the table: its samples per target (one per round) and the problems met on the way.</summary>
    public sealed class Metric
    {
        private readonly Dictionary<string, List<double>> _samples = new Dictionary<string, List<double>>(StringComparer.Ordinal);
        private readonly Dictionary<string, List<string>> _problems = new Dictionary<string, List<string>>(StringComparer.Ordinal);

        public Metric(string label, string format, bool ratio = true)
        {
            Label = label;
            Format = format;
            ShowsRatio = ratio;
        }

        public string Label { get; }

        /// <summary>Number format of the median, e.g. "N0" or "F2".</summary>
        public string Format { get; }

        /// <summary>False where a NanoTcp/kernel ratio means nothing (idle CPU, retransmission counts).</summary>
        public bool ShowsRatio { get; }

        /// <summary>The command of the last sample, for the report's command list.</summary>
        public string Command { get; set; }

        public void Add(string target, double? value, string problem, int round)
        {
            if (value.HasValue)
            {
                Samples(target).Add(value.Value);
            }

            if (problem != null)
            {
                if (!_problems.TryGetValue(target, out List<string> list))
                {
                    _problems[target] = list = new List<string>();
                }

                list.Add("round " + (round + 1).ToString(System.Globalization.CultureInfo.InvariantCulture) + ": " + problem);
            }
        }

        public List<double> Samples(string target)
        {
            if (!_samples.TryGetValue(target, out List<double> list))
            {
                _samples[target] = list = new List<double>();
            }

            return list;
        }

        public IReadOnlyList<string> Problems(string target) => _problems.TryGetValue(target, out List<string> list) ? list : Array.Empty<string>();

        /// <summary>The median of the target's samples, null when it has none.</summary>
        public double? Median(string target)
        {
            List<double> samples = Samples(target);
            if (samples.Count == 0)
            {
                return null;
            }

            var sorted = samples.ToArray();
            Array.Sort(sorted);
            int middle = sorted.Length / 2;
            return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
        }
    }
}
