using System;
using System.Collections.Generic;
using System.IO;
using NanoTcp.Hardware.Host.Tap;

namespace NanoTcp.Benchmarks.Tap
{
    /// <summary>
    /// The reference: the Linux kernel's TCP serving the same bytes with nginx (one worker) in a second namespace, the
    /// clients in a first one, joined by a veth pair with checksum and segmentation offloads off on both ends (the
    /// board has none either). nginx runs for the whole benchmark; its files are made from the board's own pattern.
    /// </summary>
    public sealed class KernelTarget : BenchmarkTarget
    {
        private const string ClientAddress = "10.79.0.1";
        private const string ServerAddress = "10.79.0.2";
        private const string Offloads = "tx off rx off tso off gso off gro off";

        private readonly NetworkNamespace _clients;
        private readonly NetworkNamespace _server;
        private readonly string _directory;
        private readonly string _config;
        private NamespaceProcess _nginx;

        public KernelTarget(string name, string directory, string www)
            : base(name)
        {
            _directory = directory;
            _clients = NetworkNamespace.Create("bkc");
            try
            {
                _server = NetworkNamespace.Create("bks");
                Must(_clients, "ip link add vb0 type veth peer name vb1 netns " + _server.Name);
                Must(_clients, "ip addr add " + ClientAddress + "/24 dev vb0 && ip link set vb0 up");
                Must(_server, "ip addr add " + ServerAddress + "/24 dev vb1 && ip link set vb1 up");
                Must(_clients, "ethtool -K vb0 " + Offloads);
                Must(_server, "ethtool -K vb1 " + Offloads);
                _config = Path.Combine(directory, "nginx.conf");
                Directory.CreateDirectory(Path.Combine(www, "upload"));
                File.WriteAllText(_config, NginxConfig(directory, www));
            }
            catch
            {
                _server?.Dispose();
                _clients.Dispose();
                throw;
            }
        }

        public override bool IsReference => true;

        public override NetworkNamespace Clients => _clients;

        public override string Address => ServerAddress;

        public override string UploadMethod => "PUT";

        public override string UploadPath => "/upload/body";

        public override string Description => "nginx (1 worker, access log off) in a second namespace over veth, `ethtool -K <veth> " + Offloads + "` on both ends";

        public override void StartRound()
        {
            if (_nginx != null && !_nginx.HasExited)
            {
                return;
            }

            _nginx = _server.Start("exec nginx -c " + _config);
            NamespaceProcess nginx = _nginx;
            WaitUntilServing(30, () => nginx.StandardError + ReadErrorLog());
        }

        public override void StopRound()
        {
            // nginx serves every round; it stops at Dispose.
        }

        public override IReadOnlyList<int> ServerProcesses()
        {
            var pids = new List<int>();
            if (_nginx != null && !_nginx.HasExited)
            {
                pids.Add(_nginx.ProcessId);
                pids.AddRange(Children(_nginx.ProcessId));
            }

            return pids;
        }

        public override void Dispose()
        {
            _nginx?.Dispose();
            _server.Dispose();
            _clients.Dispose();
        }

        private static void Must(NetworkNamespace ns, string command)
        {
            CommandResult result = ns.Run(command, 10_000);
            if (result.ExitCode != 0)
            {
                throw new InvalidOperationException("kernel reference setup failed: " + result);
            }
        }

        private string ReadErrorLog()
        {
            string log = Path.Combine(_directory, "nginx-error.log");
            return File.Exists(log) ? File.ReadAllText(log) : string.Empty;
        }

        private static string NginxConfig(string directory, string www) =>
            "user root;\n"
            + "worker_processes 1;\n"
            + "daemon off;\n"
            + "pid " + directory + "/nginx.pid;\n"
            + "error_log " + directory + "/nginx-error.log warn;\n"
            + "events { worker_connections 1024; }\n"
            + "http {\n"
            + "  access_log off;\n"
            + "  default_type application/octet-stream;\n"
            + "  client_body_temp_path " + directory + "/nginx-body;\n"
            + "  proxy_temp_path " + directory + "/nginx-proxy;\n"
            + "  fastcgi_temp_path " + directory + "/nginx-fastcgi;\n"
            + "  uwsgi_temp_path " + directory + "/nginx-uwsgi;\n"
            + "  scgi_temp_path " + directory + "/nginx-scgi;\n"
            + "  keepalive_timeout 5s;\n"
            + "  server {\n"
            + "    listen " + ServerAddress + ":80;\n"
            + "    root " + www + ";\n"
            + "    location /upload/ { dav_methods PUT; client_max_body_size 0; client_body_buffer_size 1m; }\n"
            + "  }\n"
            + "}\n";
    }
}
