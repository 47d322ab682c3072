using System;
using System.Diagnostics;
using System.IO;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace NanoTcp.Tests.Host.Support
{
    /// <summary>Runs tools such as tshark for tests; a missing tool skips the test, except under CI where it fails.</summary>
    public static class ExternalTool
    {
        public static void Require(string name)
        {
            foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':'))
            {
                if (dir.Length > 0 && File.Exists(Path.Combine(dir, name)))
                {
                    return;
                }
            }

            string reason = name + " is not installed (.ci/run installs it)";
            if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI")))
            {
                Assert.Fail(reason + "; under CI a missing tool is a failure");
            }

            Assert.Inconclusive(reason);
        }

        /// <summary>Runs a command with a time limit and returns (exit code, stdout, stderr).</summary>
        public static (int ExitCode, string Output, string Error) Run(string fileName, string arguments, int timeoutMilliseconds = 30000)
        {
            var start = new ProcessStartInfo(fileName, arguments)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(timeoutMilliseconds))
            {
                process.Kill(entireProcessTree: true);
                Assert.Fail($"{fileName} {arguments} did not finish within {timeoutMilliseconds} ms");
            }

            process.WaitForExit();
            return (process.ExitCode, output.Result, error.Result);
        }
    }
}
