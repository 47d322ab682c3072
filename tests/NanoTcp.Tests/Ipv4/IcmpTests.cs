#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using NanoTcp.Wire;
using NanoTcp.Tests.Support;

namespace NanoTcp.Tests.Ipv4
{
    [TestClass]
    public class IcmpTests
    {
        private static readonly uint A = Network.Subnet + 1;
        private static readonly uint B = Network.Subnet + 2;

        private static void PingAndExpectReply(Network net, NetworkStack from, NetworkStack to, uint toAddress, int payload)
        {
            uint replySource = 0;
            ushort replyId = 0, replySeq = 0;
            byte[] replyData = null;
            from.Icmp.EchoReplyReceived = (src, id, seq, buf, off, len) =>
            {
                replySource = src;
                replyId = id;
                replySeq = seq;
                replyData = Frames.Slice(buf, off, len);
            };
            Assert.IsTrue(from.Icmp.SendEchoRequest(toAddress, 0x1234, 7, Frames.Pattern(payload), 0, payload));
            net.Settle();
            Assert.AreEqual(1, to.Icmp.EchoRequestsAnswered);
            Assert.AreEqual(1, from.Icmp.EchoRepliesReceived);
            Assert.AreEqual(toAddress, replySource);
            Assert.AreEqual((ushort)0x1234, replyId);
            Assert.AreEqual((ushort)7, replySeq);
            Expect.SameBytes(Frames.Pattern(payload), replyData);
        }

        [TestMethod]
        public void PingFromAToBIsAnswered()
        {
            var net = new Network();
            var a = net.AddStack(1);
            var b = net.AddStack(2);
            PingAndExpectReply(net, a, b, B, 56);
        }

        [TestMethod]
        public void PingFromBToAIsAnswered()
        {
            var net = new Network();
            var a = net.AddStack(1);
            var b = net.AddStack(2);
            PingAndExpectReply(net, b, a, A, 56);
        }

        [TestMethod]
        public void PingWithTheLargestPayloadThatFitsAFrameIsAnswered()
        {
            var net = new Network();
            var a = net.AddStack(1);
            var b = net.AddStack(2);
            PingAndExpectReply(net, a, b, B, 1472);
        }

        [TestMethod]
        public void PingWithOddPayloadFromAScriptedHostGetsAByteExactReply()
        {
            var net = new Network();
            var a = net.AddStack(1);
            var h = net.AddHost(5);
            h.Send(Frames.Ping(Frames.Mac(1), h.Mac, h.Address, A, 99, 3, Frames.Pattern(33)));
            net.Settle();
            h.Drain();
            h.Send(Frames.Arp(ArpPacket.OperationReply, h.Mac, h.Address, Frames.Mac(1), A));
            net.Settle();
            var reply = h.Drain().Single(f => ScriptedHost.IsIpv4(f, Ipv4Header.ProtocolIcmp));
            Assert.AreEqual(IcmpHeader.TypeEchoReply, IcmpHeader.Type(reply, 34));
            Assert.AreEqual((ushort)99, IcmpHeader.Identifier(reply, 34));
            Assert.AreEqual((ushort)3, IcmpHeader.SequenceNumber(reply, 34));
            Assert.AreEqual(8 + 33, Ipv4Header.TotalLength(reply, 14) - 20);
            Assert.AreEqual((ushort)0, InternetChecksum.Compute(reply, 34, 41), "reply checksum verifies");
            Expect.SameBytes(Frames.Pattern(33), Frames.Slice(reply, 42, 33));
        }

        [TestMethod]
        public void EchoWithABadChecksumIsDroppedAndCounted()
        {
            var net = new Network();
            var a = net.AddStack(1);
            var h = net.AddHost(5);
            var frame = Frames.Ping(Frames.Mac(1), h.Mac, h.Address, A, 1, 1, Frames.Pattern(20));
            frame[50] ^= 0x40;
            h.Send(frame);
            net.Settle();
            Assert.AreEqual(1, a.Drops.Get(DropReason.IcmpBadChecksum));
            Assert.AreEqual(0, a.Icmp.EchoRequestsAnswered);
        }

        [TestMethod]
        public void EchoToTheBroadcastAddressIsNotAnswered()
        {
            var net = new Network();
            var a = net.AddStack(1);
            var h = net.AddHost(5);
            h.Send(Frames.Ping(Frames.Broadcast, h.Mac, h.Address, Network.Subnet + 255, 1, 1, Frames.Pattern(20)));
            net.Settle();
            Assert.AreEqual(0, a.Icmp.EchoRequestsAnswered);
            Assert.AreEqual(1, a.Drops.Get(DropReason.IcmpUnsupportedType));
        }

        [TestMethod]
        public void UdpToAClosedPortGetsPortUnreachableQuotingTheHeaderAndEightBytes()
        {
            var net = new Network();
            var a = net.AddStack(1);
            var h = net.AddHost(5);
            h.Send(Frames.Arp(ArpPacket.OperationRequest, h.Mac, h.Address, new byte[6], A));
            net.Settle();
            h.Drain();
            var datagram = Frames.Udp(Frames.Mac(1), h.Mac, h.Address, A, 4000, 9999, Frames.Pattern(30));
            h.Send(datagram);
            net.Settle();
            var error = h.Drain().Single();
            Assert.IsTrue(ScriptedHost.IsIpv4(error, Ipv4Header.ProtocolIcmp));
            Assert.AreEqual(h.Address, Ipv4Header.Destination(error, 14));
            Assert.AreEqual(IcmpHeader.TypeDestinationUnreachable, IcmpHeader.Type(error, 34));
            Assert.AreEqual(IcmpHeader.CodePortUnreachable, IcmpHeader.Code(error, 34));
            Assert.AreEqual(8 + 28, Ipv4Header.TotalLength(error, 14) - 20);
            Expect.SameBytes(Frames.Slice(datagram, 14, 28), Frames.Slice(error, 42, 28));
            Assert.AreEqual((ushort)0, InternetChecksum.Compute(error, 34, 36));
            Assert.AreEqual(1, a.Drops.Get(DropReason.UdpNoListener));
        }

        [TestMethod]
        public void PortUnreachableIsRateLimited()
        {
            var net = new Network();
            var a = net.AddStack(1);
            var h = net.AddHost(5);
            h.Send(Frames.Arp(ArpPacket.OperationRequest, h.Mac, h.Address, new byte[6], A));
            net.Settle();
            h.Drain();
            var datagram = Frames.Udp(Frames.Mac(1), h.Mac, h.Address, A, 4000, 9999, Frames.Pattern(3));
            h.Send(datagram);
            h.Send(datagram);
            net.Settle();
            Assert.AreEqual(1, h.Drain().Count, "one error within 100 ms");
            Assert.AreEqual(1, a.Drops.Get(DropReason.IcmpRateLimited));
            net.Clock.Advance(100);
            h.Send(datagram);
            net.Settle();
            Assert.AreEqual(1, h.Drain().Count, "another after 100 ms");
        }

        [TestMethod]
        public void UnicastUdpInALinkBroadcastFrameGetsNoError()
        {
            var net = new Network();
            var a = net.AddStack(1);
            var h = net.AddHost(5);
            h.Send(Frames.Arp(ArpPacket.OperationRequest, h.Mac, h.Address, new byte[6], A));
            net.Settle();
            h.Drain();
            h.Send(Frames.Udp(Frames.Broadcast, h.Mac, h.Address, A, 4000, 9999, Frames.Pattern(3)));
            net.Settle();
            Assert.AreEqual(0, h.Drain().Count, "RFC 1122 3.2.2: no ICMP error about a link-layer broadcast");
            Assert.AreEqual(1, a.Drops.Get(DropReason.UdpNoListener));
        }

        [TestMethod]
        public void BroadcastUdpToAClosedPortGetsNoError()
        {
            var net = new Network();
            var a = net.AddStack(1);
            var h = net.AddHost(5);
            net.Settle();
            h.Drain();
            h.Send(Frames.Udp(Frames.Broadcast, h.Mac, h.Address, 0xFFFFFFFF, 4000, 9999, Frames.Pattern(3)));
            net.Settle();
            Assert.AreEqual(0, h.Drain().Count);
            Assert.AreEqual(1, a.Drops.Get(DropReason.UdpNoListener));
        }
    }
}
