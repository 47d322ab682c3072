using NanoTcp.Tcp;

namespace NanoTcp.Http
{
    /// <summary>
    /// What the status page and /api/status show, read live from the firmware (which implements this over its link,
    /// stack and TCP layer). Reads must not allocate. Counters are one flat list; consecutive counters with the same
    /// <see cref="CounterLayer"/> form one group on the page.
    /// </summary>
    public interface IStatusSource
    {
        bool LinkUp { get; }

        /// <summary>Writes the 6-byte MAC address at <paramref name="offset"/>.</summary>
        void GetMacAddress(byte[] buffer, int offset);

        /// <summary>The IPv4 address (10.0.0.1 = 0x0A000001), 0 while there is none.</summary>
        uint Address { get; }

        int PrefixLength { get; }

        uint Gateway { get; }

        AddressOrigin AddressOrigin { get; }

        long UptimeMilliseconds { get; }

        /// <summary>The mDNS name, "nanotcp.local", or null when the responder is off.</summary>
        string HostName { get; }

        /// <summary>Where the responder stands with the name: "waiting", "probing", "announcing", "announced", "off".</summary>
        string HostNameState { get; }

        /// <summary>True when a conflict made the responder take another name than the configured one.</summary>
        bool HostNameRenamed { get; }

        /// <summary>The DNS-SD service advertised, "nanotcp._http._tcp.local", or null when there is none.</summary>
        string ServiceName { get; }

        /// <summary>True once the SNTP client set the wall clock from a server.</summary>
        bool TimeSynchronized { get; }

        /// <summary>UTC now, milliseconds since 1970-01-01T00:00:00Z (0 while not synchronised).</summary>
        long UtcMilliseconds { get; }

        /// <summary>The SNTP server asked (or to be asked next), 0 when there is none.</summary>
        uint TimeServer { get; }

        int CounterCount { get; }

        /// <summary>The layer a counter belongs to: a constant such as "ethernet", "arp", "ipv4", "tcp", "http".</summary>
        string CounterLayer(int index);

        /// <summary>The counter's name, a constant identifier such as "framesReceived".</summary>
        string CounterName(int index);

        long CounterValue(int index);

        /// <summary>The number of TCP connection slots (the table has one row per slot).</summary>
        int ConnectionSlotCount { get; }

        TcpState ConnectionState(int slot);

        int ConnectionLocalPort(int slot);

        uint ConnectionRemoteAddress(int slot);

        int ConnectionRemotePort(int slot);

        /// <summary>The number of TIME-WAIT records (in use or not).</summary>
        int TimeWaitCapacity { get; }

        bool TimeWaitInUse(int index);

        int TimeWaitLocalPort(int index);

        uint TimeWaitRemoteAddress(int index);

        int TimeWaitRemotePort(int index);

        /// <summary>Time until the record expires (2·MSL from the last FIN).</summary>
        long TimeWaitRemainingMilliseconds(int index);

        /// <summary>The number of ARP cache slots (in use or not).</summary>
        int ArpEntryCapacity { get; }

        /// <summary>The entry's state ("INCOMPLETE", "REACHABLE", "PROBE"), or null when the slot is free.</summary>
        string ArpEntryState(int index);

        uint ArpEntryAddress(int index);

        /// <summary>Writes the entry's 6-byte MAC address (zero while incomplete) at <paramref name="offset"/>.</summary>
        void GetArpEntryMac(int index, byte[] buffer, int offset);

        /// <summary>Time since the entry was learned or last confirmed.</summary>
        long ArpEntryAgeMilliseconds(int index);
    }
}
