using System;
using System.Collections.Generic;
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
    /// passed on as a FIN. Driven by <see cref="Step"/> from the one loop; all sockets are non-blocking.
    /// </summary>
    public sealed class ForwardingHost : IDisposable
    {
        public static readonly byte[] Mac = { 0x02, 0x4E, 0x54, 0x43, 0x50, 0xFD };

        private readonly Func<uint> _boardAddress;
        private readonly int _boardPort;
        private readonly System.Net.Sockets.TcpListener _listener;
        private readonly List<ForwardedConnection> _connections = new List<ForwardedConnection>();

        public ForwardingHost(EthernetWire wire, ITickSource clock, uint address, int prefixLength, Func<uint> boardAddress, int boardPort, int loopbackPort, IEthernetLink link = null)
        {
            _boardAddress = boardAddress;
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
            _listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, loopbackPort);
            _listener.Server.ExclusiveAddressUse = false;
            _listener.Start(64);
            LoopbackPort = ((IPEndPoint)_listener.LocalEndpoint).Port;
        }

        public IEthernetLink Link { get; }

        public NetworkStack Stack { get; }

        public NanoTcp.Tcp.TcpLayer Tcp { get; }

        /// <summary>The loopback port actually bound (useful when 0 … is not asked for; it never is here).</summary>
        public int LoopbackPort { get; }

        public int OpenConnections => _connections.Count;

        public long ConnectionsForwarded { get; private set; }

        public long BytesToBoard { get; private set; }

        public long BytesFromBoard { get; private set; }

        /// <summary>One round: accept, poll the stack, move bytes. True when anything moved.</summary>
        public bool Step()
        {
            bool progress = false;
            while (_connections.Count < 60 && _listener.Pending())
            {
                Socket socket = _listener.AcceptSocket();
                socket.Blocking = false;
                socket.NoDelay = true;
                TcpConnection connection = TcpConnection.BeginConnect(Tcp, _boardAddress(), _boardPort);
                connection.NoDelay = true;
                _connections.Add(new ForwardedConnection(socket, connection));
                ConnectionsForwarded++;
                progress = true;
            }

            int framesBefore = Stack.FramesReceived;
            Stack.Poll();
            progress |= Stack.FramesReceived != framesBefore;
            for (int i = _connections.Count - 1; i >= 0; i--)
            {
                ForwardedConnection c = _connections[i];
                int moved = c.Move(out int toBoard, out int fromBoard);
                BytesToBoard += toBoard;
                BytesFromBoard += fromBoard;
                progress |= moved > 0;
                if (c.Finished)
                {
                    c.Dispose();
                    _connections.RemoveAt(i);
                    progress = true;
                }
            }

            return progress;
        }

        public void Dispose()
        {
            foreach (ForwardedConnection c in _connections)
            {
                c.Dispose();
            }

            _connections.Clear();
            _listener.Stop();
        }
    }
}
