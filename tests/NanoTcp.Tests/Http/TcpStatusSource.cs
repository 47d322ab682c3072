using NanoTcp.Hardware;
using NanoTcp.Http;
using NanoTcp.Ipv4;
using NanoTcp.Tcp;

namespace NanoTcp.Tests.Http
{
    /// <summary>A status source over a real stack and TCP layer, the way the firmware composition will read them.</summary>
    public sealed class TcpStatusSource : IStatusSource
    {
        private static readonly string[] Layers = { "ethernet", "ethernet", "ipv4", "tcp", "tcp", "tcp" };
        private static readonly string[] Names = { "framesReceived", "framesSent", "drops", "segmentsReceived", "segmentsSent", "resetsSent" };

        private readonly TcpLayer _tcp;
        private readonly NetworkStack _stack;
        private readonly ITickSource _clock;
        private readonly long _start;

        public TcpStatusSource(TcpLayer tcp, NetworkStack stack, ITickSource clock)
        {
            _tcp = tcp;
            _stack = stack;
            _clock = clock;
            _start = clock.Milliseconds;
        }

        public bool LinkUp => true;

        public void GetMacAddress(byte[] buffer, int offset) => _stack.GetMacAddress(buffer, offset);

        public uint Address => _stack.Ipv4Layer.LocalAddress;

        public int PrefixLength => Ipv4Layer.PrefixOfMask(_stack.Ipv4Layer.SubnetMask);

        public uint Gateway => _stack.Ipv4Layer.Gateway;

        public AddressOrigin AddressOrigin => AddressOrigin.Static;

        public long UptimeMilliseconds => _clock.Milliseconds - _start;

        public string HostName => null;

        public string HostNameState => "off";

        public bool HostNameRenamed => false;

        public string ServiceName => null;

        public bool TimeSynchronized => false;

        public long UtcMilliseconds => 0;

        public uint TimeServer => 0;

        public int CounterCount => Names.Length;

        public string CounterLayer(int index) => Layers[index];

        public string CounterName(int index) => Names[index];

        public long CounterValue(int index)
        {
            switch (index)
            {
                case 0: return _stack.FramesReceived;
                case 1: return _stack.FramesSent;
                case 2: return _stack.Drops.Total;
                case 3: return _tcp.Counters.SegmentsReceived;
                case 4: return _tcp.Counters.SegmentsSent;
                default: return _tcp.Counters.ResetsSent;
            }
        }

        public int ConnectionSlotCount => _tcp.SlotCount;

        public TcpState ConnectionState(int slot) => _tcp.Slot(slot).State;

        public int ConnectionLocalPort(int slot) => _tcp.Slot(slot).LocalPort;

        public uint ConnectionRemoteAddress(int slot) => _tcp.Slot(slot).RemoteAddress;

        public int ConnectionRemotePort(int slot) => _tcp.Slot(slot).RemotePort;

        public int TimeWaitCapacity => _tcp.TimeWaitRecords.Capacity;

        public bool TimeWaitInUse(int index) => _tcp.TimeWaitRecords.InUse(index);

        public int TimeWaitLocalPort(int index) => _tcp.TimeWaitRecords.LocalPort(index);

        public uint TimeWaitRemoteAddress(int index) => _tcp.TimeWaitRecords.RemoteAddress(index);

        public int TimeWaitRemotePort(int index) => _tcp.TimeWaitRecords.RemotePort(index);

        public long TimeWaitRemainingMilliseconds(int index) => _tcp.TimeWaitRecords.Expiry(index) - _clock.Milliseconds;

        public int ArpEntryCapacity => 0;

        public string ArpEntryState(int index) => null;

        public uint ArpEntryAddress(int index) => 0;

        public void GetArpEntryMac(int index, byte[] buffer, int offset)
        {
        }

        public long ArpEntryAgeMilliseconds(int index) => 0;
    }
}
