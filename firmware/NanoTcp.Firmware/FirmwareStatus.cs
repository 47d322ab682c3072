using NanoTcp.Arp;
using NanoTcp.Dhcp;
using NanoTcp.Drivers.Enc28j60;
using NanoTcp.Http;
using NanoTcp.Ipv4;
using NanoTcp.Tcp;

namespace NanoTcp.Firmware
{
    /// <summary>
    /// The status page's view of a running <see cref="NanoTcpFirmware"/>: link, IPv4 configuration and where it came
    /// from, uptime, counters of each layer (ENC28J60 when there is one, Ethernet, ARP, IPv4, ICMP, TCP, HTTP, DNS, SNTP), UTC and its sync state, the
    /// connection table, the TIME-WAIT records and the ARP cache. Everything is read live; nothing is allocated.
    /// </summary>
    public sealed class FirmwareStatus : IStatusSource
    {
        // Counter list: the ENC28J60 group first (only with a driver), then the others. Names are JSON identifiers.
        private static readonly string[] DriverNames =
        {
            "framesReceived", "framesSent", "receiveCrcErrors", "receiveOverflows", "receiveResets", "transmitRetries", "transmitAborts", "linkChanges",
        };

        private static readonly string[] Layers =
        {
            "ethernet", "ethernet", "ethernet", "ethernet", "ethernet",
            "arp", "arp", "arp", "arp", "arp", "arp", "arp", "arp", "arp", "arp", "arp",
            "ipv4",
            "icmp",
            "tcp", "tcp", "tcp", "tcp", "tcp", "tcp", "tcp", "tcp", "tcp", "tcp", "tcp", "tcp",
            "http", "http", "http", "http", "http", "http", "http", "http",
            "dns", "dns", "dns", "dns", "dns", "dns", "dns", "dns", "dns", "dns",
            "sntp", "sntp", "sntp", "sntp", "sntp", "sntp",
        };

        private static readonly string[] Names =
        {
            "framesReceived", "framesSent", "droppedTruncated", "droppedNotForUs", "droppedUnknownEtherType",
            "entries", "droppedMalformed", "droppedBadSenderMac", "droppedBadSenderAddress", "conflicts", "replaced", "revalidations",
            "unicastRequests", "unresolved", "queueFull", "evicted",
            "packetsDropped",
            "echoRequestsAnswered",
            "segmentsReceived", "segmentsSent", "retransmissions", "resetsSent", "resetsReceived", "synCookiesSent", "synCookiesAccepted",
            "droppedBadChecksum", "droppedNoSlot", "droppedListenOverflow", "connectionsInUse", "timeWaitRecords",
            "connectionsAccepted", "requestsServed", "badRequests", "notFound", "timeouts", "handlerFailures", "connectionsLost", "openConnections",
            "queriesSent", "retransmissions", "answers", "cacheHits", "nameErrors", "noAddress", "timedOut", "cnamesFollowed", "dropped", "cacheEntries",
            "requestsSent", "replies", "unanswered", "kissRate", "kissDeny", "dropped",
        };

        // Where the TCP and HTTP groups start in Names (the switch below counts from there).
        private const int TcpFirst = 18;

        // Where the DNS group starts, counted from TcpFirst (12 TCP and 8 HTTP counters before it).
        private const int DnsFromTcp = 20;

        // Where the SNTP group starts, counted from the DNS group (10 DNS counters before it).
        private const int SntpFromDns = 10;

        private readonly NanoTcpFirmware _firmware;
        private readonly bool _dhcp;
        private readonly long _start;
        private readonly int _driverCounters;

        internal FirmwareStatus(NanoTcpFirmware firmware, bool dhcp, long start)
        {
            _firmware = firmware;
            _dhcp = dhcp;
            _start = start;
            _driverCounters = firmware.Driver != null ? DriverNames.Length : 0;
        }

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

        public bool TimeSynchronized => _firmware.Stack.Sntp != null && _firmware.Stack.Sntp.IsSynchronized;

        public long UtcMilliseconds => _firmware.Stack.Sntp == null ? 0 : _firmware.Stack.Sntp.UtcMilliseconds;

        public uint TimeServer => _firmware.Stack.Sntp == null ? 0 : _firmware.Stack.Sntp.Server;

        public int CounterCount => _driverCounters + Names.Length;

        public string CounterLayer(int index) => index < _driverCounters ? "enc28j60" : Layers[index - _driverCounters];

        public string CounterName(int index) => index < _driverCounters ? DriverNames[index] : Names[index - _driverCounters];

        public long CounterValue(int index)
        {
            if (index < _driverCounters)
            {
                return DriverCounter(_firmware.Driver.Statistics, index);
            }

            NetworkStack stack = _firmware.Stack;
            ArpCache arp = stack.Arp;
            DropCounters drops = stack.Drops;
            int at = index - _driverCounters;
            switch (at)
            {
                case 0: return stack.FramesReceived;
                case 1: return stack.FramesSent;
                case 2: return drops.Get(DropReason.EthernetTruncated);
                case 3: return drops.Get(DropReason.EthernetNotForUs);
                case 4: return drops.Get(DropReason.UnknownEtherType);
                case 5: return arp.Count;
                case 6: return drops.Get(DropReason.ArpMalformed);
                case 7: return drops.Get(DropReason.ArpBadSenderHardwareAddress);
                case 8: return drops.Get(DropReason.ArpBadSenderProtocolAddress);
                case 9: return arp.Conflicts;
                case 10: return arp.Replaced;
                case 11: return arp.Revalidations;
                case 12: return arp.UnicastRequestsSent;
                case 13: return drops.Get(DropReason.ArpUnresolved);
                case 14: return drops.Get(DropReason.ArpQueueFull);
                case 15: return drops.Get(DropReason.ArpEvicted);
                case 16: return drops.Total;
                case 17: return stack.Icmp.EchoRequestsAnswered;
            }

            TcpCounters tcp = _firmware.Tcp.Counters;
            HttpCounters http = _firmware.Http.Counters;
            switch (at - TcpFirst)
            {
                case 0: return tcp.SegmentsReceived;
                case 1: return tcp.SegmentsSent;
                case 2: return tcp.Retransmissions;
                case 3: return tcp.ResetsSent;
                case 4: return tcp.ResetsReceived;
                case 5: return tcp.SynCookiesSent;
                case 6: return tcp.SynCookiesAccepted;
                case 7: return tcp.DroppedBadChecksum;
                case 8: return tcp.DroppedNoSlot;
                case 9: return tcp.DroppedListenOverflow;
                case 10: return _firmware.Tcp.ConnectionsInUse;
                case 11: return _firmware.Tcp.TimeWaitRecords.Count;
                case 12: return http.ConnectionsAccepted;
                case 13: return http.RequestsServed;
                case 14: return http.BadRequests;
                case 15: return http.NotFound;
                case 16: return http.Timeouts;
                case 17: return http.HandlerFailures;
                case 18: return http.ConnectionsLost;
                case 19: return _firmware.Http.OpenConnections;
            }

            NanoTcp.Dns.DnsClient dns = stack.Dns;
            NanoTcp.Dns.DnsCounters names = dns.Counters;
            switch (at - TcpFirst - DnsFromTcp)
            {
                case 0: return names.QueriesSent;
                case 1: return names.Retransmissions;
                case 2: return names.Answers;
                case 3: return names.CacheHits;
                case 4: return names.NameErrors;
                case 5: return names.NoAddress;
                case 6: return names.TimedOut;
                case 7: return names.CnamesFollowed;
                case 8: return names.Dropped;
                case 9: return dns.CacheCount;
            }

            NanoTcp.Sntp.SntpClient sntp = stack.Sntp;
            if (sntp == null)
            {
                return 0;
            }

            NanoTcp.Sntp.SntpCounters time = sntp.Counters;
            switch (at - TcpFirst - DnsFromTcp - SntpFromDns)
            {
                case 0: return time.RequestsSent;
                case 1: return time.Replies;
                case 2: return time.Unanswered;
                case 3: return time.KissRate;
                case 4: return time.KissDeny;
                case 5: return time.Dropped;
                default: return 0;
            }
        }

        public int ConnectionSlotCount => _firmware.Tcp.SlotCount;

        public TcpState ConnectionState(int slot) => _firmware.Tcp.Slot(slot).State;

        // A CLOSED slot keeps the four-tuple of its last connection inside the TCP layer; the table shows it empty.
        public int ConnectionLocalPort(int slot) => InUse(slot) ? _firmware.Tcp.Slot(slot).LocalPort : 0;

        public uint ConnectionRemoteAddress(int slot) => InUse(slot) ? _firmware.Tcp.Slot(slot).RemoteAddress : 0;

        public int ConnectionRemotePort(int slot) => InUse(slot) ? _firmware.Tcp.Slot(slot).RemotePort : 0;

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

        private bool InUse(int slot) => _firmware.Tcp.Slot(slot).State != TcpState.Closed;

        private static long DriverCounter(Enc28j60Statistics statistics, int index)
        {
            switch (index)
            {
                case 0: return statistics.FramesReceived;
                case 1: return statistics.FramesSent;
                case 2: return statistics.ReceiveCrcErrors;
                case 3: return statistics.ReceiveOverflows;
                case 4: return statistics.ReceiveResets;
                case 5: return statistics.TransmitRetries;
                case 6: return statistics.TransmitAborts;
                default: return statistics.LinkChanges;
            }
        }
    }
}
