namespace NanoTcp.Tcp
{
    /// <summary>
    /// The last ICMP error reported for a connection that it did not end (RFC 1122 §4.2.3.9: soft errors are made
    /// available to the application, the connection goes on; RFC 5927 §4.1 checks the quoted sequence number first).
    /// </summary>
    public enum TcpSoftError
    {
        None = 0,

        /// <summary>Destination unreachable, net codes (0, 6, 9, 11).</summary>
        NetUnreachable = 1,

        /// <summary>Destination unreachable, host and administrative codes (1, 5, 7, 8, 10, 12–15).</summary>
        HostUnreachable = 2,

        /// <summary>Protocol unreachable (code 2) on a synchronized connection (RFC 5927 §4.2: a hard error treated as soft).</summary>
        ProtocolUnreachable = 3,

        /// <summary>Port unreachable (code 3) on a synchronized connection (RFC 5927 §4.2: a hard error treated as soft).</summary>
        PortUnreachable = 4,

        /// <summary>Time exceeded in transit or in reassembly (type 11).</summary>
        TimeExceeded = 5,
    }
}
