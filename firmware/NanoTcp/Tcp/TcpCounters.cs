namespace NanoTcp.Tcp
{
    /// <summary>
    /// What the TCP layer did and dropped, by reason. Apps read the get-only properties; the layer increments the
    /// internal fields beside them (a field store on nanoCLR, where a property setter would be a call).
    /// </summary>
    public sealed class TcpCounters
    {
        public int SegmentsReceived => segmentsReceived;
        internal int segmentsReceived;
        public int SegmentsSent => segmentsSent;
        internal int segmentsSent;
        public int Retransmissions => retransmissions;
        internal int retransmissions;

        /// <summary>Retransmission timer expiries with data outstanding (each also counts in <see cref="Retransmissions"/>).</summary>
        public int RetransmissionTimeouts => retransmissionTimeouts;
        internal int retransmissionTimeouts;

        /// <summary>Connections given up after R2 (retransmission count and time both exhausted), reset, application told.</summary>
        public int ConnectionsTimedOut => connectionsTimedOut;
        internal int connectionsTimedOut;

        /// <summary>Third duplicate ACKs answered by a fast retransmit (RFC 5681 §3.2); each starts a fast recovery.</summary>
        public int FastRetransmits => fastRetransmits;
        internal int fastRetransmits;

        /// <summary>Partial ACKs in fast recovery answered by retransmitting the next hole (RFC 6582 §3.2 step 4).</summary>
        public int PartialAckRetransmits => partialAckRetransmits;
        internal int partialAckRetransmits;

        /// <summary>Congestion windows cut back to the restart window after an idle period (RFC 5681 §4.1).</summary>
        public int IdleRestarts => idleRestarts;
        internal int idleRestarts;
        public int ResetsSent => resetsSent;
        internal int resetsSent;

        /// <summary>Closes with received data the application never read, answered by a RST instead of a FIN (RFC 1122 §4.2.2.13).</summary>
        public int ResetsOnCloseWithUnreadData => resetsOnCloseWithUnreadData;
        internal int resetsOnCloseWithUnreadData;

        /// <summary>New data that arrived after the application closed, answered by a RST (RFC 1122 §4.2.2.13).</summary>
        public int ResetsOnDataAfterClose => resetsOnDataAfterClose;
        internal int resetsOnDataAfterClose;

        public int ResetsReceived => resetsReceived;
        internal int resetsReceived;
        public int ChallengeAcksSent => challengeAcksSent;
        internal int challengeAcksSent;
        public int SynCookiesSent => synCookiesSent;
        internal int synCookiesSent;
        public int SynCookiesAccepted => synCookiesAccepted;
        internal int synCookiesAccepted;
        public int DroppedMalformedHeader => droppedMalformedHeader;
        internal int droppedMalformedHeader;
        public int DroppedBadChecksum => droppedBadChecksum;
        internal int droppedBadChecksum;
        public int DroppedBadOptions => droppedBadOptions;
        internal int droppedBadOptions;

        /// <summary>Segments from or to port 0 (reserved, RFC 6335 §6): dropped without an answer.</summary>
        public int DroppedPortZero => droppedPortZero;
        internal int droppedPortZero;

        /// <summary>SYN with RST or FIN set: dropped without an answer, never opening or ending a connection.</summary>
        public int DroppedSynWithRstOrFin => droppedSynWithRstOrFin;
        internal int droppedSynWithRstOrFin;
        public int DroppedUnacceptable => droppedUnacceptable;
        internal int droppedUnacceptable;
        public int DroppedOutOfOrder => droppedOutOfOrder;
        internal int droppedOutOfOrder;
        public int OutOfOrderHeld => outOfOrderHeld;
        internal int outOfOrderHeld;
        public int DroppedAckOutOfRange => droppedAckOutOfRange;
        internal int droppedAckOutOfRange;
        public int DroppedListenOverflow => droppedListenOverflow;
        internal int droppedListenOverflow;

        /// <summary>Valid cookie ACKs dropped because every slot was busy and the admission queue was full.</summary>
        public int DroppedNoSlot => droppedNoSlot;
        internal int droppedNoSlot;

        /// <summary>Valid cookie ACKs that found no slot and were queued (admission queue) with their first data.</summary>
        public int AdmissionsQueued => admissionsQueued;
        internal int admissionsQueued;

        /// <summary>Queued peers that got a slot (established from their record, request included).</summary>
        public int AdmittedFromQueue => admittedFromQueue;
        internal int admittedFromQueue;

        /// <summary>Segments of queued peers (their retransmissions) dropped while they wait; each renews the record.</summary>
        public int SegmentsWhileQueued => segmentsWhileQueued;
        internal int segmentsWhileQueued;

        /// <summary>Queued peers whose record expired before a slot freed.</summary>
        public int AdmissionsExpired => admissionsExpired;
        internal int admissionsExpired;

        /// <summary>Stalled connections reset to give their slot to a waiting client.</summary>
        public int ConnectionsEvicted => connectionsEvicted;
        internal int connectionsEvicted;

        /// <summary>Passive SYN-RECEIVED slots given up early under pressure.</summary>
        public int HalfOpenExpired => halfOpenExpired;
        internal int halfOpenExpired;

        /// <summary>Data or FIN to a listener that fails the cookie check while SYN cookies are recent (not reset).</summary>
        public int DroppedAfterSynCookies => droppedAfterSynCookies;
        internal int droppedAfterSynCookies;
        public int SendFailed => sendFailed;
        internal int sendFailed;

        /// <summary>ICMP destination-unreachable and time-exceeded messages quoting a TCP segment of ours (RFC 1122 §4.2.3.9).</summary>
        public int IcmpErrorsReceived => icmpErrorsReceived;
        internal int icmpErrorsReceived;

        /// <summary>ICMP errors whose quoted four-tuple matches no connection (ignored).</summary>
        public int IcmpErrorsNoConnection => icmpErrorsNoConnection;
        internal int icmpErrorsNoConnection;

        /// <summary>ICMP errors quoting a sequence number outside SND.UNA..SND.MAX (RFC 5927 §4.1; ignored).</summary>
        public int IcmpErrorsOutOfWindow => icmpErrorsOutOfWindow;
        internal int icmpErrorsOutOfWindow;

        /// <summary>Fragmentation-needed messages (noted only: no path MTU discovery).</summary>
        public int IcmpFragmentationNeeded => icmpFragmentationNeeded;
        internal int icmpFragmentationNeeded;

        /// <summary>SYN-SENT connections ended by protocol or port unreachable (hard errors), the application told.</summary>
        public int IcmpConnectionsAborted => icmpConnectionsAborted;
        internal int icmpConnectionsAborted;

        /// <summary>ICMP errors recorded in <see cref="TcpConnection.SoftError"/> without ending the connection.</summary>
        public int IcmpSoftErrors => icmpSoftErrors;
        internal int icmpSoftErrors;
    }
}
