namespace NanoTcp.Tcp
{
    /// <summary>What the TCP layer did and dropped, by reason. Plain fields: read them, never needed on the hot path.</summary>
    public sealed class TcpCounters
    {
        public int SegmentsReceived;
        public int SegmentsSent;
        public int Retransmissions;
        public int ResetsSent;
        public int ResetsReceived;
        public int ChallengeAcksSent;
        public int SynCookiesSent;
        public int SynCookiesAccepted;
        public int DroppedMalformedHeader;
        public int DroppedBadChecksum;
        public int DroppedBadOptions;
        public int DroppedUnacceptable;
        public int DroppedOutOfOrder;
        public int OutOfOrderHeld;
        public int DroppedAckOutOfRange;
        public int DroppedListenOverflow;
        public int DroppedNoSlot;

        /// <summary>Data or FIN to a listener that fails the cookie check while SYN cookies are recent (not reset).</summary>
        public int DroppedAfterSynCookies;
        public int SendFailed;
    }
}
