using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Text;

namespace NanoTcp.NanoBuild
{
    public sealed class ProcessResult
    {
        public int ExitCode { get; init; }

        /// <summary>stdout and stderr interleaved as they arrived.</summary>
        public string Output { get; init; }

        public TimeSpan Elapsed { get; init; }
    }

    /// <summary>Runs a tool with arguments (no shell), bounded in time.</summary>
    public static class Process
    {
        public static ProcessResult Run(string file, IEnumerable<string> arguments, int timeoutSeconds, bool throwOnFailure = true)
        {
            var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (string argument in arguments)
            {
                start.ArgumentList.Add(argument);
            }

            var output = new StringBuilder();
            var watch = Stopwatch.StartNew();
            using var process = new System.Diagnostics.Process { StartInfo = start };
            process.OutputDataReceived += (_, e) => Append(output, e.Data);
            process.ErrorDataReceived += (_, e) => Append(output, e.Data);
            process.Start();
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            if (!process.WaitForExit(timeoutSeconds * 1000))
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit();
                throw new BuildException(file + " did not finish within " + timeoutSeconds + " s:\n" + output);
            }

            process.WaitForExit();
            var result = new ProcessResult { ExitCode = process.ExitCode, Output = output.ToString(), Elapsed = watch.Elapsed };
            if (throwOnFailure && result.ExitCode != 0)
            {
                throw new BuildException(file + " " + string.Join(' ', start.ArgumentList) + " exited with " + result.ExitCode + ":\n" + result.Output);
            }

            return result;
        }

        private static void Append(StringBuilder output, string line)
        {
            if (line != null)
            {
                lock (output)
                {
                    output.Append(line).Append('\n');
                }
            }
        }
    }
}
