namespace NanoTcp.Dns
{
    /// <summary>A blocking resolution (<see cref="DnsClient.Resolve"/>) that found no address; <see cref="State"/> says why.</summary>
    public class DnsException : System.Exception
    {
        public DnsException(DnsQueryState state, string message)
            : base(message)
        {
            State = state;
        }

        /// <summary>NameError, NoAddress, ServerFailure or TimedOut.</summary>
        public DnsQueryState State { get; }
    }
}
