using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using System.Net;
using System.Net.Sockets;
using NanoTcp.Hardware;
using NanoTcp.Hardware.Host.Wire;
using NanoTcp.Hardware.Simulation;
using NanoTcp.Tcp;

namespace NanoTcp.Host
{
    /// <summary>
    /// A second emulated host on the board's wire (a plain NanoTcp stack with a roomy TCP) that forwards a real
    /// loopback TCP port to the board's port 80, like QEMU's hostfwd: each connection accepted on 127.0.0.1:PORT
    /// becomes a TCP connection from this host to the board, and bytes are copied both ways; a FIN on either side is
    /// passed on as a FIN. Driven by <see cref="Step"/> from the one loop; all sockets are non-blocking. The sockets
    /// wake the loop (<see cref="Wake"/>): an accepting thread hands new connections over, and each connection whose
    /// socket had nothing to read waits for data with a zero-byte asynchronous receive.
    /// </summary>
    public sealed class ForwardingHost : IDisposable
    {
        public static readonly byte[] Mac = { 0x02, 0x4E, 0x54, 0x43, 0x50, 0xFD };

        private readonly Func<uint> _boardAddress;
        private readonly ITickSource _clock;
        private readonly int _boardPort;
        private readonly System.Net.Sockets.TcpListener _listener;
        private readonly List<ForwardedConnection> _connections = new List<ForwardedConnection>();
        private readonly ConcurrentQueue<Socket> _accepted = new ConcurrentQueue<Socket>();
        private Thread _acceptor;
        private volatile bool _disposed;

        public ForwardingHost(EthernetWire wire, ITickSource clock, uint address, int prefixLength, Func<uint> boardAddress, int boardPort, int loopbackPort, IEthernetLink link = null)
        {
            _boardAddress = boardAddress;
            _clock = clock;
            _boardPort = boardPort;
            Link = link ?? wire.CreatePort(Mac);
            Stack = new NetworkStack(Link, clock, new NetworkConfiguration { Address = address, PrefixLength = prefixLength });
            Tcp = new NanoTcp.Tcp.TcpLayer(Stack.Ipv4, clock, new TcpConfiguration
            {
                ConnectionCount = 64,
                SendBufferSize = 65535,
                ReceiveBufferSize = 65535,
                TimeWaitRecordCount = 256,
                HalfOpenLimit = 16,
                MaximumSegmentLifetime = 2000,
                MinimumRetransmissionTimeout = 200,
                InitialRetransmissionTimeout = 200,
                SecretSeed = 77,
            }, null);
            Stack.RegisterTransport(6, Tcp);
            // No SO_REUSEPORT (ExclusiveAddressUse = false on Linux): a second app on the same port would share its
            // connections with the first, and the kernel would split requests between two boards.
            _listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, loopbackPort);
            try
            {
                _listener.Start(64);
            }
            catch (SocketException e) when (e.SocketErrorCode == SocketError.AddressAlreadyInUse)
            {
                throw new System.IO.IOException(BusyPortMessage(loopbackPort), e);
            }

            LoopbackPort = ((IPEndPoint)_listener.LocalEndpoint).Port;
        }

        /// <summary>What the app says when another process (another nanotcp, perhaps) listens on the port already.</summary>
        public static string BusyPortMessage(int port) =>
            "cannot forward 127.0.0.1:" + port.ToString(System.Globalization.CultureInfo.InvariantCulture)
            + ": another program (another nanotcp?) listens on that port already; choose another with --forward PORT, or --forward 0 for none";

        public IEthernetLink Link { get; }

        public NetworkStack Stack { get; }

        public NanoTcp.Tcp.TcpLayer Tcp { get; }

        /// <summary>The loopback port actually bound (useful when 0 … is not asked for; it never is here).</summary>
        public int LoopbackPort { get; }

        public int OpenConnections => _connections.Count;

        /// <summary>The loop's wake signal, set when a client connects or a client socket becomes readable (null: none).</summary>
        public IWakeSignal Wake { get; set; }

        public long ConnectionsForwarded { get; private set; }

        public long BytesToBoard { get; private set; }

        public long BytesFromBoard { get; private set; }

        /// <summary>Accepts clients on a thread of its own from now on (each one wakes the loop); without it, Step polls the listener.</summary>
        public void AcceptInBackground()
        {
            _acceptor = new Thread(() =>
            {
                while (!_disposed)
                {
                    try
                    {
                        _accepted.Enqueue(_listener.AcceptSocket());
                        Wake?.Set();
                    }
                    catch (SocketException)
                    {
                        return;
                    }
                    catch (ObjectDisposedException)
                    {
                        return;
                    }
                    catch (InvalidOperationException)
                    {
                        return;
                    }
                }
            })
            { IsBackground = true, Name = "forward accept" };
            _acceptor.Start();
        }

        /// <summary>Clock time (ms) the next <see cref="Step"/> is due without a wake: the stack's timers, or now+1 while a client's socket is full.</summary>
        public long NextDue { get; private set; } = long.MaxValue;

        /// <summary>One round: accept, poll the stack, move bytes. True when anything moved.</summary>
        public bool Step()
        {
            bool progress = false;
            while (_connections.Count < 60 && (_acceptor != null ? !_accepted.IsEmpty : _listener.Pending()))
            {
                Socket socket;
                if (_acceptor != null)
                {
                    _accepted.TryDequeue(out socket);
                }
                else
                {
                    socket = _listener.AcceptSocket();
                }

                socket.Blocking = false;
                socket.NoDelay = true;
                TcpConnection connection = TcpConnection.BeginConnect(Tcp, _boardAddress(), _boardPort);
                connection.NoDelay = true;
                _connections.Add(new ForwardedConnection(socket, connection, this));
                ConnectionsForwarded++;
                progress = true;
            }

            int framesBefore = Stack.FramesReceived;
            long due = Stack.Poll();
            progress |= Stack.FramesReceived != framesBefore;
            for (int i = _connections.Count - 1; i >= 0; i--)
            {
                ForwardedConnection c = _connections[i];
                int moved = c.Move(out int toBoard, out int fromBoard);
                BytesToBoard += toBoard;
                BytesFromBoard += fromBoard;
                progress |= moved > 0;
                if (c.WaitsForClientSpace)
                {
                    // No event says the kernel made room in a full loopback socket: look again in 1 ms.
                    due = Math.Min(due, _clock.Milliseconds + 1);
                }

                if (c.Finished)
                {
                    c.Dispose();
                    _connections.RemoveAt(i);
                    progress = true;
                }
            }

            NextDue = progress ? _clock.Milliseconds : due;
            return progress;
        }

        /// <summary>Called by a connection's zero-byte receive when its client socket has data (or closed).</summary>
        internal void ClientReadable()
        {
            Wake?.Set();
        }

        public void Dispose()
        {
            _disposed = true;
            foreach (ForwardedConnection c in _connections)
            {
                c.Dispose();
            }

            _connections.Clear();
            _listener.Stop();
            while (_accepted.TryDequeue(out Socket socket))
            {
                socket.Dispose();
            }
        }
    }
}
