namespace NanoTcp.Tcp
{
    /// <summary>The eleven connection states of RFC 9293 §3.3.2.</summary>
    public enum TcpState
    {
        Closed = 0,
        Listen = 1,
        SynSent = 2,
        SynReceived = 3,
        Established = 4,
        FinWait1 = 5,
        FinWait2 = 6,
        CloseWait = 7,
        Closing = 8,
        LastAck = 9,
        TimeWait = 10,
    }
}
