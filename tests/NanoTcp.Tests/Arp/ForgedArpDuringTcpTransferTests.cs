#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using NanoTcp.Arp;
using NanoTcp.Hardware.Simulation;
using NanoTcp.Tcp;
using NanoTcp.Wire;

namespace NanoTcp.Tests.Arp
{
    /// <summary>
    /// Two full stacks (board 10.0.0.1 sending, peer 10.0.0.2 receiving) on the in-memory switch with a manual clock,
    /// and an attacker port that sends one forged ARP frame naming the peer's address during the transfer. The
    /// outage is the longest time the peer's received byte count stands still after the frame; the target
    /// is at most 5 s (it was 31–35 s against the Linux kernel, and for ever between two NanoTcp stacks).
    /// </summary>
    [TestClass]
    public class ForgedArpDuringTcpTransferTests
    {
        private const uint Board = 0x0A000001;
        private const uint Peer = 0x0A000002;
        private const int Chunk = 4096;
        private static readonly byte[] ForgedMac = { 0x02, 0x00, 0x5E, 0x00, 0x00, 0x66 };

        /// <summary>The two stacks, the attacker and the connection, as locals of one run.</summary>
        private sealed class Run
        {
            public readonly ManualClock Clock = new ManualClock(1000);
            public readonly EthernetWire Wire;
            public readonly NetworkStack BoardStack;
            public readonly TcpLayer BoardTcp;
            public readonly NetworkStack PeerStack;
            public readonly TcpLayer PeerTcp;
            public readonly WirePort Attacker;
            public readonly TcpConnection Sender;
            public readonly TcpConnection Receiver;
            public readonly byte[] Data = new byte[Chunk];
            public readonly byte[] Sink = new byte[Chunk];
            public long Received;

            public Run()
            {
                Wire = new EthernetWire(Clock, 5);
                BoardStack = new NetworkStack(Wire.CreatePort(ArpBench.Mac(1)), Clock, new NetworkConfiguration { Address = Board, PrefixLength = 24 });
                BoardTcp = new TcpLayer(BoardStack.Ipv4, Clock, new TcpConfiguration { SecretSeed = 1 }, null);
                BoardStack.RegisterTransport(6, BoardTcp);
                PeerStack = new NetworkStack(Wire.CreatePort(ArpBench.Mac(2)), Clock, new NetworkConfiguration { Address = Peer, PrefixLength = 24 });
                PeerTcp = new TcpLayer(PeerStack.Ipv4, Clock, new TcpConfiguration { SecretSeed = 2 }, null);
                PeerStack.RegisterTransport(6, PeerTcp);
                Attacker = Wire.CreatePort(ForgedMac);
                var listener = new TcpListener(PeerTcp, 80, 1);
                listener.Start();
                Sender = TcpConnection.BeginConnect(BoardTcp, Peer, 80);
                for (int i = 0; i < 5000 && !listener.Pending(); i++)
                {
                    Step();
                }

                Receiver = listener.TryAccept();
                Assert.IsNotNull(Receiver, "connected");
            }

            /// <summary>One millisecond: both stacks polled, the board's send buffer topped up, the peer's drained.</summary>
            public void Step()
            {
                for (int i = 0; i < 4; i++)
                {
                    BoardStack.Poll();
                    PeerStack.Poll();
                }

                if (Sender != null && Sender.State == TcpState.Established)
                {
                    Sender.TrySend(Data, 0, Chunk);
                }

                if (Receiver != null)
                {
                    int n;
                    while ((n = Receiver.TryReceive(Sink, 0, Chunk)) > 0)
                    {
                        Received += n;
                    }
                }

                Clock.Advance(1);
            }

            /// <summary>Runs <paramref name="milliseconds"/> and returns the longest stretch without new bytes at the peer.</summary>
            public long LongestStall(long milliseconds)
            {
                long lastProgress = Clock.Milliseconds;
                long last = Received;
                long longest = 0;
                for (long t = 0; t < milliseconds; t++)
                {
                    Step();
                    if (Received != last)
                    {
                        last = Received;
                        lastProgress = Clock.Milliseconds;
                    }

                    long stall = Clock.Milliseconds - lastProgress;
                    if (stall > longest)
                    {
                        longest = stall;
                    }
                }

                return longest;
            }

            /// <summary>The attacker's frame: "10.0.0.2 is at <paramref name="mac"/>", broadcast (a gratuitous request).</summary>
            public void Forge(byte[] mac, ushort operation, uint target)
            {
                Forge(mac, operation, target, null);
            }

            /// <summary>As above; with <paramref name="only"/> the frame goes to that MAC alone instead of broadcast.</summary>
            public void Forge(byte[] mac, ushort operation, uint target, byte[] only)
            {
                byte[] frame = new byte[EthernetHeader.Length + ArpPacket.Length];
                if (only == null)
                {
                    EthernetHeader.SetBroadcastDestination(frame, 0);
                }
                else
                {
                    EthernetHeader.SetDestination(frame, 0, only, 0);
                }

                EthernetHeader.SetSource(frame, 0, ForgedMac, 0);
                EthernetHeader.SetEtherType(frame, 0, EthernetHeader.EtherTypeArp);
                ArpPacket.Write(frame, EthernetHeader.Length, operation, mac, 0, Peer, null, 0, target);
                Attacker.Send(frame, 0, frame.Length);
            }

            public byte[] BoardEntryForPeer()
            {
                var mac = new byte[6];
                return BoardStack.Arp.TryGet(Peer, mac, 0) ? mac : null;
            }
        }

        [TestMethod]
        public void ForgedUnicastMacCostsTheTransferAtMostFiveSeconds()
        {
            var run = new Run();
            Assert.IsTrue(run.LongestStall(2000) < 1000, "the transfer runs before the attack");
            long before = run.Received;
            run.Forge(ForgedMac, ArpPacket.OperationRequest, Peer);
            long stall = run.LongestStall(15000);
            System.Console.WriteLine("forged unicast MAC: longest stall " + stall + " ms; board replaced " + run.BoardStack.Arp.Replaced
                + ", revalidations " + run.BoardStack.Arp.Revalidations + ", unicast requests " + run.BoardStack.Arp.UnicastRequestsSent);
            Assert.IsTrue(stall <= 5000, "outage " + stall + " ms, more than 5 s");
            Assert.IsTrue(run.Received > before + 1000000, "the transfer went on: " + (run.Received - before) + " bytes");
            Assert.IsTrue(ArpBench.SameMac(ArpBench.Mac(2), run.BoardEntryForPeer()), "the peer's MAC is back");
            Assert.IsTrue(run.BoardStack.Arp.Replaced >= 2, "counted: to the forged MAC and back");
            Assert.AreEqual(TcpState.Established, run.Sender.State);
        }

        [TestMethod]
        public void ForgedZeroMacIsDroppedAndTheTransferDoesNotStall()
        {
            var run = new Run();
            run.LongestStall(2000);
            run.Forge(new byte[6], ArpPacket.OperationReply, Board);
            long stall = run.LongestStall(5000);
            Assert.IsTrue(stall < 1000, "stalled " + stall + " ms");
            Assert.AreEqual(1, run.BoardStack.Drops.Get(DropReason.ArpBadSenderHardwareAddress));
            Assert.AreEqual(0, run.BoardStack.Arp.Replaced);
            Assert.IsTrue(ArpBench.SameMac(ArpBench.Mac(2), run.BoardEntryForPeer()));
        }

        [TestMethod]
        public void ForgedEntryThatAnsweredItsProbeIsCorrectedByTheRetransmissionTimerWithinFiveSeconds()
        {
            var run = new Run();
            run.LongestStall(2000);

            // The attacker answers the probe its frame causes, so the board believes it, then falls silent while the
            // board sends: only the board's retransmission timer can notice (the peer receives nothing, sends nothing).
            // Sent to the board alone: a broadcast would reach the peer, whose RFC 5227 defence corrects it at once.
            run.Forge(ForgedMac, ArpPacket.OperationRequest, Peer, ArpBench.Mac(1));
            byte[] reply = new byte[EthernetHeader.Length + ArpPacket.Length];
            EthernetHeader.SetDestination(reply, 0, ArpBench.Mac(1), 0);
            EthernetHeader.SetSource(reply, 0, ForgedMac, 0);
            EthernetHeader.SetEtherType(reply, 0, EthernetHeader.EtherTypeArp);
            ArpPacket.Write(reply, EthernetHeader.Length, ArpPacket.OperationReply, ForgedMac, 0, Peer, ArpBench.Mac(1), 0, Board);
            run.Attacker.Send(reply, 0, reply.Length);
            run.Step();
            run.Step();
            Assert.IsTrue(ArpBench.SameMac(ForgedMac, run.BoardEntryForPeer()), "the forged entry stands");

            int revalidations = run.BoardStack.Arp.Revalidations;
            long stall = run.LongestStall(15000);
            System.Console.WriteLine("forged entry kept by a probe answer: longest stall " + stall + " ms; retransmissions " + run.BoardTcp.Counters.Retransmissions);
            Assert.IsTrue(stall <= 5000, "outage " + stall + " ms, more than 5 s");
            Assert.IsTrue(run.BoardStack.Arp.Revalidations > revalidations, "the retransmission timer re-validated the entry");
            Assert.IsTrue(ArpBench.SameMac(ArpBench.Mac(2), run.BoardEntryForPeer()));
            Assert.AreEqual(ArpEntryState.Reachable, EntryState(run.BoardStack, Peer));
        }

        private static ArpEntryState EntryState(NetworkStack stack, uint address)
        {
            for (int i = 0; i < stack.Arp.Capacity; i++)
            {
                if (stack.Arp.EntryState(i) != ArpEntryState.Free && stack.Arp.EntryAddress(i) == address)
                {
                    return stack.Arp.EntryState(i);
                }
            }

            return ArpEntryState.Free;
        }
    }
}
