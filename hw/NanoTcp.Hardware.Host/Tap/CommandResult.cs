namespace NanoTcp.Hardware.Host.Tap
{
    /// <summary>How a command run by <see cref="NetworkNamespace.Run"/> ended.</summary>
    public sealed class CommandResult
    {
        public CommandResult(string command, int exitCode, string standardOutput, string standardError, bool timedOut)
        {
            Command = command;
            ExitCode = exitCode;
            StandardOutput = standardOutput;
            StandardError = standardError;
            TimedOut = timedOut;
        }

        public string Command { get; }

        /// <summary>The exit code, or -1 when the command was killed at its time-out.</summary>
        public int ExitCode { get; }

        public string StandardOutput { get; }

        public string StandardError { get; }

        public bool TimedOut { get; }

        /// <summary>One line for assertion messages: the command, how it ended, and what it printed.</summary>
        public override string ToString()
        {
            string end = TimedOut ? "timed out (killed)" : "exit " + ExitCode;
            return "`" + Command + "` " + end + "; stdout: " + StandardOutput.Trim() + "; stderr: " + StandardError.Trim();
        }
    }
}
