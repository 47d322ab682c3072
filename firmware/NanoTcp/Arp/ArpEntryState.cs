namespace NanoTcp.Arp
{
    /// <summary>
    /// The state of one ARP cache entry, after Linux's neighbour states (RFC 1122 §2.3.2.1 asks for a way to notice a
    /// stale entry; RFC 4861 §7.3.2 names the states). Printable names live in <see cref="ArpCache.StateName"/>.
    /// </summary>
    public enum ArpEntryState
    {
        /// <summary>The slot holds nothing.</summary>
        Free,

        /// <summary>Broadcast requests are out; one outgoing frame waits for the reply.</summary>
        Incomplete,

        /// <summary>The MAC is known and believed right: frames go straight to it.</summary>
        Reachable,

        /// <summary>
        /// The MAC is in doubt (its owner changed it, the transport retransmits, or frames from the host come from
        /// another MAC): frames still go to it, the latest is kept, and unicast requests ask it to answer; without an
        /// answer the entry falls back to <see cref="Incomplete"/>.
        /// </summary>
        Probe,
    }
}
