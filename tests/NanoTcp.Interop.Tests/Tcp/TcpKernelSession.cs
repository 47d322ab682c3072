using System;
using System.Diagnostics;
using System.IO;
using System.Threading;
using NanoTcp.Hardware;
using NanoTcp.Hardware.Host;
using NanoTcp.Hardware.Host.Tap;
using NanoTcp.Hardware.Host.Wire;
using NanoTcp.Interop.Tests.Support;
using NanoTcp.Tcp;

namespace NanoTcp.Interop.Tests.Tcp
{
    /// <summary>What the stack's server threads do with each accepted connection.</summary>
    internal enum ServerMode
    {
        /// <summary>No server threads: the test drives the listener itself.</summary>
        None,

        /// <summary>Echo every byte until the peer's FIN, then close (the peer closes first).</summary>
        Echo,

        /// <summary>Echo the first chunk, then close at once (the stack closes first, like an HTTP/1.0 server).</summary>
        EchoOnceAndCloseFirst,
    }

    /// <summary>
    /// The kernel in a namespace on a TAP, a NanoTcp stack with TCP on the other side (optionally captured to a pcap),
    /// the thread that polls it, and optionally server threads on port 7 (one per connection slot) using the blocking
    /// API as firmware with its own poll thread would.
    /// </summary>
    internal sealed class TcpKernelSession : IDisposable
    {
        public const int EchoPort = 7;
        public const uint StackAddress = 0x0A4D0002;
        public const uint KernelAddress = 0x0A4D0001;
        private const int MaxRunMilliseconds = 150_000;

        private readonly Thread _poller;
        private readonly Thread[] _servers;
        private readonly PcapWriter _capture;
        private volatile bool _stop;
        private int _serverErrors;
        private string _lastServerError = string.Empty;
        private Exception _pollFailure;

        public TcpKernelSession(string name, TcpConfiguration configuration, ServerMode mode, bool capture, int dropEveryNth = 0)
        {
            Directory = Path.Combine(Path.GetTempPath(), "nanotcp-tcp-" + name + "-" + Guid.NewGuid().ToString("N").Substring(0, 8));
            System.IO.Directory.CreateDirectory(Directory);
            Kernel = KernelOverTap.Create("tcp");
            Clock = new SystemClock();
            IEthernetLink link = Kernel.Link;
            if (capture)
            {
                PcapPath = Path.Combine(Directory, "session.pcap");
                _capture = new PcapWriter(PcapPath);
                link = new CapturingLink(Kernel.Link, _capture, Clock);
            }

            if (dropEveryNth > 0)
            {
                Loss = new DroppingLink(link, dropEveryNth);
                link = Loss;
            }

            Stack = new NetworkStack(link, Clock, new NetworkConfiguration { Address = StackAddress, PrefixLength = KernelOverTap.PrefixLength });
            Tcp = new TcpLayer(Stack.Ipv4, Clock, configuration, null);
            Stack.RegisterTransport(6, Tcp);
            _poller = new Thread(Poll) { IsBackground = true, Name = "NanoTcp poll" };
            _poller.Start();
            _servers = new Thread[0];
            if (mode != ServerMode.None)
            {
                Listener = new TcpListener(Tcp, EchoPort, configuration.ConnectionCount);
                Listener.Start();
                _servers = new Thread[configuration.ConnectionCount];
                for (int i = 0; i < _servers.Length; i++)
                {
                    _servers[i] = new Thread(() => Serve(mode == ServerMode.EchoOnceAndCloseFirst)) { IsBackground = true, Name = "echo " + i };
                    _servers[i].Start();
                }
            }
        }

        public string Directory { get; }

        /// <summary>The loss injector between the TAP and the stack, or null.</summary>
        public DroppingLink Loss { get; }

        public string PcapPath { get; }

        public KernelOverTap Kernel { get; }

        public SystemClock Clock { get; }

        public NetworkStack Stack { get; }

        public TcpLayer Tcp { get; }

        public TcpListener Listener { get; }

        /// <summary>Connections the server threads served to the end (echo done, closed).</summary>
        public int Served;

        /// <summary>Bytes the server threads echoed.</summary>
        public long BytesEchoed;

        public int ServerErrors => Volatile.Read(ref _serverErrors);

        public string LastServerError => _lastServerError;

        public CommandResult Run(string command, int timeoutMilliseconds = 30_000) => Kernel.Namespace.Run(command, timeoutMilliseconds);

        /// <summary>Writes a Python script into the session's directory and returns the command that runs it.</summary>
        public string Python(string fileName, string script)
        {
            string path = Path.Combine(Directory, fileName);
            File.WriteAllText(path, script);
            return "python3 " + path;
        }

        /// <summary>Reads a value under the stack's lock.</summary>
        public T Read<T>(Func<T> read)
        {
            lock (Tcp.SyncRoot)
            {
                return read();
            }
        }

        /// <summary>Waits (bounded) until <paramref name="condition"/>, evaluated under the stack's lock, holds.</summary>
        public bool WaitUntil(Func<bool> condition, int timeoutMilliseconds)
        {
            var watch = Stopwatch.StartNew();
            while (watch.ElapsedMilliseconds < timeoutMilliseconds)
            {
                if (Read(condition))
                {
                    return true;
                }

                Thread.Sleep(10);
            }

            return Read(condition);
        }

        /// <summary>Counter <paramref name="name"/> of the namespace's kernel (absolute, from nstat).</summary>
        public long KernelCounter(string name)
        {
            CommandResult nstat = Run("nstat -asz " + name, 10_000);
            foreach (string line in nstat.StandardOutput.Split('\n'))
            {
                string[] fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (fields.Length >= 2 && fields[0] == name)
                {
                    return long.Parse(fields[1], System.Globalization.CultureInfo.InvariantCulture);
                }
            }

            throw new InvalidOperationException("nstat has no " + name + ": " + nstat);
        }

        /// <summary>Stops the threads and closes the capture (idempotent); the namespace stays until Dispose.</summary>
        public void Stop()
        {
            _stop = true;
            _poller.Join(10_000);
            foreach (Thread server in _servers)
            {
                server.Join(10_000);
            }

            _capture?.Dispose();
            if (_pollFailure != null)
            {
                throw new InvalidOperationException("the poll thread failed", _pollFailure);
            }
        }

        public void Dispose()
        {
            try
            {
                Stop();
            }
            finally
            {
                Kernel.Dispose();
                System.IO.Directory.Delete(Directory, true);
            }
        }

        private void Poll()
        {
            // Spins while frames flow (a TAP has no readiness callback here), sleeps 1 ms once idle for 5 ms: a
            // sequential kernel client then waits microseconds, not a timer tick, for each answer.
            var watch = Stopwatch.StartNew();
            long lastBusy = 0;
            try
            {
                while (!_stop && watch.ElapsedMilliseconds < MaxRunMilliseconds)
                {
                    int before = Stack.FramesReceived + Stack.FramesSent;
                    lock (Tcp.SyncRoot)
                    {
                        Stack.Poll();
                    }

                    long now = watch.ElapsedMilliseconds;
                    if (Stack.FramesReceived + Stack.FramesSent != before)
                    {
                        lastBusy = now;
                        Thread.Yield();
                    }
                    else if (now - lastBusy > 5)
                    {
                        Thread.Sleep(1);
                    }
                    else
                    {
                        Thread.Yield();
                    }
                }
            }
            catch (Exception e)
            {
                _pollFailure = e;
            }
        }

        private void Serve(bool closeFirst)
        {
            var buffer = new byte[1460];
            var watch = Stopwatch.StartNew();
            while (!_stop && watch.ElapsedMilliseconds < MaxRunMilliseconds)
            {
                TcpConnection connection;
                try
                {
                    connection = Listener.Accept(100);
                }
                catch (ConnectionTimedOutException)
                {
                    continue;
                }

                try
                {
                    for (;;)
                    {
                        int n = connection.Receive(buffer, 0, buffer.Length, 20_000);
                        if (n == 0)
                        {
                            break;
                        }

                        connection.Send(buffer, 0, n, 20_000);
                        Interlocked.Add(ref BytesEchoed, n);
                        if (closeFirst)
                        {
                            break;
                        }
                    }

                    connection.Close();
                    Interlocked.Increment(ref Served);
                }
                catch (TcpException e)
                {
                    _lastServerError = e.GetType().Name + ": " + e.Message;
                    Interlocked.Increment(ref _serverErrors);
                    connection.Abort();
                }
            }
        }
    }
}
