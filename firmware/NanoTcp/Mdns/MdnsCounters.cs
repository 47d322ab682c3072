namespace NanoTcp.Mdns
{
    /// <summary>What the mDNS responder did and dropped. Every message not used counts under exactly one Dropped* reason.
    /// Read-only for apps; the responder increments the internal fields beside the properties (a field store on nanoCLR).</summary>
    public sealed class MdnsCounters
    {
        /// <summary>Queries that asked for our name.</summary>
        public int QueriesAnswered => queriesAnswered;
        internal int queriesAnswered;

        /// <summary>Answers sent to 224.0.0.251.</summary>
        public int MulticastResponses => multicastResponses;
        internal int multicastResponses;

        /// <summary>Answers sent to the asker's port 5353 (QU bit, or a query sent to our own address; §5.4, §5.5).</summary>
        public int UnicastResponses => unicastResponses;
        internal int unicastResponses;

        /// <summary>Answers to one-shot queries from another port than 5353, with the query's ID (§6.7).</summary>
        public int LegacyResponses => legacyResponses;
        internal int legacyResponses;

        /// <summary>Answers not sent because the query already held ours with at least half its TTL (§7.1).</summary>
        public int KnownAnswersSuppressed => knownAnswersSuppressed;
        internal int knownAnswersSuppressed;

        /// <summary>Multicast answers not sent: the record went out less than a second before (§6).</summary>
        public int RateLimited => rateLimited;
        internal int rateLimited;

        /// <summary>Probe queries sent (§8.1).</summary>
        public int ProbesSent => probesSent;
        internal int probesSent;

        /// <summary>Announcements sent (§8.3).</summary>
        public int Announcements => announcements;
        internal int announcements;

        /// <summary>Other hosts' records for our name with other data (§9), and lost probe tie-breaks (§8.2).</summary>
        public int Conflicts => conflicts;
        internal int conflicts;

        /// <summary>Names given up for the next one ("nanotcp-2", §9).</summary>
        public int Renames => renames;
        internal int renames;

        /// <summary>Service instance names given up for the next one ("nanotcp (2)", §9).</summary>
        public int ServiceRenames => serviceRenames;
        internal int serviceRenames;

        /// <summary>Goodbye packets (TTL 0, §10.1) sent.</summary>
        public int Goodbyes => goodbyes;
        internal int goodbyes;

        /// <summary>Header short, a section running past the message, or record lengths that do not add up.</summary>
        public int DroppedMalformed => droppedMalformed;
        internal int droppedMalformed;

        /// <summary>A name with a pointer loop or out of range, a reserved label type, or longer than 255 bytes.</summary>
        public int DroppedBadName => droppedBadName;
        internal int droppedBadName;

        /// <summary>An opcode or response code other than 0, ignored as RFC 6762 §18.3 and §18.11 require.</summary>
        public int DroppedUnsupported => droppedUnsupported;
        internal int droppedUnsupported;

        /// <summary>From a source outside the local link (§11).</summary>
        public int DroppedOffLink => droppedOffLink;
        internal int droppedOffLink;

        /// <summary>Every message dropped, whatever the reason.</summary>
        public int Dropped => droppedMalformed + droppedBadName + droppedUnsupported + droppedOffLink;
    }
}
