namespace NanoTcp.Tcp
{
    /// <summary>Thrown by the sockets API when the peer refused the connection (RST in answer to SYN, or no listener).</summary>
    public class ConnectionRefusedException : TcpException
    {
        public ConnectionRefusedException(string message)
            : base(message)
        {
        }
    }
}
