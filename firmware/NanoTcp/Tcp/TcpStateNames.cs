namespace NanoTcp.Tcp
{
    /// <summary>The RFC 9293 §3.3.2 spelling of each state (enum ToString gives a number on nanoFramework).</summary>
    public static class TcpStateNames
    {
        public static string Name(TcpState state)
        {
            switch (state)
            {
                case TcpState.Closed: return "CLOSED";
                case TcpState.Listen: return "LISTEN";
                case TcpState.SynSent: return "SYN-SENT";
                case TcpState.SynReceived: return "SYN-RECEIVED";
                case TcpState.Established: return "ESTABLISHED";
                case TcpState.FinWait1: return "FIN-WAIT-1";
                case TcpState.FinWait2: return "FIN-WAIT-2";
                case TcpState.CloseWait: return "CLOSE-WAIT";
                case TcpState.Closing: return "CLOSING";
                case TcpState.LastAck: return "LAST-ACK";
                case TcpState.TimeWait: return "TIME-WAIT";
                default: return "UNKNOWN";
            }
        }
    }
}
