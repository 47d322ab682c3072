using System.IO;

namespace NanoTcp.Tcp
{
    /// <summary>Base of the explicit errors the TCP sockets API throws; an IOException so Stream users catch it.</summary>
    public class TcpException : IOException
    {
        public TcpException(string message)
            : base(message)
        {
        }
    }
}
