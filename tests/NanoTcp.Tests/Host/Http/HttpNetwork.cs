using System;
using System.IO;
using System.Text;
using NanoTcp.Hardware.Host;
using NanoTcp.Hardware.Host.Wire;
using NanoTcp.Hardware.Simulation;
using NanoTcp.Http;
using NanoTcp.Tcp;

namespace NanoTcp.Tests.Host.Http
{
    /// <summary>
    /// Two full stacks on one in-memory wire with a manual clock: the board (10.0.0.1, HTTP server on port 80, with
    /// the built-in routes) and a client host (10.0.0.2) that opens TCP connections to it. Single-threaded like the
    /// firmware: <see cref="Step"/> polls both stacks; <see cref="RunUntil"/> polls the server between steps.
    /// </summary>
    internal sealed class HttpNetwork
    {
        public const uint BoardAddress = 0x0A000001;
        public const uint ClientAddress = 0x0A000002;

        private readonly byte[] _drain = new byte[4096];
        private long _lastActivity;

        public HttpNetwork(HttpServerConfiguration http = null, TcpConfiguration boardTcp = null, TcpConfiguration clientTcp = null)
        {
            Wire = new EthernetWire(Clock, 7);
            Board = new NetworkStack(Wire.CreatePort(new byte[] { 2, 0, 0x5E, 0, 0, 1 }), Clock, new NetworkConfiguration { Address = BoardAddress, PrefixLength = 24 });
            Client = new NetworkStack(Wire.CreatePort(new byte[] { 2, 0, 0x5E, 0, 0, 2 }), Clock, new NetworkConfiguration { Address = ClientAddress, PrefixLength = 24 });
            BoardTcp = new TcpLayer(Board.Ipv4, Clock, boardTcp ?? new TcpConfiguration { SecretSeed = 1 }, null);
            ClientTcp = new TcpLayer(Client.Ipv4, Clock, clientTcp ?? new TcpConfiguration { SecretSeed = 2, ConnectionCount = 8 }, null);
            Board.RegisterTransport(6, BoardTcp);
            Client.RegisterTransport(6, ClientTcp);
            Listener = new TcpListener(BoardTcp, 80, 4);
            Listener.Start();
            Server = new HttpServer(new TcpHttpListener(Listener), Clock, http ?? new HttpServerConfiguration());
            Status = new TcpStatusSource(BoardTcp, Board, Clock);
            new BuiltInRoutes(Status).Register(Server);
        }

        public ManualClock Clock { get; } = new ManualClock(1000);

        public EthernetWire Wire { get; }

        public NetworkStack Board { get; }

        public NetworkStack Client { get; }

        public TcpLayer BoardTcp { get; }

        public TcpLayer ClientTcp { get; }

        public TcpListener Listener { get; }

        public HttpServer Server { get; }

        public TcpStatusSource Status { get; }

        /// <summary>The client connection whose arriving bytes <see cref="Step"/> collects into <see cref="Received"/>.</summary>
        public TcpConnection Reader { get; set; }

        public MemoryStream Received { get; } = new MemoryStream();

        public long Steps { get; private set; }

        /// <summary>
        /// One round of the single thread: both stacks polled, the reader drained; when no frame moved since the last
        /// step the clock jumps to the next timer (at most 200 ms), otherwise it moves 1 ms.
        /// </summary>
        public void Step()
        {
            Steps++;
            long due = Math.Min(Board.Poll(), Client.Poll());
            Wire.Pump();
            DrainReader();

            // Frames sent or received since the last step (the server's own sends between steps count too).
            long activity = Board.FramesReceived + Board.FramesSent + Client.FramesReceived + Client.FramesSent;
            bool moved = activity != _lastActivity;
            _lastActivity = activity;
            long now = Clock.Milliseconds;
            Clock.Advance(moved ? 1 : Math.Clamp(due - now, 1, 200));
        }

        /// <summary>Steps the network and polls the server until <paramref name="done"/> or the step budget runs out.</summary>
        public bool RunUntil(Func<bool> done, int maxSteps = 100000)
        {
            for (int i = 0; i < maxSteps; i++)
            {
                if (done())
                {
                    return true;
                }

                Server.Poll();
                Step();
            }

            return done();
        }

        /// <summary>Connects a client to port 80 and makes it the reader.</summary>
        public TcpConnection Connect()
        {
            TcpConnection connection = TcpConnection.BeginConnect(ClientTcp, BoardAddress, 80);
            if (!RunUntil(() => connection.State == TcpState.Established, 2000))
            {
                throw new InvalidOperationException("no connection: " + connection.State);
            }

            Reader = connection;
            Received.SetLength(0);
            return connection;
        }

        public void Send(TcpConnection connection, string text)
        {
            byte[] bytes = Encoding.ASCII.GetBytes(text);
            int sent = 0;
            RunUntil(() =>
            {
                sent += connection.TrySend(bytes, sent, bytes.Length - sent);
                return sent == bytes.Length;
            });
            if (sent != bytes.Length)
            {
                throw new InvalidOperationException("request not sent");
            }
        }

        /// <summary>Runs until one complete response (header and Content-Length or chunked body) has arrived; returns it and removes it from <see cref="Received"/>.</summary>
        public HttpReply ReadReply(int maxSteps = 200000)
        {
            HttpReply reply = null;
            RunUntil(() => (reply = HttpReply.TryTake(Received)) != null, maxSteps);
            if (reply == null)
            {
                throw new InvalidOperationException("no complete response; received so far: " + Encoding.ASCII.GetString(Received.ToArray()));
            }

            return reply;
        }

        private void DrainReader()
        {
            if (Reader == null)
            {
                return;
            }

            for (int i = 0; i < 64; i++)
            {
                int n;
                try
                {
                    n = Reader.TryReceive(_drain, 0, _drain.Length);
                }
                catch (TcpException)
                {
                    return;
                }

                if (n <= 0)
                {
                    return;
                }

                Received.Write(_drain, 0, n);
            }
        }
    }
}
