using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace NanoTcp.Benchmarks.Tap
{
    /// <summary>BENCHMARKS.md: date, machine, the TAP table with ratios, the model-time table, the commands, every sample, every problem.</summary>
    public static class TapReport
    {
        /// <summary>Marks a cell whose server refused the upload body; the smoke test accepts it in the upload row only.</summary>
        public const string RefusedPrefix = "refused";

        public static string Write(TapSettings settings, DateTime started, string machine, double seconds, IReadOnlyList<BenchmarkTarget> targets, Metrics metrics, List<BenchmarkRow> modelRows, List<string> nanoTable, List<string> nanoReports)
        {
            var s = new StringBuilder();
            string rounds = settings.Rounds.ToString(CultureInfo.InvariantCulture);
            BenchmarkTarget reference = targets.First(t => t.IsReference);
            s.Append("# NanoTcp benchmarks\n\n");
            s.Append("Produced by `dotnet run -c Release --project tests/NanoTcp.Benchmarks -- tap" + (settings.Smoke ? " --smoke" : string.Empty) + "` (as root: it makes network namespaces)");
            s.Append(" on " + started.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " UTC; the run took " + seconds.ToString("F0", CultureInfo.InvariantCulture) + " s.\n");
            s.Append("Machine: " + machine + ". A shared machine: read the ratios, measured in the same run, rather than the absolute figures.\n\n");
            if (settings.Smoke)
            {
                s.Append("**Smoke run** (tiny counts, checks the harness only; the figures mean nothing).\n\n");
            }

            s.Append("## The kernel's clients against NanoTcp over TAP and against the kernel over veth (wall-clock time)\n\n");
            s.Append("Medians of " + rounds + " interleaved rounds (each round starts every NanoTcp app afresh; the ab rows pool "
                + settings.AbRuns.ToString(CultureInfo.InvariantCulture) + " runs of each per round, alternating -c 1 and -c "
                + settings.AbConcurrency.ToString(CultureInfo.InvariantCulture) + "); in parentheses NanoTcp ÷ kernel of the same run.\n\n");
            s.Append("| metric |");
            foreach (BenchmarkTarget target in targets)
            {
                s.Append(' ').Append(target.Name).Append(" |");
            }

            s.Append("\n|---|").Append(string.Concat(Enumerable.Repeat("---:|", targets.Count))).Append('\n');
            foreach (Metric metric in metrics.All)
            {
                s.Append("| ").Append(metric.Label).Append(" |");
                double? kernel = metric.Median(reference.Name);
                foreach (BenchmarkTarget target in targets)
                {
                    s.Append(' ').Append(Cell(metric, metrics, target, kernel)).Append(" |");
                }

                s.Append('\n');
            }

            if (metrics.Refusals.Count > 0)
            {
                s.Append("\n\"" + RefusedPrefix + "\": the server refused the upload body (see Problems); a NanoTcp route that takes a large body is needed to measure the upload over TAP (the built-in `/echo` takes at most `HttpServerConfiguration.MaxBodyLength` bytes). The chip path's upload is measured in model time below.\n");
            }

            if (modelRows.Count > 0)
            {
                s.Append("\n## In model time (ENC28J60 model + driver, manual clock, no TAP)\n\n");
                s.Append("The model's clock advances by the SPI clocking time (8 MHz) and the 10BASE-T wire time, so these figures are SPI- and wire-bound, not CPU-bound.\n\n");
                s.Append("| benchmark | figure | unit | note |\n|---|---:|---|---|\n");
                foreach (BenchmarkRow row in modelRows)
                {
                    s.Append("| " + row.Name + " | " + row.Value + " | " + row.Unit + " | " + row.Note + " |\n");
                }
            }

            s.Append("\n## Stack to stack on nanoCLR and on .NET (CPU time)\n\n");
            if (nanoTable.Count == 0)
            {
                s.Append("Not measured in the smoke run (`" + NanoBenchmark.Command + "` measures it alone).\n");
            }
            else
            {
                s.Append("Two NanoTcp stacks with the default configuration (2 KB TCP rings) on an in-memory link, one connection one way, the same portable source on both runtimes (tests/NanoTcp.Benchmarks.Nano on the genuine nanoCLR interpreter); payload MB/s and µs per frame per CPU second of the process, frames of both stacks counted. `" + NanoBenchmark.Command + "` prints the same table.\n\n");
                foreach (string line in nanoTable)
                {
                    s.Append(line).Append('\n');
                }

                s.Append('\n');
                foreach (string report in nanoReports)
                {
                    s.Append("- ").Append(report).Append('\n');
                }
            }

            s.Append("\n## Servers and commands\n\n");
            foreach (BenchmarkTarget target in targets)
            {
                s.Append("- **" + target.Name + "**: `" + target.Description + "`; clients at http://" + target.Address + "/, upload by " + target.UploadMethod + " " + target.UploadPath + "\n");
            }

            s.Append("\nRun in the clients' namespace (the address is the server's); one round per server does, in this order, a warm-up `ab -n "
                + settings.WarmUpRequests.ToString(CultureInfo.InvariantCulture) + " -c 4` (not counted), then:\n\n");
            foreach (Metric metric in metrics.All)
            {
                if (metric.Command != null)
                {
                    s.Append("- " + metric.Label + ": `" + metric.Command + "`\n");
                }
            }

            s.Append("\n## Every sample (round order)\n\n| metric | server | samples |\n|---|---|---|\n");
            foreach (Metric metric in metrics.All)
            {
                foreach (BenchmarkTarget target in targets)
                {
                    string samples = string.Join(", ", metric.Samples(target.Name).Select(v => v.ToString(metric.Format, CultureInfo.InvariantCulture)));
                    s.Append("| " + metric.Label + " | " + target.Name + " | " + (samples.Length == 0 ? "none" : samples) + " |\n");
                }
            }

            s.Append("\n## Problems\n\n");
            int problems = 0;
            foreach (Metric metric in metrics.All)
            {
                foreach (BenchmarkTarget target in targets)
                {
                    foreach (string problem in metric.Problems(target.Name))
                    {
                        s.Append("- " + target.Name + ", " + metric.Label + ", " + problem + "\n");
                        problems++;
                    }
                }
            }

            if (problems == 0)
            {
                s.Append("None: every tool finished without failed requests, socket errors or lost replies.\n");
            }

            return s.ToString();
        }

        private static string Cell(Metric metric, Metrics metrics, BenchmarkTarget target, double? kernel)
        {
            double? median = metric.Median(target.Name);
            if (median == null)
            {
                return metric == metrics.Upload && metrics.Refusals.TryGetValue(target.Name, out string status)
                    ? RefusedPrefix + " (" + status + ")"
                    : "failed (see Problems)";
            }

            string text = median.Value.ToString(metric.Format, CultureInfo.InvariantCulture);
            if (metric.ShowsRatio && !target.IsReference && kernel > 0)
            {
                double ratio = median.Value / kernel.Value;
                text += " (" + ratio.ToString(ratio >= 10 ? "F1" : ratio >= 0.1 ? "F2" : "F3", CultureInfo.InvariantCulture) + "×)";
            }

            return text;
        }
    }
}
