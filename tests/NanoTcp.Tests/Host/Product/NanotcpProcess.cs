using System;
using System.Diagnostics;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;
using System.Threading;
using NanoTcp.Tests.Host.Guard;

namespace NanoTcp.Tests.Host.Product
{
    /// <summary>
    /// The PC app as a user starts it: `dotnet NanoTcp.Host.dll ARGS` in its own process, standard output collected.
    /// Kill-on-dispose, so a failing test leaves no process behind.
    /// </summary>
    public sealed class NanotcpProcess : IDisposable
    {
        private readonly Process _process;
        private readonly StringBuilder _output = new StringBuilder();
        private readonly ManualResetEventSlim _changed = new ManualResetEventSlim(false);

        private NanotcpProcess(Process process)
        {
            _process = process;
        }

        public int Id => _process.Id;

        public bool HasExited => _process.HasExited;

        public int ExitCode => _process.ExitCode;

        public string Output
        {
            get
            {
                lock (_output)
                {
                    return _output.ToString();
                }
            }
        }

        /// <summary>The built PC app: firmware/NanoTcp.Host/bin/&lt;configuration&gt;/net10.0/NanoTcp.Host.dll, the configuration this test runs in.</summary>
        public static string DllPath
        {
            get
            {
                string configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;
                string path = Path.Combine(RepositoryLayout.Root, "firmware", "NanoTcp.Host", "bin", configuration, "net10.0", "NanoTcp.Host.dll");
                if (!File.Exists(path))
                {
                    throw new FileNotFoundException("the PC app is not built (the test project references it, so building the tests builds it)", path);
                }

                return path;
            }
        }

        public static NanotcpProcess Start(string arguments)
        {
            var info = new ProcessStartInfo("dotnet")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                RedirectStandardInput = true,
                UseShellExecute = false,
            };
            info.ArgumentList.Add(DllPath);
            foreach (string argument in arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                info.ArgumentList.Add(argument);
            }

            Process process = Process.Start(info) ?? throw new InvalidOperationException("cannot start dotnet " + DllPath);
            var started = new NanotcpProcess(process);
            process.OutputDataReceived += (_, e) => started.Append(e.Data);
            process.ErrorDataReceived += (_, e) => started.Append(e.Data);
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            return started;
        }

        /// <summary>A TCP port on 127.0.0.1 that nobody listens on right now.</summary>
        public static int FreeLoopbackPort()
        {
            var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            int port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            return port;
        }

        /// <summary>Waits until the output contains <paramref name="text"/>; false after the time-out or when the process ended.</summary>
        public bool WaitForOutput(string text, int timeoutMilliseconds)
        {
            var clock = Stopwatch.StartNew();
            while (clock.ElapsedMilliseconds < timeoutMilliseconds)
            {
                if (Output.Contains(text, StringComparison.Ordinal))
                {
                    return true;
                }

                if (_process.HasExited)
                {
                    _process.WaitForExit();
                    return Output.Contains(text, StringComparison.Ordinal);
                }

                _changed.Wait(100);
                _changed.Reset();
            }

            return false;
        }

        /// <summary>Sends SIGTERM and returns the milliseconds until the process has exited, or -1 after <paramref name="timeoutMilliseconds"/>.</summary>
        public long Terminate(int timeoutMilliseconds)
        {
            var clock = Stopwatch.StartNew();
            if (Kill(_process.Id, 15) != 0)
            {
                throw new InvalidOperationException("kill(SIGTERM) failed: errno " + Marshal.GetLastPInvokeError());
            }

            if (!_process.WaitForExit(timeoutMilliseconds))
            {
                return -1;
            }

            long elapsed = clock.ElapsedMilliseconds;
            _process.WaitForExit(); // drains the output readers
            return elapsed;
        }

        public bool WaitForExit(int timeoutMilliseconds)
        {
            if (!_process.WaitForExit(timeoutMilliseconds))
            {
                return false;
            }

            _process.WaitForExit();
            return true;
        }

        public void Dispose()
        {
            try
            {
                if (!_process.HasExited)
                {
                    _process.Kill(entireProcessTree: true);
                    _process.WaitForExit(5000);
                }
            }
            catch (InvalidOperationException)
            {
                // Already gone.
            }

            _process.Dispose();
            _changed.Dispose();
        }

        [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
        private static extern int Kill(int pid, int signal);

        private void Append(string line)
        {
            if (line == null)
            {
                return;
            }

            lock (_output)
            {
                _output.Append(line).Append('\n');
            }

            _changed.Set();
        }
    }
}
