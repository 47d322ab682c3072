using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using NanoTcp.Hardware.Host.Tap;

namespace NanoTcp.Benchmarks.Tap
{
    /// <summary>
    /// One column of the table: a server reached by the kernel clients of <see cref="Clients"/> at <see cref="Address"/>.
    /// Servers are started per round (<see cref="StartRound"/>) so that every round begins from the same state.
    /// </summary>
    public abstract class BenchmarkTarget : IDisposable
    {
        protected BenchmarkTarget(string name)
        {
            Name = name;
        }

        /// <summary>The column heading.</summary>
        public string Name { get; }

        /// <summary>True for the reference the ratios are taken against.</summary>
        public virtual bool IsReference => false;

        /// <summary>The namespace the clients run in.</summary>
        public abstract NetworkNamespace Clients { get; }

        /// <summary>The server's IPv4 address as the clients see it.</summary>
        public abstract string Address { get; }

        /// <summary>Method and path of the upload (a route that takes a request body).</summary>
        public abstract string UploadMethod { get; }

        public abstract string UploadPath { get; }

        /// <summary>The server command line, for the report.</summary>
        public abstract string Description { get; }

        /// <summary>Starts the server (if not running) and waits, bounded, until it serves /bulk/1.</summary>
        public abstract void StartRound();

        /// <summary>Stops what <see cref="StartRound"/> started for this round.</summary>
        public abstract void StopRound();

        /// <summary>Processes whose CPU time counts as the server's.</summary>
        public abstract IReadOnlyList<int> ServerProcesses();

        public abstract void Dispose();

        /// <summary>Waits (at most <paramref name="seconds"/>, polling every 0.2 s) until GET /bulk/1 answers 200 from the clients' namespace.</summary>
        protected void WaitUntilServing(int seconds, Func<string> whyNot)
        {
            int attempts = seconds * 5;
            CommandResult wait = Clients.Run(
                "i=0; while [ $i -lt " + attempts.ToString(CultureInfo.InvariantCulture) + " ]; do curl -s -m 2 -o /dev/null -f http://" + Address
                + "/bulk/1 && exit 0; i=$((i+1)); sleep 0.2; done; exit 1",
                (seconds + 30) * 1000);
            if (wait.ExitCode != 0)
            {
                throw new InvalidOperationException(Name + " did not serve http://" + Address + "/bulk/1 within " + seconds.ToString(CultureInfo.InvariantCulture) + " s: " + whyNot());
            }
        }

        /// <summary>The children of <paramref name="pid"/> (/proc/PID/task/PID/children), or none when unreadable.</summary>
        protected static IEnumerable<int> Children(int pid)
        {
            string path = "/proc/" + pid.ToString(CultureInfo.InvariantCulture) + "/task/" + pid.ToString(CultureInfo.InvariantCulture) + "/children";
            string text;
            try
            {
                text = File.ReadAllText(path);
            }
            catch (IOException)
            {
                yield break;
            }

            foreach (string field in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                if (int.TryParse(field, NumberStyles.None, CultureInfo.InvariantCulture, out int child))
                {
                    yield return child;
                }
            }
        }
    }
}
