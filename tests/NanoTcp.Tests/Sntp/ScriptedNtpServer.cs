using System;
using System.Collections;
using NanoTcp.Sntp;
using NanoTcp.Tests.Ipv4;
using NanoTcp.Wire;

namespace NanoTcp.Tests.Sntp
{
    /// <summary>Makes a bad datagram from the good reply a server would send (for the malformed-reply tests).</summary>
    internal delegate byte[] BadNtpReply(byte[] good);

    /// <summary>
    /// An NTP server written for the tests, on its own scripted host: its clock is the wire's manual clock plus
    /// <see cref="UtcAtZero"/>; it answers each request (mode 4, stratum <see cref="Stratum"/>, the request's transmit
    /// timestamp as originate) after <see cref="HoldMilliseconds"/>, or with a kiss-o'-death when <see cref="Kiss"/> is
    /// set, or not at all while <see cref="Silent"/>. <see cref="Corrupt"/> sends a bad datagram before each good reply.
    /// </summary>
    internal sealed class ScriptedNtpServer
    {
        private readonly ScriptedHost _host;
        private readonly ScriptedHost _spoofer;
        private readonly Network _net;
        private readonly ArrayList _held = new ArrayList();

        public ScriptedNtpServer(Network net, int n)
        {
            _net = net;
            _host = net.AddHost(n);
            _spoofer = net.AddHost(n + 100);
            net.AddResponder(Step);
        }

        public uint Address => _host.Address;

        /// <summary>UTC (Unix ms) when the manual clock reads 0.</summary>
        public long UtcAtZero { get; set; } = 1796515200000; // 2026-12-06T00:00:00Z

        public int Stratum { get; set; } = 2;

        public int Leap { get; set; }

        /// <summary>A kiss code to answer with (stratum 0), or 0.</summary>
        public uint Kiss { get; set; }

        public bool Silent { get; set; }

        /// <summary>Time between receiving a request (T2, also T3) and sending the reply: network delay on the way back.</summary>
        public long HoldMilliseconds { get; set; }

        public BadNtpReply Corrupt { get; set; }

        public ushort CorruptFromPort { get; set; } = NtpPacket.ServerPort;

        public bool CorruptFromOtherAddress { get; set; }

        public ArrayList Requests { get; } = new ArrayList();

        public Request LastRequest => (Request)Requests[Requests.Count - 1];

        internal sealed class Request
        {
            public long Time;
            public ushort SourcePort;
            public int Length;
            public int Leap;
            public int Version;
            public int Mode;
            public uint TransmitSeconds;
            public uint TransmitFraction;
            public byte[] Mac;
            public uint Client;
            public byte[] Reply;
        }

        public long UtcNow => UtcAtZero + _net.Clock.Milliseconds;

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

                if (!ScriptedHost.IsIpv4(frame, Ipv4Header.ProtocolUdp) || UdpHeader.DestinationPort(frame, 34) != NtpPacket.ServerPort)
                {
                    continue;
                }

                int msg = 42;
                var request = new Request
                {
                    Time = _net.Clock.Milliseconds,
                    SourcePort = UdpHeader.SourcePort(frame, 34),
                    Length = UdpHeader.DatagramLength(frame, 34) - 8,
                    Leap = NtpPacket.LeapIndicator(frame, msg),
                    Version = NtpPacket.Version(frame, msg),
                    Mode = NtpPacket.Mode(frame, msg),
                    TransmitSeconds = NtpPacket.TransmitSeconds(frame, msg),
                    TransmitFraction = NtpPacket.TransmitFraction(frame, msg),
                    Mac = Frames.Slice(frame, 6, 6),
                    Client = Ipv4Header.Source(frame, 14),
                };
                Requests.Add(request);
                if (!Silent)
                {
                    request.Reply = Reply(request);
                    _held.Add(request);
                }
            }

            for (int i = _held.Count - 1; i >= 0; i--)
            {
                var request = (Request)_held[i];
                if (_net.Clock.Milliseconds - request.Time < HoldMilliseconds)
                {
                    continue;
                }

                _held.RemoveAt(i);
                if (Corrupt != null)
                {
                    ScriptedHost from = CorruptFromOtherAddress ? _spoofer : _host;
                    from.Send(Frames.Udp(request.Mac, from.Mac, from.Address, request.Client, CorruptFromPort, request.SourcePort, Corrupt(request.Reply)));
                }

                _host.Send(Frames.Udp(request.Mac, _host.Mac, _host.Address, request.Client, NtpPacket.ServerPort, request.SourcePort, request.Reply));
            }
        }

        private byte[] Reply(Request request)
        {
            var reply = new byte[NtpPacket.Length];
            long utc = UtcAtZero + request.Time;
            NtpPacket.SetFlags(reply, 0, Kiss != 0 ? NtpPacket.LeapNotSynchronized : Leap, NtpPacket.Version4, NtpPacket.ModeServer);
            NtpPacket.SetStratum(reply, 0, Kiss != 0 ? 0 : Stratum);
            NtpPacket.SetReferenceId(reply, 0, Kiss != 0 ? Kiss : 0x47505300);
            NtpPacket.SetOriginate(reply, 0, request.TransmitSeconds, request.TransmitFraction);
            if (Kiss == 0)
            {
                NtpPacket.SetReceive(reply, 0, NtpTimestamp.SecondsOf(utc), NtpTimestamp.FractionOf(utc));
                NtpPacket.SetTransmit(reply, 0, NtpTimestamp.SecondsOf(utc), NtpTimestamp.FractionOf(utc));
            }

            return reply;
        }
    }
}
