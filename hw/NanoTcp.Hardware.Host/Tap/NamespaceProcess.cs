using System;
using System.Diagnostics;
using System.Text;

namespace NanoTcp.Hardware.Host.Tap
{
    /// <summary>A background command started by <see cref="NetworkNamespace.Start"/>; killed when the namespace is disposed.</summary>
    public sealed class NamespaceProcess : IDisposable
    {
        private readonly Process _process;
        private readonly StringBuilder _output = new StringBuilder();
        private readonly StringBuilder _error = new StringBuilder();
        private bool _disposed;
        private int _exitCode;

        internal NamespaceProcess(string command, Process process)
        {
            Command = command;
            _process = process;
            _process.OutputDataReceived += (_, e) => Append(_output, e.Data);
            _process.ErrorDataReceived += (_, e) => Append(_error, e.Data);
            _process.BeginOutputReadLine();
            _process.BeginErrorReadLine();
        }

        public string Command { get; }

        public int ProcessId => _process.Id;

        /// <summary>True once the command has ended (always true after <see cref="Dispose"/>).</summary>
        public bool HasExited => _disposed || _process.HasExited;

        /// <summary>The exit code once <see cref="HasExited"/>; 137 (SIGKILL) or similar when it was killed.</summary>
        public int ExitCode => _disposed ? _exitCode : _process.ExitCode;

        /// <summary>Standard output received so far.</summary>
        public string StandardOutput
        {
            get
            {
                lock (_output)
                {
                    return _output.ToString();
                }
            }
        }

        /// <summary>Standard error received so far.</summary>
        public string StandardError
        {
            get
            {
                lock (_error)
                {
                    return _error.ToString();
                }
            }
        }

        /// <summary>Waits at most <paramref name="timeoutMilliseconds"/> for the command to end by itself.</summary>
        public bool WaitForExit(int timeoutMilliseconds)
        {
            if (!_process.WaitForExit(timeoutMilliseconds))
            {
                return false;
            }

            _process.WaitForExit(); // drains the asynchronous output readers
            return true;
        }

        /// <summary>Kills the command and everything it started, and waits (bounded) for it to be gone.</summary>
        public void Kill()
        {
            if (_disposed)
            {
                return;
            }

            try
            {
                if (!_process.HasExited)
                {
                    _process.Kill(entireProcessTree: true);
                }

                _process.WaitForExit(5000);
            }
            catch (InvalidOperationException)
            {
                // Already gone.
            }
        }

        public void Dispose()
        {
            if (_disposed)
            {
                return;
            }

            Kill();
            _exitCode = _process.HasExited ? _process.ExitCode : -1;
            _disposed = true;
            _process.Dispose();
        }

        private static void Append(StringBuilder builder, string line)
        {
            if (line == null)
            {
                return;
            }

            lock (builder)
            {
                builder.Append(line).Append('\n');
            }
        }
    }
}
