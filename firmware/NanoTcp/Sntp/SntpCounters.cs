namespace NanoTcp.Sntp
{
    /// <summary>What the SNTP client did and dropped. Every reply not used counts under exactly one Dropped* reason.</summary>
    public sealed class SntpCounters
    {
        /// <summary>Requests sent.</summary>
        public int RequestsSent;

        /// <summary>Replies accepted: the clock offset was set from them.</summary>
        public int Replies;

        /// <summary>Requests that got no usable reply within the response time-out.</summary>
        public int Unanswered;

        /// <summary>Times <see cref="SntpConfiguration.ServerName"/> did not resolve (DNS name error, no address, failure or time-out).</summary>
        public int NameNotResolved;

        /// <summary>Kiss-o'-death RATE received: the poll interval was doubled.</summary>
        public int KissRate;

        /// <summary>Kiss-o'-death DENY or RSTR received: that server is no longer used.</summary>
        public int KissDeny;

        /// <summary>From another address or port than the server asked.</summary>
        public int DroppedWrongSource;

        /// <summary>Shorter than the 48-byte header, or a version other than 3 or 4.</summary>
        public int DroppedMalformed;

        /// <summary>Mode other than 4 (server).</summary>
        public int DroppedWrongMode;

        /// <summary>Originate timestamp not the transmit timestamp of the request (a stale, replayed or forged reply).</summary>
        public int DroppedWrongOrigin;

        /// <summary>Kiss-o'-death with a code other than RATE, DENY or RSTR (RFC 4330 §5: not used).</summary>
        public int DroppedUnknownKiss;

        /// <summary>Leap indicator 3: the server is not synchronised.</summary>
        public int DroppedUnsynchronized;

        /// <summary>Stratum above 15.</summary>
        public int DroppedBadStratum;

        /// <summary>Receive or transmit timestamp zero.</summary>
        public int DroppedZeroTimestamp;

        /// <summary>Every reply dropped, whatever the reason.</summary>
        public int Dropped => DroppedWrongSource + DroppedMalformed + DroppedWrongMode + DroppedWrongOrigin + DroppedUnknownKiss
            + DroppedUnsynchronized + DroppedBadStratum + DroppedZeroTimestamp;
    }
}
