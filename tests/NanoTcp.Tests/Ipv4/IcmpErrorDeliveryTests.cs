#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using NanoTcp.Wire;

namespace NanoTcp.Tests.Ipv4
{
    /// <summary>RFC 1122 §3.2.2: ICMP errors about packets we sent go to the transport that sent them, checked first.</summary>
    [TestClass]
    public class IcmpErrorDeliveryTests
    {
        private const uint Stack = Network.Subnet + 1;
        private const uint Peer = Network.Subnet + 9;

        /// <summary>A transport that records the ICMP errors handed to it.</summary>
        private sealed class RecordingTransport : ITransportProtocol, ITransportErrorReceiver
        {
            public int Errors;
            public byte Type;
            public byte Code;
            public uint QuotedSource;
            public int QuotedLength;

            public void Receive(byte[] buffer, int offset, int length, uint source, uint destination)
            {
            }

            public long Poll(long now) => long.MaxValue;

            public void ErrorArrived(byte type, byte code, byte[] buffer, int quoted, int quotedLength)
            {
                Errors++;
                Type = type;
                Code = code;
                QuotedSource = Ipv4Header.Source(buffer, quoted);
                QuotedLength = quotedLength;
            }
        }

        /// <summary>An ICMP error of <paramref name="type"/>/<paramref name="code"/> quoting <paramref name="quotedLength"/> bytes of a packet from <paramref name="quotedSource"/>.</summary>
        private static byte[] ErrorMessage(byte type, byte code, uint quotedSource, byte protocol, int quotedLength)
        {
            var m = new byte[IcmpHeader.Length + quotedLength];
            IcmpHeader.SetType(m, 0, type);
            IcmpHeader.SetCode(m, 0, code);
            if (quotedLength >= Ipv4Header.MinLength)
            {
                Ipv4Header.Write(m, IcmpHeader.Length, Ipv4Header.MinLength + 20, 7, 64, protocol, quotedSource, Peer);
            }

            IcmpHeader.FillChecksum(m, 0, m.Length);
            return m;
        }

        private static void Deliver(Network net, NetworkStack stack, byte[] message)
        {
            net.AddHost(9).Send(Frames.Ipv4(Frames.Mac(1), Frames.Mac(9), Peer, Stack, Ipv4Header.ProtocolIcmp, message));
            net.Settle();
        }

        [TestMethod]
        public void UnreachableQuotingOurPacketIsHandedToItsTransport()
        {
            var net = new Network();
            NetworkStack stack = net.AddStack(1);
            var transport = new RecordingTransport();
            stack.RegisterTransport(Ipv4Header.ProtocolTcp, transport);
            Deliver(net, stack, ErrorMessage(IcmpHeader.TypeDestinationUnreachable, IcmpHeader.CodePortUnreachable, Stack, Ipv4Header.ProtocolTcp, 28));
            Assert.AreEqual(1, transport.Errors);
            Assert.AreEqual((byte)IcmpHeader.TypeDestinationUnreachable, transport.Type);
            Assert.AreEqual((byte)IcmpHeader.CodePortUnreachable, transport.Code);
            Assert.AreEqual(Stack, transport.QuotedSource);
            Assert.AreEqual(28, transport.QuotedLength);
            Assert.AreEqual(1, stack.Icmp.ErrorsReceived);
            Assert.AreEqual(0, stack.Drops.Total);
        }

        [TestMethod]
        public void TimeExceededQuotingOurPacketIsHandedToItsTransport()
        {
            var net = new Network();
            NetworkStack stack = net.AddStack(1);
            var transport = new RecordingTransport();
            stack.RegisterTransport(Ipv4Header.ProtocolTcp, transport);
            Deliver(net, stack, ErrorMessage(IcmpHeader.TypeTimeExceeded, 0, Stack, Ipv4Header.ProtocolTcp, 48));
            Assert.AreEqual(1, transport.Errors);
            Assert.AreEqual((byte)IcmpHeader.TypeTimeExceeded, transport.Type);
            Assert.AreEqual(48, transport.QuotedLength);
        }

        [TestMethod]
        public void ErrorQuotingAPacketFromAnotherSourceIsDroppedAsMalformed()
        {
            var net = new Network();
            NetworkStack stack = net.AddStack(1);
            var transport = new RecordingTransport();
            stack.RegisterTransport(Ipv4Header.ProtocolTcp, transport);
            Deliver(net, stack, ErrorMessage(IcmpHeader.TypeDestinationUnreachable, IcmpHeader.CodePortUnreachable, Network.Subnet + 5, Ipv4Header.ProtocolTcp, 28));
            Assert.AreEqual(0, transport.Errors);
            Assert.AreEqual(1, stack.Drops.Get(DropReason.IcmpErrorMalformed));
        }

        [TestMethod]
        public void ErrorQuotingLessThanAnIpv4HeaderAndEightBytesIsDroppedAsMalformed()
        {
            var net = new Network();
            NetworkStack stack = net.AddStack(1);
            var transport = new RecordingTransport();
            stack.RegisterTransport(Ipv4Header.ProtocolTcp, transport);
            Deliver(net, stack, ErrorMessage(IcmpHeader.TypeDestinationUnreachable, IcmpHeader.CodePortUnreachable, Stack, Ipv4Header.ProtocolTcp, 27));
            Deliver(net, stack, ErrorMessage(IcmpHeader.TypeDestinationUnreachable, IcmpHeader.CodePortUnreachable, Stack, Ipv4Header.ProtocolTcp, 0));
            Assert.AreEqual(0, transport.Errors);
            Assert.AreEqual(2, stack.Drops.Get(DropReason.IcmpErrorMalformed));
        }

        [TestMethod]
        public void ErrorAboutAProtocolWhoseTransportTakesNoErrorsIsCounted()
        {
            var net = new Network();
            NetworkStack stack = net.AddStack(1);
            Deliver(net, stack, ErrorMessage(IcmpHeader.TypeDestinationUnreachable, IcmpHeader.CodePortUnreachable, Stack, Ipv4Header.ProtocolUdp, 28));
            Assert.AreEqual(1, stack.Drops.Get(DropReason.IcmpErrorNotHandled));
        }
    }
}
