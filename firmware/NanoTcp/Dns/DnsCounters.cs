namespace NanoTcp.Dns
{
    /// <summary>What the DNS client did and dropped. Every answer not used counts under exactly one Dropped* reason.</summary>
    public sealed class DnsCounters
    {
        /// <summary>Queries sent (first attempts and retries).</summary>
        public int QueriesSent;

        /// <summary>Queries sent again after a time-out or a failed server (also in <see cref="QueriesSent"/>).</summary>
        public int Retransmissions;

        /// <summary>Names resolved to an address from an answer.</summary>
        public int Answers;

        /// <summary>Names resolved from the cache without a query.</summary>
        public int CacheHits;

        /// <summary>Names that do not exist (NXDOMAIN).</summary>
        public int NameErrors;

        /// <summary>Names whose answers held no address.</summary>
        public int NoAddress;

        /// <summary>Answers with RCODE server failure, refused or another error (the next server is asked).</summary>
        public int ServerFailures;

        /// <summary>Names given up after every attempt.</summary>
        public int TimedOut;

        /// <summary>CNAME records followed.</summary>
        public int CnamesFollowed;

        /// <summary>From another address or port than the server asked.</summary>
        public int DroppedWrongSource;

        /// <summary>Transaction ID not the one sent.</summary>
        public int DroppedWrongId;

        /// <summary>Question not the one asked (name, type or class).</summary>
        public int DroppedWrongQuestion;

        /// <summary>TC bit set (no TCP fallback: the query is retried, an A answer fits 512 bytes).</summary>
        public int DroppedTruncated;

        /// <summary>Header short, not a response, a query count other than 1, or records running past the message.</summary>
        public int DroppedMalformed;

        /// <summary>A name with a pointer loop or out of range, a reserved label type, or longer than 255 bytes.</summary>
        public int DroppedBadName;

        /// <summary>Every answer dropped, whatever the reason.</summary>
        public int Dropped => DroppedWrongSource + DroppedWrongId + DroppedWrongQuestion + DroppedTruncated + DroppedMalformed + DroppedBadName;
    }
}
