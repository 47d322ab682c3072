namespace NanoTcp
{
    /// <summary>Why the stack dropped a frame or a packet; each has a counter in <see cref="DropCounters"/>.</summary>
    public enum DropReason
    {
        /// <summary>Shorter than an Ethernet header.</summary>
        EthernetTruncated,

        /// <summary>Addressed to another MAC or to a multicast group.</summary>
        EthernetNotForUs,

        /// <summary>EtherType neither IPv4 nor ARP.</summary>
        UnknownEtherType,

        /// <summary>ARP packet too short, or not Ethernet/IPv4.</summary>
        ArpMalformed,

        /// <summary>ARP sender MAC that no host may have: zero, broadcast or multicast (RFC 826 learns it otherwise).</summary>
        ArpBadSenderHardwareAddress,

        /// <summary>ARP sender IPv4 address that no host may have: broadcast (limited or this subnet's), multicast, class E, loopback.</summary>
        ArpBadSenderProtocolAddress,

        /// <summary>Another host claims our IPv4 address.</summary>
        ArpAddressConflict,

        /// <summary>Outgoing packet dropped: its next hop already had a packet waiting for ARP.</summary>
        ArpQueueFull,

        /// <summary>Outgoing packet dropped: no ARP reply after every retry.</summary>
        ArpUnresolved,

        /// <summary>Outgoing packet dropped with its cache entry when the full cache evicted it.</summary>
        ArpEvicted,

        /// <summary>IPv4 version, header length or total length inconsistent with the frame.</summary>
        Ipv4Malformed,

        /// <summary>IPv4 header checksum wrong.</summary>
        Ipv4BadChecksum,

        /// <summary>Addressed to another host.</summary>
        Ipv4NotForUs,

        /// <summary>A fragment while reassembly is off (<see cref="NetworkConfiguration.ReassemblyDatagrams"/> 0).</summary>
        Ipv4Fragment,

        /// <summary>A fragment with no data, a non-last one whose length is not a multiple of 8, or one past the datagram's end.</summary>
        Ipv4FragmentMalformed,

        /// <summary>A fragment overlapping another of its datagram with other bounds: the whole datagram is discarded (RFC 5722 spirit).</summary>
        Ipv4FragmentOverlap,

        /// <summary>An exact copy of a fragment already held (the first copy is kept).</summary>
        Ipv4FragmentDuplicate,

        /// <summary>A fragment of a datagram already discarded (dropped until the datagram's reassembly timer ends).</summary>
        Ipv4FragmentOfDiscardedDatagram,

        /// <summary>A fragment reaching past <see cref="NetworkConfiguration.ReassemblyMaxDatagramLength"/>.</summary>
        Ipv4ReassemblyTooLong,

        /// <summary>A datagram in more than <see cref="NetworkConfiguration.ReassemblyMaxFragments"/> fragments (discarded whole).</summary>
        Ipv4ReassemblyTooManyFragments,

        /// <summary>A fragment of a new datagram while every reassembly buffer is in use.</summary>
        Ipv4ReassemblyTableFull,

        /// <summary>A datagram not complete within <see cref="NetworkConfiguration.ReassemblyTimeoutMilliseconds"/>.</summary>
        Ipv4ReassemblyTimeout,

        /// <summary>A source address that no host may use (broadcast, multicast, or class E).</summary>
        Ipv4BadSource,

        /// <summary>A broadcast for a protocol that does not take broadcasts (all but UDP).</summary>
        Ipv4BroadcastNotAllowed,

        /// <summary>No transport registered for the protocol number.</summary>
        Ipv4UnknownProtocol,

        /// <summary>Outgoing packet dropped: no address yet.</summary>
        SendNoAddress,

        /// <summary>Outgoing packet dropped: off-subnet and no gateway.</summary>
        SendNoRoute,

        /// <summary>Outgoing packet dropped: longer than the MTU.</summary>
        SendTooLong,

        /// <summary>ICMP message shorter than its header.</summary>
        IcmpMalformed,

        /// <summary>ICMP checksum wrong.</summary>
        IcmpBadChecksum,

        /// <summary>An ICMP type we do not handle.</summary>
        IcmpUnsupportedType,

        /// <summary>An ICMP error not sent because of the rate limit.</summary>
        IcmpRateLimited,

        /// <summary>ICMP error whose quoted packet is cut short (no IPv4 header and 8 bytes of data) or not one we sent.</summary>
        IcmpErrorMalformed,

        /// <summary>ICMP error about a protocol whose transport takes no ICMP errors (all but TCP).</summary>
        IcmpErrorNotHandled,

        /// <summary>UDP length field inconsistent with the IPv4 packet.</summary>
        UdpMalformed,

        /// <summary>UDP checksum wrong.</summary>
        UdpBadChecksum,

        /// <summary>No socket bound to the destination port.</summary>
        UdpNoListener,

        /// <summary>DHCP message malformed (fixed part, cookie or options).</summary>
        DhcpMalformed,

        /// <summary>DHCP message for another client or transaction, or unexpected in the client's state.</summary>
        DhcpNotOurs,

        /// <summary>An exception was caught while handling one frame (a bug: bad input must never throw).</summary>
        HandlerFault,

        /// <summary>The number of reasons (not a reason).</summary>
        Count,
    }
}
