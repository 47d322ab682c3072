using System;
using NanoTcp.Hardware.Simulation;
using NanoTcp.Http;
using NanoTcp.Tcp;
using NanoTcp.Tests.Support;

namespace NanoTcp.Tests.Http
{
    /// <summary>
    /// Two full stacks on one in-memory wire with a manual clock: the board (10.0.0.1, HTTP server on port 80, with
    /// the built-in routes) and a client host (10.0.0.2) that opens TCP connections to it. Single-threaded like the
    /// firmware: <see cref="Step"/> polls both stacks; <see cref="RunUntil"/> polls the server between steps.
    /// </summary>
    public sealed class HttpNetwork
    {
        public const uint BoardAddress = 0x0A000001;
        public const uint ClientAddress = 0x0A000002;

        private readonly byte[] _drain = new byte[4096];
        private long _lastActivity;

        public HttpNetwork()
            : this(null, null, null)
        {
        }

        public HttpNetwork(HttpServerConfiguration http, TcpConfiguration boardTcp, TcpConfiguration clientTcp)
        {
            Clock = new ManualClock(1000);
            Wire = new EthernetWire(Clock, 7);
            NetworkConfiguration boardNetwork = new NetworkConfiguration();
            boardNetwork.Address = BoardAddress;
            boardNetwork.PrefixLength = 24;
            NetworkConfiguration clientNetwork = new NetworkConfiguration();
            clientNetwork.Address = ClientAddress;
            clientNetwork.PrefixLength = 24;
            Board = new NetworkStack(Wire.CreatePort(new byte[] { 2, 0, 0x5E, 0, 0, 1 }), Clock, boardNetwork);
            Client = new NetworkStack(Wire.CreatePort(new byte[] { 2, 0, 0x5E, 0, 0, 2 }), Clock, clientNetwork);
            if (boardTcp == null)
            {
                boardTcp = new TcpConfiguration();
                boardTcp.SecretSeed = 1;
            }

            if (clientTcp == null)
            {
                clientTcp = new TcpConfiguration();
                clientTcp.SecretSeed = 2;
                clientTcp.ConnectionCount = 8;
            }

            BoardTcp = new TcpLayer(Board.Ipv4, Clock, boardTcp, null);
            ClientTcp = new TcpLayer(Client.Ipv4, Clock, clientTcp, null);
            Board.RegisterTransport(6, BoardTcp);
            Client.RegisterTransport(6, ClientTcp);
            Listener = new TcpListener(BoardTcp, 80, 4);
            Listener.Start();
            Server = new HttpServer(new TcpHttpListener(Listener), Clock, http ?? new HttpServerConfiguration());
            Status = new TcpStatusSource(BoardTcp, Board, Clock);
            new BuiltInRoutes(Status).Register(Server);
        }

        public ManualClock Clock { get; private set; }

        public EthernetWire Wire { get; private set; }

        public NetworkStack Board { get; private set; }

        public NetworkStack Client { get; private set; }

        public TcpLayer BoardTcp { get; private set; }

        public TcpLayer ClientTcp { get; private set; }

        public TcpListener Listener { get; private set; }

        public HttpServer Server { get; private set; }

        public TcpStatusSource Status { get; private set; }

        /// <summary>The client connection whose arriving bytes <see cref="Step"/> collects into <see cref="Received"/>.</summary>
        public TcpConnection Reader { get; set; }

        public ByteSink Received { get; } = new ByteSink();

        public long Steps { get; private set; }

        /// <summary>
        /// One round of the single thread: both stacks polled, the reader drained; when no frame moved since the last
        /// step the clock jumps to the next timer (at most 200 ms), otherwise it moves 1 ms.
        /// </summary>
        public void Step()
        {
            Steps++;
            long due = Numbers.Min(Board.Poll(), Client.Poll());
            Wire.Pump();
            DrainReader();

            // Frames sent or received since the last step (the server's own sends between steps count too).
            long activity = Board.FramesReceived + Board.FramesSent + Client.FramesReceived + Client.FramesSent;
            bool moved = activity != _lastActivity;
            _lastActivity = activity;
            long wait = due - Clock.Milliseconds;
            Clock.Advance(moved ? 1 : (wait < 1 ? 1 : (wait > 200 ? 200 : wait)));
        }

        /// <summary>Steps the network and polls the server until <paramref name="done"/> or the step budget runs out.</summary>
        public bool RunUntil(Condition done, int maxSteps)
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

        /// <summary>As <see cref="RunUntil(Condition, int)"/> with 100,000 steps.</summary>
        public bool RunUntil(Condition done)
        {
            return RunUntil(done, 100000);
        }

        /// <summary>Connects a client to port 80 and makes it the reader.</summary>
        public TcpConnection Connect()
        {
            TcpConnection connection = TcpConnection.BeginConnect(ClientTcp, BoardAddress, 80);
            if (!RunUntil(() => connection.State == TcpState.Established, 2000))
            {
                throw new InvalidOperationException("no connection: " + TcpStateNames.Name(connection.State));
            }

            Reader = connection;
            Received.Clear();
            return connection;
        }

        public void Send(TcpConnection connection, string text)
        {
            byte[] bytes = HttpAscii.Encode(text);
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
        public HttpReply ReadReply()
        {
            HttpReply reply = null;
            RunUntil(() => (reply = HttpReply.TryTake(Received)) != null, 200000);
            if (reply == null)
            {
                throw new InvalidOperationException("no complete response; received so far: " + Received.Text());
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
