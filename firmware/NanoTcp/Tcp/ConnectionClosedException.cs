namespace NanoTcp.Tcp
{
    /// <summary>Thrown by the sockets API when the connection is closed (or was closed by this application).</summary>
    public class ConnectionClosedException : TcpException
    {
        public ConnectionClosedException(string message)
            : base(message)
        {
        }
    }
}
