using System;
using System.Collections;
using NanoTcp.Tests.Ipv4;
using NanoTcp.Wire;
using NanoTcp.Hardware.Simulation;

namespace NanoTcp.Tests.Dhcp
{
    /// <summary>A DHCP server written for the tests: answers DISCOVER and REQUEST as its settings say and records what it saw.</summary>
    internal sealed class ScriptedDhcpServer
    {
        public const uint ServerAddress = Network.Subnet + 200;
        public const uint Offered = Network.Subnet + 50;

        private readonly ScriptedHost _host;
        private readonly NanoTcp.Hardware.Simulation.ManualClock _clock;

        public ScriptedDhcpServer(Network net)
        {
            _host = net.AddHost(200);
            _clock = net.Clock;
            net.AddResponder(Step);
        }

        public uint LeaseSeconds { get; set; } = 100;

        public bool Silent { get; set; }

        /// <summary>Options 58 and 59 (T1, T2) in seconds; 0 leaves them out.</summary>
        public uint RenewalSeconds { get; set; }

        public uint RebindingSeconds { get; set; }

        public bool NakRequests { get; set; }

        /// <summary>Addresses sent in option 42 (null: no option 42).</summary>
        public uint[] NtpServers { get; set; }

        public SeenList Messages { get; } = new SeenList();

        public FrameList ArpFrames { get; } = new FrameList();

        /// <summary>The messages the server saw, oldest first (List&lt;T&gt; is generic).</summary>
        internal sealed class SeenList
        {
            private readonly ArrayList _items = new ArrayList();

            public int Count => _items.Count;

            public Seen this[int index] => (Seen)_items[index];

            public void Add(Seen seen)
            {
                _items.Add(seen);
            }

            public Seen Last()
            {
                return this[_items.Count - 1];
            }
        }

        internal sealed class Seen
        {
            public byte Type;
            public uint IpDestination;
            public bool EthernetBroadcast;
            public uint ClientAddress;
            public ushort Flags;
            public uint RequestedAddress;
            public uint ServerIdentifier;
            public long Time;
            public int UdpLength;
        }

        private void Step()
        {
            foreach (byte[] frame in _host.Drain())
            {
                if (EthernetHeader.EtherType(frame, 0) == EthernetHeader.EtherTypeArp)
                {
                    ArpFrames.Add(frame);
                    if (ArpPacket.Operation(frame, 14) == ArpPacket.OperationRequest && ArpPacket.TargetProtocolAddress(frame, 14) == ServerAddress)
                    {
                        var senderMac = new byte[6];
                        Array.Copy(frame, 22, senderMac, 0, 6);
                        _host.Send(Frames.Arp(ArpPacket.OperationReply, _host.Mac, ServerAddress, senderMac, ArpPacket.SenderProtocolAddress(frame, 14)));
                    }

                    continue;
                }

                if (!ScriptedHost.IsIpv4(frame, Ipv4Header.ProtocolUdp) || UdpHeader.DestinationPort(frame, 34) != DhcpMessage.ServerPort)
                {
                    continue;
                }

                int udpLength = UdpHeader.DatagramLength(frame, 34);
                int dhcp = 42;
                int dhcpLength = udpLength - 8;
                if (!DhcpMessage.IsValid(frame, dhcp, dhcpLength))
                {
                    throw new InvalidOperationException("the client sent a malformed DHCP message");
                }

                int options = dhcp + DhcpMessage.OptionsOffset;
                int optionsLength = dhcpLength - DhcpMessage.OptionsOffset;
                var seen = new Seen
                {
                    Type = (byte)DhcpOptions.FindByte(frame, options, optionsLength, DhcpOptions.MessageType),
                    IpDestination = Ipv4Header.Destination(frame, 14),
                    EthernetBroadcast = EthernetHeader.IsBroadcast(frame, 0),
                    ClientAddress = DhcpMessage.ClientAddress(frame, dhcp),
                    Flags = DhcpMessage.Flags(frame, dhcp),
                    RequestedAddress = DhcpOptions.FindUInt32(frame, options, optionsLength, DhcpOptions.RequestedIpAddress, 0),
                    ServerIdentifier = DhcpOptions.FindUInt32(frame, options, optionsLength, DhcpOptions.ServerIdentifier, 0),
                    Time = _clock.Milliseconds,
                    UdpLength = udpLength,
                };
                Messages.Add(seen);
                if (Silent)
                {
                    continue;
                }

                byte reply = seen.Type == DhcpMessage.TypeDiscover ? DhcpMessage.TypeOffer
                    : seen.Type == DhcpMessage.TypeRequest ? (NakRequests ? DhcpMessage.TypeNak : DhcpMessage.TypeAck)
                    : (byte)0;
                if (reply != 0)
                {
                    Reply(frame, dhcp, reply);
                }
            }
        }

        private void Reply(byte[] request, int dhcp, byte type)
        {
            var message = new byte[300];
            var clientMac = new byte[6];
            Array.Copy(request, dhcp + 28, clientMac, 0, 6);
            DhcpMessage.WriteFixed(message, 0, DhcpMessage.OpBootReply, DhcpMessage.TransactionId(request, dhcp), 0, DhcpMessage.Flags(request, dhcp), 0, type == DhcpMessage.TypeNak ? 0 : Offered, clientMac, 0);
            int at = DhcpMessage.OptionsOffset;
            at = DhcpOptions.WriteByte(message, at, DhcpOptions.MessageType, type);
            at = DhcpOptions.WriteUInt32(message, at, DhcpOptions.ServerIdentifier, ServerAddress);
            if (type != DhcpMessage.TypeNak)
            {
                at = DhcpOptions.WriteUInt32(message, at, DhcpOptions.IpAddressLeaseTime, LeaseSeconds);
                at = DhcpOptions.WriteUInt32(message, at, DhcpOptions.SubnetMask, 0xFFFFFF00);
                if (RenewalSeconds != 0)
                {
                    at = DhcpOptions.WriteUInt32(message, at, DhcpOptions.RenewalTime, RenewalSeconds);
                    at = DhcpOptions.WriteUInt32(message, at, DhcpOptions.RebindingTime, RebindingSeconds);
                }

                at = DhcpOptions.WriteUInt32(message, at, DhcpOptions.Router, Network.Subnet + 254);
                message[at++] = DhcpOptions.DomainNameServer;
                message[at++] = 8;
                Bytes.WriteUInt32(message, at, Network.Subnet + 53);
                Bytes.WriteUInt32(message, at + 4, Network.Subnet + 54);
                at += 8;
                if (NtpServers != null)
                {
                    message[at++] = DhcpOptions.NtpServers;
                    message[at++] = (byte)(4 * NtpServers.Length);
                    for (int i = 0; i < NtpServers.Length; i++)
                    {
                        Bytes.WriteUInt32(message, at, NtpServers[i]);
                        at += 4;
                    }
                }
            }

            message[at] = DhcpOptions.End;
            bool broadcast = (DhcpMessage.Flags(request, dhcp) & DhcpMessage.FlagBroadcast) != 0 || DhcpMessage.ClientAddress(request, dhcp) == 0;
            uint destination = broadcast ? 0xFFFFFFFF : DhcpMessage.ClientAddress(request, dhcp);
            _host.Send(Frames.Udp(broadcast ? Frames.Broadcast : clientMac, _host.Mac, ServerAddress, destination, DhcpMessage.ServerPort, DhcpMessage.ClientPort, message));
        }
    }
}
