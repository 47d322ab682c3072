#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using NanoTcp.Tcp;
using NanoTcp.Wire;

namespace NanoTcp.Tests.Tcp
{
    /// <summary>The retransmission timer tells the IPv4 layer that the peer's next hop is in doubt (RFC 1122 §2.3.2.1).</summary>
    [TestClass]
    public class TcpNextHopDoubtTests
    {
        [TestMethod]
        public void EveryRetransmissionTimeoutReportsThePeerInDoubtAndNothingElseDoes()
        {
            var h = new TcpHarness(new TcpConfiguration { MaximumRetransmissions = 5 });
            TcpConnection c = h.OpenActive(5000, out uint iss);
            Assert.AreEqual(0, h.Ip.InDoubtCount, "a handshake answered in time raises no doubt");
            c.TrySend(new byte[10], 0, 10);
            h.Expect(TcpHeader.Ack | TcpHeader.Psh, iss + 1, 5001);
            Assert.AreEqual(0, h.Ip.InDoubtCount);

            h.Advance(h.Layer.Poll(h.Now) - h.Now);
            h.Expect(TcpHeader.Ack | TcpHeader.Psh, iss + 1, 5001);
            Assert.AreEqual(1, h.Ip.InDoubtCount, "first retransmission");
            Assert.AreEqual(TcpHarness.PeerAddress, h.Ip.LastInDoubt);
            h.Ip.InDoubtCount = 0;

            h.Advance(h.Layer.Poll(h.Now) - h.Now);
            h.Next();
            Assert.AreEqual(1, h.Ip.InDoubtCount, "second retransmission");
            h.Ip.InDoubtCount = 0;

            h.Inject(5001, iss + 11, TcpHeader.Ack, sourcePort: 80, destinationPort: c.LocalPort);
            h.Advance(10000);
            Assert.AreEqual(0, h.Ip.InDoubtCount, "acknowledged: no more doubt");
        }
    }
}
