using System;
using System.Globalization;
using System.IO;

namespace NanoTcp.Benchmarks.Tap
{
    /// <summary>What the report says about the machine: cores, CPU model, kernel, load, and a process's CPU time.</summary>
    public static class Machine
    {
        /// <summary>USER_HZ, the unit of /proc/PID/stat times: 100 on every Linux architecture .NET runs on.</summary>
        private const double TicksPerSecond = 100;

        public static string Describe()
        {
            string cpu = "unknown CPU";
            foreach (string line in ReadOrEmpty("/proc/cpuinfo").Split('\n'))
            {
                if (line.StartsWith("model name", StringComparison.Ordinal))
                {
                    cpu = line.Substring(line.IndexOf(':', StringComparison.Ordinal) + 1).Trim();
                    break;
                }
            }

            return "nproc " + Environment.ProcessorCount.ToString(CultureInfo.InvariantCulture) + ", " + cpu
                + ", Linux " + ReadOrEmpty("/proc/sys/kernel/osrelease").Trim()
                + ", load average at start " + string.Join(" ", ReadOrEmpty("/proc/loadavg").Split(' ', 4)[..3]);
        }

        /// <summary>User + system CPU seconds of process <paramref name="pid"/> so far (0 when it is gone).</summary>
        public static double CpuSeconds(int pid)
        {
            string stat = ReadOrEmpty("/proc/" + pid.ToString(CultureInfo.InvariantCulture) + "/stat");
            int end = stat.LastIndexOf(')');
            if (end < 0)
            {
                return 0;
            }

            // After "pid (comm) ": state is field 3; utime and stime are fields 14 and 15.
            string[] fields = stat.Substring(end + 2).Split(' ');
            return fields.Length > 12
                ? (double.Parse(fields[11], CultureInfo.InvariantCulture) + double.Parse(fields[12], CultureInfo.InvariantCulture)) / TicksPerSecond
                : 0;
        }

        private static string ReadOrEmpty(string path)
        {
            try
            {
                return File.ReadAllText(path);
            }
            catch (IOException)
            {
                return string.Empty;
            }
        }
    }
}
