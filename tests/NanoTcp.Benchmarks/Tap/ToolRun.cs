namespace NanoTcp.Benchmarks.Tap
{
    /// <summary>One run of a client tool: the command, the figure read from it (null when unreadable) and what went wrong.</summary>
    public sealed class ToolRun
    {
        public ToolRun(string command)
        {
            Command = command;
        }

        public string Command { get; }

        /// <summary>The main figure (conn/s, req/s, MB/s, ms); null when the run gave none.</summary>
        public double? Value { get; set; }

        /// <summary>ab only: the longest request in ms.</summary>
        public double? Longest { get; set; }

        /// <summary>ab and wrk: the tool's own CPU (user + system) as % of one core over its run; near 100 the client, not the server, set the pace.</summary>
        public double? ClientCpuPercent { get; set; }

        /// <summary>The server's answer when it refused (e.g. "HTTP 413"), else null.</summary>
        public string Status { get; set; }

        /// <summary>Failures, errors or lost replies; null when clean.</summary>
        public string Problem { get; set; }
    }
}
