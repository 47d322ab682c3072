using NanoTcp.Arp;
using NanoTcp.Dhcp;
using NanoTcp.Http;
using NanoTcp.Ipv4;
using NanoTcp.Tcp;

namespace NanoTcp.Firmware
{
    /// <summary>
    /// The status page's view of a running <see cref="NanoTcpFirmware"/>: link, IPv4 configuration and where it came
    /// from, the mDNS name and its state, uptime, counters of each layer (ENC28J60 when there is one, Ethernet, ARP, IPv4, ICMP, UDP, TCP, HTTP, DHCP,
    /// DNS, SNTP, mDNS), UTC and its sync state, the connection table, the TIME-WAIT records and the ARP cache. Everything is read live; the counter list
    /// (<see cref="DescribeCounters"/>) is built once, so reading allocates nothing.
    /// </summary>
    public sealed class FirmwareStatus : IStatusSource
    {
        /// <summary>The most counters the list holds (the description below fills fewer).</summary>
        private const int MaxCounters = 192;

        private readonly string[] _layers = new string[MaxCounters];
        private readonly string[] _names = new string[MaxCounters];
        private readonly CounterRead[] _reads = new CounterRead[MaxCounters];
        private int _counterCount;

        // Where the SNTP group starts, counted from the DNS group (10 DNS counters before it).
        private const int SntpFromDns = 10;

        private readonly NanoTcpFirmware _firmware;
        private readonly bool _dhcp;
        private readonly long _start;

        internal FirmwareStatus(NanoTcpFirmware firmware, bool dhcp, long start)
        {
            _firmware = firmware;
            _dhcp = dhcp;
            _start = start;
            DescribeCounters(firmware.Driver != null);
        }

        /// <summary>Reads one counter's live value.</summary>
        private delegate long CounterRead();

        public bool LinkUp => _firmware.Link.IsLinkUp;

        public void GetMacAddress(byte[] buffer, int offset) => _firmware.Stack.GetMacAddress(buffer, offset);

        public uint Address => _firmware.Stack.Ipv4Layer.LocalAddress;

        public int PrefixLength => Address == 0 ? 0 : Ipv4Layer.PrefixOfMask(_firmware.Stack.Ipv4Layer.SubnetMask);

        public uint Gateway => _firmware.Stack.Ipv4Layer.Gateway;

        public AddressOrigin AddressOrigin
        {
            get
            {
                if (Address == 0)
                {
                    return AddressOrigin.None;
                }

                if (!_dhcp)
                {
                    return AddressOrigin.Static;
                }

                DhcpClient client = _firmware.Stack.Dhcp;
                if (client != null && client.FallbackApplied && client.State != DhcpState.Bound && client.State != DhcpState.Renewing && client.State != DhcpState.Rebinding)
                {
                    return AddressOrigin.StaticFallback;
                }

                return AddressOrigin.Dhcp;
            }
        }

        public long UptimeMilliseconds => _firmware.Clock.Milliseconds - _start;

        public string HostName => _firmware.Stack.Mdns == null ? null : _firmware.Stack.Mdns.HostName;

        public bool TimeSynchronized => _firmware.Stack.Sntp != null && _firmware.Stack.Sntp.IsSynchronized;

        public long UtcMilliseconds => _firmware.Stack.Sntp == null ? 0 : _firmware.Stack.Sntp.UtcMilliseconds;

        public uint TimeServer => _firmware.Stack.Sntp == null ? 0 : _firmware.Stack.Sntp.Server;

        public string HostNameState => _firmware.Stack.Mdns == null ? "off" : _firmware.Stack.Mdns.StateName;

        public bool HostNameRenamed => _firmware.Stack.Mdns != null && _firmware.Stack.Mdns.Renamed;

        public string ServiceName => _firmware.Stack.Mdns == null || _firmware.Stack.Mdns.ServiceInstance == null ? null : _firmware.Stack.Mdns.ServiceInstance + "._http._tcp.local";

        public int CounterCount => _counterCount;

        public string CounterLayer(int index) => _layers[index];

        public string CounterName(int index) => _names[index];

        public long CounterValue(int index) => _reads[index]();

        public int ConnectionSlotCount => _firmware.Tcp.SlotCount;

        public TcpState ConnectionState(int slot) => _firmware.Tcp.Slot(slot).State;

        // A CLOSED slot keeps the four-tuple of its last connection inside the TCP layer; the tables do not show it.
        public int ConnectionLocalPort(int slot) => _firmware.Tcp.Slot(slot).LocalPort;

        public uint ConnectionRemoteAddress(int slot) => _firmware.Tcp.Slot(slot).RemoteAddress;

        public int ConnectionRemotePort(int slot) => _firmware.Tcp.Slot(slot).RemotePort;

        public int TimeWaitCapacity => _firmware.Tcp.TimeWaitRecords.Capacity;

        public bool TimeWaitInUse(int index) => _firmware.Tcp.TimeWaitRecords.InUse(index);

        public int TimeWaitLocalPort(int index) => _firmware.Tcp.TimeWaitRecords.LocalPort(index);

        public uint TimeWaitRemoteAddress(int index) => _firmware.Tcp.TimeWaitRecords.RemoteAddress(index);

        public int TimeWaitRemotePort(int index) => _firmware.Tcp.TimeWaitRecords.RemotePort(index);

        public long TimeWaitRemainingMilliseconds(int index)
        {
            long remaining = _firmware.Tcp.TimeWaitRecords.Expiry(index) - _firmware.Clock.Milliseconds;
            return remaining < 0 ? 0 : remaining;
        }

        public int ArpEntryCapacity => _firmware.Stack.Arp.Capacity;

        public string ArpEntryState(int index)
        {
            ArpEntryState state = _firmware.Stack.Arp.EntryState(index);
            return state == NanoTcp.Arp.ArpEntryState.Free ? null : ArpCache.StateName(state);
        }

        public uint ArpEntryAddress(int index) => _firmware.Stack.Arp.EntryAddress(index);

        public void GetArpEntryMac(int index, byte[] buffer, int offset) => _firmware.Stack.Arp.GetEntryMac(index, buffer, offset);

        public long ArpEntryAgeMilliseconds(int index) => _firmware.Stack.Arp.EntryAgeMilliseconds(index);

        private NetworkStack Stack => _firmware.Stack;

        private DropCounters Drops => _firmware.Stack.Drops;

        /// <summary>
        /// The counters, one line each: layer and name (JSON identifiers, shown in this order by the status page and
        /// /api/status) and how to read the live value. A new counter is one more line here.
        /// </summary>
        private void DescribeCounters(bool driver)
        {
            if (driver)
            {
                Add("enc28j60", "framesReceived", () => _firmware.Driver.Statistics.FramesReceived);
                Add("enc28j60", "framesSent", () => _firmware.Driver.Statistics.FramesSent);
                Add("enc28j60", "receiveCrcErrors", () => _firmware.Driver.Statistics.ReceiveCrcErrors);
                Add("enc28j60", "receiveOverflows", () => _firmware.Driver.Statistics.ReceiveOverflows);
                Add("enc28j60", "receiveResets", () => _firmware.Driver.Statistics.ReceiveResets);
                Add("enc28j60", "transmitRetries", () => _firmware.Driver.Statistics.TransmitRetries);
                Add("enc28j60", "transmitAborts", () => _firmware.Driver.Statistics.TransmitAborts);
                Add("enc28j60", "linkChanges", () => _firmware.Driver.Statistics.LinkChanges);
                Add("enc28j60", "chipFaults", () => _firmware.Driver.Statistics.ChipFaults);
                Add("enc28j60", "chipReinitializations", () => _firmware.Driver.Statistics.ChipReinitializations);
            }

            Add("ethernet", "framesReceived", () => Stack.FramesReceived);
            Add("ethernet", "framesSent", () => Stack.FramesSent);
            Add("ethernet", "droppedTruncated", () => Drops.Get(DropReason.EthernetTruncated));
            Add("ethernet", "droppedNotForUs", () => Drops.Get(DropReason.EthernetNotForUs));
            Add("ethernet", "droppedUnknownEtherType", () => Drops.Get(DropReason.UnknownEtherType));

            Add("arp", "entries", () => Stack.Arp.Count);
            Add("arp", "droppedMalformed", () => Drops.Get(DropReason.ArpMalformed));
            Add("arp", "droppedBadSenderMac", () => Drops.Get(DropReason.ArpBadSenderHardwareAddress));
            Add("arp", "droppedBadSenderAddress", () => Drops.Get(DropReason.ArpBadSenderProtocolAddress));
            Add("arp", "conflicts", () => Stack.Arp.Conflicts);
            Add("arp", "replaced", () => Stack.Arp.Replaced);
            Add("arp", "revalidations", () => Stack.Arp.Revalidations);
            Add("arp", "unicastRequests", () => Stack.Arp.UnicastRequestsSent);
            Add("arp", "unresolved", () => Drops.Get(DropReason.ArpUnresolved));
            Add("arp", "queueFull", () => Drops.Get(DropReason.ArpQueueFull));
            Add("arp", "evicted", () => Drops.Get(DropReason.ArpEvicted));
            Add("arp", "defences", () => Stack.Arp.Defences);
            Add("arp", "conflictsNotDefended", () => Stack.Arp.ConflictsNotDefended);

            Add("ipv4", "packetsDropped", () => Drops.Total);
            Add("ipv4", "droppedMalformed", () => Drops.Get(DropReason.Ipv4Malformed));
            Add("ipv4", "droppedBadChecksum", () => Drops.Get(DropReason.Ipv4BadChecksum));
            Add("ipv4", "droppedNotForUs", () => Drops.Get(DropReason.Ipv4NotForUs));
            Add("ipv4", "droppedFragment", () => Drops.Get(DropReason.Ipv4Fragment));
            Add("ipv4", "droppedBadSource", () => Drops.Get(DropReason.Ipv4BadSource));
            Add("ipv4", "droppedBroadcast", () => Drops.Get(DropReason.Ipv4BroadcastNotAllowed));
            Add("ipv4", "droppedUnknownProtocol", () => Drops.Get(DropReason.Ipv4UnknownProtocol));
            Add("ipv4", "sendNoAddress", () => Drops.Get(DropReason.SendNoAddress));
            Add("ipv4", "sendNoRoute", () => Drops.Get(DropReason.SendNoRoute));
            Add("ipv4", "sendTooLong", () => Drops.Get(DropReason.SendTooLong));
            Add("ipv4", "reassembled", () => Stack.Ipv4Layer.DatagramsReassembled);
            Add("ipv4", "inReassembly", () => Stack.Ipv4Layer.ReassembliesInProgress);
            Add("ipv4", "droppedFragmentMalformed", () => Drops.Get(DropReason.Ipv4FragmentMalformed));
            Add("ipv4", "droppedFragmentOverlapping", () => Drops.Get(DropReason.Ipv4FragmentOverlap));
            Add("ipv4", "droppedFragmentDuplicate", () => Drops.Get(DropReason.Ipv4FragmentDuplicate));
            Add("ipv4", "droppedFragmentOfDiscarded", () => Drops.Get(DropReason.Ipv4FragmentOfDiscardedDatagram));
            Add("ipv4", "droppedReassemblyTooLong", () => Drops.Get(DropReason.Ipv4ReassemblyTooLong));
            Add("ipv4", "droppedReassemblyTooMany", () => Drops.Get(DropReason.Ipv4ReassemblyTooManyFragments));
            Add("ipv4", "droppedReassemblyTableFull", () => Drops.Get(DropReason.Ipv4ReassemblyTableFull));
            Add("ipv4", "reassemblyTimedOut", () => Drops.Get(DropReason.Ipv4ReassemblyTimeout));
            Add("ipv4", "datagramsFragmented", () => Stack.Ipv4Layer.DatagramsFragmented);
            Add("ipv4", "fragmentsSent", () => Stack.Ipv4Layer.FragmentsSent);

            Add("icmp", "echoRequestsAnswered", () => Stack.Icmp.EchoRequestsAnswered);
            Add("icmp", "echoRepliesReceived", () => Stack.Icmp.EchoRepliesReceived);
            Add("icmp", "errorsSent", () => Stack.Icmp.ErrorsSent);
            Add("icmp", "droppedMalformed", () => Drops.Get(DropReason.IcmpMalformed));
            Add("icmp", "droppedBadChecksum", () => Drops.Get(DropReason.IcmpBadChecksum));
            Add("icmp", "droppedUnsupportedType", () => Drops.Get(DropReason.IcmpUnsupportedType));
            Add("icmp", "droppedRateLimited", () => Drops.Get(DropReason.IcmpRateLimited));

            Add("udp", "datagramsReceived", () => Stack.Udp.DatagramsReceived);
            Add("udp", "droppedMalformed", () => Drops.Get(DropReason.UdpMalformed));
            Add("udp", "droppedBadChecksum", () => Drops.Get(DropReason.UdpBadChecksum));
            Add("udp", "droppedNoListener", () => Drops.Get(DropReason.UdpNoListener));
            Add("udp", "handlerFaults", () => Drops.Get(DropReason.HandlerFault));

            Add("tcp", "segmentsReceived", () => _firmware.Tcp.Counters.SegmentsReceived);
            Add("tcp", "segmentsSent", () => _firmware.Tcp.Counters.SegmentsSent);
            Add("tcp", "retransmissions", () => _firmware.Tcp.Counters.Retransmissions);
            Add("tcp", "retransmissionTimeouts", () => _firmware.Tcp.Counters.RetransmissionTimeouts);
            Add("tcp", "fastRetransmits", () => _firmware.Tcp.Counters.FastRetransmits);
            Add("tcp", "connectionsTimedOut", () => _firmware.Tcp.Counters.ConnectionsTimedOut);
            Add("tcp", "connectionsEvicted", () => _firmware.Tcp.Counters.ConnectionsEvicted);
            Add("tcp", "resetsSent", () => _firmware.Tcp.Counters.ResetsSent);
            Add("tcp", "resetsReceived", () => _firmware.Tcp.Counters.ResetsReceived);
            Add("tcp", "synCookiesSent", () => _firmware.Tcp.Counters.SynCookiesSent);
            Add("tcp", "synCookiesAccepted", () => _firmware.Tcp.Counters.SynCookiesAccepted);
            Add("tcp", "challengeAcksSent", () => _firmware.Tcp.Counters.ChallengeAcksSent);
            // One row per TcpDropReason, in its order; 'dropped' is their sum.
            Add("tcp", "droppedMalformedHeader", () => _firmware.Tcp.Counters.DroppedMalformedHeader);
            Add("tcp", "droppedBadChecksum", () => _firmware.Tcp.Counters.DroppedBadChecksum);
            Add("tcp", "droppedBadOptions", () => _firmware.Tcp.Counters.DroppedBadOptions);
            Add("tcp", "droppedPortZero", () => _firmware.Tcp.Counters.DroppedPortZero);
            Add("tcp", "droppedSynWithRstOrFin", () => _firmware.Tcp.Counters.DroppedSynWithRstOrFin);
            Add("tcp", "droppedUnacceptable", () => _firmware.Tcp.Counters.DroppedUnacceptable);
            Add("tcp", "droppedAckOutOfRange", () => _firmware.Tcp.Counters.DroppedAckOutOfRange);
            Add("tcp", "droppedOutOfOrder", () => _firmware.Tcp.Counters.DroppedOutOfOrder);
            Add("tcp", "droppedListenOverflow", () => _firmware.Tcp.Counters.DroppedListenOverflow);
            Add("tcp", "droppedNoSlot", () => _firmware.Tcp.Counters.DroppedNoSlot);
            Add("tcp", "droppedAfterSynCookies", () => _firmware.Tcp.Counters.DroppedAfterSynCookies);
            Add("tcp", "droppedResetWithoutConnection", () => _firmware.Tcp.Counters.DroppedResetWithoutConnection);
            Add("tcp", "droppedResetNotAcknowledgingSyn", () => _firmware.Tcp.Counters.DroppedResetNotAcknowledgingSyn);
            Add("tcp", "droppedWithoutSyn", () => _firmware.Tcp.Counters.DroppedWithoutSyn);
            Add("tcp", "droppedWithoutAck", () => _firmware.Tcp.Counters.DroppedWithoutAck);
            Add("tcp", "droppedDuplicate", () => _firmware.Tcp.Counters.DroppedDuplicate);
            Add("tcp", "droppedDataAfterFin", () => _firmware.Tcp.Counters.DroppedDataAfterFin);
            Add("tcp", "droppedBeyondWindow", () => _firmware.Tcp.Counters.DroppedBeyondWindow);
            Add("tcp", "droppedFinOutOfOrder", () => _firmware.Tcp.Counters.DroppedFinOutOfOrder);
            Add("tcp", "halfOpenExpired", () => _firmware.Tcp.Counters.HalfOpenExpired);
            Add("tcp", "dropped", () => _firmware.Tcp.Counters.Dropped);
            Add("tcp", "connectionsInUse", () => _firmware.Tcp.ConnectionsInUse);
            Add("tcp", "timeWaitRecords", () => _firmware.Tcp.TimeWaitRecords.Count);

            Add("http", "connectionsAccepted", () => _firmware.Http.Counters.ConnectionsAccepted);
            Add("http", "requestsServed", () => _firmware.Http.Counters.RequestsServed);
            Add("http", "badRequests", () => _firmware.Http.Counters.BadRequests);
            Add("http", "notFound", () => _firmware.Http.Counters.NotFound);
            Add("http", "timeouts", () => _firmware.Http.Counters.Timeouts);
            Add("http", "handlerFailures", () => _firmware.Http.Counters.HandlerFailures);
            Add("http", "connectionsLost", () => _firmware.Http.Counters.ConnectionsLost);
            Add("http", "openConnections", () => _firmware.Http.OpenConnections);
            Add("http", "lengthRequired", () => _firmware.Http.Counters.LengthRequired);
            Add("http", "badChunks", () => _firmware.Http.Counters.BadChunks);
            Add("http", "bodiesStreamed", () => _firmware.Http.Counters.BodiesStreamed);

            Add("dhcp", "droppedMalformed", () => Drops.Get(DropReason.DhcpMalformed));
            Add("dhcp", "droppedNotOurs", () => Drops.Get(DropReason.DhcpNotOurs));
            Add("dhcp", "declines", () => Stack.Dhcp == null ? 0 : Stack.Dhcp.Declines);
            Add("dhcp", "releases", () => Stack.Dhcp == null ? 0 : Stack.Dhcp.Releases);

            Add("dns", "queriesSent", () => Stack.Dns.Counters.QueriesSent);
            Add("dns", "retransmissions", () => Stack.Dns.Counters.Retransmissions);
            Add("dns", "answers", () => Stack.Dns.Counters.Answers);
            Add("dns", "cacheHits", () => Stack.Dns.Counters.CacheHits);
            Add("dns", "nameErrors", () => Stack.Dns.Counters.NameErrors);
            Add("dns", "noAddress", () => Stack.Dns.Counters.NoAddress);
            Add("dns", "timedOut", () => Stack.Dns.Counters.TimedOut);
            Add("dns", "cnamesFollowed", () => Stack.Dns.Counters.CnamesFollowed);
            Add("dns", "dropped", () => Stack.Dns.Counters.Dropped);
            Add("dns", "cacheEntries", () => Stack.Dns.CacheCount);

            Add("sntp", "requestsSent", () => Stack.Sntp == null ? 0 : Stack.Sntp.Counters.RequestsSent);
            Add("sntp", "replies", () => Stack.Sntp == null ? 0 : Stack.Sntp.Counters.Replies);
            Add("sntp", "unanswered", () => Stack.Sntp == null ? 0 : Stack.Sntp.Counters.Unanswered);
            Add("sntp", "nameNotResolved", () => Stack.Sntp == null ? 0 : Stack.Sntp.Counters.NameNotResolved);
            Add("sntp", "kissRate", () => Stack.Sntp == null ? 0 : Stack.Sntp.Counters.KissRate);
            Add("sntp", "kissDeny", () => Stack.Sntp == null ? 0 : Stack.Sntp.Counters.KissDeny);
            Add("sntp", "dropped", () => Stack.Sntp == null ? 0 : Stack.Sntp.Counters.Dropped);

            Add("mdns", "queriesAnswered", () => Stack.Mdns == null ? 0 : Stack.Mdns.Counters.QueriesAnswered);
            Add("mdns", "knownAnswersSuppressed", () => Stack.Mdns == null ? 0 : Stack.Mdns.Counters.KnownAnswersSuppressed);
            Add("mdns", "rateLimited", () => Stack.Mdns == null ? 0 : Stack.Mdns.Counters.RateLimited);
            Add("mdns", "probesSent", () => Stack.Mdns == null ? 0 : Stack.Mdns.Counters.ProbesSent);
            Add("mdns", "conflicts", () => Stack.Mdns == null ? 0 : Stack.Mdns.Counters.Conflicts);
            Add("mdns", "renames", () => Stack.Mdns == null ? 0 : Stack.Mdns.Counters.Renames);
            Add("mdns", "serviceRenames", () => Stack.Mdns == null ? 0 : Stack.Mdns.Counters.ServiceRenames);
            Add("mdns", "dropped", () => Stack.Mdns == null ? 0 : Stack.Mdns.Counters.Dropped);
        }

        private void Add(string layer, string name, CounterRead read)
        {
            _layers[_counterCount] = layer;
            _names[_counterCount] = name;
            _reads[_counterCount] = read;
            _counterCount++;
        }
    }
}
