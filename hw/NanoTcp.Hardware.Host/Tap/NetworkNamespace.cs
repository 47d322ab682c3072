using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Security.Cryptography;
using System.Text;

namespace NanoTcp.Hardware.Host.Tap
{
    /// <summary>
    /// A Linux network namespace made with <c>ip netns add</c> under a unique name, where commands run with
    /// <c>ip netns exec</c>. <see cref="Dispose"/> kills every process still inside it and deletes it; a namespace
    /// never disposed is deleted by the finalizer or, at the latest, when the process exits. Needs root.
    /// </summary>
    public sealed class NetworkNamespace : IDisposable
    {
        private const int HostCommandTimeoutMilliseconds = 10000;

        private static readonly object Live = new object();
        private static readonly HashSet<string> LiveNames = new HashSet<string>(StringComparer.Ordinal);
        private static bool _exitHookInstalled;

        private readonly List<NamespaceProcess> _started = new List<NamespaceProcess>();
        private bool _disposed;

        private NetworkNamespace(string name)
        {
            Name = name;
        }

        ~NetworkNamespace()
        {
            Delete(Name);
        }

        /// <summary>The namespace's name as <c>ip netns list</c> shows it.</summary>
        public string Name { get; }

        /// <summary>Makes a namespace named <paramref name="prefix"/>-&lt;8 random hex digits&gt; and brings its loopback up.</summary>
        public static NetworkNamespace Create(string prefix)
        {
            if (string.IsNullOrEmpty(prefix) || prefix.Contains('/', StringComparison.Ordinal) || prefix.Contains(' ', StringComparison.Ordinal))
            {
                throw new ArgumentException("a prefix of letters, digits and '-'", nameof(prefix));
            }

            string name = prefix + "-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(4)).ToLowerInvariant();
            CommandResult added = RunHost("ip", new[] { "netns", "add", name }, HostCommandTimeoutMilliseconds);
            if (added.ExitCode != 0)
            {
                string hint = Environment.IsPrivilegedProcess ? string.Empty : " (creating a network namespace needs root)";
                throw new InvalidOperationException("cannot create network namespace " + name + hint + ": " + added);
            }

            Register(name);
            var ns = new NetworkNamespace(name);
            CommandResult lo = ns.Run("ip link set lo up", HostCommandTimeoutMilliseconds);
            if (lo.ExitCode != 0)
            {
                ns.Dispose();
                throw new InvalidOperationException("cannot bring up loopback in " + name + ": " + lo);
            }

            return ns;
        }

        /// <summary>Names of the namespaces that exist now (<c>ip netns list</c>).</summary>
        public static string[] List()
        {
            CommandResult listed = RunHost("ip", new[] { "netns", "list" }, HostCommandTimeoutMilliseconds);
            var names = new List<string>();
            foreach (string line in listed.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                // Lines look like "name" or "name (id: 3)".
                int space = line.IndexOf(' ', StringComparison.Ordinal);
                names.Add(space < 0 ? line : line.Substring(0, space));
            }

            return names.ToArray();
        }

        /// <summary>Runs <c>sh -c <paramref name="shellCommand"/></c> inside the namespace; killed after <paramref name="timeoutMilliseconds"/>.</summary>
        public CommandResult Run(string shellCommand, int timeoutMilliseconds)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return RunHost("ip", new[] { "netns", "exec", Name, "sh", "-c", shellCommand }, timeoutMilliseconds, shellCommand);
        }

        /// <summary>Starts <c>sh -c <paramref name="shellCommand"/></c> inside the namespace in the background; killed at <see cref="Dispose"/> at the latest.</summary>
        public NamespaceProcess Start(string shellCommand)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var process = Process.Start(StartInfo("ip", new[] { "netns", "exec", Name, "sh", "-c", shellCommand }))
                ?? throw new InvalidOperationException("cannot start `" + shellCommand + "` in " + Name);
            process.StandardInput.Close(); // commands get end-of-file, never the test host's input
            var started = new NamespaceProcess(shellCommand, process);
            lock (_started)
            {
                _started.Add(started);
            }

            return started;
        }

        /// <summary>Kills the processes started here and any other process inside the namespace, then deletes it.</summary>
        public void Dispose()
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            lock (_started)
            {
                foreach (NamespaceProcess process in _started)
                {
                    process.Dispose();
                }

                _started.Clear();
            }

            Delete(Name);
            GC.SuppressFinalize(this);
        }

        private static void Register(string name)
        {
            lock (Live)
            {
                LiveNames.Add(name);
                if (!_exitHookInstalled)
                {
                    _exitHookInstalled = true;
                    AppDomain.CurrentDomain.ProcessExit += (_, _) => DeleteAllLive();
                }
            }
        }

        private static void DeleteAllLive()
        {
            string[] names;
            lock (Live)
            {
                names = new string[LiveNames.Count];
                LiveNames.CopyTo(names);
            }

            foreach (string name in names)
            {
                Delete(name);
            }
        }

        private static void Delete(string name)
        {
            lock (Live)
            {
                if (!LiveNames.Remove(name))
                {
                    return;
                }
            }

            try
            {
                // Processes left inside (a server a test forgot) would keep the namespace alive after 'del'.
                CommandResult pids = RunHost("ip", new[] { "netns", "pids", name }, HostCommandTimeoutMilliseconds);
                foreach (string pid in pids.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                {
                    RunHost("kill", new[] { "-9", pid }, HostCommandTimeoutMilliseconds);
                }

                RunHost("ip", new[] { "netns", "del", name }, HostCommandTimeoutMilliseconds);
            }
            catch (Exception e) when (e is InvalidOperationException || e is System.ComponentModel.Win32Exception || e is IOException)
            {
                // Cleanup is best effort from finalizers and process exit; nothing to report to there.
            }
        }

        private static CommandResult RunHost(string file, string[] arguments, int timeoutMilliseconds, string description = null)
        {
            description ??= file + " " + string.Join(" ", arguments);
            using var process = Process.Start(StartInfo(file, arguments))
                ?? throw new InvalidOperationException("cannot start " + file);
            process.StandardInput.Close(); // commands get end-of-file, never the test host's input
            var output = new StringBuilder();
            var error = new StringBuilder();
            process.OutputDataReceived += (_, e) => AppendLine(output, e.Data);
            process.ErrorDataReceived += (_, e) => AppendLine(error, e.Data);
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();

            bool exited = process.WaitForExit(timeoutMilliseconds);
            if (!exited)
            {
                try
                {
                    process.Kill(entireProcessTree: true);
                }
                catch (InvalidOperationException)
                {
                    // It ended just now.
                }

                process.WaitForExit(5000);
            }
            else
            {
                process.WaitForExit(); // drains the asynchronous output readers
            }

            string stdout;
            string stderr;
            lock (output)
            {
                stdout = output.ToString();
            }

            lock (error)
            {
                stderr = error.ToString();
            }

            return new CommandResult(description, exited ? process.ExitCode : -1, stdout, stderr, !exited);
        }

        private static ProcessStartInfo StartInfo(string file, string[] arguments)
        {
            var info = new ProcessStartInfo(file)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                RedirectStandardInput = true,
                UseShellExecute = false,
            };
            foreach (string argument in arguments)
            {
                info.ArgumentList.Add(argument);
            }

            return info;
        }

        private static void AppendLine(StringBuilder builder, string line)
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
