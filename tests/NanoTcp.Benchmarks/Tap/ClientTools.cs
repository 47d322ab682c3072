using System;
using System.Globalization;
using System.Text.RegularExpressions;
using NanoTcp.Hardware.Host.Tap;

namespace NanoTcp.Benchmarks.Tap
{
    /// <summary>
    /// The kernel-side clients (ab, wrk, curl, ping), run inside a namespace, and the figures read from their output.
    /// Every command has a time-out; a figure that cannot be read is null and the reason goes into <see cref="ToolRun.Problem"/>.
    /// </summary>
    public static class ClientTools
    {
        /// <summary>`ab -r -n N -c C -s 30 URL`: connections per second (mean) and the longest request in ms.</summary>
        public static ToolRun Ab(NetworkNamespace ns, string url, int requests, int concurrency)
        {
            string command = "ab -r -n " + Text(requests) + " -c " + Text(concurrency) + " -s 30 " + url;
            CommandResult run = ns.Run(WithTimes(command), 600_000);
            string output = run.StandardOutput;
            var result = new ToolRun(command)
            {
                Value = Number(output, @"^Requests per second:\s+([0-9.]+)"),
                Longest = Number(output, @"^\s*100%\s+([0-9]+)"),
                ClientCpuPercent = CpuPercent(output, Number(output, @"^Time taken for tests:\s+([0-9.]+)")),
            };
            double? complete = Number(output, @"^Complete requests:\s+([0-9]+)");
            double? failed = Number(output, @"^Failed requests:\s+([0-9]+)");
            if (run.ExitCode != 0 || complete != requests)
            {
                result.Problem = Describe(run);
                result.Value = null;
                result.Longest = null;
            }
            else if (failed > 0)
            {
                result.Problem = Text((int)failed) + " of " + Text(requests) + " failed";
            }

            return result;
        }

        /// <summary>`wrk -t1 -cC -dDs -H 'Connection: close' URL`: requests per second; socket errors and non-2xx noted.</summary>
        public static ToolRun Wrk(NetworkNamespace ns, string url, int connections, int seconds)
        {
            string command = "wrk -t1 -c" + Text(connections) + " -d" + Text(seconds) + "s -H 'Connection: close' " + url;
            CommandResult run = ns.Run(WithTimes(command), (seconds + 60) * 1000);
            string output = run.StandardOutput;
            var result = new ToolRun(command)
            {
                Value = Number(output, @"^Requests/sec:\s+([0-9.]+)"),
                ClientCpuPercent = CpuPercent(output, Number(output, @"requests in ([0-9.]+)s,")),
            };
            if (run.ExitCode != 0 || result.Value == null)
            {
                result.Problem = Describe(run);
                result.Value = null;
                return result;
            }

            Match errors = Regex.Match(output, @"Socket errors:.*$", RegexOptions.Multiline);
            Match non2xx = Regex.Match(output, @"Non-2xx or 3xx responses:.*$", RegexOptions.Multiline);
            if (errors.Success || non2xx.Success)
            {
                result.Problem = (errors.Value + " " + non2xx.Value).Trim();
            }

            return result;
        }

        /// <summary>curl GET of URL to /dev/null: MB/s (10^6 bytes) over curl's total time, when every byte arrived with 200.</summary>
        public static ToolRun Download(NetworkNamespace ns, string url, int bytes)
        {
            string command = "curl -sS -m 300 -o /dev/null -w '%{http_code} %{size_download} %{time_total}' " + url;
            CommandResult run = ns.Run(command, 320_000);
            var result = new ToolRun(command);
            string[] fields = run.StandardOutput.Trim().Split(' ');
            if (run.ExitCode == 0 && fields.Length == 3 && fields[0] == "200" && fields[1] == Text(bytes)
                && double.TryParse(fields[2], NumberStyles.Float, CultureInfo.InvariantCulture, out double seconds) && seconds > 0)
            {
                result.Value = bytes / seconds / 1e6;
            }
            else
            {
                result.Problem = Describe(run);
            }

            return result;
        }

        /// <summary>
        /// curl sending FILE (BYTES long) as the body of METHOD URL: MB/s over curl's total time when the server answered
        /// 2xx after taking every byte; otherwise null and the status (a server that refuses the body answers 413).
        /// </summary>
        public static ToolRun Upload(NetworkNamespace ns, string url, string method, string file, int bytes)
        {
            string command = "curl -sS -m 300 -o /dev/null -H 'Expect:' -H 'Content-Type: application/octet-stream' -X " + method
                + " --data-binary @" + file + " -w '%{http_code} %{size_upload} %{time_total}' " + url;
            CommandResult run = ns.Run(command, 320_000);
            var result = new ToolRun(command);
            string[] fields = run.StandardOutput.Trim().Split(' ');
            if (run.ExitCode == 0 && fields.Length == 3 && fields[0].StartsWith('2') && fields[1] == Text(bytes)
                && double.TryParse(fields[2], NumberStyles.Float, CultureInfo.InvariantCulture, out double seconds) && seconds > 0)
            {
                result.Value = bytes / seconds / 1e6;
            }
            else
            {
                bool answered = fields.Length == 3 && fields[0].Length == 3 && fields[0] != "000";
                result.Status = answered ? "HTTP " + fields[0] : null;
                result.Problem = answered
                    ? "the server answered HTTP " + fields[0] + " after curl had sent " + fields[1] + " of " + Text(bytes) + " bytes"
                    : Describe(run);
            }

            return result;
        }

        /// <summary>`ping -c N -i 0.02 -q ADDRESS`: the average round trip in ms; lost replies noted.</summary>
        public static ToolRun Ping(NetworkNamespace ns, string address, int count)
        {
            string command = "ping -c " + Text(count) + " -i 0.02 -W 2 -w " + Text(count / 10 + 10) + " -q " + address;
            CommandResult run = ns.Run(command, (count / 10 + 20) * 1000);
            string output = run.StandardOutput;
            var result = new ToolRun(command) { Value = Number(output, @"^rtt min/avg/max/mdev = [0-9.]+/([0-9.]+)/") };
            double? received = Number(output, @"([0-9]+) received");
            if (result.Value == null)
            {
                result.Problem = Describe(run);
            }
            else if (received != count)
            {
                result.Problem = Text((int)(count - (received ?? 0))) + " of " + Text(count) + " replies lost";
            }

            return result;
        }

        /// <summary>The kernel's count of retransmitted TCP segments in the namespace (/proc/net/snmp, Tcp: RetransSegs).</summary>
        public static long RetransmittedSegments(NetworkNamespace ns)
        {
            CommandResult run = ns.Run("cat /proc/net/snmp", 10_000);
            string[] lines = run.StandardOutput.Split('\n');
            for (int i = 0; i + 1 < lines.Length; i++)
            {
                if (lines[i].StartsWith("Tcp: ", StringComparison.Ordinal) && lines[i + 1].StartsWith("Tcp: ", StringComparison.Ordinal))
                {
                    int column = Array.IndexOf(lines[i].Split(' '), "RetransSegs");
                    string[] values = lines[i + 1].Split(' ');
                    if (column > 0 && column < values.Length && long.TryParse(values[column], NumberStyles.None, CultureInfo.InvariantCulture, out long count))
                    {
                        return count;
                    }
                }
            }

            return -1;
        }

        /// <summary>
        /// The command under bash, followed by its `times`: the second line is the user and system CPU of the shell's
        /// children (the tool) in milliseconds, which tells whether the client or the server bounded the run.
        /// </summary>
        private static string WithTimes(string command) => "bash -c \"" + command + "; times\"";

        /// <summary>The tool's CPU time (the last line `times` printed) as % of one core over <paramref name="seconds"/> of its run.</summary>
        private static double? CpuPercent(string output, double? seconds)
        {
            MatchCollection lines = Regex.Matches(output, @"^([0-9]+)m([0-9.]+)s ([0-9]+)m([0-9.]+)s$", RegexOptions.Multiline);
            if (lines.Count == 0 || seconds is not > 0)
            {
                return null;
            }

            GroupCollection children = lines[lines.Count - 1].Groups;
            double cpu = 0;
            for (int i = 1; i <= 3; i += 2)
            {
                cpu += double.Parse(children[i].Value, CultureInfo.InvariantCulture) * 60 + double.Parse(children[i + 1].Value, CultureInfo.InvariantCulture);
            }

            return cpu / seconds.Value * 100;
        }

        private static double? Number(string output, string pattern)
        {
            Match match = Regex.Match(output, pattern, RegexOptions.Multiline);
            return match.Success && double.TryParse(match.Groups[1].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) ? value : null;
        }

        private static string Describe(CommandResult run)
        {
            string end = run.TimedOut ? "timed out" : "exit " + Text(run.ExitCode);
            string text = (run.StandardError.Trim() + " " + run.StandardOutput.Trim()).Trim().Replace('\n', ' ').Replace('|', '/');
            return end + (text.Length == 0 ? string.Empty : ": " + (text.Length > 160 ? text.Substring(0, 160) + "…" : text));
        }

        private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
    }
}
