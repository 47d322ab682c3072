using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;

namespace NanoTcp.NanoBuild
{
    /// <summary>
    /// Runs NFUnitTest on nanoCLR (nanoclr-run --tests) and judges the run by its output, since nanoCLR exits 0 when a
    /// test fails, an assembly does not link or the interpreter stops: every expected "Test ..." line must appear.
    /// </summary>
    public sealed class NanoTestRun
    {
        public int Passed { get; private set; }

        public int Failed { get; private set; }

        public int Skipped { get; private set; }

        public int Expected { get; private set; }

        public TimeSpan Elapsed { get; private set; }

        /// <summary>Why the run is a failure beyond failed tests (link failure, crash, missing runs), or empty.</summary>
        public List<string> Problems { get; } = new List<string>();

        public bool Succeeded => Failed == 0 && Problems.Count == 0;

        public static NanoTestRun Run(Toolchain toolchain, IList<string> pes, string testAssembly, int timeoutSeconds, string logFile, TextWriter log)
        {
            var run = new NanoTestRun();
            List<ExpectedTests.TestClass> expected = ExpectedTests.Read(testAssembly);
            var arguments = new List<string> { "--tests", "--timeout", timeoutSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture) };
            arguments.AddRange(pes);
            var watch = Stopwatch.StartNew();
            ProcessResult result = Process.Run(toolchain.Runner, arguments, timeoutSeconds + 60, throwOnFailure: false);
            run.Elapsed = watch.Elapsed;
            File.WriteAllText(logFile, result.Output);
            string[] lines = result.Output.Split('\n');

            var printed = new Dictionary<string, int>(StringComparer.Ordinal);
            var skippedSetup = new HashSet<string>(StringComparer.Ordinal);
            foreach (string line in lines)
            {
                string kind = line.StartsWith("Test passed,", StringComparison.Ordinal) ? "passed"
                    : line.StartsWith("Test failed,", StringComparison.Ordinal) ? "failed"
                    : line.StartsWith("Test skipped,", StringComparison.Ordinal) ? "skipped" : null;
                if (kind == null)
                {
                    continue;
                }

                if (kind == "passed") { run.Passed++; }
                else if (kind == "failed") { run.Failed++; log.WriteLine("nanoCLR: " + line); }
                else { run.Skipped++; }

                // "<Namespace.Class>.<Method>.<i>": the class is what precedes the last two dots.
                string name = line.Split(',')[1];
                int index = name.LastIndexOf('.');
                int method = index > 0 ? name.LastIndexOf('.', index - 1) : -1;
                string className = method > 0 ? name.Substring(0, method) : name;
                printed[className] = printed.GetValueOrDefault(className) + 1;
                ExpectedTests.TestClass testClass = expected.FirstOrDefault(c => c.FullName == className);
                if (kind == "skipped" && testClass != null && testClass.SetupMethods.Contains(name.Substring(method + 1, index - method - 1)))
                {
                    skippedSetup.Add(className);
                }
            }

            foreach (IGrouping<string, ExpectedTests.TestClass> testClass in expected.GroupBy(c => c.FullName))
            {
                int runs = testClass.Sum(c => c.Runs);
                int seen = printed.GetValueOrDefault(testClass.Key);
                if (skippedSetup.Contains(testClass.Key) && seen < runs)
                {
                    log.WriteLine("nanoCLR: " + testClass.Key + ": Setup skipped, " + (runs - seen) + " runs not started (counted as skipped)");
                    run.Skipped += runs - seen;
                    seen = runs;
                }

                run.Expected += runs;
                if (seen != runs)
                {
                    run.Problems.Add(testClass.Key + ": " + seen + " of " + runs + " expected runs printed");
                }
            }

            foreach (string unknown in printed.Keys.Where(k => expected.All(c => c.FullName != k)))
            {
                run.Problems.Add(unknown + ": printed by the launcher but not a [TestClass] of " + Path.GetFileName(testAssembly));
            }

            if (lines.Any(l => l.StartsWith("Link failure", StringComparison.Ordinal)))
            {
                run.Problems.Insert(0, "nanoCLR could not link the assemblies: " + string.Join("; ", lines.Where(l => l.Contains("needs assembly", StringComparison.Ordinal))));
            }

            if (result.ExitCode == 124)
            {
                run.Problems.Insert(0, "nanoCLR did not finish within " + timeoutSeconds + " s (--timeout)");
            }
            else if (result.ExitCode != 0)
            {
                run.Problems.Insert(0, "nanoclr-run exited with " + result.ExitCode);
            }

            if (!lines.Any(l => l.Trim() == "Done."))
            {
                run.Problems.Add("nanoCLR stopped before the launcher finished (no \"Done.\"): see " + logFile);
            }

            return run;
        }
    }
}
