using System;
using NanoTcp.Wire;

namespace NanoTcp.Tests.Ipv4
{
    /// <summary>Builds test frames by hand (Ethernet + ARP / IPv4 + ICMP / UDP) for scripted peers.</summary>
    internal static class Frames
    {
        public static readonly byte[] Broadcast = { 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF };

        public static byte[] Mac(int n) => new byte[] { 0x02, 0x00, 0x5E, 0x00, 0x00, (byte)n };

        public static uint Ip(int a, int b, int c, int d) => ((uint)a << 24) | ((uint)b << 16) | ((uint)c << 8) | (uint)d;

        public static byte[] Ethernet(byte[] destination, byte[] source, ushort etherType, int payloadLength)
        {
            var frame = new byte[EthernetHeader.Length + payloadLength];
            Array.Copy(destination, 0, frame, 0, 6);
            Array.Copy(source, 0, frame, 6, 6);
            EthernetHeader.SetEtherType(frame, 0, etherType);
            return frame;
        }

        public static byte[] Arp(ushort operation, byte[] senderMac, uint senderIp, byte[] targetMac, uint targetIp, byte[] ethernetDestination = null)
        {
            var frame = Ethernet(ethernetDestination ?? (operation == ArpPacket.OperationRequest ? Broadcast : targetMac), senderMac, EthernetHeader.EtherTypeArp, ArpPacket.Length);
            ArpPacket.Write(frame, 14, operation, senderMac, 0, senderIp, targetMac, 0, targetIp);
            return frame;
        }

        public static byte[] Ipv4(byte[] destinationMac, byte[] sourceMac, uint source, uint destination, byte protocol, byte[] payload, ushort identification = 1, ushort flags = Ipv4Header.DontFragment, byte ttl = 64)
        {
            var frame = Ethernet(destinationMac, sourceMac, EthernetHeader.EtherTypeIpv4, 20 + payload.Length);
            Ipv4Header.Write(frame, 14, 20 + payload.Length, identification, ttl, protocol, source, destination);
            if (flags != Ipv4Header.DontFragment)
            {
                Ipv4Header.SetFlagsAndFragmentOffset(frame, 14, flags);
                Ipv4Header.SetHeaderChecksum(frame, 14, 0);
                Ipv4Header.SetHeaderChecksum(frame, 14, InternetChecksum.Compute(frame, 14, 20));
            }

            Array.Copy(payload, 0, frame, 34, payload.Length);
            return frame;
        }

        public static byte[] UdpDatagram(uint source, uint destination, ushort sourcePort, ushort destinationPort, byte[] data, bool checksum = true)
        {
            var datagram = new byte[8 + data.Length];
            UdpHeader.SetSourcePort(datagram, 0, sourcePort);
            UdpHeader.SetDestinationPort(datagram, 0, destinationPort);
            UdpHeader.SetDatagramLength(datagram, 0, datagram.Length);
            Array.Copy(data, 0, datagram, 8, data.Length);
            if (checksum)
            {
                UdpHeader.FillChecksum(datagram, 0, datagram.Length, source, destination);
            }

            return datagram;
        }

        public static byte[] Udp(byte[] destinationMac, byte[] sourceMac, uint source, uint destination, ushort sourcePort, ushort destinationPort, byte[] data, bool checksum = true)
        {
            return Ipv4(destinationMac, sourceMac, source, destination, Ipv4Header.ProtocolUdp, UdpDatagram(source, destination, sourcePort, destinationPort, data, checksum));
        }

        public static byte[] IcmpEcho(byte type, ushort identifier, ushort sequence, byte[] data)
        {
            var message = new byte[8 + data.Length];
            IcmpHeader.SetType(message, 0, type);
            IcmpHeader.SetIdentifier(message, 0, identifier);
            IcmpHeader.SetSequenceNumber(message, 0, sequence);
            Array.Copy(data, 0, message, 8, data.Length);
            IcmpHeader.FillChecksum(message, 0, message.Length);
            return message;
        }

        public static byte[] Ping(byte[] destinationMac, byte[] sourceMac, uint source, uint destination, ushort identifier, ushort sequence, byte[] data)
        {
            return Ipv4(destinationMac, sourceMac, source, destination, Ipv4Header.ProtocolIcmp, IcmpEcho(IcmpHeader.TypeEchoRequest, identifier, sequence, data));
        }

        /// <summary>A copy of <paramref name="length"/> bytes of <paramref name="buffer"/> from <paramref name="offset"/>.</summary>
        public static byte[] Slice(byte[] buffer, int offset, int length)
        {
            var copy = new byte[length];
            Array.Copy(buffer, offset, copy, 0, length);
            return copy;
        }

        public static byte[] Pattern(int length, int seed = 0)
        {
            var data = new byte[length];
            for (int i = 0; i < length; i++)
            {
                data[i] = (byte)(i * 7 + seed);
            }

            return data;
        }
    }
}
