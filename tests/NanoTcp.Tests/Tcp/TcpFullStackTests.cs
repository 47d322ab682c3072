#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using System;
using NanoTcp.Hardware.Simulation;
using NanoTcp.Tcp;
using NanoTcp.Tests.Support;

namespace NanoTcp.Tests.Tcp
{
    /// <summary>Two complete NanoTcp stacks (Ethernet, ARP, IPv4, TCP) on the in-memory wire with a manual clock.</summary>
    [TestClass]
    public class TcpFullStackTests
    {
        private const uint AddressA = 0x0A000001;
        private const uint AddressB = 0x0A000002;

        private sealed class Node
        {
            public Node(EthernetWire wire, ManualClock clock, int n, uint address)
            {
                Stack = new NetworkStack(wire.CreatePort(new byte[] { 0x02, 0, 0x5E, 0, 0, (byte)n }), clock, new NetworkConfiguration { Address = address, PrefixLength = 24 });
                Tcp = new TcpLayer(Stack.Ipv4, clock, new TcpConfiguration { SecretSeed = n, MinimumRetransmissionTimeout = 200, MaximumRetransmissions = 30 }, null);
                Stack.RegisterTransport(6, Tcp);
            }

            public NetworkStack Stack { get; }

            public TcpLayer Tcp { get; }
        }

        private static bool Run(ManualClock clock, Node a, Node b, Condition done, long limit)
        {
            long end = clock.Milliseconds + limit;
            while (clock.Milliseconds < end)
            {
                if (done())
                {
                    return true;
                }

                for (int i = 0; i < 4; i++)
                {
                    a.Stack.Poll();
                    b.Stack.Poll();
                }

                clock.Advance(1);
            }

            return done();
        }

        [TestMethod]
        public void BulkBothWaysBetweenTwoStacksOnALossyWireArrivesByteExact()
        {
            var clock = new ManualClock(1000);
            var wire = new EthernetWire(clock, 21);
            var a = new Node(wire, clock, 1, AddressA);
            var b = new Node(wire, clock, 2, AddressB);
            var listener = new TcpListener(b.Tcp, 80, 2);
            listener.Start();
            TcpConnection client = TcpConnection.BeginConnect(a.Tcp, AddressB, 80);
            Assert.IsTrue(Run(clock, a, b, () => listener.Pending(), 60000), "handshake over the wire (ARP first)");
            TcpConnection server = listener.TryAccept();
            wire.Faults.DropRate = 0.10;
            wire.Faults.DuplicateRate = 0.05;
            wire.Faults.ReorderRate = 0.10;
            wire.Faults.DelayMilliseconds = 1;

            var transfer = new TwoWayTransfer(client, server, 3);
            bool done = Run(clock, a, b, transfer.Step, 3600L * 1000);
            Assert.IsTrue(done, $"incomplete: up {transfer.UpReceived}, down {transfer.DownReceived} at {clock.Milliseconds} ms; A {a.Tcp.Counters.Retransmissions} retx, B {b.Tcp.Counters.Retransmissions} retx");
            transfer.AssertByteExact();
            Assert.IsTrue(
                wire.Statistics.FramesDropped > TwoWayTransfer.PerMegabyte(100) && wire.Statistics.FramesDuplicated > TwoWayTransfer.PerMegabyte(50)
                    && wire.Statistics.FramesReordered > TwoWayTransfer.PerMegabyte(100),
                "faults were injected");
            Console.WriteLine($"full stacks, {TwoWayTransfer.Size} B both ways: {clock.Milliseconds} ms simulated; wire dropped {wire.Statistics.FramesDropped}, duplicated {wire.Statistics.FramesDuplicated}, reordered {wire.Statistics.FramesReordered}; A retx {a.Tcp.Counters.Retransmissions}, B retx {b.Tcp.Counters.Retransmissions}; out-of-order dropped A {a.Tcp.Counters.DroppedOutOfOrder} B {b.Tcp.Counters.DroppedOutOfOrder}");
        }
    }
}
