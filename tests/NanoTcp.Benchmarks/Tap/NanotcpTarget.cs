using System;
using System.Collections.Generic;
using NanoTcp.Hardware.Host.Tap;

namespace NanoTcp.Benchmarks.Tap
{
    /// <summary>
    /// The PC app `nanotcp` with --tap inside a namespace of its own; the namespace's kernel is the client, as a PC on
    /// the board's Ethernet. Only the app's command line is used, so the harness follows the app as it changes.
    /// </summary>
    public sealed class NanotcpTarget : BenchmarkTarget
    {
        private const string TapName = "bnt0";
        private const string KernelAddress = "10.78.0.1";
        private const string BoardAddress = "10.78.0.2";

        private readonly string _command;
        private readonly NetworkNamespace _namespace;
        private NamespaceProcess _app;

        /// <param name="appOptions">Options after the common ones, e.g. "--direct --connections 16".</param>
        public NanotcpTarget(string name, string dllPath, string appOptions)
            : base(name)
        {
            _command = "dotnet " + dllPath + " --tap " + TapName + " --host-ip " + KernelAddress + "/24 --ip " + BoardAddress + ("/24 --forward 0 " + appOptions).TrimEnd();
            _namespace = NetworkNamespace.Create("bnt");
            _namespace.Run("for f in /proc/sys/net/ipv6/conf/all/disable_ipv6 /proc/sys/net/ipv6/conf/default/disable_ipv6; do [ -w $f ] && echo 1 > $f; done; true", 10_000);
        }

        public override NetworkNamespace Clients => _namespace;

        public override string Address => BoardAddress;

        public override string UploadMethod => "POST";

        public override string UploadPath => "/echo";

        public override string Description => _command.Replace("dotnet " + _command.Split(' ')[1], "nanotcp", StringComparison.Ordinal);

        public override void StartRound()
        {
            _app = _namespace.Start("exec " + _command);
            NamespaceProcess app = _app;
            WaitUntilServing(90, () => app.HasExited ? "exited: " + app.StandardOutput + app.StandardError : "still running: " + app.StandardOutput + app.StandardError);
        }

        public override void StopRound()
        {
            _app?.Dispose();
            _app = null;
        }

        public override IReadOnlyList<int> ServerProcesses() => _app == null ? Array.Empty<int>() : new[] { _app.ProcessId };

        public override void Dispose()
        {
            StopRound();
            _namespace.Dispose();
        }
    }
}
