#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using NanoTcp.Dhcp;
using NanoTcp.Tests.Dhcp;
using NanoTcp.Tests.Ipv4;
using NanoTcp.Wire;

namespace NanoTcp.Tests.Arp
{
    /// <summary>
    /// RFC 5227 §2.4: an ARP from another MAC claiming our address is answered by one gratuitous ARP at most every
    /// DEFEND_INTERVAL (10 s); a conflict inside the interval is counted and reported instead: a static address is
    /// kept (§2.4 (c)), a DHCP lease is declined and given up (§2.4 (b), RFC 2131 §3.1.5).
    /// </summary>
    [TestClass]
    public class ArpAddressDefenceTests
    {
        private static readonly uint A = Network.Subnet + 1;

        private static bool IsAnnouncementOf(byte[] frame, uint address)
        {
            return ScriptedHost.IsArp(frame, ArpPacket.OperationRequest) && EthernetHeader.IsBroadcast(frame, 0)
                && ArpPacket.SenderProtocolAddress(frame, 14) == address && ArpPacket.TargetProtocolAddress(frame, 14) == address
                && Bytes.Equal(frame, 22, Frames.Mac(1), 0, 6);
        }

        private static int Announcements(FrameList frames, uint address)
        {
            int count = 0;
            for (int i = 0; i < frames.Count; i++)
            {
                if (IsAnnouncementOf(frames[i], address))
                {
                    count++;
                }
            }

            return count;
        }

        private static byte[] Claim(ScriptedHost squatter, uint address)
        {
            return Frames.Arp(ArpPacket.OperationRequest, squatter.Mac, address, new byte[6], address, Frames.Broadcast);
        }

        [TestMethod]
        public void ConflictingArpIsDefendedWithOneGratuitousArp()
        {
            var net = new Network();
            var a = net.AddStack(1);
            var squatter = net.AddHost(66);
            net.Settle();
            squatter.Drain();
            squatter.Send(Claim(squatter, A));
            net.Settle();
            Assert.AreEqual(1, Announcements(squatter.Drain(), A), "one announcement of 10.0.0.1 from our MAC");
            Assert.AreEqual(1, a.Arp.Conflicts);
            Assert.AreEqual(1, a.Arp.Defences);
            Assert.AreEqual(0, a.Arp.ConflictsNotDefended);
            Assert.AreEqual(A, a.LocalAddress);
        }

        [TestMethod]
        public void SecondConflictWithinTheDefendIntervalIsReportedNotDefendedAndAStaticAddressIsKept()
        {
            var net = new Network();
            var a = net.AddStack(1);
            var squatter = net.AddHost(66);
            net.Settle();
            squatter.Send(Claim(squatter, A));
            net.Settle();
            squatter.Drain();
            net.Run(9900);
            squatter.Send(Frames.Arp(ArpPacket.OperationReply, squatter.Mac, A, Frames.Mac(1), A));
            net.Settle();
            Assert.AreEqual(0, Announcements(squatter.Drain(), A), "no second announcement within 10 s");
            Assert.AreEqual(2, a.Arp.Conflicts);
            Assert.AreEqual(1, a.Arp.Defences);
            Assert.AreEqual(1, a.Arp.ConflictsNotDefended);
            Assert.AreEqual(A, a.LocalAddress, "a static address is defended indefinitely, never given up");
        }

        [TestMethod]
        public void ConflictAfterTheDefendIntervalIsDefendedAgain()
        {
            var net = new Network();
            var a = net.AddStack(1);
            var squatter = net.AddHost(66);
            net.Settle();
            squatter.Send(Claim(squatter, A));
            net.Settle();
            net.Run(10000);
            squatter.Drain();
            squatter.Send(Claim(squatter, A));
            net.Settle();
            Assert.AreEqual(1, Announcements(squatter.Drain(), A));
            Assert.AreEqual(2, a.Arp.Defences);
            Assert.AreEqual(0, a.Arp.ConflictsNotDefended);
        }

        [TestMethod]
        public void NewAddressIsDefendedAtItsFirstConflictEvenWithinTheInterval()
        {
            var net = new Network();
            var a = net.AddStack(1);
            var squatter = net.AddHost(66);
            net.Settle();
            squatter.Send(Claim(squatter, A));
            net.Settle();
            uint other = Network.Subnet + 9;
            a.SetStaticAddress(other, 24, 0);
            net.Settle();
            squatter.Drain();
            squatter.Send(Claim(squatter, other));
            net.Settle();
            Assert.AreEqual(1, Announcements(squatter.Drain(), other));
            Assert.AreEqual(2, a.Arp.Defences);
        }

        [TestMethod]
        public void LeasedAddressClaimedTwiceWithinTheDefendIntervalIsDeclinedAndGivenUp()
        {
            var net = new Network();
            var server = new ScriptedDhcpServer(net);
            var client = net.AddStack(1, c => c.UseDhcp = true, address: false);
            net.Settle();
            net.Run(1000);
            Assert.AreEqual(DhcpState.Bound, client.Dhcp.State);
            uint leased = ScriptedDhcpServer.Offered;
            var squatter = net.AddHost(66);
            squatter.Send(Claim(squatter, leased));
            net.Settle();
            Assert.AreEqual(1, client.Arp.Defences);
            Assert.AreEqual(leased, client.LocalAddress, "defended once, still ours");
            net.Run(1000);
            int before = server.Messages.Count;
            squatter.Send(Claim(squatter, leased));
            net.Settle();
            Assert.AreEqual(1, client.Arp.ConflictsNotDefended);
            Assert.AreEqual(0u, client.LocalAddress, "RFC 5227 §2.4 (b): cease using the address");
            Assert.AreEqual(1, client.Dhcp.Declines);
            Assert.AreEqual(before + 1, server.Messages.Count);
            var decline = server.Messages.Last();
            Assert.AreEqual(DhcpMessage.TypeDecline, decline.Type);
            Assert.AreEqual(leased, decline.RequestedAddress);
            Assert.AreEqual(0u, decline.ClientAddress);
            Assert.AreEqual(ScriptedDhcpServer.ServerAddress, decline.ServerIdentifier);
            net.Run(9000);
            Assert.AreEqual(before + 1, server.Messages.Count, "silence for 10 s after a DECLINE");
            net.Run(1500);
            Assert.AreEqual(DhcpMessage.TypeDiscover, server.Messages[before + 1].Type);
        }
    }
}
