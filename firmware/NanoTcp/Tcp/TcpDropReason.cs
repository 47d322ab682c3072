namespace NanoTcp.Tcp
{
    /// <summary>
    /// Why the TCP layer dropped an arriving segment (or, for <see cref="BeyondWindow"/>, the part past the window);
    /// each has a counter in <see cref="TcpCounters"/> and is told to <see cref="ITcpTraceListener.SegmentDropped"/>.
    /// </summary>
    public enum TcpDropReason
    {
        /// <summary>Shorter than its header, or a data offset below 5 words or past the segment.</summary>
        MalformedHeader = 0,

        /// <summary>The checksum (pseudo-header included) does not add up.</summary>
        BadChecksum = 1,

        /// <summary>The option list is not well formed (an option running past the header, an MSS option not 4 bytes).</summary>
        BadOptions = 2,

        /// <summary>From or to port 0 (reserved, RFC 6335 §6): dropped without an answer.</summary>
        PortZero = 3,

        /// <summary>SYN with RST or FIN set: dropped without an answer, never opening or ending a connection.</summary>
        SynWithRstOrFin = 4,

        /// <summary>Failed the acceptability test of RFC 9293 §3.10.7.4 (outside the receive window); answered by an ACK unless a RST.</summary>
        Unacceptable = 5,

        /// <summary>An ACK outside what we sent (RFC 5961 §5, or not our SYN in SYN-SENT / SYN-RECEIVED); answered by an ACK or a RST.</summary>
        AckOutOfRange = 6,

        /// <summary>Out-of-order data with no room in the receive ring to hold it (the peer gets an ACK of RCV.NXT).</summary>
        OutOfOrder = 7,

        /// <summary>A SYN to a listener whose backlog or half-open limit is reached, SYN cookies off.</summary>
        ListenOverflow = 8,

        /// <summary>A valid cookie ACK that found every slot busy and the admission queue full.</summary>
        NoSlot = 9,

        /// <summary>Data or FIN to a listener that fails the cookie check while SYN cookies are recent (not reset).</summary>
        AfterSynCookies = 10,

        /// <summary>A RST with no connection to reset: to a closed port or a listener (RFC 9293 §3.10.7.1, §3.10.7.2).</summary>
        ResetWithoutConnection = 11,

        /// <summary>A RST in SYN-SENT that does not acknowledge our SYN (RFC 9293 §3.10.7.3, RFC 5961 §3).</summary>
        ResetNotAcknowledgingSyn = 12,

        /// <summary>Neither SYN nor RST in SYN-SENT, or neither SYN, ACK nor RST to a listener (RFC 9293 §3.10.7.2-3).</summary>
        WithoutSyn = 13,

        /// <summary>No ACK bit on a synchronized connection (RFC 9293 §3.10.7.4, fifth step).</summary>
        WithoutAck = 14,

        /// <summary>Data entirely below RCV.NXT, already received (a retransmission); answered by an ACK.</summary>
        Duplicate = 15,

        /// <summary>Data after the peer's FIN (CLOSE-WAIT, CLOSING, LAST-ACK: RFC 9293 §3.10.7.4, seventh step).</summary>
        DataAfterFin = 16,

        /// <summary>In-order data past the free space of the receive ring: the rest is dropped and RCV.NXT acknowledged.</summary>
        BeyondWindow = 17,

        /// <summary>A FIN that is not the next sequence number expected (it follows a gap); the peer retransmits it.</summary>
        FinOutOfOrder = 18,

        /// <summary>The number of reasons (not a reason).</summary>
        Count = 19,
    }
}
