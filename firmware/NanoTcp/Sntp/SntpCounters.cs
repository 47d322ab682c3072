namespace NanoTcp.Sntp
{
    /// <summary>What the SNTP client did and dropped. Every reply not used counts under exactly one Dropped* reason.
    /// Read-only for apps; the client increments the internal fields beside the properties (a field store on nanoCLR).</summary>
    public sealed class SntpCounters
    {
        /// <summary>Requests sent.</summary>
        public int RequestsSent => requestsSent;
        internal int requestsSent;

        /// <summary>Replies accepted: the clock offset was set from them.</summary>
        public int Replies => replies;
        internal int replies;

        /// <summary>Requests that got no usable reply within the response time-out.</summary>
        public int Unanswered => unanswered;
        internal int unanswered;

        /// <summary>Times <see cref="SntpConfiguration.ServerName"/> did not resolve (DNS name error, no address, failure or time-out).</summary>
        public int NameNotResolved => nameNotResolved;
        internal int nameNotResolved;

        /// <summary>Kiss-o'-death RATE received: the poll interval was doubled.</summary>
        public int KissRate => kissRate;
        internal int kissRate;

        /// <summary>Kiss-o'-death DENY or RSTR received: that server is no longer used.</summary>
        public int KissDeny => kissDeny;
        internal int kissDeny;

        /// <summary>From another address or port than the server asked.</summary>
        public int DroppedWrongSource => droppedWrongSource;
        internal int droppedWrongSource;

        /// <summary>Shorter than the 48-byte header, or a version other than 3 or 4.</summary>
        public int DroppedMalformed => droppedMalformed;
        internal int droppedMalformed;

        /// <summary>Mode other than 4 (server).</summary>
        public int DroppedWrongMode => droppedWrongMode;
        internal int droppedWrongMode;

        /// <summary>Originate timestamp not the transmit timestamp of the request (a stale, replayed or forged reply).</summary>
        public int DroppedWrongOrigin => droppedWrongOrigin;
        internal int droppedWrongOrigin;

        /// <summary>Kiss-o'-death with a code other than RATE, DENY or RSTR (RFC 4330 §5: not used).</summary>
        public int DroppedUnknownKiss => droppedUnknownKiss;
        internal int droppedUnknownKiss;

        /// <summary>Leap indicator 3: the server is not synchronised.</summary>
        public int DroppedUnsynchronized => droppedUnsynchronized;
        internal int droppedUnsynchronized;

        /// <summary>Stratum above 15.</summary>
        public int DroppedBadStratum => droppedBadStratum;
        internal int droppedBadStratum;

        /// <summary>Receive or transmit timestamp zero.</summary>
        public int DroppedZeroTimestamp => droppedZeroTimestamp;
        internal int droppedZeroTimestamp;

        /// <summary>Every reply dropped, whatever the reason.</summary>
        public int Dropped => droppedWrongSource + droppedMalformed + droppedWrongMode + droppedWrongOrigin + droppedUnknownKiss
            + droppedUnsynchronized + droppedBadStratum + droppedZeroTimestamp;
    }
}
