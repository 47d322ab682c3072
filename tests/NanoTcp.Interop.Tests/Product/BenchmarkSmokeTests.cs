using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using NanoTcp.Hardware.Host.Tap;
using NanoTcp.Interop.Tests.Support;

namespace NanoTcp.Interop.Tests.Product
{
    /// <summary>
    /// The TAP benchmark (tests/NanoTcp.Benchmarks `tap`) in its seconds-long smoke form, so that the harness cannot
    /// rot: it must start every server, run every tool and write every row with a figure. No figure is judged.
    /// </summary>
    [TestClass]
    public class BenchmarkSmokeTests
    {
        private static readonly string[] Rows =
        {
            "-c 1` /bulk/198, conn/s", "-c 8` /bulk/198, conn/s", "longest request, ms", "ab's own CPU", "`Connection: close`", "wrk's own CPU",
            "server processes' CPU", "download", "upload", "ping avg", "idle CPU", "retransmissions",
        };

        private static readonly Regex Figure = new Regex(@"^[0-9][0-9,]*(\.[0-9]+)?( \([0-9.]+×\))?$");
        private static readonly Regex Refused = new Regex(@"^refused \(HTTP [0-9]{3}\)$");

        private static string[] BenchmarkNamespaces() =>
            NetworkNamespace.List().Where(n => n.StartsWith("bnt-", StringComparison.Ordinal) || n.StartsWith("bkc-", StringComparison.Ordinal) || n.StartsWith("bks-", StringComparison.Ordinal)).ToArray();

        [TestMethod]
        public void BenchmarkSmokeRunWritesEveryRowWithAFigureAndRemovesItsNamespaces()
        {
            Requirements.RequireNamespacesAndTap();
            foreach (var (command, package) in new[] { ("ab", "apache2-utils"), ("wrk", "wrk"), ("curl", "curl"), ("ping", "iputils-ping"), ("nginx", "nginx"), ("ethtool", "ethtool") })
            {
                Requirements.RequireCommand(command, package);
            }

            string report = Path.Combine(NanotcpApp.TestResults, "benchmarks-smoke.md");
            File.Delete(report);
            string[] before = BenchmarkNamespaces();
            (int exitCode, string output) = RunBenchmark("tap --smoke --output " + report, 300_000);

            Assert.AreEqual(0, exitCode, output);
            // Only the run's own: a benchmark run by hand beside the tests has namespaces of the same prefixes.
            string[] leftovers = BenchmarkNamespaces().Except(before, StringComparer.Ordinal).ToArray();
            Assert.AreEqual(0, leftovers.Length, "namespaces left behind: " + string.Join(" ", leftovers));
            string text = File.ReadAllText(report);
            List<string[]> table = Table(text, "| metric |");
            Assert.AreEqual(5, table[0].Length, "a metric column and four servers: " + string.Join(" | ", table[0]));
            Assert.AreEqual(Rows.Length, table.Count - 1, text);
            for (int row = 0; row < Rows.Length; row++)
            {
                string[] cells = table[row + 1];
                StringAssert.Contains(cells[0], Rows[row]);
                for (int column = 1; column < cells.Length; column++)
                {
                    bool upload = Rows[row] == "upload";
                    bool kernel = column == cells.Length - 1;
                    Assert.IsTrue(Figure.IsMatch(cells[column]) || (upload && !kernel && Refused.IsMatch(cells[column])),
                        "row '" + cells[0] + "', column '" + table[0][column] + "' has no figure: '" + cells[column] + "'\n" + text);
                }
            }

            List<string[]> model = Table(text, "| benchmark |");
            Assert.IsTrue(model.Count(r => r[0].Contains("from the chip path", StringComparison.Ordinal)) == 2 && model.Count(r => r[0].Contains("to the chip path", StringComparison.Ordinal)) == 2, text);
            Assert.IsTrue(model.Skip(1).All(r => Figure.IsMatch(r[1])), text);
        }

        /// <summary>The rows of the markdown table whose header starts with <paramref name="header"/>, header first, separator dropped.</summary>
        private static List<string[]> Table(string text, string header)
        {
            var rows = new List<string[]>();
            bool inside = false;
            foreach (string line in text.Split('\n'))
            {
                if (!inside && line.StartsWith(header, StringComparison.Ordinal))
                {
                    inside = true;
                }
                else if (inside && !line.StartsWith('|'))
                {
                    break;
                }

                if (inside && !line.StartsWith("|---", StringComparison.Ordinal))
                {
                    rows.Add(line.Trim('|').Split(" | ").Select(c => c.Trim()).ToArray());
                }
            }

            Assert.IsTrue(rows.Count > 1, "no table starting '" + header + "' in:\n" + text);
            return rows;
        }

        /// <summary>Runs the benchmark program of this test's configuration; on time-out asks it to stop (it removes its namespaces), then kills it.</summary>
        private static (int ExitCode, string Output) RunBenchmark(string arguments, int timeoutMilliseconds)
        {
            string configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;
            string dll = Path.Combine(NanotcpApp.RepositoryRoot, "tests", "NanoTcp.Benchmarks", "bin", configuration, "net10.0", "NanoTcp.Benchmarks.dll");
            Assert.IsTrue(File.Exists(dll), "the benchmark is not built: " + dll);
            var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false };
            info.ArgumentList.Add(dll);
            foreach (string argument in arguments.Split(' '))
            {
                info.ArgumentList.Add(argument);
            }

            var output = new StringBuilder();
            using Process process = Process.Start(info)!;
            process.StandardInput.Close();
            process.OutputDataReceived += (_, e) => { lock (output) { output.Append(e.Data).Append('\n'); } };
            process.ErrorDataReceived += (_, e) => { lock (output) { output.Append(e.Data).Append('\n'); } };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            if (!process.WaitForExit(timeoutMilliseconds))
            {
                using (Process term = Process.Start("kill", "-TERM " + process.Id)!)
                {
                    term.WaitForExit(5000);
                }

                if (!process.WaitForExit(30_000))
                {
                    process.Kill(entireProcessTree: true);
                    process.WaitForExit(5000);
                }

                lock (output)
                {
                    Assert.Fail("the smoke run did not end within " + (timeoutMilliseconds / 1000) + " s:\n" + output);
                }
            }

            process.WaitForExit();
            lock (output)
            {
                return (process.ExitCode, output.ToString());
            }
        }
    }
}
