namespace NanoTcp.Tcp
{
    /// <summary>What the TCP layer did and dropped, by reason. Plain fields: read them, never needed on the hot path.</summary>
    public sealed class TcpCounters
    {
        public int SegmentsReceived;
        public int SegmentsSent;
        public int Retransmissions;

        /// <summary>Retransmission timer expiries with data outstanding (each also counts in <see cref="Retransmissions"/>).</summary>
        public int RetransmissionTimeouts;

        /// <summary>Connections given up after R2 (retransmission count and time both exhausted), reset, application told.</summary>
        public int ConnectionsTimedOut;

        /// <summary>Third duplicate ACKs answered by a fast retransmit (RFC 5681 §3.2); each starts a fast recovery.</summary>
        public int FastRetransmits;

        /// <summary>Partial ACKs in fast recovery answered by retransmitting the next hole (RFC 6582 §3.2 step 4).</summary>
        public int PartialAckRetransmits;

        /// <summary>Congestion windows cut back to the restart window after an idle period (RFC 5681 §4.1).</summary>
        public int IdleRestarts;
        public int ResetsSent;

        /// <summary>Closes with received data the application never read, answered by a RST instead of a FIN (RFC 1122 §4.2.2.13).</summary>
        public int ResetsOnCloseWithUnreadData;

        /// <summary>New data that arrived after the application closed, answered by a RST (RFC 1122 §4.2.2.13).</summary>
        public int ResetsOnDataAfterClose;

        public int ResetsReceived;
        public int ChallengeAcksSent;
        public int SynCookiesSent;
        public int SynCookiesAccepted;
        public int DroppedMalformedHeader;
        public int DroppedBadChecksum;
        public int DroppedBadOptions;

        /// <summary>Segments from or to port 0 (reserved, RFC 6335 §6): dropped without an answer.</summary>
        public int DroppedPortZero;

        /// <summary>SYN with RST or FIN set: dropped without an answer, never opening or ending a connection.</summary>
        public int DroppedSynWithRstOrFin;
        /// <summary>Segments without SYN, RST or ACK (FIN, NULL and Xmas probes) dropped as RFC 9293 §3.10.7.2 and the
        /// fifth step of §3.10.7.4 say, to a listener or a connection.</summary>
        public int DroppedWithoutAck;
        /// <summary>RSTs that match no connection (to a closed port or a listener): dropped, never answered (RFC 9293 §3.10.7.1–2).</summary>
        public int DroppedStrayResets;
        public int DroppedUnacceptable;
        public int DroppedOutOfOrder;
        public int OutOfOrderHeld;
        public int DroppedAckOutOfRange;
        public int DroppedListenOverflow;

        /// <summary>Valid cookie ACKs dropped because every slot was busy and the admission queue was full.</summary>
        public int DroppedNoSlot;

        /// <summary>Valid cookie ACKs that found no slot and were queued (admission queue) with their first data.</summary>
        public int AdmissionsQueued;

        /// <summary>Queued peers that got a slot (established from their record, request included).</summary>
        public int AdmittedFromQueue;

        /// <summary>Segments of queued peers (their retransmissions) dropped while they wait; each renews the record.</summary>
        public int SegmentsWhileQueued;

        /// <summary>Queued peers whose record expired before a slot freed.</summary>
        public int AdmissionsExpired;

        /// <summary>Stalled connections reset to give their slot to a waiting client.</summary>
        public int ConnectionsEvicted;

        /// <summary>Passive SYN-RECEIVED slots given up early under pressure.</summary>
        public int HalfOpenExpired;

        /// <summary>Data or FIN to a listener that fails the cookie check while SYN cookies are recent (not reset).</summary>
        public int DroppedAfterSynCookies;
        public int SendFailed;

        /// <summary>ICMP destination-unreachable and time-exceeded messages quoting a TCP segment of ours (RFC 1122 §4.2.3.9).</summary>
        public int IcmpErrorsReceived;

        /// <summary>ICMP errors whose quoted four-tuple matches no connection (ignored).</summary>
        public int IcmpErrorsNoConnection;

        /// <summary>ICMP errors quoting a sequence number outside SND.UNA..SND.MAX (RFC 5927 §4.1; ignored).</summary>
        public int IcmpErrorsOutOfWindow;

        /// <summary>Fragmentation-needed messages (noted only: no path MTU discovery).</summary>
        public int IcmpFragmentationNeeded;

        /// <summary>SYN-SENT connections ended by protocol or port unreachable (hard errors), the application told.</summary>
        public int IcmpConnectionsAborted;

        /// <summary>ICMP errors recorded in <see cref="TcpConnection.SoftError"/> without ending the connection.</summary>
        public int IcmpSoftErrors;
    }
}
