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
    /// Entries in doubt are re-validated (RFC 1122 §2.3.2.1): a MAC changed by an unasked ARP packet, a transport
    /// retransmission, or a neighbour's frames from another MAC start unicast requests to the cached MAC; without an
    /// answer broadcast requests find the owner, and the frame kept meanwhile goes to it.
    /// </summary>
    [TestClass]
    public class ArpRevalidationTests
    {
        private const uint Neighbour = ArpBench.Subnet + 5;

        private static readonly byte[] Forged = { 0x02, 0x00, 0x5E, 0x00, 0x00, 0x66 };

        private static ArpBench BenchKnowingNeighbour()
        {
            var bench = new ArpBench();
            bench.Learn(5);
            return bench;
        }

        [TestMethod]
        public void MacChangedByAnUnaskedPacketIsCountedAndProbedAtOnceByUnicast()
        {
            ArpBench bench = BenchKnowingNeighbour();
            bench.Receive(ArpBench.Arp(ArpPacket.OperationRequest, Forged, Neighbour, Neighbour, true));
            Assert.AreEqual(1, bench.Stack.Arp.Replaced);
            Assert.AreEqual(ArpEntryState.Probe, bench.State(Neighbour));
            Assert.AreEqual(1, bench.Link.SentCount, "one unicast request");
            Assert.IsTrue(bench.SentRequest(0, Neighbour, Forged), "a request for 10.0.0.5 to the new MAC only");
            Assert.AreEqual(1, bench.Stack.Arp.UnicastRequestsSent);
        }

        [TestMethod]
        public void NewMacThatAnswersItsProbeStays()
        {
            ArpBench bench = BenchKnowingNeighbour();
            bench.Receive(ArpBench.Arp(ArpPacket.OperationRequest, Forged, Neighbour, Neighbour, true));
            bench.Receive(ArpBench.Arp(ArpPacket.OperationReply, Forged, Neighbour, ArpBench.Local, false));
            Assert.AreEqual(ArpEntryState.Reachable, bench.State(Neighbour), "a host that moved answers at its new MAC");
            Assert.IsTrue(ArpBench.SameMac(Forged, bench.CachedMac(Neighbour)));
            bench.Link.ClearSent();
            bench.Advance(5000);
            Assert.AreEqual(0, bench.Link.SentCount, "no further requests");
        }

        [TestMethod]
        public void UnansweredUnicastRequestsFallBackToBroadcastAndTheOwnerGetsTheKeptFrame()
        {
            ArpBench bench = BenchKnowingNeighbour();
            bench.Receive(ArpBench.Arp(ArpPacket.OperationRequest, Forged, Neighbour, Neighbour, true));
            Assert.IsTrue(bench.Stack.Udp.Send(Neighbour, 9, 9, new byte[] { 1, 2, 3, 4 }, 0, 4));
            Assert.AreEqual(2, bench.Link.SentCount, "the probe, then the datagram to the MAC in doubt");
            Assert.IsTrue(ArpBench.SameMac(Forged, bench.Link.Sent(1)));

            bench.Link.ClearSent();
            bench.Advance(999);
            Assert.AreEqual(0, bench.Link.SentCount, "nothing before the request interval");
            bench.Advance(1);
            Assert.AreEqual(1, bench.Link.SentCount);
            Assert.IsTrue(bench.SentRequest(0, Neighbour, Forged), "second unicast request at 1 s");
            bench.Link.ClearSent();
            bench.Advance(1000);
            Assert.AreEqual(1, bench.Link.SentCount);
            Assert.IsTrue(bench.SentRequest(0, Neighbour, null), "broadcast at 2 s");
            Assert.AreEqual(ArpEntryState.Incomplete, bench.State(Neighbour));

            bench.Link.ClearSent();
            bench.Receive(ArpBench.Arp(ArpPacket.OperationReply, ArpBench.Mac(5), Neighbour, ArpBench.Local, false));
            Assert.AreEqual(ArpEntryState.Reachable, bench.State(Neighbour));
            Assert.IsTrue(ArpBench.SameMac(ArpBench.Mac(5), bench.CachedMac(Neighbour)), "the owner's MAC is back");
            Assert.AreEqual(2, bench.Stack.Arp.Replaced, "changed twice: to the forged MAC and back");
            Assert.AreEqual(1, bench.Link.SentCount, "the kept datagram goes again");
            Assert.IsTrue(ArpBench.SameMac(ArpBench.Mac(5), bench.Link.Sent(0)));
            Assert.AreEqual(EthernetHeader.EtherTypeIpv4, EthernetHeader.EtherType(bench.Link.Sent(0), 0));
            Assert.AreEqual(0, bench.Stack.Drops.Total);
        }

        [TestMethod]
        public void TransportDoubtProbesByUnicastAndAnAnswerFromTheSameMacEndsItQuietly()
        {
            ArpBench bench = BenchKnowingNeighbour();
            bench.Advance(1000);
            bench.Stack.Ipv4.NextHopInDoubt(Neighbour);
            Assert.AreEqual(ArpEntryState.Probe, bench.State(Neighbour));
            Assert.AreEqual(1, bench.Link.SentCount);
            Assert.IsTrue(bench.SentRequest(0, Neighbour, ArpBench.Mac(5)));
            Assert.AreEqual(1, bench.Stack.Arp.Revalidations);

            bench.Link.ClearSent();
            bench.Receive(ArpBench.Arp(ArpPacket.OperationReply, ArpBench.Mac(5), Neighbour, ArpBench.Local, false));
            Assert.AreEqual(ArpEntryState.Reachable, bench.State(Neighbour));
            Assert.AreEqual(0, bench.Link.SentCount, "nothing resent: the MAC was right");
            Assert.AreEqual(0, bench.Stack.Arp.Replaced);

            bench.Stack.Ipv4.NextHopInDoubt(Neighbour);
            Assert.AreEqual(0, bench.Link.SentCount, "no second probe within the request interval");
            bench.Advance(1000);
            bench.Stack.Ipv4.NextHopInDoubt(Neighbour);
            Assert.AreEqual(1, bench.Link.SentCount, "a later retransmission probes again");
        }

        [TestMethod]
        public void TransportDoubtAboutAnOffLinkDestinationProbesTheGateway()
        {
            var bench = new ArpBench();
            bench.Receive(ArpBench.Arp(ArpPacket.OperationRequest, ArpBench.Mac(254), ArpBench.Gateway, ArpBench.Local, true));
            bench.Link.ClearSent();
            bench.Advance(1000);
            bench.Stack.Ipv4.NextHopInDoubt(0xC0A80101);
            Assert.AreEqual(1, bench.Link.SentCount);
            Assert.IsTrue(bench.SentRequest(0, ArpBench.Gateway, ArpBench.Mac(254)));
        }

        [TestMethod]
        public void FramesFromTheNeighbourAtItsCachedMacConfirmAnEntryInDoubt()
        {
            ArpBench bench = BenchKnowingNeighbour();
            bench.Advance(1000);
            bench.Stack.Ipv4.NextHopInDoubt(Neighbour);
            bench.Link.ClearSent();
            bench.Receive(ArpBench.Udp(ArpBench.Mac(5), Neighbour));
            Assert.AreEqual(ArpEntryState.Reachable, bench.State(Neighbour));
            bench.Advance(5000);
            Assert.AreEqual(0, bench.Link.SentCount, "no more requests");
        }

        [TestMethod]
        public void FramesFromTheNeighbourAtAnotherMacPutTheEntryInDoubtThenSkipToBroadcast()
        {
            var bench = new ArpBench();
            // A forged request for our address creates the entry with the forged MAC (nothing to compare it with).
            bench.Receive(ArpBench.Arp(ArpPacket.OperationRequest, Forged, Neighbour, ArpBench.Local, true));
            bench.Advance(1000);
            bench.Link.ClearSent();

            bench.Receive(ArpBench.Udp(ArpBench.Mac(5), Neighbour));
            Assert.AreEqual(ArpEntryState.Probe, bench.State(Neighbour));
            Assert.AreEqual(1, bench.Link.SentCount);
            Assert.IsTrue(bench.SentRequest(0, Neighbour, Forged), "unicast request to the MAC in doubt");

            bench.Link.ClearSent();
            bench.Receive(ArpBench.Udp(ArpBench.Mac(5), Neighbour));
            Assert.AreEqual(1, bench.Link.SentCount, "the neighbour is alive elsewhere: broadcast at once");
            Assert.IsTrue(bench.SentRequest(0, Neighbour, null));
            bench.Receive(ArpBench.Arp(ArpPacket.OperationReply, ArpBench.Mac(5), Neighbour, ArpBench.Local, false));
            Assert.IsTrue(ArpBench.SameMac(ArpBench.Mac(5), bench.CachedMac(Neighbour)));
            Assert.AreEqual(1, bench.Stack.Arp.Replaced);
        }

        [TestMethod]
        public void OffLinkFramesThroughTheGatewayFromAnotherMacDoNotPutItInDoubt()
        {
            var bench = new ArpBench();
            bench.Receive(ArpBench.Arp(ArpPacket.OperationRequest, ArpBench.Mac(254), ArpBench.Gateway, ArpBench.Local, true));
            bench.Advance(1000);
            bench.Link.ClearSent();
            // A router answering for a virtual (VRRP) gateway MAC forwards from its own MAC.
            bench.Receive(ArpBench.Udp(ArpBench.Mac(253), 0xC0A80101));
            Assert.AreEqual(ArpEntryState.Reachable, bench.State(ArpBench.Gateway));
            Assert.AreEqual(0, bench.Link.SentCount);
        }

        [TestMethod]
        public void EntryInUseByAConfirmingNeighbourOutlivesItsLifetime()
        {
            ArpBench bench = BenchKnowingNeighbour();
            for (int minute = 0; minute < 10; minute++)
            {
                bench.Advance(60000);
                bench.Receive(ArpBench.Udp(ArpBench.Mac(5), Neighbour));
            }

            Assert.IsTrue(ArpBench.SameMac(ArpBench.Mac(5), bench.CachedMac(Neighbour)), "10 minutes of traffic keep the entry");
            Assert.AreEqual(0, bench.Link.SentCount, "and cost no ARP");
        }
    }
}
