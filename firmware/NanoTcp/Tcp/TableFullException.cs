namespace NanoTcp.Tcp
{
    /// <summary>Thrown by the sockets API when no free connection slot or listener entry.</summary>
    public class TableFullException : TcpException
    {
        public TableFullException(string message)
            : base(message)
        {
        }
    }
}
