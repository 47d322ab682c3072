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
    public class ArpTests
    {
        private static readonly uint A = Network.Subnet + 1;
        private static readonly uint B = Network.Subnet + 2;

        [TestMethod]
        public void FirstPacketToAnUnknownHostIsHeldAndDeliveredWhenTheArpReplyComes()
        {
            var net = new Network();
            var a = net.AddStack(1);
            var b = net.AddStack(2);
            var sniffer = net.AddHost(9);
            byte[] got = null;
            b.Udp.Bind(7000, (buf, off, len, src, sport, dst, dport) => got = Frames.Slice(buf, off, len));
            net.Settle();
            sniffer.Drain();

            Assert.IsTrue(a.Udp.Send(B, 5000, 7000, Frames.Pattern(100), 0, 100));
            net.Settle();

            var requests = sniffer.Drain().Where(f => ScriptedHost.IsArp(f, ArpPacket.OperationRequest));
            Assert.AreEqual(1, requests.Count, "one ARP request for 10.0.0.2");
            Assert.AreEqual(B, ArpPacket.TargetProtocolAddress(requests[0], 14));
            Assert.AreEqual(A, ArpPacket.SenderProtocolAddress(requests[0], 14));
            Expect.SameBytes(Frames.Pattern(100), got, "the held datagram arrives after resolution");
            var mac = new byte[6];
            Assert.IsTrue(a.Arp.TryGet(B, mac, 0));
            Expect.SameBytes(Frames.Mac(2), mac);
            Assert.AreEqual(0, a.Drops.Total);
            Assert.AreEqual(0, b.Drops.Total);
        }

        [TestMethod]
        public void UnansweredRequestIsRepeatedThreeTimesOneSecondApartThenTheHeldPacketIsDropped()
        {
            var net = new Network();
            var a = net.AddStack(1);
            var sniffer = net.AddHost(9);
            net.Settle();
            sniffer.Drain();

            Assert.IsTrue(a.Udp.Send(Network.Subnet + 77, 5000, 7000, Frames.Pattern(10), 0, 10));
            Assert.AreEqual(1, sniffer.Drain().CountWhere(f => ScriptedHost.IsArp(f, ArpPacket.OperationRequest)), "first request at once");
            net.Clock.Advance(999);
            net.Settle();
            Assert.AreEqual(0, sniffer.Drain().Count, "nothing before 1 s");
            net.Clock.Advance(1);
            net.Settle();
            Assert.AreEqual(1, sniffer.Drain().CountWhere(f => ScriptedHost.IsArp(f, ArpPacket.OperationRequest)), "second request at 1 s");
            net.Clock.Advance(1000);
            net.Settle();
            Assert.AreEqual(1, sniffer.Drain().CountWhere(f => ScriptedHost.IsArp(f, ArpPacket.OperationRequest)), "third request at 2 s");
            Assert.AreEqual(0, a.Drops.Get(DropReason.ArpUnresolved));
            net.Clock.Advance(1000);
            net.Settle();
            Assert.AreEqual(0, sniffer.Drain().Count, "no fourth request");
            Assert.AreEqual(1, a.Drops.Get(DropReason.ArpUnresolved));
            Assert.AreEqual(0, a.Arp.Count);
        }

        [TestMethod]
        public void PollReturnsTheTimeOfTheNextArpRetry()
        {
            var net = new Network();
            var a = net.AddStack(1);
            a.Poll();
            a.Udp.Send(Network.Subnet + 77, 5000, 7000, Frames.Pattern(10), 0, 10);
            Assert.AreEqual(net.Clock.Milliseconds + 1000, a.Poll());
        }

        [TestMethod]
        public void ResolvedEntryExpiresAfterFiveMinutes()
        {
            var net = new Network();
            var a = net.AddStack(1);
            net.AddStack(2);
            a.Udp.Send(B, 5000, 7000, Frames.Pattern(10), 0, 10);
            net.Settle();
            var mac = new byte[6];
            net.Clock.Advance(299_999);
            net.Settle();
            Assert.IsTrue(a.Arp.TryGet(B, mac, 0), "still valid just before 5 minutes");
            net.Clock.Advance(1);
            net.Settle();
            Assert.IsFalse(a.Arp.TryGet(B, mac, 0));
            Assert.AreEqual(0, a.Arp.Count);
        }

        [TestMethod]
        public void FullCacheEvictsTheOldestEntry()
        {
            var net = new Network();
            var a = net.AddStack(1, c => c.ArpCacheEntries = 2);
            net.AddStack(2);
            net.AddStack(3);
            net.AddStack(4);
            var mac = new byte[6];
            for (int n = 2; n <= 4; n++)
            {
                a.Udp.Send(Network.Subnet + (uint)n, 5000, 7000, Frames.Pattern(10), 0, 10);
                net.Settle();
                net.Clock.Advance(10);
            }

            Assert.IsFalse(a.Arp.TryGet(Network.Subnet + 2, mac, 0), "the oldest (10.0.0.2) is evicted");
            Assert.IsTrue(a.Arp.TryGet(Network.Subnet + 3, mac, 0));
            Assert.IsTrue(a.Arp.TryGet(Network.Subnet + 4, mac, 0));
            Assert.AreEqual(2, a.Arp.Count);
        }

        [TestMethod]
        public void RequestForOurAddressIsAnsweredWithOurMac()
        {
            var net = new Network();
            var a = net.AddStack(1);
            var h = net.AddHost(5);
            net.Settle();
            h.Drain();
            h.Send(Frames.Arp(ArpPacket.OperationRequest, h.Mac, h.Address, new byte[6], A));
            net.Settle();
            var reply = h.Drain().Single();
            Assert.IsTrue(ScriptedHost.IsArp(reply, ArpPacket.OperationReply));
            Expect.SameBytes(h.Mac, Frames.Slice(reply, 0, 6), "unicast to the asker");
            Expect.SameBytes(Frames.Mac(1), Frames.Slice(reply, 22, 6), "sender hardware address is ours");
            Assert.AreEqual(A, ArpPacket.SenderProtocolAddress(reply, 14));
            Expect.SameBytes(h.Mac, Frames.Slice(reply, 32, 6));
            Assert.AreEqual(h.Address, ArpPacket.TargetProtocolAddress(reply, 14));
            var mac = new byte[6];
            Assert.IsTrue(a.Arp.TryGet(h.Address, mac, 0), "the asker is learned (RFC 826)");
        }

        [TestMethod]
        public void ProbeForOurAddressIsAnsweredSoTheProberBacksOff()
        {
            var net = new Network();
            var a = net.AddStack(1);
            var h = net.AddHost(5);
            net.Settle();
            h.Drain();
            h.Send(Frames.Arp(ArpPacket.OperationRequest, h.Mac, 0, new byte[6], A));
            net.Settle();
            var reply = h.Drain().Single();
            Assert.IsTrue(ScriptedHost.IsArp(reply, ArpPacket.OperationReply));
            Assert.AreEqual(A, ArpPacket.SenderProtocolAddress(reply, 14));
            Expect.SameBytes(h.Mac, Frames.Slice(reply, 0, 6));
            Assert.AreEqual(0, a.Arp.Count, "a probe teaches nothing");
        }

        [TestMethod]
        public void RequestForAnotherAddressIsNotAnswered()
        {
            var net = new Network();
            var a = net.AddStack(1);
            var h = net.AddHost(5);
            net.Settle();
            h.Drain();
            h.Send(Frames.Arp(ArpPacket.OperationRequest, h.Mac, h.Address, new byte[6], Network.Subnet + 3));
            net.Settle();
            Assert.AreEqual(0, h.Drain().Count);
            Assert.AreEqual(0, a.Arp.Count);
        }

        [TestMethod]
        public void SettingTheAddressSendsAGratuitousArp()
        {
            var net = new Network();
            var a = net.AddStack(1, address: false);
            var sniffer = net.AddHost(9);
            a.SetStaticAddress(Network.Subnet + 7, 24, 0);
            var announce = sniffer.Drain().Single();
            Assert.IsTrue(ScriptedHost.IsArp(announce, ArpPacket.OperationRequest));
            Assert.AreEqual(Network.Subnet + 7, ArpPacket.SenderProtocolAddress(announce, 14));
            Assert.AreEqual(Network.Subnet + 7, ArpPacket.TargetProtocolAddress(announce, 14));
            Assert.IsTrue(EthernetHeader.IsBroadcast(announce, 0));
        }

        [TestMethod]
        public void ReplyClaimingOurAddressIsCountedAsAConflictAndNotLearned()
        {
            var net = new Network();
            var a = net.AddStack(1);
            var h = net.AddHost(5);
            net.Settle();
            h.Send(Frames.Arp(ArpPacket.OperationReply, h.Mac, A, Frames.Mac(1), A));
            net.Settle();
            Assert.AreEqual(1, a.Arp.Conflicts);
            Assert.AreEqual(1, a.Drops.Get(DropReason.ArpAddressConflict));
            Assert.AreEqual(0, a.Arp.Count);
        }

        [TestMethod]
        public void SecondPacketWhileResolvingIsDroppedAndCountedAndTheFirstStillArrives()
        {
            var net = new Network();
            var a = net.AddStack(1);
            var h = net.AddHost(5);
            net.Settle();
            h.Drain();
            Assert.IsTrue(a.Udp.Send(h.Address, 5000, 7000, Frames.Pattern(10, 1), 0, 10));
            Assert.IsFalse(a.Udp.Send(h.Address, 5000, 7000, Frames.Pattern(10, 2), 0, 10));
            Assert.AreEqual(1, a.Drops.Get(DropReason.ArpQueueFull));
            h.Drain();
            h.Send(Frames.Arp(ArpPacket.OperationReply, h.Mac, h.Address, Frames.Mac(1), A));
            net.Settle();
            var datagram = h.Drain().Single();
            Expect.SameBytes(Frames.Pattern(10, 1), Frames.Slice(datagram, 42, 10));
        }

        [TestMethod]
        public void AnnouncementFromAKnownHostUpdatesItsEntry()
        {
            var net = new Network();
            var a = net.AddStack(1);
            var h = net.AddHost(5);
            h.Send(Frames.Arp(ArpPacket.OperationRequest, h.Mac, h.Address, new byte[6], A));
            net.Settle();
            byte[] moved = Frames.Mac(55);
            h.Send(Frames.Arp(ArpPacket.OperationRequest, moved, h.Address, new byte[6], h.Address, Frames.Broadcast));
            net.Settle();
            var mac = new byte[6];
            Assert.IsTrue(a.Arp.TryGet(h.Address, mac, 0));
            Expect.SameBytes(moved, mac, "RFC 826 merge: the sender's new MAC replaces the old");
        }

        [TestMethod]
        public void OffSubnetPacketsAreResolvedThroughTheGateway()
        {
            var net = new Network();
            var a = net.AddStack(1);
            var sniffer = net.AddHost(9);
            net.Settle();
            sniffer.Drain();
            a.Udp.Send(Frames.Ip(192, 168, 1, 1), 5000, 53, Frames.Pattern(4), 0, 4);
            var request = sniffer.Drain().Single();
            Assert.AreEqual(Network.Subnet + 254, ArpPacket.TargetProtocolAddress(request, 14));
        }

        [TestMethod]
        public void OffSubnetPacketWithoutGatewayIsDroppedAsNoRoute()
        {
            var net = new Network();
            var a = net.AddStack(1, c => c.Gateway = 0);
            Assert.IsFalse(a.Udp.Send(Frames.Ip(192, 168, 1, 1), 5000, 53, Frames.Pattern(4), 0, 4));
            Assert.AreEqual(1, a.Drops.Get(DropReason.SendNoRoute));
        }
    }
}
