#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using System;
using NanoTcp.Tests.Support;
using NanoTcp.Wire;

namespace NanoTcp.Tests.Ipv4
{
    [TestClass]
    public class UdpTests
    {
        private static readonly uint A = Network.Subnet + 1;
        private static readonly uint B = Network.Subnet + 2;

        [TestMethod]
        public void DatagramsTravelBothWaysBetweenTwoStacks()
        {
            var net = new Network();
            var a = net.AddStack(1);
            var b = net.AddStack(2);
            b.Udp.Bind(7, (buf, off, len, src, sport, dst, dport) => b.Udp.Send(src, dport, sport, buf, off, len));
            byte[] echoed = null;
            uint echoSource = 0;
            ushort echoPort = 0;
            a.Udp.Bind(40000, (buf, off, len, src, sport, dst, dport) =>
            {
                echoed = Frames.Slice(buf, off, len);
                echoSource = src;
                echoPort = sport;
            });
            a.Udp.Send(B, 40000, 7, Frames.Pattern(500), 0, 500);
            net.Settle();
            Expect.SameBytes(Frames.Pattern(500), echoed);
            Assert.AreEqual(B, echoSource);
            Assert.AreEqual((ushort)7, echoPort);
            Assert.AreEqual(1, a.Udp.DatagramsReceived);
            Assert.AreEqual(1, b.Udp.DatagramsReceived);
        }

        [TestMethod]
        public void SentDatagramCarriesACorrectChecksumAndHeader()
        {
            var net = new Network();
            var a = net.AddStack(1);
            var h = net.AddHost(5);
            h.Send(Frames.Arp(ArpPacket.OperationRequest, h.Mac, h.Address, new byte[6], A));
            net.Settle();
            h.Drain();
            a.Udp.Send(h.Address, 1234, 5678, Frames.Pattern(11), 0, 11);
            var frame = h.Drain().Single();
            Assert.AreEqual((ushort)1234, UdpHeader.SourcePort(frame, 34));
            Assert.AreEqual((ushort)5678, UdpHeader.DestinationPort(frame, 34));
            Assert.AreEqual(19, UdpHeader.DatagramLength(frame, 34));
            Assert.AreNotEqual((ushort)0, UdpHeader.Checksum(frame, 34));
            Assert.AreEqual((ushort)0, InternetChecksum.Compute(frame, 34, 19, InternetChecksum.PseudoHeaderSum(A, h.Address, 17, 19)));
            Assert.AreEqual(60, frame.Length, "short frames are padded to 60 bytes");
        }

        [TestMethod]
        public void DatagramWithoutChecksumIsAccepted()
        {
            var net = new Network();
            var a = net.AddStack(1);
            var h = net.AddHost(5);
            int delivered = 0;
            a.Udp.Bind(53, (buf, off, len, src, sport, dst, dport) => delivered = len);
            h.Send(Frames.Udp(Frames.Mac(1), h.Mac, h.Address, A, 4000, 53, Frames.Pattern(9), checksum: false));
            net.Settle();
            Assert.AreEqual(9, delivered);
        }

        [TestMethod]
        public void DatagramWithABadChecksumIsDroppedAndCounted()
        {
            var net = new Network();
            var a = net.AddStack(1);
            var h = net.AddHost(5);
            int delivered = 0;
            a.Udp.Bind(53, (buf, off, len, src, sport, dst, dport) => delivered++);
            var frame = Frames.Udp(Frames.Mac(1), h.Mac, h.Address, A, 4000, 53, Frames.Pattern(9));
            frame[45] ^= 1;
            h.Send(frame);
            net.Settle();
            Assert.AreEqual(0, delivered);
            Assert.AreEqual(1, a.Drops.Get(DropReason.UdpBadChecksum));
        }

        [TestMethod]
        public void LengthFieldLongerThanThePacketIsMalformed()
        {
            var net = new Network();
            var a = net.AddStack(1);
            var h = net.AddHost(5);
            a.Udp.Bind(53, (buf, off, len, src, sport, dst, dport) => { });
            var frame = Frames.Udp(Frames.Mac(1), h.Mac, h.Address, A, 4000, 53, Frames.Pattern(9));
            UdpHeader.SetDatagramLength(frame, 34, 18);
            h.Send(frame);
            net.Settle();
            Assert.AreEqual(1, a.Drops.Get(DropReason.UdpMalformed));
        }

        [TestMethod]
        public void BroadcastDatagramIsDelivered()
        {
            var net = new Network();
            var a = net.AddStack(1);
            var h = net.AddHost(5);
            uint destination = 0;
            a.Udp.Bind(9, (buf, off, len, src, sport, dst, dport) => destination = dst);
            h.Send(Frames.Udp(Frames.Broadcast, h.Mac, h.Address, Network.Subnet + 255, 4000, 9, Frames.Pattern(4)));
            net.Settle();
            Assert.AreEqual(Network.Subnet + 255, destination, "directed broadcast");
            h.Send(Frames.Udp(Frames.Broadcast, h.Mac, h.Address, 0xFFFFFFFF, 4000, 9, Frames.Pattern(4)));
            net.Settle();
            Assert.AreEqual(0xFFFFFFFF, destination, "limited broadcast");
        }

        [TestMethod]
        public void BindingABoundPortIsRefused()
        {
            var net = new Network();
            var a = net.AddStack(1);
            a.Udp.Bind(9, (buf, off, len, src, sport, dst, dport) => { });
            Expect.Throws(typeof(InvalidOperationException), () => a.Udp.Bind(9, (buf, off, len, src, sport, dst, dport) => { }));
        }

        [TestMethod]
        public void BindingBeyondTheTableIsRefusedAndUnbindFreesASlot()
        {
            var net = new Network();
            var a = net.AddStack(1, c => c.UdpBindings = 2);
            a.Udp.Bind(1, (buf, off, len, src, sport, dst, dport) => { });
            a.Udp.Bind(2, (buf, off, len, src, sport, dst, dport) => { });
            Expect.Throws(typeof(InvalidOperationException), () => a.Udp.Bind(3, (buf, off, len, src, sport, dst, dport) => { }));
            Assert.IsTrue(a.Udp.Unbind(1));
            a.Udp.Bind(3, (buf, off, len, src, sport, dst, dport) => { });
            Assert.IsFalse(a.Udp.Unbind(1));
        }

        [TestMethod]
        public void SendingWithoutAnAddressIsDroppedAsNoAddress()
        {
            var net = new Network();
            var a = net.AddStack(1, address: false);
            Assert.IsFalse(a.Udp.Send(B, 1, 2, Frames.Pattern(4), 0, 4));
            Assert.AreEqual(1, a.Drops.Get(DropReason.SendNoAddress));
        }
    }
}
