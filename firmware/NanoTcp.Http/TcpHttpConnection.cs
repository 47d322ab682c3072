using NanoTcp.Tcp;

namespace NanoTcp.Http
{
    /// <summary>An accepted <see cref="TcpConnection"/> as an <see cref="IHttpConnection"/>: TCP failures become -1.</summary>
    internal sealed class TcpHttpConnection : IHttpConnection
    {
        private readonly TcpConnection _connection;

        public TcpHttpConnection(TcpConnection connection)
        {
            _connection = connection;
        }

        /// <summary>The TCP connection underneath.</summary>
        public TcpConnection Connection => _connection;

        public bool EndOfStream => _connection.EndOfStream;

        public int TryReceive(byte[] buffer, int offset, int count)
        {
            // TcpConnection.TryReceive already reports failure as -1, without an exception.
            return _connection.TryReceive(buffer, offset, count);
        }

        public int TrySend(byte[] buffer, int offset, int count)
        {
            return _connection.TrySend(buffer, offset, count);
        }

        public void Close()
        {
            _connection.Close();
        }

        public void Abort()
        {
            _connection.Abort();
        }
    }
}
