#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using System.Collections;
using NanoTcp.Wire;
using NanoTcp.Tests.Support;

namespace NanoTcp.Tests.Ipv4
{
    [TestClass]
    public class Ipv4Tests
    {
        private static readonly uint A = Network.Subnet + 1;

        private sealed class Arrival
        {
            public Arrival(int offset, int length, uint source, uint destination, byte first)
            {
                Offset = offset;
                Length = length;
                Source = source;
                Destination = destination;
                First = first;
            }

            public int Offset { get; }

            public int Length { get; }

            public uint Source { get; }

            public uint Destination { get; }

            public byte First { get; }
        }

        private sealed class RecordingTransport : ITransportProtocol
        {
            public ArrayList Received { get; } = new ArrayList();

            public long NextDue { get; set; } = long.MaxValue;

            public long LastPoll { get; private set; } = -1;

            public void Receive(byte[] buffer, int offset, int length, uint source, uint destination) => Received.Add(new Arrival(offset, length, source, destination, buffer[offset]));

            public long Poll(long now)
            {
                LastPoll = now;
                return NextDue;
            }
        }

        private sealed class Fixture
        {
            public Fixture(Network net, NetworkStack a, ScriptedHost h)
            {
                Net = net;
                A = a;
                H = h;
            }

            public Network Net { get; }

            public NetworkStack A { get; }

            public ScriptedHost H { get; }
        }

        private static Fixture Setup()
        {
            var net = new Network();
            var a = net.AddStack(1);
            var h = net.AddHost(5);
            h.Send(Frames.Arp(ArpPacket.OperationRequest, h.Mac, h.Address, new byte[6], A));
            net.Settle();
            h.Drain();
            return new Fixture(net, a, h);
        }

        [TestMethod]
        public void RegisteredTransportReceivesItsPacketsInPlace()
        {
            Fixture f = Setup();
            var net = f.Net;
            var a = f.A;
            var h = f.H;
            var tcp = new RecordingTransport();
            a.RegisterTransport(6, tcp);
            h.Send(Frames.Ipv4(Frames.Mac(1), h.Mac, h.Address, A, 6, Frames.Pattern(24, 5)));
            net.Settle();
            Assert.AreEqual(1, tcp.Received.Count);
            Arrival arrival = (Arrival)tcp.Received[0];
            Assert.AreEqual(34, arrival.Offset);
            Assert.AreEqual(24, arrival.Length);
            Assert.AreEqual(h.Address, arrival.Source);
            Assert.AreEqual(A, arrival.Destination);
            Assert.AreEqual((byte)5, arrival.First);
        }

        [TestMethod]
        public void TransportSendGoesOutWithIpv4AndEthernetHeaders()
        {
            Fixture f = Setup();
            var net = f.Net;
            var a = f.A;
            var h = f.H;
            var ipv4 = a.Ipv4;
            Assert.AreEqual(34, ipv4.TransportOffset);
            Assert.AreEqual(1480, ipv4.MaxTransportLength);
            Assert.AreEqual(A, ipv4.LocalAddress);
            System.Array.Copy(Frames.Pattern(40), 0, ipv4.TransmitBuffer, ipv4.TransportOffset, 40);
            Assert.IsTrue(ipv4.SendTransport(h.Address, 6, 40));
            var frame = h.Drain().Single();
            Assert.AreEqual(74, frame.Length);
            Assert.AreEqual((byte)0x45, frame[14]);
            Assert.AreEqual(60, Ipv4Header.TotalLength(frame, 14));
            Assert.AreEqual((byte)64, Ipv4Header.Ttl(frame, 14));
            Assert.AreEqual((byte)6, Ipv4Header.Protocol(frame, 14));
            Assert.AreEqual(Ipv4Header.DontFragment, Ipv4Header.FlagsAndFragmentOffset(frame, 14));
            Assert.IsTrue(Ipv4Header.ChecksumIsCorrect(frame, 14));
            Assert.AreEqual(A, Ipv4Header.Source(frame, 14));
            Assert.AreEqual(h.Address, Ipv4Header.Destination(frame, 14));
            Expect.SameBytes(Frames.Pattern(40), Frames.Slice(frame, 34, frame.Length - (34)));
        }

        [TestMethod]
        public void IdentificationIncreasesWithEveryPacket()
        {
            Fixture f = Setup();
            var net = f.Net;
            var a = f.A;
            var h = f.H;
            a.Udp.Send(h.Address, 1, 2, Frames.Pattern(1), 0, 1);
            a.Udp.Send(h.Address, 1, 2, Frames.Pattern(1), 0, 1);
            var frames = h.Drain();
            Assert.AreEqual(Ipv4Header.Identification(frames[0], 14) + 1, Ipv4Header.Identification(frames[1], 14));
        }

        [TestMethod]
        public void TransportTimersRunFromPollAndTheirDueTimeIsReturned()
        {
            Fixture f = Setup();
            var net = f.Net;
            var a = f.A;
            var h = f.H;
            var tcp = new RecordingTransport { NextDue = net.Clock.Milliseconds + 250 };
            a.RegisterTransport(6, tcp);
            Assert.AreEqual(net.Clock.Milliseconds + 250, a.Poll());
            Assert.AreEqual(net.Clock.Milliseconds, tcp.LastPoll);
        }

        [TestMethod]
        public void PollReturnsNowWhenMoreFramesThanTheLimitWait()
        {
            Fixture f = Setup();
            var net = f.Net;
            var a = f.A;
            var h = f.H;
            for (int i = 0; i < 9; i++)
            {
                h.Send(Frames.Udp(Frames.Mac(1), h.Mac, h.Address, A, 1, 9999, Frames.Pattern(1)));
            }

            Assert.AreEqual(net.Clock.Milliseconds, a.Poll(), "8 frames taken, one still waits");
            Assert.AreEqual(8, a.FramesReceived - 1);
        }

        [TestMethod]
        public void FragmentsAreDroppedAndCounted()
        {
            Fixture f = Setup();
            var net = f.Net;
            var a = f.A;
            var h = f.H;
            h.Send(Frames.Ipv4(Frames.Mac(1), h.Mac, h.Address, A, 17, Frames.UdpDatagram(h.Address, A, 1, 2, Frames.Pattern(8)), flags: Ipv4Header.MoreFragments));
            h.Send(Frames.Ipv4(Frames.Mac(1), h.Mac, h.Address, A, 17, Frames.Pattern(16), flags: 0x0003));
            net.Settle();
            Assert.AreEqual(2, a.Drops.Get(DropReason.Ipv4Fragment));
        }

        [TestMethod]
        public void BadHeaderChecksumIsDroppedAndCounted()
        {
            Fixture f = Setup();
            var net = f.Net;
            var a = f.A;
            var h = f.H;
            var frame = Frames.Ping(Frames.Mac(1), h.Mac, h.Address, A, 1, 1, Frames.Pattern(8));
            frame[22] = 1;
            h.Send(frame);
            net.Settle();
            Assert.AreEqual(1, a.Drops.Get(DropReason.Ipv4BadChecksum));
            Assert.AreEqual(0, a.Icmp.EchoRequestsAnswered);
        }

        [TestMethod]
        public void PacketForAnotherAddressIsDroppedAsNotForUs()
        {
            Fixture f = Setup();
            var net = f.Net;
            var a = f.A;
            var h = f.H;
            h.Send(Frames.Ping(Frames.Mac(1), h.Mac, h.Address, Network.Subnet + 3, 1, 1, Frames.Pattern(8)));
            net.Settle();
            Assert.AreEqual(1, a.Drops.Get(DropReason.Ipv4NotForUs));
        }

        [TestMethod]
        public void FrameForAnotherMacIsDroppedAsNotForUs()
        {
            Fixture f = Setup();
            var net = f.Net;
            var a = f.A;
            var h = f.H;
            var frame = Frames.Ping(Frames.Mac(1), h.Mac, h.Address, A, 1, 1, Frames.Pattern(8));
            frame[0] = 0x01;
            h.Send(frame);
            net.Settle();
            Assert.AreEqual(1, a.Drops.Get(DropReason.EthernetNotForUs));
        }

        [TestMethod]
        public void HeaderOptionsAreSkipped()
        {
            Fixture f = Setup();
            var net = f.Net;
            var a = f.A;
            var h = f.H;
            byte[] echo = Frames.IcmpEcho(IcmpHeader.TypeEchoRequest, 5, 6, Frames.Pattern(8));
            var frame = Frames.Ethernet(Frames.Mac(1), h.Mac, EthernetHeader.EtherTypeIpv4, 24 + echo.Length);
            Ipv4Header.Write(frame, 14, 24 + echo.Length, 1, 64, 1, h.Address, A);
            Ipv4Header.SetVersionAndHeaderLength(frame, 14, 24);
            frame[34] = 1; frame[35] = 1; frame[36] = 1; frame[37] = 0; // NOP NOP NOP EOL
            Ipv4Header.SetHeaderChecksum(frame, 14, 0);
            Ipv4Header.SetHeaderChecksum(frame, 14, InternetChecksum.Compute(frame, 14, 24));
            System.Array.Copy(echo, 0, frame, 38, echo.Length);
            h.Send(frame);
            net.Settle();
            Assert.AreEqual(1, a.Icmp.EchoRequestsAnswered);
            var reply = h.Drain().Single();
            Assert.AreEqual((ushort)6, IcmpHeader.SequenceNumber(reply, 34));
        }

        [TestMethod]
        public void BroadcastToANonUdpProtocolIsDropped()
        {
            Fixture f = Setup();
            var net = f.Net;
            var a = f.A;
            var h = f.H;
            var tcp = new RecordingTransport();
            a.RegisterTransport(6, tcp);
            h.Send(Frames.Ipv4(Frames.Broadcast, h.Mac, h.Address, 0xFFFFFFFF, 6, Frames.Pattern(20)));
            net.Settle();
            Assert.AreEqual(0, tcp.Received.Count);
            Assert.AreEqual(1, a.Drops.Get(DropReason.Ipv4BroadcastNotAllowed));
        }

        [TestMethod]
        public void UnknownProtocolIsDroppedCountedAndAnsweredWithProtocolUnreachable()
        {
            Fixture f = Setup();
            var net = f.Net;
            var a = f.A;
            var h = f.H;
            h.Send(Frames.Ipv4(Frames.Mac(1), h.Mac, h.Address, A, 6, Frames.Pattern(20)));
            net.Settle();
            Assert.AreEqual(1, a.Drops.Get(DropReason.Ipv4UnknownProtocol));
            var error = h.Drain().Single();
            Assert.AreEqual(IcmpHeader.TypeDestinationUnreachable, IcmpHeader.Type(error, 34));
            Assert.AreEqual(IcmpHeader.CodeProtocolUnreachable, IcmpHeader.Code(error, 34));
            Assert.AreEqual((byte)6, Ipv4Header.Protocol(error, 42 + 0), "the quoted header is the offending packet's");
        }

        [TestMethod]
        public void BroadcastSourceIsDroppedAndCounted()
        {
            Fixture f = Setup();
            var net = f.Net;
            var a = f.A;
            var h = f.H;
            h.Send(Frames.Ping(Frames.Mac(1), h.Mac, 0xFFFFFFFF, A, 1, 1, Frames.Pattern(8)));
            net.Settle();
            Assert.AreEqual(1, a.Drops.Get(DropReason.Ipv4BadSource));
            Assert.AreEqual(0, a.Icmp.EchoRequestsAnswered);
        }

        [TestMethod]
        public void LandPacketFromOurOwnAddressIsDroppedAsBadSource()
        {
            // Caught by the malformed-frame corpus (MalformedFrameCorpusTests, "land"): a SYN from our own address and
            // port to itself was taken, and the SYN,ACK went to ARP for our own address.
            Fixture f = Setup();
            var a = f.A;
            var h = f.H;
            h.Send(Frames.Ping(Frames.Mac(1), h.Mac, A, A, 1, 1, Frames.Pattern(8)));
            f.Net.Settle();
            Assert.AreEqual(1, a.Drops.Get(DropReason.Ipv4BadSource));
            Assert.AreEqual(0, a.Icmp.EchoRequestsAnswered);
            Assert.AreEqual(0, h.Drain().Count, "nothing is answered, not even an ARP request for our own address");
        }

        [TestMethod]
        public void LoopbackSourceFromTheWireIsDroppedAsBadSource()
        {
            Fixture f = Setup();
            var a = f.A;
            f.H.Send(Frames.Ping(Frames.Mac(1), f.H.Mac, 0x7F000001, A, 1, 1, Frames.Pattern(8)));
            f.Net.Settle();
            Assert.AreEqual(1, a.Drops.Get(DropReason.Ipv4BadSource));
            Assert.AreEqual(0, a.Icmp.EchoRequestsAnswered);
        }

        [TestMethod]
        public void UnknownEtherTypeIsDroppedAndCounted()
        {
            Fixture f = Setup();
            var net = f.Net;
            var a = f.A;
            var h = f.H;
            h.Send(Frames.Ethernet(Frames.Mac(1), h.Mac, 0x86DD, 46));
            net.Settle();
            Assert.AreEqual(1, a.Drops.Get(DropReason.UnknownEtherType));
        }

        [TestMethod]
        public void RegisteringIcmpOrNothingIsRefused()
        {
            Fixture f = Setup();
            var net = f.Net;
            var a = f.A;
            var h = f.H;
            NanoTcp.Tests.Support.Expect.Throws(typeof(System.ArgumentException), () => a.RegisterTransport(1, new RecordingTransport()));
            NanoTcp.Tests.Support.Expect.Throws(typeof(System.ArgumentNullException), () => a.RegisterTransport(6, null));
        }

        [TestMethod]
        public void RegisteringMoreTransportsThanConfiguredIsRefused()
        {
            var net = new Network();
            var a = net.AddStack(1, c => c.MaxTransports = 1);
            a.RegisterTransport(6, new RecordingTransport());
            a.RegisterTransport(6, new RecordingTransport());
            NanoTcp.Tests.Support.Expect.Throws(typeof(System.InvalidOperationException), () => a.RegisterTransport(33, new RecordingTransport()));
        }

        [TestMethod]
        public void ASecondRegistrationForAProtocolReplacesTheFirst()
        {
            Fixture f = Setup();
            var net = f.Net;
            var a = f.A;
            var h = f.H;
            var first = new RecordingTransport();
            var second = new RecordingTransport();
            a.RegisterTransport(6, first);
            a.RegisterTransport(6, second);
            h.Send(Frames.Ipv4(Frames.Mac(1), h.Mac, h.Address, A, 6, Frames.Pattern(20)));
            net.Settle();
            Assert.AreEqual(0, first.Received.Count);
            Assert.AreEqual(1, second.Received.Count);
        }

        [TestMethod]
        public void BadPrefixLengthIsRefused()
        {
            Fixture f = Setup();
            var net = f.Net;
            var a = f.A;
            var h = f.H;
            NanoTcp.Tests.Support.Expect.Throws(typeof(System.ArgumentOutOfRangeException), () => a.SetStaticAddress(A, 33, 0));
            Assert.AreEqual(A, a.LocalAddress);
        }

        [TestMethod]
        public void RemovingTheAddressStopsAnswering()
        {
            Fixture f = Setup();
            var net = f.Net;
            var a = f.A;
            var h = f.H;
            a.SetStaticAddress(0, 0, 0);
            h.Send(Frames.Ping(Frames.Mac(1), h.Mac, h.Address, A, 1, 1, Frames.Pattern(8)));
            net.Settle();
            Assert.AreEqual(0, a.Icmp.EchoRequestsAnswered);
            Assert.AreEqual(1, a.Drops.Get(DropReason.Ipv4NotForUs));
        }

        [TestMethod]
        public void PrefixAndMaskConvertBothWays()
        {
            Assert.AreEqual(0xFFFFFF00u, NanoTcp.Ipv4.Ipv4Layer.MaskOfPrefix(24));
            Assert.AreEqual(0u, NanoTcp.Ipv4.Ipv4Layer.MaskOfPrefix(0));
            Assert.AreEqual(0xFFFFFFFFu, NanoTcp.Ipv4.Ipv4Layer.MaskOfPrefix(32));
            Assert.AreEqual(20, NanoTcp.Ipv4.Ipv4Layer.PrefixOfMask(0xFFFFF000));
            Assert.AreEqual(32, NanoTcp.Ipv4.Ipv4Layer.PrefixOfMask(0xFFFFFFFF));
        }
    }
}
