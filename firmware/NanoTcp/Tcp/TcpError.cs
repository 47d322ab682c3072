namespace NanoTcp.Tcp
{
    /// <summary>Why a connection ended other than by an orderly close; what the sockets API reports.</summary>
    public enum TcpError
    {
        None = 0,

        /// <summary>The peer answered our SYN with RST.</summary>
        Refused = 1,

        /// <summary>The peer reset an established connection.</summary>
        Reset = 2,

        /// <summary>Retransmissions, SYN retries or keep-alive probes went unanswered.</summary>
        TimedOut = 3,

        /// <summary>This application aborted the connection.</summary>
        Aborted = 4,

        /// <summary>The connection made no progress for longest while another client waited for a slot: reset to free it.</summary>
        Evicted = 5,

        /// <summary>Our SYN was answered by ICMP protocol or port unreachable (RFC 1122 §4.2.3.9, a hard error).</summary>
        Unreachable = 6,
    }
}
