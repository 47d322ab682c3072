namespace NanoTcp.Tcp
{
    /// <summary>
    /// Sizes and timer values of the TCP layer, read once when the layer is built. Times are milliseconds of the
    /// board tick. Defaults follow the RFCs except where an embedded stack needs less (MSL is 30 s, not 2 min).
    /// </summary>
    public sealed class TcpConfiguration
    {
        /// <summary>Connection slots (each a TCB with its two rings).</summary>
        public int ConnectionCount = 4;

        /// <summary>Send ring per connection (unacknowledged and unsent bytes).</summary>
        public int SendBufferSize = 2048;

        /// <summary>Receive ring per connection; its free space is the advertised window.</summary>
        public int ReceiveBufferSize = 2048;

        /// <summary>Compact TIME-WAIT records; when full, the oldest is recycled.</summary>
        public int TimeWaitRecordCount = 16;

        /// <summary>Listening ports.</summary>
        public int ListenerCount = 4;

        /// <summary>Half-open (SYN-RECEIVED) connections allowed at once; beyond it SYNs get SYN cookies.</summary>
        public int HalfOpenLimit = 2;

        /// <summary>Answer SYNs with SYN cookies (RFC 4987 §3.6) when no slot may be spent on them.</summary>
        public bool SynCookies = true;

        /// <summary>
        /// Records of the admission queue: peers whose valid SYN-cookie ACK found no slot wait here, first come first
        /// served, and get the next freed slot at once. Size it for the burst you expect beyond the slots.
        /// </summary>
        public int SynCookieWaitRecordCount = 48;

        /// <summary>Bytes of a waiting peer's first data kept with its record (the request); the rest it retransmits.</summary>
        public int SynCookieWaitDataSize = 128;

        /// <summary>How long after its last segment a waiting peer keeps its record (ms).</summary>
        public int SynCookieWaitTimeout = 10000;

        /// <summary>
        /// Under pressure (a client waits for a slot, or a SYN cookie went out in the last
        /// <see cref="PressureWindow"/>) a passive SYN-RECEIVED slot is given up this long after its SYN (ms).
        /// </summary>
        public int SynReceivedPressureTimeout = 3000;

        /// <summary>How long after the last SYN cookie the layer still counts as under pressure (ms).</summary>
        public int PressureWindow = 10000;

        /// <summary>
        /// A passive connection that has made no progress for at least this long (ms) may be evicted (RST) when a
        /// waiting client needs its slot; never while no one waits.
        /// </summary>
        public int EvictionStallTime = 2000;

        /// <summary>Maximum segment lifetime; TIME-WAIT lasts twice this. RFC 9293 says 2 minutes; 30 s here.</summary>
        public int MaximumSegmentLifetime = 30000;

        /// <summary>RFC 6298 initial RTO (also the first SYN and SYN-ACK retry interval).</summary>
        public int InitialRetransmissionTimeout = 1000;

        /// <summary>RFC 6298 lower bound of the RTO (1 s; a LAN may configure less).</summary>
        public int MinimumRetransmissionTimeout = 1000;

        /// <summary>RFC 6298 upper bound of the RTO.</summary>
        public int MaximumRetransmissionTimeout = 60000;

        /// <summary>Retransmissions of one data segment or FIN before the connection is reset and the application told.</summary>
        public int MaximumRetransmissions = 12;

        /// <summary>
        /// RFC 1122 §4.2.3.5 R2 as a time: a connection is given up only once both <see cref="MaximumRetransmissions"/>
        /// and this long (ms) since the first unanswered retransmission have passed (100 s, the RFC's least R2).
        /// </summary>
        public int MaximumRetransmissionTime = 100000;

        /// <summary>Total time an active open keeps retrying its SYN before giving up (RFC 9293 suggests ≥ 75 s… here 75 s).</summary>
        public int SynGiveUpTime = 75000;

        /// <summary>SYN-ACK retransmissions of a passive open before the half-open connection is dropped.</summary>
        public int SynAckRetries = 5;

        /// <summary>Longest an ACK is delayed (RFC 9293 §3.8.6.3: under 0.5 s).</summary>
        public int DelayedAckTimeout = 200;

        /// <summary>Keep-alive idle time before the first probe (RFC 1122: at least 2 hours by default).</summary>
        public int KeepAliveIdle = 7200000;

        /// <summary>Interval between keep-alive probes.</summary>
        public int KeepAliveInterval = 75000;

        /// <summary>Unanswered keep-alive probes before the connection is dropped.</summary>
        public int KeepAliveProbes = 10;

        /// <summary>How long FIN-WAIT-2 may last after the application has fully closed.</summary>
        public int FinWait2Timeout = 60000;

        /// <summary>Seed of the start-up secret (ISN and SYN-cookie keys); 0 takes one from an unseeded Random.</summary>
        public int SecretSeed;
    }
}
