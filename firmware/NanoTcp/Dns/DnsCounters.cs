namespace NanoTcp.Dns
{
    /// <summary>What the DNS client did and dropped. Every answer not used counts under exactly one Dropped* reason.
    /// Read-only for apps; the client increments the internal fields beside the properties (a field store on nanoCLR).</summary>
    public sealed class DnsCounters
    {
        /// <summary>Queries sent (first attempts and retries).</summary>
        public int QueriesSent => queriesSent;
        internal int queriesSent;

        /// <summary>Queries sent again after a time-out or a failed server (also in <see cref="QueriesSent"/>).</summary>
        public int Retransmissions => retransmissions;
        internal int retransmissions;

        /// <summary>Names resolved to an address from an answer.</summary>
        public int Answers => answers;
        internal int answers;

        /// <summary>Names resolved from the cache without a query.</summary>
        public int CacheHits => cacheHits;
        internal int cacheHits;

        /// <summary>Names that do not exist (NXDOMAIN).</summary>
        public int NameErrors => nameErrors;
        internal int nameErrors;

        /// <summary>Names whose answers held no address.</summary>
        public int NoAddress => noAddress;
        internal int noAddress;

        /// <summary>Answers with RCODE server failure, refused or another error (the next server is asked).</summary>
        public int ServerFailures => serverFailures;
        internal int serverFailures;

        /// <summary>Names given up after every attempt.</summary>
        public int TimedOut => timedOut;
        internal int timedOut;

        /// <summary>CNAME records followed.</summary>
        public int CnamesFollowed => cnamesFollowed;
        internal int cnamesFollowed;

        /// <summary>From another address or port than the server asked.</summary>
        public int DroppedWrongSource => droppedWrongSource;
        internal int droppedWrongSource;

        /// <summary>Transaction ID not the one sent.</summary>
        public int DroppedWrongId => droppedWrongId;
        internal int droppedWrongId;

        /// <summary>Question not the one asked (name, type or class).</summary>
        public int DroppedWrongQuestion => droppedWrongQuestion;
        internal int droppedWrongQuestion;

        /// <summary>TC bit set (no TCP fallback: the query is retried, an A answer fits 512 bytes).</summary>
        public int DroppedTruncated => droppedTruncated;
        internal int droppedTruncated;

        /// <summary>Header short, not a response, a query count other than 1, or records running past the message.</summary>
        public int DroppedMalformed => droppedMalformed;
        internal int droppedMalformed;

        /// <summary>A name with a pointer loop or out of range, a reserved label type, or longer than 255 bytes.</summary>
        public int DroppedBadName => droppedBadName;
        internal int droppedBadName;

        /// <summary>Every answer dropped, whatever the reason.</summary>
        public int Dropped => droppedWrongSource + droppedWrongId + droppedWrongQuestion + droppedTruncated + droppedMalformed + droppedBadName;
    }
}
