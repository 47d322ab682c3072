using NanoTcp.Tcp;

namespace NanoTcp.Http
{
    /// <summary>A started <see cref="TcpListener"/> as an <see cref="IHttpListener"/>.</summary>
    public sealed class TcpHttpListener : IHttpListener
    {
        private readonly TcpListener _listener;

        public TcpHttpListener(TcpListener listener)
        {
            _listener = listener;
        }

        public IHttpConnection TryAccept()
        {
            // Pending() first: TcpListener.TryAccept allocates a handle even when nothing is waiting.
            if (!_listener.IsListening || !_listener.Pending())
            {
                return null;
            }

            TcpConnection connection = _listener.TryAccept();
            return connection == null ? null : new TcpHttpConnection(connection);
        }
    }
}
