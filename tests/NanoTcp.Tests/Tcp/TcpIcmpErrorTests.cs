#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using NanoTcp.Hardware.Simulation;
using NanoTcp.Tcp;
using NanoTcp.Tests.Support;
using NanoTcp.Wire;

namespace NanoTcp.Tests.Tcp
{
    /// <summary>ICMP errors handed to TCP (RFC 1122 §4.2.3.9, RFC 5927): crafted errors quoting our segments.</summary>
    [TestClass]
    public class TcpIcmpErrorTests
    {
        private const int A = TcpHeader.Ack;
        private const int P = TcpHeader.Psh;
        private const byte Unreachable = IcmpHeader.TypeDestinationUnreachable;

        /// <summary>What an ICMP error quotes: our IPv4 header (20 bytes) and the first 8 bytes of our TCP header.</summary>
        private static byte[] Quote(int localPort, int remotePort, uint seq)
        {
            var b = new byte[Ipv4Header.MinLength + 8];
            Ipv4Header.SetVersionAndHeaderLength(b, 0, Ipv4Header.MinLength);
            Ipv4Header.SetTotalLength(b, 0, Ipv4Header.MinLength + TcpHeader.MinLength);
            Ipv4Header.SetTtl(b, 0, 64);
            Ipv4Header.SetProtocol(b, 0, Ipv4Header.ProtocolTcp);
            Ipv4Header.SetSource(b, 0, TcpHarness.LocalAddress);
            Ipv4Header.SetDestination(b, 0, TcpHarness.PeerAddress);
            TcpHeader.SetSourcePort(b, Ipv4Header.MinLength, (ushort)localPort);
            TcpHeader.SetDestinationPort(b, Ipv4Header.MinLength, (ushort)remotePort);
            TcpHeader.SetSequenceNumber(b, Ipv4Header.MinLength, seq);
            return b;
        }

        private static void Error(TcpHarness h, byte type, byte code, int localPort, int remotePort, uint seq)
        {
            byte[] quoted = Quote(localPort, remotePort, seq);
            h.Layer.ErrorArrived(type, code, quoted, 0, quoted.Length);
        }

        [TestMethod]
        public void PortUnreachableForOurSynAbortsSynSentAndConnectIsRefused()
        {
            var h = new TcpHarness();
            TcpConnection c = TcpConnection.BeginConnect(h.Layer, TcpHarness.PeerAddress, 80);
            uint iss = h.Next().Seq;
            Error(h, Unreachable, IcmpHeader.CodePortUnreachable, c.LocalPort, 80, iss);
            Assert.AreEqual(TcpState.Closed, c.State);
            Assert.AreEqual(TcpError.Unreachable, c.Error);
            Expect.Throws(typeof(ConnectionRefusedException), () => c.WaitConnected(0));
            Assert.AreEqual(1, h.Layer.Counters.IcmpConnectionsAborted);
            h.Advance(10000);
            h.ExpectNothingSent();
        }

        [TestMethod]
        public void ProtocolUnreachableForOurSynAbortsSynSent()
        {
            var h = new TcpHarness();
            TcpConnection c = TcpConnection.BeginConnect(h.Layer, TcpHarness.PeerAddress, 80);
            uint iss = h.Next().Seq;
            Error(h, Unreachable, IcmpHeader.CodeProtocolUnreachable, c.LocalPort, 80, iss);
            Assert.AreEqual(TcpError.Unreachable, c.Error);
            Assert.AreEqual(TcpState.Closed, c.State);
        }

        [TestMethod]
        public void HostUnreachableForOurSynIsSoftAndTheSynIsRetried()
        {
            var h = new TcpHarness();
            TcpConnection c = TcpConnection.BeginConnect(h.Layer, TcpHarness.PeerAddress, 80);
            uint iss = h.Next().Seq;
            Error(h, Unreachable, IcmpHeader.CodeHostUnreachable, c.LocalPort, 80, iss);
            Assert.AreEqual(TcpState.SynSent, c.State);
            Assert.AreEqual(TcpSoftError.HostUnreachable, c.SoftError);
            Assert.AreEqual(TcpError.None, c.Error);
            Assert.AreEqual(1, h.Layer.Counters.IcmpSoftErrors);
            h.Advance(1000);
            SentSegment again = h.Next();
            Assert.IsTrue(again.Syn && again.Seq == iss, "the SYN is retransmitted: " + again);
        }

        [TestMethod]
        public void PortUnreachableOnAnEstablishedConnectionIsSoftAndTheConnectionGoesOn()
        {
            var h = new TcpHarness();
            TcpConnection c = h.OpenActive(5000, out uint iss);
            Assert.AreEqual(3, c.TrySend(new byte[] { 1, 2, 3 }, 0, 3));
            h.Expect(A | P, iss + 1, 5001);
            Error(h, Unreachable, IcmpHeader.CodePortUnreachable, c.LocalPort, 80, iss + 1);
            Assert.AreEqual(TcpState.Established, c.State);
            Assert.AreEqual(TcpSoftError.PortUnreachable, c.SoftError);
            Assert.AreEqual(0, h.Layer.Counters.IcmpConnectionsAborted);
            h.Inject(5001, iss + 4, A, 8192, null, -1, 80, c.LocalPort);
            Assert.AreEqual(TcpState.Established, c.State, "the ACK still arrives");
        }

        [TestMethod]
        public void TimeExceededIsRecordedAsSoft()
        {
            var h = new TcpHarness();
            TcpConnection c = TcpConnection.BeginConnect(h.Layer, TcpHarness.PeerAddress, 80);
            uint iss = h.Next().Seq;
            Error(h, IcmpHeader.TypeTimeExceeded, 0, c.LocalPort, 80, iss);
            Assert.AreEqual(TcpState.SynSent, c.State);
            Assert.AreEqual(TcpSoftError.TimeExceeded, c.SoftError);
        }

        [TestMethod]
        public void ErrorQuotingASequenceNumberOutsideSndUnaToSndNxtIsIgnored()
        {
            var h = new TcpHarness();
            TcpConnection c = TcpConnection.BeginConnect(h.Layer, TcpHarness.PeerAddress, 80);
            uint iss = h.Next().Seq;
            Error(h, Unreachable, IcmpHeader.CodePortUnreachable, c.LocalPort, 80, iss + 1);
            Error(h, Unreachable, IcmpHeader.CodePortUnreachable, c.LocalPort, 80, iss - 1);
            Error(h, Unreachable, IcmpHeader.CodePortUnreachable, c.LocalPort, 80, iss + 0x80000000);
            Assert.AreEqual(TcpState.SynSent, c.State);
            Assert.AreEqual(TcpSoftError.None, c.SoftError);
            Assert.AreEqual(3, h.Layer.Counters.IcmpErrorsOutOfWindow);
            Assert.AreEqual(3, h.Layer.Counters.IcmpErrorsReceived);
        }

        [TestMethod]
        public void ErrorQuotingAnotherFourTupleIsIgnored()
        {
            var h = new TcpHarness();
            TcpConnection c = TcpConnection.BeginConnect(h.Layer, TcpHarness.PeerAddress, 80);
            uint iss = h.Next().Seq;
            Error(h, Unreachable, IcmpHeader.CodePortUnreachable, c.LocalPort, 81, iss);
            Error(h, Unreachable, IcmpHeader.CodePortUnreachable, c.LocalPort + 1, 80, iss);
            Assert.AreEqual(TcpState.SynSent, c.State);
            Assert.AreEqual(2, h.Layer.Counters.IcmpErrorsNoConnection);
        }

        [TestMethod]
        public void FragmentationNeededIsCountedOnly()
        {
            var h = new TcpHarness();
            TcpConnection c = TcpConnection.BeginConnect(h.Layer, TcpHarness.PeerAddress, 80);
            uint iss = h.Next().Seq;
            Error(h, Unreachable, IcmpHeader.CodeFragmentationNeeded, c.LocalPort, 80, iss);
            Assert.AreEqual(TcpState.SynSent, c.State);
            Assert.AreEqual(TcpSoftError.None, c.SoftError);
            Assert.AreEqual(1, h.Layer.Counters.IcmpFragmentationNeeded);
        }

        [TestMethod]
        public void ConnectToAStackWithoutTcpIsRefusedByItsProtocolUnreachable()
        {
            // Stack B has no TCP: its IPv4 layer answers our SYN with ICMP protocol unreachable (RFC 1122 §3.2.2.1),
            // which A's ICMP layer hands to A's TCP.
            var clock = new ManualClock(1000);
            var wire = new EthernetWire(clock, 5);
            var a = new NetworkStack(wire.CreatePort(new byte[] { 0x02, 0, 0x5E, 0, 0, 1 }), clock, new NetworkConfiguration { Address = 0x0A000001, PrefixLength = 24 });
            var b = new NetworkStack(wire.CreatePort(new byte[] { 0x02, 0, 0x5E, 0, 0, 2 }), clock, new NetworkConfiguration { Address = 0x0A000002, PrefixLength = 24 });
            var tcp = new TcpLayer(a.Ipv4, clock, new TcpConfiguration { SecretSeed = 1 }, null);
            a.RegisterTransport(Ipv4Header.ProtocolTcp, tcp);
            TcpConnection c = TcpConnection.BeginConnect(tcp, 0x0A000002, 80);
            for (int i = 0; i < 200 && c.State == TcpState.SynSent; i++)
            {
                a.Poll();
                b.Poll();
                clock.Advance(1);
            }

            Assert.AreEqual(TcpState.Closed, c.State);
            Assert.AreEqual(TcpError.Unreachable, c.Error);
            Assert.AreEqual(1, a.Icmp.ErrorsReceived);
            Assert.AreEqual(1, tcp.Counters.IcmpConnectionsAborted);
            Assert.AreEqual(0, tcp.Counters.Retransmissions, "refused within the first RTO");
        }
    }
}
