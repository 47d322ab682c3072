namespace NanoTcp.Dns
{
    /// <summary>Where a query started with <see cref="DnsClient.BeginQuery"/> stands.</summary>
    public enum DnsQueryState
    {
        /// <summary>No query (a free or ended handle).</summary>
        None,

        /// <summary>Waiting for an answer.</summary>
        Pending,

        /// <summary>An A record was found (<see cref="DnsClient.Address"/>).</summary>
        Answered,

        /// <summary>The name does not exist (RCODE 3, NXDOMAIN).</summary>
        NameError,

        /// <summary>The name exists but has no A record (or its CNAME chain ends without one).</summary>
        NoAddress,

        /// <summary>Every server failed or refused (RCODE 2, 5, or another error code).</summary>
        ServerFailure,

        /// <summary>No server answered within the attempts, or no server is known.</summary>
        TimedOut,
    }
}
