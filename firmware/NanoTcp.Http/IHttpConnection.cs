namespace NanoTcp.Http
{
    /// <summary>
    /// The server's view of one accepted connection: non-blocking receive and send plus close. The seam keeps the
    /// server testable without TCP; <see cref="TcpHttpConnection"/> adapts a NanoTcp.Tcp.TcpConnection. A failed
    /// connection (reset, timed out, aborted) is reported as -1, never thrown.
    /// </summary>
    public interface IHttpConnection
    {
        /// <summary>Takes what has arrived (possibly 0); -1 when the connection has failed.</summary>
        int TryReceive(byte[] buffer, int offset, int count);

        /// <summary>True when the peer has closed its sending side and every byte has been read.</summary>
        bool EndOfStream { get; }

        /// <summary>Queues as much as fits now (possibly 0); -1 when the connection has failed or cannot send.</summary>
        int TrySend(byte[] buffer, int offset, int count);

        /// <summary>Orderly close (FIN after the queued data).</summary>
        void Close();

        /// <summary>Abortive close (RST).</summary>
        void Abort();
    }
}
