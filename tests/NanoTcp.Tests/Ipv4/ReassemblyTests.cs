#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using System.Collections;
using NanoTcp.Tests.Support;
using NanoTcp.Wire;

namespace NanoTcp.Tests.Ipv4
{
    /// <summary>
    /// IPv4 reassembly (RFC 791, RFC 815) on a manual clock: in order, out of order, duplicates, overlaps (RFC 5722
    /// spirit: the whole datagram goes), the timeout, a full table and bad lengths; every drop counted.
    /// </summary>
    [TestClass]
    public class ReassemblyTests
    {
        private const ushort Port = 7;
        private static readonly uint A = Network.Subnet + 1;

        /// <summary>Copies of the datagrams UDP delivered to port 7.</summary>
        private sealed class Received
        {
            public ArrayList Datagrams { get; } = new ArrayList();

            public void Handle(byte[] buffer, int offset, int length, uint source, ushort sourcePort, uint destination, ushort destinationPort)
            {
                Datagrams.Add(Frames.Slice(buffer, offset, length));
            }
        }

        private sealed class Fixture
        {
            public Fixture(Network net, NetworkStack a, ScriptedHost h, Received received)
            {
                Net = net;
                A = a;
                H = h;
                Received = received;
            }

            public Network Net { get; }

            public NetworkStack A { get; }

            public ScriptedHost H { get; }

            public Received Received { get; }
        }

        private static Fixture Setup(int datagrams)
        {
            var net = new Network();
            var a = net.AddStack(1, c =>
            {
                c.ReassemblyDatagrams = datagrams;
                c.ReassemblyMaxDatagramLength = 4096;
                c.ReassemblyMaxFragments = 16;
                c.ReassemblyTimeoutMilliseconds = 30000;
            });
            var h = net.AddHost(5);
            h.Send(Frames.Arp(ArpPacket.OperationRequest, h.Mac, h.Address, new byte[6], A));
            net.Settle();
            h.Drain();
            var received = new Received();
            a.Udp.Bind(Port, received.Handle);
            return new Fixture(net, a, h, received);
        }

        /// <summary>A UDP datagram to port 7 carrying <paramref name="data"/> (the IPv4 payload to fragment).</summary>
        private static byte[] Datagram(Fixture f, byte[] data)
        {
            return Frames.UdpDatagram(f.H.Address, A, 4000, Port, data);
        }

        /// <summary>The fragment of <paramref name="payload"/> from <paramref name="start"/> for <paramref name="length"/> bytes.</summary>
        private static byte[] Fragment(Fixture f, byte[] payload, int start, int length, bool more, ushort identification, byte protocol = Ipv4Header.ProtocolUdp)
        {
            ushort flags = (ushort)((more ? Ipv4Header.MoreFragments : 0) | (start >> 3));
            return Frames.Ipv4(Frames.Mac(1), f.H.Mac, f.H.Address, A, protocol, Frames.Slice(payload, start, length), identification, flags);
        }

        private static void Send(Fixture f, byte[] frame)
        {
            f.H.Send(frame);
            f.Net.Settle();
        }

        private static string DropList(Fixture f)
        {
            string text = string.Empty;
            for (int i = 0; i < (int)DropReason.Count; i++)
            {
                if (f.A.Drops.Get((DropReason)i) != 0)
                {
                    text += i + "=" + f.A.Drops.Get((DropReason)i) + " ";
                }
            }

            return text;
        }

        private static void AssertDeliveredOnce(Fixture f, byte[] data)
        {
            Assert.AreEqual(1, f.Received.Datagrams.Count, "one datagram delivered; drops: " + DropList(f));
            Expect.SameBytes(data, (byte[])f.Received.Datagrams[0]);
        }

        [TestMethod]
        public void FragmentsInOrderAreReassembledAndDeliveredToUdp()
        {
            Fixture f = Setup(2);
            byte[] data = Frames.Pattern(3000, 3);
            byte[] payload = Datagram(f, data);
            Send(f, Fragment(f, payload, 0, 1480, true, 77));
            Send(f, Fragment(f, payload, 1480, 1480, true, 77));
            Assert.AreEqual(0, f.Received.Datagrams.Count);
            Assert.AreEqual(1, f.A.Ipv4Layer.ReassembliesInProgress);
            Send(f, Fragment(f, payload, 2960, payload.Length - 2960, false, 77));
            AssertDeliveredOnce(f, data);
            Assert.AreEqual(1, f.A.Ipv4Layer.DatagramsReassembled);
            Assert.AreEqual(0, f.A.Ipv4Layer.ReassembliesInProgress);
            Assert.AreEqual(0, f.A.Drops.Total);
        }

        [TestMethod]
        public void FragmentsOutOfOrderAreReassembled()
        {
            Fixture f = Setup(2);
            byte[] data = Frames.Pattern(3000, 4);
            byte[] payload = Datagram(f, data);
            Send(f, Fragment(f, payload, 2960, payload.Length - 2960, false, 78));
            Send(f, Fragment(f, payload, 0, 1480, true, 78));
            Assert.AreEqual(0, f.Received.Datagrams.Count);
            Send(f, Fragment(f, payload, 1480, 1480, true, 78));
            AssertDeliveredOnce(f, data);
        }

        [TestMethod]
        public void DuplicateFragmentIsDroppedAloneAndTheDatagramCompletes()
        {
            Fixture f = Setup(2);
            byte[] data = Frames.Pattern(2000, 5);
            byte[] payload = Datagram(f, data);
            Send(f, Fragment(f, payload, 0, 1480, true, 79));
            Send(f, Fragment(f, payload, 0, 1480, true, 79));
            Assert.AreEqual(1, f.A.Drops.Get(DropReason.Ipv4FragmentDuplicate));
            Send(f, Fragment(f, payload, 1480, payload.Length - 1480, false, 79));
            AssertDeliveredOnce(f, data);
        }

        [TestMethod]
        public void OverlappingFragmentDiscardsTheWholeDatagramAndItsLaterFragments()
        {
            Fixture f = Setup(2);
            byte[] data = Frames.Pattern(2000, 6);
            byte[] payload = Datagram(f, data);
            Send(f, Fragment(f, payload, 0, 1480, true, 80));
            Send(f, Fragment(f, payload, 1472, 8, true, 80));
            Assert.AreEqual(1, f.A.Drops.Get(DropReason.Ipv4FragmentOverlap));
            Send(f, Fragment(f, payload, 1480, payload.Length - 1480, false, 80));
            Assert.AreEqual(0, f.Received.Datagrams.Count, "nothing of an overlapped datagram is delivered");
            Assert.AreEqual(1, f.A.Drops.Get(DropReason.Ipv4FragmentOfDiscardedDatagram));
            f.Net.Run(30000, 1000);
            Assert.AreEqual(0, f.A.Ipv4Layer.ReassembliesInProgress, "the dead slot is freed at its timer");
            Assert.AreEqual(0, f.A.Drops.Get(DropReason.Ipv4ReassemblyTimeout), "a discarded datagram is not counted twice");
        }

        [TestMethod]
        public void IncompleteDatagramIsDroppedAtTheTimeoutAndPollReturnsIt()
        {
            Fixture f = Setup(2);
            byte[] payload = Datagram(f, Frames.Pattern(2000, 7));
            long start = f.Net.Clock.Milliseconds;
            Send(f, Fragment(f, payload, 0, 1480, true, 81));
            Assert.IsTrue(f.A.Poll() <= start + 30000, "Poll returns the reassembly deadline");
            f.Net.Run(29900, 100);
            Assert.AreEqual(1, f.A.Ipv4Layer.ReassembliesInProgress);
            f.Net.Run(200, 100);
            Assert.AreEqual(0, f.A.Ipv4Layer.ReassembliesInProgress);
            Assert.AreEqual(1, f.A.Drops.Get(DropReason.Ipv4ReassemblyTimeout));
            Send(f, Fragment(f, payload, 1480, payload.Length - 1480, false, 81));
            Assert.AreEqual(0, f.Received.Datagrams.Count, "a late last fragment starts over; it completes nothing");
        }

        [TestMethod]
        public void TimeoutWithFragmentZeroSendsTimeExceededQuotingIt()
        {
            Fixture f = Setup(2);
            byte[] payload = Datagram(f, Frames.Pattern(2000, 7));
            byte[] first = Fragment(f, payload, 0, 1480, true, 82);
            Send(f, first);
            f.H.Drain();
            f.Net.Run(29900, 100);
            Assert.AreEqual(0, IcmpErrors(f.H.Drain()).Count, "nothing before the timeout");
            f.Net.Run(200, 100);
            FrameList errors = IcmpErrors(f.H.Drain());
            Assert.AreEqual(1, errors.Count, "one time exceeded at the timeout");
            byte[] error = (byte[])errors[0];
            int icmp = 14 + Ipv4Header.MinLength;
            Assert.AreEqual(IcmpHeader.TypeTimeExceeded, IcmpHeader.Type(error, icmp));
            Assert.AreEqual(IcmpHeader.CodeFragmentReassemblyTimeExceeded, IcmpHeader.Code(error, icmp));
            Assert.AreEqual(f.H.Address, Ipv4Header.Destination(error, 14));
            int icmpLength = Ipv4Header.TotalLength(error, 14) - Ipv4Header.MinLength;
            Assert.AreEqual(IcmpHeader.Length + Ipv4Header.MinLength + 8, icmpLength, "fragment zero's header and 8 bytes of its data");
            Assert.IsTrue(IcmpHeader.ChecksumIsCorrect(error, icmp, icmpLength));
            Expect.SameBytes(Frames.Slice(first, 14, Ipv4Header.MinLength + 8), Frames.Slice(error, icmp + IcmpHeader.Length, Ipv4Header.MinLength + 8));
            Assert.AreEqual(1, f.A.Icmp.ErrorsSent);
        }

        [TestMethod]
        public void TimeoutWithoutFragmentZeroSendsNoTimeExceeded()
        {
            Fixture f = Setup(2);
            byte[] payload = Datagram(f, Frames.Pattern(2000, 7));
            Send(f, Fragment(f, payload, 1480, payload.Length - 1480, false, 83));
            f.H.Drain();
            f.Net.Run(30100, 100);
            Assert.AreEqual(1, f.A.Drops.Get(DropReason.Ipv4ReassemblyTimeout));
            Assert.AreEqual(0, IcmpErrors(f.H.Drain()).Count, "RFC 1122 §3.3.2: only when fragment zero was received");
            Assert.AreEqual(0, f.A.Icmp.ErrorsSent);
        }

        [TestMethod]
        public void BroadcastDatagramTimingOutSendsNoTimeExceeded()
        {
            Fixture f = Setup(2);
            uint broadcast = Network.Subnet + 255;
            byte[] payload = Frames.UdpDatagram(f.H.Address, broadcast, 4000, Port, Frames.Pattern(2000, 7));
            ushort flags = Ipv4Header.MoreFragments;
            Send(f, Frames.Ipv4(Frames.Broadcast, f.H.Mac, f.H.Address, broadcast, Ipv4Header.ProtocolUdp, Frames.Slice(payload, 0, 1480), 86, flags));
            Assert.AreEqual(1, f.A.Ipv4Layer.ReassembliesInProgress, "a broadcast datagram is reassembled for UDP");
            f.H.Drain();
            f.Net.Run(30100, 100);
            Assert.AreEqual(1, f.A.Drops.Get(DropReason.Ipv4ReassemblyTimeout));
            Assert.AreEqual(0, IcmpErrors(f.H.Drain()).Count, "RFC 1122 §3.2.2: no ICMP error about a broadcast");
        }

        [TestMethod]
        public void TimeExceededSharesTheIcmpErrorRateLimit()
        {
            Fixture f = Setup(2);
            byte[] payload = Datagram(f, Frames.Pattern(2000, 7));
            Send(f, Fragment(f, payload, 0, 1480, true, 84));
            Send(f, Fragment(f, payload, 0, 1480, true, 85));
            f.H.Drain();
            f.Net.Run(30100, 100);
            Assert.AreEqual(2, f.A.Drops.Get(DropReason.Ipv4ReassemblyTimeout));
            Assert.AreEqual(1, IcmpErrors(f.H.Drain()).Count, "two datagrams time out together; one error goes out");
            Assert.AreEqual(1, f.A.Drops.Get(DropReason.IcmpRateLimited));
        }

        private static FrameList IcmpErrors(FrameList frames)
        {
            var errors = new FrameList();
            foreach (byte[] frame in frames)
            {
                if (ScriptedHost.IsIpv4(frame, Ipv4Header.ProtocolIcmp) && IcmpHeader.Type(frame, 14 + Ipv4Header.HeaderLength(frame, 14)) == IcmpHeader.TypeTimeExceeded)
                {
                    errors.Add(frame);
                }
            }

            return errors;
        }

        [TestMethod]
        public void FullTableDropsFragmentsOfANewDatagramUntilASlotIsFree()
        {
            Fixture f = Setup(2);
            byte[] first = Datagram(f, Frames.Pattern(2000, 8));
            byte[] second = Datagram(f, Frames.Pattern(2000, 9));
            byte[] third = Datagram(f, Frames.Pattern(2000, 10));
            Send(f, Fragment(f, first, 0, 1480, true, 1));
            Send(f, Fragment(f, second, 0, 1480, true, 2));
            Send(f, Fragment(f, third, 0, 1480, true, 3));
            Assert.AreEqual(1, f.A.Drops.Get(DropReason.Ipv4ReassemblyTableFull));
            Send(f, Fragment(f, first, 1480, first.Length - 1480, false, 1));
            Assert.AreEqual(1, f.Received.Datagrams.Count);
            Send(f, Fragment(f, third, 0, 1480, true, 3));
            Send(f, Fragment(f, third, 1480, third.Length - 1480, false, 3));
            Assert.AreEqual(2, f.Received.Datagrams.Count);
            Expect.SameBytes(Frames.Pattern(2000, 10), (byte[])f.Received.Datagrams[1]);
        }

        [TestMethod]
        public void NonLastFragmentNotAMultipleOfEightIsDropped()
        {
            Fixture f = Setup(2);
            byte[] payload = Datagram(f, Frames.Pattern(2000, 11));
            Send(f, Fragment(f, payload, 0, 1479, true, 82));
            Assert.AreEqual(1, f.A.Drops.Get(DropReason.Ipv4FragmentMalformed));
            Assert.AreEqual(0, f.A.Ipv4Layer.ReassembliesInProgress);
        }

        [TestMethod]
        public void FragmentWithNoDataIsDropped()
        {
            Fixture f = Setup(2);
            byte[] payload = Datagram(f, Frames.Pattern(100, 12));
            Send(f, Fragment(f, payload, 8, 0, true, 83));
            Assert.AreEqual(1, f.A.Drops.Get(DropReason.Ipv4FragmentMalformed));
        }

        [TestMethod]
        public void FragmentPastTheLargestDatagramIsDroppedAndDiscardsItsDatagram()
        {
            Fixture f = Setup(2);
            byte[] payload = Datagram(f, Frames.Pattern(4200, 13));
            Send(f, Fragment(f, payload, 0, 1480, true, 84));
            Send(f, Fragment(f, payload, 2960, payload.Length - 2960, false, 84));
            Assert.AreEqual(1, f.A.Drops.Get(DropReason.Ipv4ReassemblyTooLong), "4076 + 20 bytes of data fit, 4208 do not");
            Send(f, Fragment(f, payload, 1480, 1480, true, 84));
            Assert.AreEqual(0, f.Received.Datagrams.Count);
            Assert.AreEqual(1, f.A.Drops.Get(DropReason.Ipv4FragmentOfDiscardedDatagram));
        }

        [TestMethod]
        public void LastFragmentEndingBeforeDataAlreadyHeldDiscardsTheDatagram()
        {
            Fixture f = Setup(2);
            byte[] payload = Datagram(f, Frames.Pattern(3000, 14));
            Send(f, Fragment(f, payload, 1480, 1480, true, 85));
            Send(f, Fragment(f, payload, 8, 1000, false, 85));
            Assert.AreEqual(1, f.A.Drops.Get(DropReason.Ipv4FragmentMalformed));
            Send(f, Fragment(f, payload, 2960, payload.Length - 2960, false, 85));
            Assert.AreEqual(0, f.Received.Datagrams.Count);
        }

        [TestMethod]
        public void FragmentPastTheEndTheLastFragmentSetIsDropped()
        {
            Fixture f = Setup(2);
            byte[] payload = Datagram(f, Frames.Pattern(3000, 15));
            Send(f, Fragment(f, payload, 1480, 1000, false, 86));
            Send(f, Fragment(f, payload, 2480, 8, true, 86));
            Assert.AreEqual(1, f.A.Drops.Get(DropReason.Ipv4FragmentMalformed));
        }

        [TestMethod]
        public void DatagramInMoreFragmentsThanAllowedIsDiscarded()
        {
            Fixture f = Setup(2);
            byte[] payload = Datagram(f, Frames.Pattern(200, 16));
            for (int i = 0; i < 17; i++)
            {
                Send(f, Fragment(f, payload, i * 8, 8, true, 87));
            }

            Assert.AreEqual(1, f.A.Drops.Get(DropReason.Ipv4ReassemblyTooManyFragments));
            Send(f, Fragment(f, payload, 136, payload.Length - 136, false, 87));
            Assert.AreEqual(0, f.Received.Datagrams.Count);
        }

        [TestMethod]
        public void FragmentsAreDroppedAndCountedWhenReassemblyIsOff()
        {
            Fixture f = Setup(0);
            byte[] payload = Datagram(f, Frames.Pattern(2000, 17));
            Send(f, Fragment(f, payload, 0, 1480, true, 88));
            Send(f, Fragment(f, payload, 1480, payload.Length - 1480, false, 88));
            Assert.AreEqual(2, f.A.Drops.Get(DropReason.Ipv4Fragment));
            Assert.AreEqual(0, f.Received.Datagrams.Count);
        }

        /// <summary>The payload of the fragments from the stack (one identification), put in order by offset.</summary>
        private static byte[] Reassemble(FrameList frames, out int count)
        {
            count = 0;
            int total = 0;
            for (int i = 0; i < frames.Count; i++)
            {
                byte[] frame = frames[i];
                if (EthernetHeader.EtherType(frame, 0) != EthernetHeader.EtherTypeIpv4)
                {
                    continue;
                }

                Assert.IsTrue(Ipv4Header.ChecksumIsCorrect(frame, 14));
                int end = Ipv4Header.FragmentOffset(frame, 14) + Ipv4Header.TotalLength(frame, 14) - 20;
                if ((Ipv4Header.FlagsAndFragmentOffset(frame, 14) & Ipv4Header.MoreFragments) == 0)
                {
                    total = end;
                }

                count++;
            }

            var whole = new byte[total];
            ushort identification = 0;
            for (int i = 0; i < frames.Count; i++)
            {
                byte[] frame = frames[i];
                if (EthernetHeader.EtherType(frame, 0) != EthernetHeader.EtherTypeIpv4)
                {
                    continue;
                }

                if (identification == 0)
                {
                    identification = Ipv4Header.Identification(frame, 14);
                }

                Assert.AreEqual(identification, Ipv4Header.Identification(frame, 14), "one identification for every fragment");
                int length = Ipv4Header.TotalLength(frame, 14) - 20;
                bool more = (Ipv4Header.FlagsAndFragmentOffset(frame, 14) & Ipv4Header.MoreFragments) != 0;
                Assert.IsTrue(!more || length % 8 == 0, "a non-last fragment carries a multiple of 8 bytes");
                System.Array.Copy(frame, 34, whole, Ipv4Header.FragmentOffset(frame, 14), length);
            }

            return whole;
        }

        [TestMethod]
        public void PingOf3000BytesIsReassembledAndAnsweredInFragments()
        {
            Fixture f = Setup(2);
            byte[] data = Frames.Pattern(3000, 18);
            byte[] echo = Frames.IcmpEcho(IcmpHeader.TypeEchoRequest, 0x1234, 9, data);
            Send(f, Fragment(f, echo, 0, 1480, true, 90, Ipv4Header.ProtocolIcmp));
            Send(f, Fragment(f, echo, 1480, 1480, true, 90, Ipv4Header.ProtocolIcmp));
            Send(f, Fragment(f, echo, 2960, echo.Length - 2960, false, 90, Ipv4Header.ProtocolIcmp));
            int count;
            byte[] reply = Reassemble(f.H.Drain(), out count);
            Assert.AreEqual(3, count, "3008 bytes of ICMP in three fragments");
            Assert.AreEqual(3008, reply.Length);
            Assert.AreEqual(IcmpHeader.TypeEchoReply, IcmpHeader.Type(reply, 0));
            Assert.AreEqual((ushort)0x1234, IcmpHeader.Identifier(reply, 0));
            Assert.IsTrue(IcmpHeader.ChecksumIsCorrect(reply, 0, reply.Length));
            Expect.SameBytes(data, Frames.Slice(reply, 8, 3000));
            Assert.AreEqual(1, f.A.Icmp.EchoRequestsAnswered);
            Assert.AreEqual(1, f.A.Ipv4Layer.DatagramsFragmented);
            Assert.AreEqual(3, f.A.Ipv4Layer.FragmentsSent);
        }

        [TestMethod]
        public void UdpDatagramLargerThanAFrameGoesOutInFragmentsWithAValidChecksum()
        {
            Fixture f = Setup(0);
            byte[] data = Frames.Pattern(4000, 19);
            Assert.IsTrue(f.A.Udp.Send(f.H.Address, 5000, 6000, data, 0, data.Length));
            int count;
            byte[] datagram = Reassemble(f.H.Drain(), out count);
            Assert.AreEqual(3, count);
            Assert.AreEqual(4008, datagram.Length);
            Assert.AreEqual(4008, UdpHeader.DatagramLength(datagram, 0));
            Assert.AreEqual((ushort)6000, UdpHeader.DestinationPort(datagram, 0));
            Assert.AreNotEqual((ushort)0, UdpHeader.Checksum(datagram, 0));
            Assert.IsTrue(UdpHeader.ChecksumIsCorrect(datagram, 0, datagram.Length, A, f.H.Address));
            Expect.SameBytes(data, Frames.Slice(datagram, 8, 4000));
        }

        [TestMethod]
        public void TwoStacksExchangeALargeUdpDatagramThroughFragmentationAndReassembly()
        {
            var net = new Network();
            var a = net.AddStack(1, c => c.ReassemblyDatagrams = 1);
            var b = net.AddStack(2, c => c.ReassemblyDatagrams = 1);
            var received = new Received();
            b.Udp.Bind(Port, received.Handle);
            byte[] data = Frames.Pattern(3500, 20);
            Assert.IsTrue(a.Udp.Send(Network.Subnet + 2, 5000, Port, Frames.Pattern(10, 1), 0, 10), "a small one resolves ARP first");
            net.Settle();
            Assert.IsTrue(a.Udp.Send(Network.Subnet + 2, 5000, Port, data, 0, data.Length));
            net.Settle();
            Assert.AreEqual(2, received.Datagrams.Count);
            Expect.SameBytes(data, (byte[])received.Datagrams[1]);
        }
    }
}
