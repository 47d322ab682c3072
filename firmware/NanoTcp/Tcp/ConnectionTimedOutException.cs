namespace NanoTcp.Tcp
{
    /// <summary>Thrown by the sockets API when the connection or the operation timed out.</summary>
    public class ConnectionTimedOutException : TcpException
    {
        public ConnectionTimedOutException(string message)
            : base(message)
        {
        }
    }
}
