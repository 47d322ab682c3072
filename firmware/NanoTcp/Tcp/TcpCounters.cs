namespace NanoTcp.Tcp
{
    /// <summary>
    /// What the TCP layer did and dropped. Every drop counts under one <see cref="TcpDropReason"/>
    /// (the Dropped* properties, or <see cref="Get"/>). Apps read the get-only properties; the layer increments the
    /// internal fields beside them (a field store on nanoCLR, where a property setter would be a call).
    /// </summary>
    public sealed class TcpCounters
    {
        /// <summary>Drops by reason, indexed by <see cref="TcpDropReason"/>.</summary>
        internal readonly int[] drops = new int[(int)TcpDropReason.Count];

        /// <summary>Segments handed to the layer by IPv4, before any check (dropped ones included).</summary>
        public int SegmentsReceived => segmentsReceived;
        internal int segmentsReceived;

        /// <summary>Segments handed to IPv4 (retransmissions, ACKs and resets included).</summary>
        public int SegmentsSent => segmentsSent;
        internal int segmentsSent;

        /// <summary>Segments sent again: after a retransmission timeout, a fast retransmit or a partial ACK, and SYN / SYN,ACK retries.</summary>
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

        /// <summary>RST segments sent, with or without a connection (closed ports, bad ACKs, aborts, evictions, time-outs).</summary>
        public int ResetsSent => resetsSent;
        internal int resetsSent;

        /// <summary>Closes with received data the application never read, answered by a RST instead of a FIN (RFC 1122 §4.2.2.13).</summary>
        public int ResetsOnCloseWithUnreadData => resetsOnCloseWithUnreadData;
        internal int resetsOnCloseWithUnreadData;

        /// <summary>New data that arrived after the application closed, answered by a RST (RFC 1122 §4.2.2.13).</summary>
        public int ResetsOnDataAfterClose => resetsOnDataAfterClose;
        internal int resetsOnDataAfterClose;

        /// <summary>RST segments that ended a connection: exactly at RCV.NXT (RFC 5961 §3), or acknowledging our SYN.</summary>
        public int ResetsReceived => resetsReceived;
        internal int resetsReceived;

        /// <summary>Challenge ACKs sent for a RST or SYN in the window but not exactly expected (RFC 5961 §3, §4).</summary>
        public int ChallengeAcksSent => challengeAcksSent;
        internal int challengeAcksSent;

        /// <summary>SYN,ACKs whose ISN is a SYN cookie (RFC 4987 §3.6), sent instead of keeping a half-open slot.</summary>
        public int SynCookiesSent => synCookiesSent;
        internal int synCookiesSent;

        /// <summary>ACKs that returned a valid cookie and so opened a connection (directly, or through the admission queue).</summary>
        public int SynCookiesAccepted => synCookiesAccepted;
        internal int synCookiesAccepted;

        /// <summary>Dropped: <see cref="TcpDropReason.MalformedHeader"/>.</summary>
        public int DroppedMalformedHeader => drops[(int)TcpDropReason.MalformedHeader];

        /// <summary>Dropped: <see cref="TcpDropReason.BadChecksum"/>.</summary>
        public int DroppedBadChecksum => drops[(int)TcpDropReason.BadChecksum];

        /// <summary>Dropped: <see cref="TcpDropReason.BadOptions"/>.</summary>
        public int DroppedBadOptions => drops[(int)TcpDropReason.BadOptions];

        /// <summary>Dropped: <see cref="TcpDropReason.PortZero"/> (from or to port 0, no answer).</summary>
        public int DroppedPortZero => drops[(int)TcpDropReason.PortZero];

        /// <summary>Dropped: <see cref="TcpDropReason.SynWithRstOrFin"/> (no answer).</summary>
        public int DroppedSynWithRstOrFin => drops[(int)TcpDropReason.SynWithRstOrFin];

        /// <summary>Dropped: <see cref="TcpDropReason.Unacceptable"/> (outside the receive window; ACKed unless a RST).</summary>
        public int DroppedUnacceptable => drops[(int)TcpDropReason.Unacceptable];

        /// <summary>Dropped: <see cref="TcpDropReason.OutOfOrder"/> (no room to hold it).</summary>
        public int DroppedOutOfOrder => drops[(int)TcpDropReason.OutOfOrder];

        /// <summary>Out-of-order data held in the receive ring's free space until the gap before it is filled.</summary>
        public int OutOfOrderHeld => outOfOrderHeld;
        internal int outOfOrderHeld;

        /// <summary>Dropped: <see cref="TcpDropReason.AckOutOfRange"/>.</summary>
        public int DroppedAckOutOfRange => drops[(int)TcpDropReason.AckOutOfRange];

        /// <summary>Dropped: <see cref="TcpDropReason.ListenOverflow"/> (SYN cookies off).</summary>
        public int DroppedListenOverflow => drops[(int)TcpDropReason.ListenOverflow];

        /// <summary>Dropped: <see cref="TcpDropReason.NoSlot"/> (valid cookie ACKs with every slot busy and the admission queue full).</summary>
        public int DroppedNoSlot => drops[(int)TcpDropReason.NoSlot];

        /// <summary>Dropped: <see cref="TcpDropReason.AfterSynCookies"/>.</summary>
        public int DroppedAfterSynCookies => drops[(int)TcpDropReason.AfterSynCookies];

        /// <summary>Dropped: <see cref="TcpDropReason.ResetWithoutConnection"/> (a RST to a closed port or a listener).</summary>
        public int DroppedResetWithoutConnection => drops[(int)TcpDropReason.ResetWithoutConnection];

        /// <summary>Dropped: <see cref="TcpDropReason.ResetNotAcknowledgingSyn"/> (SYN-SENT).</summary>
        public int DroppedResetNotAcknowledgingSyn => drops[(int)TcpDropReason.ResetNotAcknowledgingSyn];

        /// <summary>Dropped: <see cref="TcpDropReason.WithoutSyn"/> (SYN-SENT, LISTEN).</summary>
        public int DroppedWithoutSyn => drops[(int)TcpDropReason.WithoutSyn];

        /// <summary>Dropped: <see cref="TcpDropReason.WithoutAck"/> (a synchronized connection).</summary>
        public int DroppedWithoutAck => drops[(int)TcpDropReason.WithoutAck];

        /// <summary>Dropped: <see cref="TcpDropReason.Duplicate"/> (data already received; ACKed).</summary>
        public int DroppedDuplicate => drops[(int)TcpDropReason.Duplicate];

        /// <summary>Dropped: <see cref="TcpDropReason.DataAfterFin"/>.</summary>
        public int DroppedDataAfterFin => drops[(int)TcpDropReason.DataAfterFin];

        /// <summary>Trimmed: <see cref="TcpDropReason.BeyondWindow"/> (the part of in-order data past the ring's free space).</summary>
        public int DroppedBeyondWindow => drops[(int)TcpDropReason.BeyondWindow];

        /// <summary>Ignored: <see cref="TcpDropReason.FinOutOfOrder"/> (a FIN after a gap).</summary>
        public int DroppedFinOutOfOrder => drops[(int)TcpDropReason.FinOutOfOrder];

        /// <summary>Valid cookie ACKs that found no slot and were queued (admission queue) with their first data.</summary>
        public int AdmissionsQueued => admissionsQueued;
        internal int admissionsQueued;

        /// <summary>Queued peers that got a slot (established from their record, request included).</summary>
        public int AdmittedFromQueue => admittedFromQueue;
        internal int admittedFromQueue;

        /// <summary>Segments of queued peers (their retransmissions) while they wait: data continuing the kept bytes is kept, the rest dropped; each renews the record.</summary>
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

        /// <summary>Segments IPv4 refused to send (no address yet, no route, the next hop's ARP queue full).</summary>
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

        /// <summary>Segments dropped for <paramref name="reason"/>.</summary>
        public int Get(TcpDropReason reason) => drops[(int)reason];

        /// <summary>Every segment dropped, whatever the reason.</summary>
        public int Dropped
        {
            get
            {
                int total = 0;
                for (int i = 0; i < drops.Length; i++)
                {
                    total += drops[i];
                }

                return total;
            }
        }
    }
}
