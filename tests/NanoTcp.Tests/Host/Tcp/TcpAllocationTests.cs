using System;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using NanoTcp.Hardware.Host;
using NanoTcp.Hardware.Simulation;
using NanoTcp.Tcp;

using NanoTcp.Tests.Tcp;

namespace NanoTcp.Tests.Host.Tcp
{
    [TestClass]
    public class TcpAllocationTests
    {
        [TestMethod]
        [DoNotParallelize]
        public void SteadyStateTransferAllocatesZeroBytesPerSegment()
        {
            var clock = new ManualClock(1000);
            var a = new LoopbackIpv4Sender(TcpPair.ClientAddress) { PeerAddress = TcpPair.ServerAddress };
            var b = new LoopbackIpv4Sender(TcpPair.ServerAddress) { PeerAddress = TcpPair.ClientAddress };
            var client = new TcpLayer(a, clock, new TcpConfiguration { SecretSeed = 1 }, null);
            var server = new TcpLayer(b, clock, new TcpConfiguration { SecretSeed = 2 }, null);
            a.Peer = server;
            b.Peer = client;
            var listener = new TcpListener(server, 80, 2);
            listener.Start();
            TcpConnection c = TcpConnection.BeginConnect(client, TcpPair.ServerAddress, 80);
            TcpConnection s = null;
            for (int i = 0; i < 100 && s == null; i++)
            {
                a.Pump();
                b.Pump();
                s = listener.TryAccept();
            }

            Assert.IsNotNull(s);
            c.NoDelay = true;
            s.NoDelay = true;
            byte[] data = new byte[1000];
            byte[] sink = new byte[4096];

            void Run(int segments)
            {
                int start = client.Counters.SegmentsSent + server.Counters.SegmentsSent;
                for (int guard = 0; guard < 1000000 && client.Counters.SegmentsSent + server.Counters.SegmentsSent - start < segments; guard++)
                {
                    c.TrySend(data, 0, data.Length);
                    s.TrySend(data, 0, 300);
                    a.Pump();
                    b.Pump();
                    s.TryReceive(sink, 0, sink.Length);
                    c.TryReceive(sink, 0, sink.Length);
                    clock.Advance(1);
                    client.Poll(clock.Milliseconds);
                    server.Poll(clock.Milliseconds);
                }
            }

            Run(2000); // warm-up: JIT, tiered compilation, first-use paths
            int before = client.Counters.SegmentsSent + server.Counters.SegmentsSent;
            long allocated = GC.GetAllocatedBytesForCurrentThread();
            Run(10000);
            long after = GC.GetAllocatedBytesForCurrentThread();
            int segments = client.Counters.SegmentsSent + server.Counters.SegmentsSent - before;
            Assert.IsTrue(segments >= 10000, "segments: " + segments);
            Console.WriteLine($"{segments} segments, {after - allocated} bytes allocated");
            Assert.AreEqual(0L, after - allocated, $"bytes allocated across {segments} segments");
        }
    }
}
