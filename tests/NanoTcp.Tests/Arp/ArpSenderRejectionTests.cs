#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using NanoTcp.Arp;
using NanoTcp.Wire;

namespace NanoTcp.Tests.Arp
{
    /// <summary>
    /// ARP packets whose sender no host can be are dropped, counted under one reason, learned nowhere and answered
    /// never; the entry already held for the address they name keeps its MAC.
    /// </summary>
    [TestClass]
    public class ArpSenderRejectionTests
    {
        private const uint Neighbour = ArpBench.Subnet + 5;

        private static byte[] Mac(byte b0, byte b1, byte b2, byte b3, byte b4, byte b5) => new byte[] { b0, b1, b2, b3, b4, b5 };

        /// <summary>Learns 10.0.0.5, delivers <paramref name="frame"/>, and checks that exactly <paramref name="reason"/> counted it.</summary>
        private static void AssertDropped(ArpBench bench, byte[] frame, DropReason reason)
        {
            int before = bench.Stack.Drops.Total;
            bench.Receive(frame);
            Assert.AreEqual(1, bench.Stack.Drops.Get(reason), "dropped as " + reason);
            Assert.AreEqual(before + 1, bench.Stack.Drops.Total, "counted under one reason only");
            Assert.AreEqual(0, bench.Link.SentCount, "nothing answered");
            Assert.IsTrue(ArpBench.SameMac(ArpBench.Mac(5), bench.CachedMac(Neighbour)), "10.0.0.5 keeps its MAC");
            Assert.AreEqual(0, bench.Stack.Arp.Replaced);
        }

        private static ArpBench BenchKnowingNeighbour()
        {
            var bench = new ArpBench();
            bench.Learn(5);
            Assert.IsTrue(ArpBench.SameMac(ArpBench.Mac(5), bench.CachedMac(Neighbour)));
            return bench;
        }

        [TestMethod]
        public void ZeroSenderMacClaimingAKnownAddressIsDroppedAndCounted()
        {
            ArpBench bench = BenchKnowingNeighbour();
            AssertDropped(bench, ArpBench.Arp(ArpPacket.OperationReply, Mac(0, 0, 0, 0, 0, 0), Neighbour, ArpBench.Local, false), DropReason.ArpBadSenderHardwareAddress);
        }

        [TestMethod]
        public void BroadcastSenderMacClaimingAKnownAddressIsDroppedAndCounted()
        {
            ArpBench bench = BenchKnowingNeighbour();
            AssertDropped(bench, ArpBench.Arp(ArpPacket.OperationRequest, Mac(0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF), Neighbour, Neighbour, true), DropReason.ArpBadSenderHardwareAddress);
        }

        [TestMethod]
        public void MulticastSenderMacClaimingAKnownAddressIsDroppedAndCounted()
        {
            ArpBench bench = BenchKnowingNeighbour();
            AssertDropped(bench, ArpBench.Arp(ArpPacket.OperationRequest, Mac(0x01, 0x00, 0x5E, 0x00, 0x00, 0x05), Neighbour, ArpBench.Local, true), DropReason.ArpBadSenderHardwareAddress);
        }

        [TestMethod]
        public void ZeroSenderMacAskingForOurAddressIsNotAnsweredNorLearned()
        {
            ArpBench bench = BenchKnowingNeighbour();
            AssertDropped(bench, ArpBench.Arp(ArpPacket.OperationRequest, Mac(0, 0, 0, 0, 0, 0), ArpBench.Subnet + 6, ArpBench.Local, true), DropReason.ArpBadSenderHardwareAddress);
            Assert.AreEqual(ArpEntryState.Free, bench.State(ArpBench.Subnet + 6));
        }

        [TestMethod]
        public void LimitedBroadcastSenderAddressIsDroppedAndCounted()
        {
            ArpBench bench = BenchKnowingNeighbour();
            AssertDropped(bench, ArpBench.Arp(ArpPacket.OperationRequest, ArpBench.Mac(7), 0xFFFFFFFF, ArpBench.Local, true), DropReason.ArpBadSenderProtocolAddress);
            Assert.AreEqual(ArpEntryState.Free, bench.State(0xFFFFFFFF));
        }

        [TestMethod]
        public void SubnetBroadcastSenderAddressIsDroppedAndCounted()
        {
            ArpBench bench = BenchKnowingNeighbour();
            AssertDropped(bench, ArpBench.Arp(ArpPacket.OperationRequest, ArpBench.Mac(7), ArpBench.Subnet + 255, ArpBench.Local, true), DropReason.ArpBadSenderProtocolAddress);
            Assert.AreEqual(ArpEntryState.Free, bench.State(ArpBench.Subnet + 255));
        }

        [TestMethod]
        public void MulticastSenderAddressIsDroppedAndCounted()
        {
            ArpBench bench = BenchKnowingNeighbour();
            AssertDropped(bench, ArpBench.Arp(ArpPacket.OperationRequest, ArpBench.Mac(7), 0xE0000001, ArpBench.Local, true), DropReason.ArpBadSenderProtocolAddress);
            Assert.AreEqual(ArpEntryState.Free, bench.State(0xE0000001));
        }

        [TestMethod]
        public void ClassESenderAddressIsDroppedAndCounted()
        {
            ArpBench bench = BenchKnowingNeighbour();
            AssertDropped(bench, ArpBench.Arp(ArpPacket.OperationRequest, ArpBench.Mac(7), 0xF0000001, ArpBench.Local, true), DropReason.ArpBadSenderProtocolAddress);
        }

        [TestMethod]
        public void LoopbackSenderAddressIsDroppedAndCounted()
        {
            ArpBench bench = BenchKnowingNeighbour();
            AssertDropped(bench, ArpBench.Arp(ArpPacket.OperationRequest, ArpBench.Mac(7), 0x7F000001, ArpBench.Local, true), DropReason.ArpBadSenderProtocolAddress);
            Assert.AreEqual(ArpEntryState.Free, bench.State(0x7F000001));
        }

        [TestMethod]
        public void SenderAddressOursIsCountedAsAConflictAndDoesNotTouchTheCache()
        {
            ArpBench bench = BenchKnowingNeighbour();
            int before = bench.Stack.Drops.Total;
            bench.Receive(ArpBench.Arp(ArpPacket.OperationReply, ArpBench.Mac(7), ArpBench.Local, ArpBench.Local, true));
            Assert.AreEqual(1, bench.Stack.Drops.Get(DropReason.ArpAddressConflict));
            Assert.AreEqual(before + 1, bench.Stack.Drops.Total, "counted under one reason only");
            Assert.AreEqual(1, bench.Stack.Arp.Conflicts);
            Assert.AreEqual(1, bench.Link.SentCount, "the only answer is the RFC 5227 §2.4 defence (ArpAddressDefenceTests)");
            Assert.IsTrue(ArpBench.SameMac(ArpBench.Mac(5), bench.CachedMac(Neighbour)), "10.0.0.5 keeps its MAC");
            Assert.AreEqual(0, bench.Stack.Arp.Replaced);
        }

        [TestMethod]
        public void ZeroSenderAddressProbingAnotherAddressTeachesNothingAndIsNotADrop()
        {
            ArpBench bench = BenchKnowingNeighbour();
            bench.Receive(ArpBench.Arp(ArpPacket.OperationRequest, ArpBench.Mac(7), 0, ArpBench.Subnet + 9, true));
            Assert.AreEqual(0, bench.Stack.Drops.Total, "an RFC 5227 probe for another address is ordinary traffic");
            Assert.AreEqual(0, bench.Link.SentCount);
            Assert.AreEqual(ArpEntryState.Free, bench.State(0));
            Assert.AreEqual(1, bench.Stack.Arp.Count, "only 10.0.0.5 is known");
        }

        [TestMethod]
        public void ValidSenderStillTeachesItsAddressAndIsAnswered()
        {
            ArpBench bench = BenchKnowingNeighbour();
            bench.Receive(ArpBench.Arp(ArpPacket.OperationRequest, ArpBench.Mac(7), ArpBench.Subnet + 7, ArpBench.Local, true));
            Assert.AreEqual(0, bench.Stack.Drops.Total);
            Assert.AreEqual(1, bench.Link.SentCount, "one reply");
            Assert.IsTrue(ArpBench.SameMac(ArpBench.Mac(7), bench.CachedMac(ArpBench.Subnet + 7)));
        }
    }
}
