using NanoTcp.Hardware;
using NanoTcp.Wire;

namespace NanoTcp.Tests.Arp
{
    /// <summary>
    /// One stack (10.0.0.1/24, MAC 02:00:5e:00:00:01, gateway 10.0.0.254) on an <see cref="ArpTestLink"/> with its own
    /// manual clock, and builders for the ARP and IPv4 frames its neighbours (02:00:5e:00:00:n = 10.0.0.n) would
    /// send. Arrays and plain methods only, so the tests can move to the portable folders.
    /// </summary>
    internal sealed class ArpBench : ITickSource
    {
        public const uint Subnet = 0x0A000000;
        public const uint Local = Subnet + 1;
        public const uint Gateway = Subnet + 254;

        private long _now = 1000;

        public ArpBench()
        {
            Link = new ArpTestLink(Mac(1));
            Stack = new NetworkStack(Link, this, new NetworkConfiguration { Address = Local, PrefixLength = 24, Gateway = Gateway });
            Stack.Udp.Bind(9, Discard);
            Stack.Poll();
            Link.ClearSent();
        }

        public ArpTestLink Link { get; }

        public NetworkStack Stack { get; }

        public long Milliseconds => _now;

        private static void Discard(byte[] buffer, int offset, int length, uint sourceAddress, ushort sourcePort, uint destinationAddress, ushort destinationPort)
        {
        }

        public static byte[] Mac(int n) => new byte[] { 0x02, 0x00, 0x5E, 0x00, 0x00, (byte)n };

        /// <summary>Moves the clock on and polls.</summary>
        public void Advance(long milliseconds)
        {
            _now += milliseconds;
            Stack.Poll();
        }

        /// <summary>Hands <paramref name="frame"/> to the stack and polls.</summary>
        public void Receive(byte[] frame)
        {
            Link.Deliver(frame);
            Stack.Poll();
        }

        /// <summary>Host 10.0.0.<paramref name="n"/> asks for our address, so the stack learns it (RFC 826) and answers.</summary>
        public void Learn(int n)
        {
            Receive(Arp(ArpPacket.OperationRequest, Mac(n), Subnet + (uint)n, Local, true));
            Link.ClearSent();
        }

        /// <summary>The MAC the cache holds for <paramref name="address"/>, or null.</summary>
        public byte[] CachedMac(uint address)
        {
            var mac = new byte[6];
            return Stack.Arp.TryGet(address, mac, 0) ? mac : null;
        }

        /// <summary>The state of the entry for <paramref name="address"/> (Free when there is none).</summary>
        public NanoTcp.Arp.ArpEntryState State(uint address)
        {
            for (int i = 0; i < Stack.Arp.Capacity; i++)
            {
                if (Stack.Arp.EntryState(i) != NanoTcp.Arp.ArpEntryState.Free && Stack.Arp.EntryAddress(i) == address)
                {
                    return Stack.Arp.EntryState(i);
                }
            }

            return NanoTcp.Arp.ArpEntryState.Free;
        }

        /// <summary>An Ethernet/ARP frame from <paramref name="senderMac"/>, broadcast or unicast to us.</summary>
        public static byte[] Arp(ushort operation, byte[] senderMac, uint sender, uint target, bool broadcast)
        {
            var frame = new byte[EthernetHeader.Length + ArpPacket.Length];
            if (broadcast)
            {
                EthernetHeader.SetBroadcastDestination(frame, 0);
            }
            else
            {
                EthernetHeader.SetDestination(frame, 0, Mac(1), 0);
            }

            EthernetHeader.SetSource(frame, 0, senderMac, 0);
            EthernetHeader.SetEtherType(frame, 0, EthernetHeader.EtherTypeArp);
            ArpPacket.Write(frame, EthernetHeader.Length, operation, senderMac, 0, sender, broadcast ? null : Mac(1), 0, target);
            return frame;
        }

        /// <summary>An IPv4 frame (UDP to port 9, no checksum) from <paramref name="source"/> at <paramref name="sourceMac"/> to us.</summary>
        public static byte[] Udp(byte[] sourceMac, uint source)
        {
            const int udpLength = 8 + 4;
            var frame = new byte[EthernetHeader.Length + Ipv4Header.MinLength + udpLength];
            EthernetHeader.SetDestination(frame, 0, Mac(1), 0);
            EthernetHeader.SetSource(frame, 0, sourceMac, 0);
            EthernetHeader.SetEtherType(frame, 0, EthernetHeader.EtherTypeIpv4);
            Ipv4Header.Write(frame, EthernetHeader.Length, Ipv4Header.MinLength + udpLength, 1, 64, Ipv4Header.ProtocolUdp, source, Local);
            int udp = EthernetHeader.Length + Ipv4Header.MinLength;
            UdpHeader.SetSourcePort(frame, udp, 9);
            UdpHeader.SetDestinationPort(frame, udp, 9);
            UdpHeader.SetDatagramLength(frame, udp, udpLength);
            return frame;
        }

        /// <summary>True when sent frame <paramref name="index"/> is an ARP request for <paramref name="target"/> to <paramref name="destinationMac"/> (null: broadcast).</summary>
        public bool SentRequest(int index, uint target, byte[] destinationMac)
        {
            byte[] frame = Link.Sent(index);
            if (EthernetHeader.EtherType(frame, 0) != EthernetHeader.EtherTypeArp || ArpPacket.Operation(frame, EthernetHeader.Length) != ArpPacket.OperationRequest
                || ArpPacket.TargetProtocolAddress(frame, EthernetHeader.Length) != target || ArpPacket.SenderProtocolAddress(frame, EthernetHeader.Length) != Local)
            {
                return false;
            }

            return destinationMac == null ? EthernetHeader.IsBroadcast(frame, 0) : Bytes.Equal(frame, 0, destinationMac, 0, 6);
        }

        public static bool SameMac(byte[] a, byte[] b) => a != null && b != null && Bytes.Equal(a, 0, b, 0, 6);
    }
}
