using System;
using System.Collections;
using NanoTcp.Tests.Ipv4;
using NanoTcp.Wire;

namespace NanoTcp.Tests.Mdns
{
    /// <summary>
    /// Another host on the wire that speaks mDNS by hand: sends queries and responses built with
    /// <see cref="MdnsMessageBuilder"/> to the group or to the board, answers ARP for its address, and keeps every mDNS
    /// packet it receives with the clock time of its arrival (<see cref="MdnsPacket"/>).
    /// </summary>
    internal sealed class MdnsPeer
    {
        public static readonly byte[] GroupMac = { 0x01, 0x00, 0x5E, 0x00, 0x00, 0xFB };

        private readonly Network _net;
        private readonly ScriptedHost _host;

        public MdnsPeer(Network net, int n)
        {
            _net = net;
            _host = net.AddHost(n);
            net.AddResponder(Step);
        }

        public uint Address => _host.Address;

        /// <summary>Every mDNS packet received (source port 5353), in order.</summary>
        public ArrayList Packets { get; } = new ArrayList();

        public MdnsPacket Last => (MdnsPacket)Packets[Packets.Count - 1];

        /// <summary>Sends <paramref name="message"/> to 224.0.0.251 from <paramref name="sourcePort"/>.</summary>
        public void SendToGroup(byte[] message, ushort sourcePort = MdnsMessage.Port)
        {
            _host.Send(Frames.Udp(GroupMac, _host.Mac, _host.Address, MdnsMessage.GroupAddress, sourcePort, MdnsMessage.Port, message));
        }

        /// <summary>Sends <paramref name="message"/> to the board's own address and port 5353.</summary>
        public void SendTo(byte[] boardMac, uint board, byte[] message, ushort sourcePort = MdnsMessage.Port)
        {
            _host.Send(Frames.Udp(boardMac, _host.Mac, _host.Address, board, sourcePort, MdnsMessage.Port, message));
        }

        /// <summary>Sends a raw frame (for the tests of the IPv4 layer).</summary>
        public void SendFrame(byte[] frame) => _host.Send(frame);

        public byte[] Mac => _host.Mac;

        /// <summary>Packets received so far whose first record or question is of the given kind.</summary>
        public int Count(MdnsPacketKind kind)
        {
            int count = 0;
            foreach (MdnsPacket packet in Packets)
            {
                if (packet.Kind == kind)
                {
                    count++;
                }
            }

            return count;
        }

        /// <summary>The <paramref name="index"/>-th packet of <paramref name="kind"/>.</summary>
        public MdnsPacket Nth(MdnsPacketKind kind, int index)
        {
            foreach (MdnsPacket packet in Packets)
            {
                if (packet.Kind == kind && index-- == 0)
                {
                    return packet;
                }
            }

            throw new InvalidOperationException("fewer packets of that kind than expected");
        }

        private void Step()
        {
            foreach (byte[] frame in _host.Drain())
            {
                if (ScriptedHost.IsArp(frame, ArpPacket.OperationRequest) && ArpPacket.TargetProtocolAddress(frame, 14) == _host.Address)
                {
                    var senderMac = new byte[6];
                    Array.Copy(frame, 22, senderMac, 0, 6);
                    _host.Send(Frames.Arp(ArpPacket.OperationReply, _host.Mac, _host.Address, senderMac, ArpPacket.SenderProtocolAddress(frame, 14)));
                    continue;
                }

                if (ScriptedHost.IsIpv4(frame, Ipv4Header.ProtocolUdp) && UdpHeader.SourcePort(frame, 34) == MdnsMessage.Port)
                {
                    Packets.Add(new MdnsPacket(frame, _net.Clock.Milliseconds));
                }
            }
        }
    }
}
