namespace NanoTcp.Tcp
{
    /// <summary>Thrown by the sockets API when the peer reset the connection.</summary>
    public class ConnectionResetException : TcpException
    {
        public ConnectionResetException(string message)
            : base(message)
        {
        }
    }
}
