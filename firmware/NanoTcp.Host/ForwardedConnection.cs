using System;
using System.Net.Sockets;
using System.Threading;
using NanoTcp.Tcp;

namespace NanoTcp.Host
{
    /// <summary>One loopback socket paired with one emulated TCP connection to the board; bytes are copied both ways.</summary>
    internal sealed class ForwardedConnection : IDisposable
    {
        private const int BufferSize = 65536;

        private readonly Socket _socket;
        private readonly TcpConnection _connection;
        private readonly ForwardingHost _host;
        private readonly SocketAsyncEventArgs _readable = new SocketAsyncEventArgs();
        private int _armed;
        private readonly byte[] _toBoard = new byte[BufferSize];
        private readonly byte[] _fromBoard = new byte[BufferSize];
        private int _toBoardCount;
        private int _fromBoardStart;
        private int _fromBoardCount;
        private bool _clientFinished;
        private bool _boardFinished;
        private bool _finSentToBoard;
        private bool _finSentToClient;
        private bool _failed;

        public ForwardedConnection(Socket socket, TcpConnection connection, ForwardingHost host)
        {
            _socket = socket;
            _connection = connection;
            _host = host;
            _readable.SetBuffer(Array.Empty<byte>(), 0, 0);
            _readable.Completed += (sender, e) => Readable();
        }

        /// <summary>True while bytes for the client wait because its socket took nothing.</summary>
        public bool WaitsForClientSpace { get; private set; }

        /// <summary>Both directions ended (or the connection failed).</summary>
        public bool Finished => _failed || (_finSentToBoard && _finSentToClient);

        /// <summary>Moves what can move without waiting; returns the bytes moved.</summary>
        public int Move(out int toBoard, out int fromBoard)
        {
            toBoard = 0;
            fromBoard = 0;
            if (_failed)
            {
                return 0;
            }

            try
            {
                // Client → board.
                if (!_clientFinished && _toBoardCount < _toBoard.Length && Volatile.Read(ref _armed) == 0)
                {
                    ReadFromClient();
                }

                TcpState state = _connection.State;
                if (state == TcpState.Closed && _connection.Error != TcpError.None)
                {
                    _failed = true;
                    return 0;
                }

                if (_toBoardCount > 0 && state != TcpState.SynSent && state != TcpState.SynReceived)
                {
                    int n = _connection.TrySend(_toBoard, 0, _toBoardCount);
                    if (n > 0)
                    {
                        Array.Copy(_toBoard, n, _toBoard, 0, _toBoardCount - n);
                        _toBoardCount -= n;
                        toBoard = n;
                    }
                }

                if (_clientFinished && _toBoardCount == 0 && !_finSentToBoard && state != TcpState.SynSent && state != TcpState.SynReceived)
                {
                    _connection.Shutdown();
                    _finSentToBoard = true;
                }

                // Board → client.
                if (_fromBoardCount == 0 && !_boardFinished)
                {
                    int n = _connection.TryReceive(_fromBoard, 0, _fromBoard.Length);
                    if (n > 0)
                    {
                        _fromBoardStart = 0;
                        _fromBoardCount = n;
                    }
                    else if (_connection.EndOfStream)
                    {
                        _boardFinished = true;
                    }
                }

                if (_fromBoardCount > 0)
                {
                    int sent = _socket.Send(_fromBoard, _fromBoardStart, _fromBoardCount, SocketFlags.None, out SocketError error);
                    if (error == SocketError.Success || error == SocketError.WouldBlock)
                    {
                        WaitsForClientSpace = sent == 0;
                        if (sent > 0)
                        {
                            _fromBoardStart += sent;
                            _fromBoardCount -= sent;
                            fromBoard = sent;
                        }
                    }
                    else
                    {
                        _failed = true;
                    }
                }

                if (_boardFinished && _fromBoardCount == 0 && !_finSentToClient)
                {
                    _socket.Shutdown(SocketShutdown.Send);
                    _finSentToClient = true;
                }
            }
            catch (TcpException)
            {
                _failed = true;
            }
            catch (SocketException)
            {
                _failed = true;
            }
            catch (ObjectDisposedException)
            {
                _failed = true;
            }

            return toBoard + fromBoard;
        }

        public void Dispose()
        {
            try
            {
                if (_failed)
                {
                    _socket.LingerState = new LingerOption(true, 0);
                    _connection.Abort();
                }
                else
                {
                    _connection.Close();
                }
            }
            catch (TcpException)
            {
                // Already gone.
            }
            catch (SocketException)
            {
                // Already gone.
            }

            _socket.Dispose();
            _readable.Dispose();
        }

        /// <summary>A zero-byte receive that completes when the client socket has data or closes, and wakes the loop then.</summary>
        private void ArmReadable()
        {
            if (Interlocked.Exchange(ref _armed, 1) != 0)
            {
                return;
            }

            try
            {
                if (!_socket.ReceiveAsync(_readable))
                {
                    Readable();
                }
            }
            catch (ObjectDisposedException)
            {
                _armed = 0;
            }
            catch (SocketException)
            {
                Readable();
            }
        }

        private void Readable()
        {
            Interlocked.Exchange(ref _armed, 0);
            _host.ClientReadable();
        }

        private void ReadFromClient()
        {
            int n = _socket.Receive(_toBoard, _toBoardCount, _toBoard.Length - _toBoardCount, SocketFlags.None, out SocketError error);
            if (error == SocketError.WouldBlock)
            {
                ArmReadable();
                return;
            }

            if (error != SocketError.Success)
            {
                _failed = true;
                return;
            }

            if (n == 0)
            {
                _clientFinished = true;
                return;
            }

            _toBoardCount += n;
        }
    }
}
