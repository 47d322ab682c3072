namespace NanoTcp.Http
{
    /// <summary>Where the server gets new connections from; <see cref="TcpHttpListener"/> adapts a NanoTcp.Tcp.TcpListener.</summary>
    public interface IHttpListener
    {
        /// <summary>The next established connection, or null at once when none is waiting.</summary>
        IHttpConnection TryAccept();
    }
}
