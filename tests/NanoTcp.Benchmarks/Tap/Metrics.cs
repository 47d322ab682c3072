using System.Collections.Generic;
using System.Globalization;

namespace NanoTcp.Benchmarks.Tap
{
    /// <summary>The rows of the TAP table, in order, labelled with the counts of this run.</summary>
    public sealed class Metrics
    {
        public Metrics(TapSettings s)
        {
            string n = s.AbRequests.ToString(CultureInfo.InvariantCulture);
            AbSerial = new Metric("`ab -n " + n + " -c 1` /bulk/198, conn/s", "N0");
            AbParallel = new Metric("`ab -n " + n + " -c " + s.AbConcurrency.ToString(CultureInfo.InvariantCulture) + "` /bulk/198, conn/s", "N0");
            AbParallelLongest = new Metric("… longest request, ms", "N0");
            AbParallelClientCpu = new Metric("… ab's own CPU, % of one core", "N0", ratio: false);
            Wrk = new Metric("`wrk -t1 -c" + s.WrkConnections.ToString(CultureInfo.InvariantCulture) + " -d" + s.WrkSeconds.ToString(CultureInfo.InvariantCulture) + "s`, `Connection: close`, /bulk/198, req/s", "N0");
            WrkClientCpu = new Metric("… wrk's own CPU, % of one core", "N0", ratio: false);
            WrkServerCpu = new Metric("… the server processes' CPU, % of one core", "N0", ratio: false);
            Download = new Metric(Size(s.DownloadBytes) + " download (curl /bulk/" + s.DownloadBytes.ToString(CultureInfo.InvariantCulture) + "), MB/s", "N2");
            Upload = new Metric(Size(s.UploadBytes) + " upload (curl, request body), MB/s", "N2");
            Ping = new Metric("ping avg, ms (" + s.Pings.ToString(CultureInfo.InvariantCulture) + " × 20 ms apart)", "N3");
            IdleCpu = new Metric("idle CPU, % of one core (server processes)", "N2", ratio: false);
            Retransmissions = new Metric("client TCP retransmissions per round (all tools)", "N0", ratio: false);
        }

        public Metric AbSerial { get; }

        public Metric AbParallel { get; }

        public Metric AbParallelLongest { get; }

        public Metric AbParallelClientCpu { get; }

        public Metric Wrk { get; }

        public Metric WrkClientCpu { get; }

        public Metric WrkServerCpu { get; }

        public Metric Download { get; }

        public Metric Upload { get; }

        public Metric Ping { get; }

        public Metric IdleCpu { get; }

        public Metric Retransmissions { get; }

        /// <summary>Per target: the status of a server that refused the upload body (e.g. "HTTP 413").</summary>
        public Dictionary<string, string> Refusals { get; } = new Dictionary<string, string>();

        public IEnumerable<Metric> All => new[] { AbSerial, AbParallel, AbParallelLongest, AbParallelClientCpu, Wrk, WrkClientCpu, WrkServerCpu, Download, Upload, Ping, IdleCpu, Retransmissions };

        private static string Size(int bytes) => bytes >= 1_000_000
            ? (bytes / 1_000_000).ToString(CultureInfo.InvariantCulture) + " MB"
            : (bytes / 1000).ToString(CultureInfo.InvariantCulture) + " kB";
    }
}
