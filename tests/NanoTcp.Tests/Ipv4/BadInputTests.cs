#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using System;
using NanoTcp.Wire;
using NanoTcp.Hardware.Simulation;
using NanoTcp.Tests.Support;

namespace NanoTcp.Tests.Ipv4
{
    /// <summary>Truncated, oversized, corrupted and random frames: dropped and counted by reason, never thrown.</summary>
    [TestClass]
    public class BadInputTests
    {
        private static readonly uint A = Network.Subnet + 1;

        private sealed class Fixture
        {
            public Fixture(Direct net, NetworkStack a, Direct h)
            {
                Net = net;
                A = a;
                H = h;
            }

            public Direct Net { get; }

            public NetworkStack A { get; }

            public Direct H { get; }
        }

        private static Fixture Setup()
        {
            var link = new QueueLink(Frames.Mac(1));
            var clock = new ManualClock(1000);
            var a = new NetworkStack(link, clock, new NetworkConfiguration { Address = A, PrefixLength = 24 });
            var d = new Direct(link, a, clock);
            a.Udp.Bind(7, (buf, off, len, src, sport, dst, dport) => { });
            d.Send(Frames.Arp(ArpPacket.OperationRequest, d.Mac, d.Address, new byte[6], A));
            d.Settle();
            d.Drain();
            return new Fixture(d, a, d);
        }

        /// <summary>A scripted peer straight on the stack's link (no switch in between).</summary>
        private sealed class Direct
        {
            private readonly QueueLink _link;
            private readonly NetworkStack _stack;

            public Direct(QueueLink link, NetworkStack stack, ManualClock clock)
            {
                _link = link;
                _stack = stack;
                Clock = clock;
            }

            public ManualClock Clock { get; }

            public byte[] Mac => Frames.Mac(5);

            public uint Address => Network.Subnet + 5;

            public void Send(byte[] frame) => _link.Incoming.Add(frame);

            public void Settle()
            {
                for (int i = 0; i < 1000 && _link.Incoming.Count > 0; i++)
                {
                    _stack.Poll();
                }

                _stack.Poll();
            }

            public FrameList Drain()
            {
                var sent = _link.Sent.Copy();
                _link.Sent.Clear();
                return sent;
            }
        }

        private static int Accepted(NetworkStack a) => a.Icmp.EchoRequestsAnswered + a.Icmp.EchoRepliesReceived + a.Udp.DatagramsReceived;

        [TestMethod]
        public void EveryTruncationOfAPingIsDroppedByReason()
        {
            Fixture f = Setup();
            var net = f.Net;
            var a = f.A;
            var h = f.H;
            var ping = Frames.Ping(Frames.Mac(1), h.Mac, h.Address, A, 1, 1, Frames.Pattern(64));
            for (int length = 1; length < ping.Length; length++)
            {
                h.Send(Frames.Slice(ping, 0, length));
                net.Settle();
            }

            Assert.AreEqual(13, a.Drops.Get(DropReason.EthernetTruncated));
            Assert.AreEqual(ping.Length - 14, a.Drops.Get(DropReason.Ipv4Malformed));
            Assert.AreEqual(0, a.Icmp.EchoRequestsAnswered);
            Assert.AreEqual(0, a.Drops.Get(DropReason.HandlerFault));
        }

        [TestMethod]
        public void EveryTruncationOfAnArpRequestIsDroppedByReason()
        {
            Fixture f = Setup();
            var net = f.Net;
            var a = f.A;
            var h = f.H;
            var request = Frames.Arp(ArpPacket.OperationRequest, h.Mac, h.Address, new byte[6], A);
            for (int length = 14; length < request.Length; length++)
            {
                h.Send(Frames.Slice(request, 0, length));
                net.Settle();
            }

            Assert.AreEqual(28, a.Drops.Get(DropReason.ArpMalformed));
            Assert.AreEqual(0, h.Drain().Count);
        }

        [TestMethod]
        public void UdpLengthAtEveryValueIsDeliveredOnlyWhenConsistent()
        {
            Fixture f = Setup();
            var net = f.Net;
            var a = f.A;
            var h = f.H;
            int delivered = 0;
            a.Udp.Unbind(7);
            a.Udp.Bind(7, (buf, off, len, src, sport, dst, dport) => delivered++);
            var frame = Frames.Udp(Frames.Mac(1), h.Mac, h.Address, A, 1, 7, Frames.Pattern(20), checksum: false);
            foreach (int value in new[] { 0, 1, 7, 8, 27, 28, 29, 0xFFFF })
            {
                UdpHeader.SetDatagramLength(frame, 34, value);
                h.Send(frame);
                net.Settle();
            }

            Assert.AreEqual(3, delivered, "8, 27 and 28 fit the 28-byte packet");
            Assert.AreEqual(5, a.Drops.Get(DropReason.UdpMalformed));
        }

        [TestMethod]
        public void RandomFramesOfEveryLengthAreAllDroppedAndCounted()
        {
            Fixture f = Setup();
            var net = f.Net;
            var a = f.A;
            var h = f.H;
            var random = new SeededRandom(20261122);
            int before = a.Drops.Total;
            int received = a.FramesReceived;
            for (int length = 0; length <= 1600; length++)
            {
                for (int variant = 0; variant < 3; variant++)
                {
                    var frame = new byte[length];
                    random.NextBytes(frame);
                    if (variant > 0 && length >= 14)
                    {
                        Array.Copy(Frames.Mac(1), frame, 6);
                        EthernetHeader.SetEtherType(frame, 0, variant == 1 ? EthernetHeader.EtherTypeArp : EthernetHeader.EtherTypeIpv4);
                    }

                    if (variant == 2 && length >= 34)
                    {
                        // A valid IPv4 header for us with a random payload of a random protocol.
                        Ipv4Header.Write(frame, 14, Numbers.Min(length - 14, 0xFFFF) - random.Next(2), 1, 64, (byte)new[] { 1, 6, 17 }[random.Next(3)], h.Address, A);
                    }

                    h.Send(frame);
                }

                a.Poll();
                a.Poll();
            }

            net.Settle();
            Assert.AreEqual(0, a.Drops.Get(DropReason.HandlerFault));
            // Rate-limited ICMP errors (answers to unknown protocols) are counted too, but are not frames.
            Assert.AreEqual(a.FramesReceived - received, a.Drops.Total - a.Drops.Get(DropReason.IcmpRateLimited) - before, "every frame the link delivered was dropped and counted");
            Assert.AreEqual(3 * 1514, a.FramesReceived - received, "the link gives frames of 1..1514 bytes");
        }

        [TestMethod]
        public void EveryByteOfAPingAndAUdpFrameAtItsExtremesIsAnsweredOrDroppedNeverThrown()
        {
            Fixture f = Setup();
            var net = f.Net;
            var a = f.A;
            var h = f.H;
            var frames = new[]
            {
                Frames.Ping(Frames.Mac(1), h.Mac, h.Address, A, 1, 1, Frames.Pattern(21)),
                Frames.Udp(Frames.Mac(1), h.Mac, h.Address, A, 1, 7, Frames.Pattern(21)),
            };
            int fed = 0;
            int received = a.FramesReceived;
            int drops = a.Drops.Total;
            int accepted = Accepted(a);
            foreach (var original in frames)
            {
                for (int position = 0; position < original.Length; position++)
                {
                    foreach (byte value in new byte[] { 0x00, 0xFF, 0x7F, 0x80 })
                    {
                        for (int fix = 0; fix < 2; fix++)
                        {
                            var frame = (byte[])original.Clone();
                            frame[position] = value;
                            if (fix == 1 && position >= 14 && position < 34)
                            {
                                // Repair the header checksum so the mutation reaches the checks behind it.
                                frame[24] = frame[25] = 0;
                                if (position == 24 || position == 25)
                                {
                                    frame[position] = value;
                                }
                                else
                                {
                                    Ipv4Header.SetHeaderChecksum(frame, 14, InternetChecksum.Compute(frame, 14, 20));
                                }
                            }

                            int beforeSum = a.Drops.Total + Accepted(a);
                            h.Send(frame);
                            fed++;
                            net.Settle();
                            // A reply to a changed source address may itself wait for ARP and be counted as a
                            // second drop; what matters is that no frame goes unaccounted.
                            Assert.IsTrue(a.Drops.Total + Accepted(a) > beforeSum, "byte " + position + " = " + value + " was neither answered nor counted");
                        }
                    }
                }
            }

            h.Drain();
            Assert.AreEqual(0, a.Drops.Get(DropReason.HandlerFault));
            Assert.AreEqual(fed, a.FramesReceived - received);
            Assert.IsTrue((a.Drops.Total - drops) + (Accepted(a) - accepted) >= fed);
        }

        [TestMethod]
        public void HeldPacketSurvivesAFloodOfBadInput()
        {
            var net = new Network();
            var a = net.AddStack(1);
            var h = net.AddHost(5);
            var target = net.AddHost(6);
            Assert.IsTrue(a.Udp.Send(target.Address, 5000, 7000, Frames.Pattern(200, 9), 0, 200));
            var random = new SeededRandom(5);
            for (int i = 0; i < 2000; i++)
            {
                var junk = new byte[random.Next(1, 1515)];
                random.NextBytes(junk);
                if (i % 2 == 0 && junk.Length >= 14)
                {
                    Array.Copy(Frames.Mac(1), junk, 6);
                    EthernetHeader.SetEtherType(junk, 0, i % 4 == 0 ? EthernetHeader.EtherTypeArp : EthernetHeader.EtherTypeIpv4);
                }

                h.Send(junk);
                a.Poll();
            }

            target.Drain();
            target.Send(Frames.Arp(ArpPacket.OperationReply, target.Mac, target.Address, Frames.Mac(1), A));
            net.Settle();
            var datagram = target.Drain().Single(f => ScriptedHost.IsIpv4(f, Ipv4Header.ProtocolUdp));
            Expect.SameBytes(Frames.Pattern(200, 9), Frames.Slice(datagram, 42, 200));
            Assert.AreEqual(0, a.Drops.Get(DropReason.HandlerFault));
        }
    }
}
