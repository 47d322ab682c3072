#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using NanoTcp.Hardware.Simulation;
using NanoTcp.Tests.Support;

namespace NanoTcp.Tests.Enc28j60Driver
{
    /// <summary>
    /// A NanoTcp stack on driver + chip model and a plain NanoTcp stack on a port of the same in-memory wire:
    /// ping and UDP both ways, every errata switch of the model on (TCP: Enc28j60LinkTcpTests).
    /// </summary>
    [TestClass]
    public class Enc28j60LinkStackTests
    {
        private const uint DriverAddress = 0x0A000001; // 10.0.0.1
        private const uint PeerAddress = 0x0A000002;   // 10.0.0.2

#if NANOFRAMEWORK_1_0
        // Driver and chip model cost a few ms per frame on nanoCLR: 1/16 of the .NET size each way.
        private const int UdpBytes = 1 << 16;
#else
        private const int UdpBytes = 1 << 20;
#endif

        private sealed class Pair
        {
            public Pair(bool useInterruptPin, bool fullDuplex)
            {
                H = new DriverHarness(useInterruptPin, fullDuplex);
                if (!fullDuplex)
                {
                    H.ModelOptions.Errata13LateCollisionEvery = 5;
                }

                H.Link.Initialize();
                OnChip = new NetworkStack(H.Link, H.Clock, new NetworkConfiguration { Address = DriverAddress, PrefixLength = 24 });
                Plain = new NetworkStack(H.Peer, H.Clock, new NetworkConfiguration { Address = PeerAddress, PrefixLength = 24 });
            }

            public DriverHarness H { get; }

            public NetworkStack OnChip { get; }

            public NetworkStack Plain { get; }

            /// <summary>Polls both stacks and the wire, 1 ms of the manual clock per round, until <paramref name="done"/> (bounded).</summary>
            public bool RunUntil(Condition done)
            {
                for (int i = 0; i < 2000; i++)
                {
                    H.Pump();
                    OnChip.Poll();
                    H.Pump();
                    Plain.Poll();
                    if (done())
                    {
                        return true;
                    }

                    H.Clock.Advance(1);
                }

                return false;
            }
        }

        [TestMethod]
        [DataRow(true, true)]
        [DataRow(false, true)]
        [DataRow(true, false)]
        public void PingsAreAnsweredBothWays(bool useInterruptPin, bool fullDuplex)
        {
            var p = new Pair(useInterruptPin, fullDuplex);
            var data = new byte[1000];
            new SeededRandom(3).NextBytes(data);
            int repliesAtPlain = 0;
            int repliesAtChip = 0;
            p.Plain.Icmp.EchoReplyReceived = (source, id, seq, buf, off, len) =>
            {
                Assert.AreEqual(DriverAddress, source);
                Enc28j60LinkTransferTests.AssertSame(data, buf, len, "echo data", off);
                Assert.AreEqual(repliesAtPlain + 1, (int)seq, "replies in order");
                repliesAtPlain++;
            };
            p.OnChip.Icmp.EchoReplyReceived = (source, id, seq, buf, off, len) =>
            {
                Assert.AreEqual(PeerAddress, source);
                Enc28j60LinkTransferTests.AssertSame(data, buf, len, "echo data", off);
                Assert.AreEqual(repliesAtChip + 1, (int)seq, "replies in order");
                repliesAtChip++;
            };

            for (ushort seq = 1; seq <= 20; seq++)
            {
                ushort s = seq;
                Assert.IsTrue(p.RunUntil(() => p.Plain.Icmp.SendEchoRequest(DriverAddress, 7, s, data, 0, data.Length)), "request " + seq + " from the plain stack");
                Assert.IsTrue(p.RunUntil(() => repliesAtPlain == s), "reply " + seq + " at the plain stack");
                Assert.IsTrue(p.RunUntil(() => p.OnChip.Icmp.SendEchoRequest(PeerAddress, 8, s, data, 0, data.Length)), "request " + seq + " from the stack on the chip");
                Assert.IsTrue(p.RunUntil(() => repliesAtChip == s), "reply " + seq + " at the stack on the chip");
            }

            Assert.AreEqual(20, p.OnChip.Icmp.EchoRequestsAnswered);
            Assert.AreEqual(20, p.Plain.Icmp.EchoRequestsAnswered);
        }

        [TestMethod]
        [DataRow(true, true)]
        [DataRow(false, true)]
        [DataRow(true, false)]
        public void AMegabyteOfUdpEachWayArrivesByteExactAndInOrder(bool useInterruptPin, bool fullDuplex)
        {
            // 1 MB on .NET, 64 KB on nanoCLR. One datagram each way is in flight at a time: each must be the one sent.
            var p = new Pair(useInterruptPin, fullDuplex);
            var random = new SeededRandom(11);
            byte[] toChip = null;
            byte[] toPlain = null;
            int sentToChip = 0;
            int sentToPlain = 0;
            int atChip = 0;
            int atPlain = 0;
            p.OnChip.Udp.Bind(5000, (buf, off, len, src, sport, dst, dport) =>
            {
                Assert.AreEqual(PeerAddress, src);
                Enc28j60LinkTransferTests.AssertSame(toChip, buf, len, "datagram " + atChip + " at the stack on the chip", off);
                atChip++;
            });
            p.Plain.Udp.Bind(6000, (buf, off, len, src, sport, dst, dport) =>
            {
                Assert.AreEqual(DriverAddress, src);
                Enc28j60LinkTransferTests.AssertSame(toPlain, buf, len, "datagram " + atPlain + " at the plain stack", off);
                atPlain++;
            });

            long bytes = 0;
            while (bytes < UdpBytes)
            {
                var a = new byte[1 + random.Next(p.Plain.Udp.MaxPayloadLength)];
                random.NextBytes(a);
                toChip = a;
                sentToChip++;
                Assert.IsTrue(p.RunUntil(() => p.Plain.Udp.Send(DriverAddress, 6000, 5000, a, 0, a.Length)), "send to the chip");
                var b = new byte[1 + random.Next(p.OnChip.Udp.MaxPayloadLength)];
                random.NextBytes(b);
                toPlain = b;
                sentToPlain++;
                Assert.IsTrue(p.RunUntil(() => p.OnChip.Udp.Send(PeerAddress, 5000, 6000, b, 0, b.Length)), "send from the chip");
                Assert.IsTrue(p.RunUntil(() => atChip == sentToChip && atPlain == sentToPlain), "datagram " + sentToChip + " arrived");
                bytes += Numbers.Min(a.Length, b.Length);
            }

            Assert.AreEqual(0L, p.H.Link.Statistics.ReceiveHeaderErrors + p.H.Link.Statistics.ReceiveOverflows + p.H.Link.Statistics.TransmitAborts);
        }
    }
}
