using System;
using System.Threading;
using NanoTcp.Drivers.Enc28j60;
using NanoTcp.Hardware;
using NanoTcp.Http;
using NanoTcp.Tcp;

namespace NanoTcp.Firmware
{
    /// <summary>
    /// The whole firmware above the board's seams: the ENC28J60 driver on an <see cref="ISpiBus"/>, the IPv4 stack,
    /// TCP, and the HTTP server with its built-in routes (status page, /api/status, /bulk/N, /echo), wired from one
    /// <see cref="FirmwareConfiguration"/>. The ESP32 app and the PC app both build it, so the PC runs the board's
    /// code. One thread owns it and runs <see cref="Run"/>: a poll step, then a wait on one <see cref="Wake"/> signal
    /// until the next timer's deadline (ARCHITECTURE.md, "Runtime model"). The INT pin, application calls on other
    /// threads and the host (a readable TAP device, the loopback forward's sockets) set the signal. Nothing pumps the
    /// stack re-entrantly: an HTTP response that does not fit its buffer and the send ring continues from the next
    /// steps (the HTTP server's poll), woken by the peer's ACKs.
    /// </summary>
    public sealed class NanoTcpFirmware
    {
        private readonly ITickSource _clock;
        private readonly IEthernetLink _link;
        private readonly Enc28j60Link _driver;
        private readonly IInterruptPin _pin;
        private readonly NetworkStack _stack;
        private readonly TcpLayer _tcp;
        private readonly TcpListener _listener;
        private readonly HttpServer _http;
        private readonly FirmwareStatus _status;
        private readonly object _gate = new object();
        private readonly int _maxSleep;
        private readonly int _pollingSleep;
        private readonly uint _staticAddress;
        private readonly int _staticPrefixLength;
        private readonly uint _staticGateway;
        private IWakeSignal _wake;
        private FirmwareHook _hook;
        private bool _started;
        private bool _holdsHttpOutput;
        private int _stopRequested;
        private bool _running;
        private long _polls;

        /// <summary>
        /// The board: an ENC28J60 on <paramref name="spi"/>, its INT output on <paramref name="interruptPin"/> (null: the
        /// driver polls the chip and <see cref="Run"/> waits at most <see cref="FirmwareConfiguration.PollingSleepMilliseconds"/>).
        /// Nothing is sent on the bus until <see cref="Start"/>.
        /// </summary>
        public NanoTcpFirmware(ISpiBus spi, IInterruptPin interruptPin, ITickSource clock, FirmwareConfiguration configuration)
            : this(null, spi, interruptPin, clock, configuration)
        {
        }

        /// <summary>
        /// The same firmware on any Ethernet link (a PC's in-memory wire or TAP device), without the ENC28J60 driver. The
        /// link's owner sets <see cref="Wake"/> when a frame arrives (the loop has no pin and no polling period).
        /// </summary>
        public NanoTcpFirmware(IEthernetLink link, ITickSource clock, FirmwareConfiguration configuration)
            : this(link, null, null, clock, configuration)
        {
        }

        private NanoTcpFirmware(IEthernetLink link, ISpiBus spi, IInterruptPin interruptPin, ITickSource clock, FirmwareConfiguration configuration)
        {
            if ((link == null && spi == null) || clock == null || configuration == null)
            {
                throw new ArgumentNullException(clock == null ? "clock" : configuration == null ? "configuration" : "spi");
            }

            if (configuration.ConnectionCount < 1 || configuration.SendBufferSize < 1 || configuration.ReceiveBufferSize < 1
                || configuration.MaximumSegmentLifetimeMilliseconds < 0 || configuration.HttpPort < 1 || configuration.HttpPort > 65535)
            {
                throw new ArgumentException("ConnectionCount and the buffer sizes must be at least 1, the MSL not negative, the HTTP port 1..65535");
            }

            _clock = clock;
            _wake = new EventWakeSignal(clock);
            _staticAddress = configuration.UseDhcp ? 0 : configuration.Address;
            _staticPrefixLength = configuration.PrefixLength;
            _staticGateway = configuration.Gateway;
            _maxSleep = configuration.MaxSleepMilliseconds < 1 ? 1 : configuration.MaxSleepMilliseconds;
            _pollingSleep = configuration.PollingSleepMilliseconds < 1 ? 1 : configuration.PollingSleepMilliseconds;

            if (spi != null)
            {
                Enc28j60Options options = configuration.Driver ?? new Enc28j60Options();
                options.MacAddress = configuration.MacAddress;
                if (configuration.UseMdns)
                {
                    // 224.0.0.251 arrives as 01:00:5e:00:00:fb: a multicast frame the chip drops unless told.
                    options.AcceptMulticast = true;
                }

                if (options.Delay == null)
                {
                    options.Delay = new Enc28j60Delay(Sleep);
                }

                _driver = new Enc28j60Link(spi, interruptPin, clock, options);
                _link = _driver;
                _pin = interruptPin;
                if (_pin != null)
                {
                    _pin.FallingEdge += OnFallingEdge;
                }
            }
            else
            {
                _link = link;
            }

            NetworkConfiguration network = configuration.Network ?? new NetworkConfiguration();
            // A static address is set in Start: NetworkStack announces it at once (gratuitous ARP), and the driver
            // cannot send before Initialize. With DHCP the address is only the fallback, used from Poll on.
            network.Address = configuration.UseDhcp ? configuration.Address : 0;
            network.PrefixLength = configuration.PrefixLength;
            network.Gateway = configuration.Gateway;
            network.UseDhcp = configuration.UseDhcp;
            network.DhcpFallbackMilliseconds = configuration.UseDhcp ? configuration.DhcpFallbackMilliseconds : 0;
            if (configuration.UseMdns)
            {
                if (network.Mdns == null)
                {
                    network.Mdns = new NanoTcp.Mdns.MdnsConfiguration();
                }

                network.Mdns.Enabled = true;
                network.Mdns.HostName = configuration.HostName;
                network.Mdns.ServiceName = configuration.HttpServiceName;
                network.Mdns.ServicePort = configuration.HttpPort;
            }

            if (configuration.NtpServer != 0 && network.Sntp != null)
            {
                network.Sntp.Servers = new uint[] { configuration.NtpServer };
            }

            if (configuration.NtpServerName != null && network.Sntp != null)
            {
                network.Sntp.ServerName = configuration.NtpServerName;
            }

            _stack = new NetworkStack(_link, clock, network);
            _stack.Dns.SyncRoot = _gate;
            if (_stack.Sntp != null)
            {
                _stack.Sntp.SyncRoot = _gate;
            }

            _stack.Dns.Wake = _wake;

            TcpConfiguration tcp = configuration.Tcp ?? new TcpConfiguration();
            tcp.ConnectionCount = configuration.ConnectionCount;
            tcp.SendBufferSize = configuration.SendBufferSize;
            tcp.ReceiveBufferSize = configuration.ReceiveBufferSize;
            tcp.MaximumSegmentLifetime = configuration.MaximumSegmentLifetimeMilliseconds;
            _tcp = new TcpLayer(_stack.Ipv4, clock, tcp, _gate);
            _tcp.Wake = _wake;
            _stack.RegisterTransport(TcpProtocolNumber, _tcp);

            _listener = new TcpListener(_tcp, configuration.HttpPort, configuration.ListenBacklog < 1 ? 1 : configuration.ListenBacklog);
            HttpServerConfiguration http = configuration.Http ?? new HttpServerConfiguration();
            http.MaxConnections = configuration.ConnectionCount;
            _http = new HttpServer(new TcpHttpListener(_listener), clock, http);

            _status = new FirmwareStatus(this, configuration.UseDhcp, clock.Milliseconds);
            new BuiltInRoutes(_status).Register(_http);
        }

        /// <summary>IPv4 protocol number of TCP.</summary>
        public const byte TcpProtocolNumber = 6;

        /// <summary>The link the stack runs on (the ENC28J60 driver, or the link given to the constructor).</summary>
        public IEthernetLink Link => _link;

        /// <summary>The ENC28J60 driver, or null when the firmware runs on a given link.</summary>
        public Enc28j60Link Driver => _driver;

        public NetworkStack Stack => _stack;

        public TcpLayer Tcp => _tcp;

        public HttpServer Http => _http;

        /// <summary>What the status page shows (also what <c>/api/status</c> returns).</summary>
        public IStatusSource Status => _status;

        public ITickSource Clock => _clock;

        /// <summary>Poll steps done so far.</summary>
        public long Polls => _polls;

        /// <summary>True while <see cref="Run"/> is looping.</summary>
        public bool IsRunning => _running;

        /// <summary>
        /// True: TCP output is held while the HTTP server runs a step (<see cref="TcpLayer.HoldOutput"/>), so a response
        /// and the FIN after it leave as one segment. Off by default: through the ENC28J60 (model) a step's responses
        /// leaving in one burst bring the peers' answers in bursts: with ab -c 50 on 4 slots the chip's receive buffer
        /// overflowed 32 times instead of 4 (SYNs and requests lost, 1 s retransmissions, evictions). The PC app turns it on when
        /// the stack runs straight on a TAP device, whose kernel queue absorbs bursts.
        /// </summary>
        internal bool HoldsHttpOutput
        {
            get { return _holdsHttpOutput; }
            set { _holdsHttpOutput = value; }
        }

        /// <summary>Called at the start of every poll step (see <see cref="FirmwareHook"/>); must not call <see cref="Poll"/>.</summary>
        public FirmwareHook Hook
        {
            get { return _hook; }
            set { _hook = value; }
        }

        /// <summary>
        /// The one signal <see cref="Run"/> waits on (default: an event on the firmware's clock). Set it before
        /// <see cref="Run"/>: a simulation on a manual clock passes one that jumps the clock instead of waiting.
        /// The TCP layer sets it after application calls; the host sets it when its link has frames.
        /// </summary>
        public IWakeSignal Wake
        {
            get
            {
                return _wake;
            }

            set
            {
                if (value == null)
                {
                    throw new ArgumentNullException("value");
                }

                _wake = value;
                _tcp.Wake = value;
                _stack.Dns.Wake = value;
            }
        }

        /// <summary>Initializes the ENC28J60 (when there is one) and starts listening for HTTP. Throws what the driver throws when no chip answers.</summary>
        public void Start()
        {
            if (_started)
            {
                return;
            }

            if (_driver != null)
            {
                _driver.Initialize();
            }

            if (_staticAddress != 0)
            {
                lock (_gate)
                {
                    _stack.SetStaticAddress(_staticAddress, _staticPrefixLength, _staticGateway);
                }
            }

            _listener.Start();
            _started = true;
        }

        /// <summary>
        /// One step of the firmware: the host's <see cref="Hook"/>, the stack (frames in, timers), then the HTTP server.
        /// Returns the clock time (ms) at which the next step is due: now when work may be waiting, the next TCP, ARP or
        /// DHCP timer otherwise.
        /// </summary>
        public long Poll()
        {
            if (!_started)
            {
                throw new InvalidOperationException("call Start before Poll");
            }

            _polls++;
            long hostDue = long.MaxValue;
            FirmwareHook hook = _hook;
            if (hook != null)
            {
                hostDue = hook();
            }

            long next;
            int framesBefore = _stack.FramesReceived;
            lock (_gate)
            {
                next = _stack.Poll();
            }

            bool served;
            if (_holdsHttpOutput)
            {
                // The step's responses leave when the server is done with them: a response and its FIN in one segment.
                _tcp.HoldOutput();
                try
                {
                    served = _http.Poll();
                }
                finally
                {
                    _tcp.ReleaseOutput();
                }
            }
            else
            {
                served = _http.Poll();
            }

            long now = _clock.Milliseconds;
            // The stack's own deadline is now when its receive loop stopped at its limit. Through the ENC28J60 a step
            // that took frames looks again (a frame may come without a new falling edge); a given link's owner wakes
            // the loop for every frame (a TAP device stays readable), so another step would only find it empty.
            if (served || (_driver != null && _stack.FramesReceived != framesBefore))
            {
                return now;
            }

            return hostDue < next ? hostDue : next;
        }

        /// <summary>
        /// Runs the firmware until <see cref="Stop"/>: <see cref="RunStep"/> over and over. The thread only waits, on
        /// <see cref="Wake"/>, until the next deadline: it never sleeps a fixed time and never spins.
        /// </summary>
        public void Run()
        {
            Start();
            _running = true;
            try
            {
                while (Interlocked.CompareExchange(ref _stopRequested, 0, 0) == 0)
                {
                    RunStep();
                }
            }
            finally
            {
                _running = false;
                Interlocked.Exchange(ref _stopRequested, 0);
            }
        }

        /// <summary>
        /// One turn of the loop: a poll step, then a wait on <see cref="Wake"/> until the step's deadline. The deadline is
        /// capped only where no event can come: without an INT pin the driver must look at the chip every
        /// <see cref="FirmwareConfiguration.PollingSleepMilliseconds"/>; with one, <see cref="FirmwareConfiguration.MaxSleepMilliseconds"/>
        /// bounds the cost of a lost edge. Returns true when a wake (not the deadline) ended the wait.
        /// </summary>
        public bool RunStep()
        {
            long next = Poll();
            if (Interlocked.CompareExchange(ref _stopRequested, 0, 0) != 0)
            {
                return true;
            }

            long now = _clock.Milliseconds;
            if (next <= now)
            {
                return false;
            }

            long cap = long.MaxValue;
            if (_driver != null)
            {
                cap = now + (_pin != null ? _maxSleep : _pollingSleep);
            }

            return _wake.Wait(next < cap ? next : cap);
        }

        /// <summary>Makes <see cref="Run"/> return after its current step (any thread).</summary>
        public void Stop()
        {
            Interlocked.Exchange(ref _stopRequested, 1);
            _wake.Set();
        }

        /// <summary>
        /// Closes every HTTP connection and stops listening, runs one step so their FINs go out while the address is
        /// still ours, sends the mDNS goodbye, then gives a DHCP lease back with DHCPRELEASE (RFC 2131 §4.4.6). Call it on the loop's thread
        /// after <see cref="Run"/> returned; keep polling for a moment, as the RELEASE may wait for ARP.
        /// </summary>
        public void Shutdown()
        {
            _http.CloseAll();
            _listener.Stop();
            if (_started)
            {
                Poll();
            }

            lock (_gate)
            {
                if (_stack.Mdns != null)
                {
                    _stack.Mdns.Stop();
                }

                if (_stack.Dhcp != null)
                {
                    _stack.Dhcp.Release();
                }
            }
        }

        private void OnFallingEdge(IInterruptPin pin)
        {
            _wake.Set();
        }

        private static void Sleep(int milliseconds)
        {
            Thread.Sleep(milliseconds);
        }
    }
}
