using System;
using NanoTcp.Hardware;
using NanoTcp.Hardware.Simulation;
using NanoTcp.Http;
using NanoTcp.Tcp;

namespace NanoTcp.Tests.Http
{
    /// <summary>
    /// The firmware's loop in miniature, on a manual clock: the board (10.0.0.1: stack, TCP, HTTP server with the
    /// built-in routes) and a client stack on one in-memory wire. <see cref="Step"/> is one loop turn: both stacks poll,
    /// then the server polls, nothing else. The board's link counts frames it was asked for while the server was polling
    /// (<see cref="ReentrantPolls"/>): a writer that pumped the stack would show there. The test reads the client
    /// connection itself (<see cref="Read"/>), so it decides how fast the peer takes data.
    /// </summary>
    public sealed class HttpLoopNetwork : IEthernetLink
    {
        public const uint BoardAddress = 0x0A000001;
        public const uint ClientAddress = 0x0A000002;

        private readonly WirePort _boardPort;
        private readonly byte[] _received = new byte[200000];
        private int _receivedLength;
        private bool _inServerPoll;
        private long _frames;

        public HttpLoopNetwork(int boardSendBuffer, int clientReceiveBuffer, IStatusSource status)
        {
            Clock = new ManualClock(1000);
            Wire = new EthernetWire(Clock, 11);
            _boardPort = Wire.CreatePort(new byte[] { 2, 0, 0x5E, 0, 0, 1 });
            NetworkConfiguration boardNetwork = new NetworkConfiguration();
            boardNetwork.Address = BoardAddress;
            boardNetwork.PrefixLength = 24;
            Board = new NetworkStack(this, Clock, boardNetwork);
            NetworkConfiguration clientNetwork = new NetworkConfiguration();
            clientNetwork.Address = ClientAddress;
            clientNetwork.PrefixLength = 24;
            Client = new NetworkStack(Wire.CreatePort(new byte[] { 2, 0, 0x5E, 0, 0, 2 }), Clock, clientNetwork);
            TcpConfiguration boardTcp = new TcpConfiguration();
            boardTcp.SecretSeed = 1;
            boardTcp.SendBufferSize = boardSendBuffer;
            TcpConfiguration clientTcp = new TcpConfiguration();
            clientTcp.SecretSeed = 2;
            clientTcp.ReceiveBufferSize = clientReceiveBuffer;
            BoardTcp = new TcpLayer(Board.Ipv4, Clock, boardTcp, null);
            ClientTcp = new TcpLayer(Client.Ipv4, Clock, clientTcp, null);
            Board.RegisterTransport(6, BoardTcp);
            Client.RegisterTransport(6, ClientTcp);
            TcpListener listener = new TcpListener(BoardTcp, 80, 4);
            listener.Start();
            Server = new HttpServer(new TcpHttpListener(listener), Clock, new HttpServerConfiguration());
            new BuiltInRoutes(status).Register(Server);
        }

        public ManualClock Clock { get; private set; }

        public EthernetWire Wire { get; private set; }

        public NetworkStack Board { get; private set; }

        public NetworkStack Client { get; private set; }

        public TcpLayer BoardTcp { get; private set; }

        public TcpLayer ClientTcp { get; private set; }

        public HttpServer Server { get; private set; }

        /// <summary>Frames the board's stack asked its link for while the HTTP server was polling: re-entrant polls.</summary>
        public int ReentrantPolls;

        /// <summary>Bytes the client has read so far.</summary>
        public int ReceivedLength => _receivedLength;

        public bool IsLinkUp => true;

        /// <summary>One loop turn; the clock then moves 1 ms when frames moved, else to the next timer (at most 200 ms).</summary>
        public void Step()
        {
            long due = Board.Poll();
            long clientDue = Client.Poll();
            if (clientDue < due)
            {
                due = clientDue;
            }

            _inServerPoll = true;
            try
            {
                Server.Poll();
            }
            finally
            {
                _inServerPoll = false;
            }

            Wire.Pump();
            long frames = Board.FramesReceived + Board.FramesSent + Client.FramesReceived + Client.FramesSent;
            long wait = due - Clock.Milliseconds;
            Clock.Advance(frames != _frames ? 1 : (wait < 1 ? 1 : (wait > 200 ? 200 : wait)));
            _frames = frames;
        }

        /// <summary>Connects a client to port 80 and sends <paramref name="request"/>.</summary>
        public TcpConnection Request(string request)
        {
            TcpConnection connection = TcpConnection.BeginConnect(ClientTcp, BoardAddress, 80);
            for (int i = 0; i < 2000 && connection.State != TcpState.Established; i++)
            {
                Step();
            }

            byte[] bytes = HttpAscii.Encode(request);
            int sent = 0;
            for (int i = 0; i < 2000 && sent < bytes.Length; i++)
            {
                int n = connection.TrySend(bytes, sent, bytes.Length - sent);
                if (n > 0)
                {
                    sent += n;
                }

                Step();
            }

            if (sent != bytes.Length)
            {
                throw new InvalidOperationException("the request did not go out; state " + TcpStateNames.Name(connection.State));
            }

            return connection;
        }

        /// <summary>Reads at most <paramref name="limit"/> bytes that have arrived on <paramref name="connection"/>.</summary>
        public int Read(TcpConnection connection, int limit)
        {
            int room = _received.Length - _receivedLength;
            int n = connection.TryReceive(_received, _receivedLength, limit < room ? limit : room);
            if (n > 0)
            {
                _receivedLength += n;
            }

            return n;
        }

        /// <summary>Everything read so far as text.</summary>
        public string ReceivedText()
        {
            return Text.Ascii(_received, 0, _receivedLength);
        }

        /// <summary>The byte read at <paramref name="index"/>.</summary>
        public byte ReceivedAt(int index)
        {
            return _received[index];
        }

        /// <summary>Where the body starts (after the empty line), -1 before the head is complete.</summary>
        public int BodyStart()
        {
            for (int i = 3; i < _receivedLength; i++)
            {
                if (_received[i] == '\n' && _received[i - 1] == '\r' && _received[i - 2] == '\n' && _received[i - 3] == '\r')
                {
                    return i + 1;
                }
            }

            return -1;
        }

        public void GetMacAddress(byte[] buffer, int offset)
        {
            _boardPort.GetMacAddress(buffer, offset);
        }

        public void Send(byte[] buffer, int offset, int length)
        {
            _boardPort.Send(buffer, offset, length);
        }

        public int Receive(byte[] buffer, int offset, int capacity)
        {
            if (_inServerPoll)
            {
                ReentrantPolls++;
            }

            return _boardPort.Receive(buffer, offset, capacity);
        }
    }
}
