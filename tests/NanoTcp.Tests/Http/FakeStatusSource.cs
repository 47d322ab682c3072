using NanoTcp.Http;
using NanoTcp.Tcp;

namespace NanoTcp.Tests.Http
{
    /// <summary>
    /// Fixed status: link up, 10.0.0.1/24 via DHCP, three counters in two layers, two slots (one ESTABLISHED), one
    /// TIME-WAIT record in two, one ARP entry in two slots. Idle: no gateway, every slot CLOSED, the tables empty.
    /// </summary>
    public sealed class FakeStatusSource : IStatusSource
    {
        private readonly bool _idle;

        public FakeStatusSource()
            : this(false)
        {
        }

        public FakeStatusSource(bool idle)
        {
            _idle = idle;
        }

        private static readonly string[] Layers = { "ipv4", "ipv4", "tcp", "tcp", "tcp", "tcp" };
        private static readonly string[] Names = { "packetsReceived", "packetsSent", "resetsSent", "droppedBadChecksum", "droppedNoSlot", "dropped" };
        private static readonly long[] Values = { 12, 34, 5, 0, 7, 7 };

        public bool LinkUp => true;

        public void GetMacAddress(byte[] buffer, int offset)
        {
            buffer[offset] = 0x02;
            buffer[offset + 1] = 0x00;
            buffer[offset + 2] = 0x5E;
            buffer[offset + 3] = 0x00;
            buffer[offset + 4] = 0xAB;
            buffer[offset + 5] = 0x01;
        }

        public uint Address => 0x0A000001;

        public int PrefixLength => 24;

        public uint Gateway => _idle ? 0u : 0x0A0000FEu;

        public AddressOrigin AddressOrigin => AddressOrigin.Dhcp;

        public long UptimeMilliseconds => 61500;

        public string HostName { get; set; } = "nanotcp-2.local";

        public string HostNameState => "announced";

        public bool HostNameRenamed => true;

        public string ServiceName { get; set; } = "Board <1> (2)._http._tcp.local";

        public bool TimeSynchronized => true;

        public long UtcMilliseconds => 1796515200123; // 2026-12-06T00:00:00.123Z

        public uint TimeServer => 0x0A00007B;

        public int CounterCount => Names.Length;

        public string CounterLayer(int index) => Layers[index];

        public string CounterName(int index) => Names[index];

        public long CounterValue(int index) => Values[index];

        public int ConnectionSlotCount => 2;

        public TcpState ConnectionState(int slot) => slot == 0 && !_idle ? TcpState.Established : TcpState.Closed;

        public int ConnectionLocalPort(int slot) => slot == 0 ? 80 : 0;

        public uint ConnectionRemoteAddress(int slot) => slot == 0 ? 0x0A000002u : 0u;

        public int ConnectionRemotePort(int slot) => slot == 0 ? 40000 : 0;

        public int TimeWaitCapacity => 2;

        public bool TimeWaitInUse(int index) => index == 1 && !_idle;

        public int TimeWaitLocalPort(int index) => 80;

        public uint TimeWaitRemoteAddress(int index) => 0x0A000003;

        public int TimeWaitRemotePort(int index) => 40001;

        public long TimeWaitRemainingMilliseconds(int index) => 59000;

        public int ArpEntryCapacity => 2;

        public string ArpEntryState(int index) => index == 0 && !_idle ? "REACHABLE" : null;

        public uint ArpEntryAddress(int index) => index == 0 ? 0x0A000002u : 0u;

        public void GetArpEntryMac(int index, byte[] buffer, int offset)
        {
            buffer[offset] = 0x02;
            buffer[offset + 1] = 0x00;
            buffer[offset + 2] = 0x5E;
            buffer[offset + 3] = 0x00;
            buffer[offset + 4] = 0x00;
            buffer[offset + 5] = (byte)(index + 2);
        }

        public long ArpEntryAgeMilliseconds(int index) => 1500;
    }
}
