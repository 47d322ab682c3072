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
    /// <summary>Two NanoTcp layers back to back with a manual clock and seeded faults.</summary>
    [TestClass]
    public class TcpSimulationTests
    {
        private static TcpConnection Connect(TcpPair pair, TcpListener listener, out TcpConnection server)
        {
            TcpConnection client = TcpConnection.BeginConnect(pair.Client, TcpPair.ServerAddress, 80);
            Assert.IsTrue(pair.RunUntil(() => listener.Pending() && client.State == TcpState.Established, 200000), "handshake");
            server = listener.TryAccept();
            return client;
        }

        [TestMethod]
        public void HttpRequestResponseCloseDoesNotStallOnDelayedAckAndNagle()
        {
            var pair = new TcpPair(3, 1);
            var listener = new TcpListener(pair.Server, 80, 2);
            listener.Start();
            TcpConnection client = Connect(pair, listener, out TcpConnection server);
            byte[] request = new byte[120];
            long start = pair.Clock.Milliseconds;
            client.TrySend(request, 0, request.Length);
            Assert.IsTrue(pair.RunUntil(() => server.Available == 120, 1000));
            server.TryReceive(new byte[200], 0, 200);
            // Response in two writes (headers, then body), then close: the body must not wait for a delayed ACK.
            server.TrySend(new byte[80], 0, 80);
            server.TrySend(new byte[300], 0, 300);
            server.Close();
            var buf = new byte[1000];
            int got = 0;
            Assert.IsTrue(pair.RunUntil(() =>
            {
                got += client.TryReceive(buf, 0, buf.Length);
                return client.EndOfStream;
            }, 5000));
            long elapsed = pair.Clock.Milliseconds - start;
            Assert.AreEqual(380, got);
            Assert.IsTrue(elapsed < 50, "request → response → close took " + elapsed + " ms of simulated time (a stall would be ≥ 200)");
            client.Close();
            Assert.IsTrue(pair.RunUntil(() => pair.Server.ConnectionsInUse == 0 && pair.Client.ConnectionsInUse == 0, 5000));
            Assert.AreEqual(1, pair.Client.TimeWaitRecords.Count + pair.Server.TimeWaitRecords.Count);
        }

        [TestMethod]
        public void HalfCloseBothWaysBetweenTwoStacks()
        {
            var pair = new TcpPair(4, 1);
            var listener = new TcpListener(pair.Server, 80, 2);
            listener.Start();
            TcpConnection client = Connect(pair, listener, out TcpConnection server);
            client.TrySend(new byte[] { 1, 2, 3 }, 0, 3);
            client.Shutdown();
            Assert.IsTrue(pair.RunUntil(() => server.Available == 3 && server.State == TcpState.CloseWait && client.State == TcpState.FinWait2, 2000));
            // The server keeps sending after the client's FIN.
            server.TrySend(new byte[] { 9, 9 }, 0, 2);
            Assert.IsTrue(pair.RunUntil(() => client.Available == 2, 2000));
            var request = new byte[4];
            Assert.AreEqual(3, server.Receive(request, 0, 4, 0), "read before Close: unread data would turn the FIN into a RST");
            server.Close();
            Assert.IsTrue(pair.RunUntil(() => pair.Client.TimeWaitRecords.Count == 1, 2000));
            var buf = new byte[4];
            Assert.AreEqual(2, client.Receive(buf, 0, 4, 0), "data received before TIME-WAIT stays readable");
            Assert.IsTrue(client.EndOfStream);
            Assert.AreEqual(TcpState.Closed, client.State, "TIME-WAIT holds no slot; the client's handle sees CLOSED");
            Assert.AreEqual(1, pair.Client.TimeWaitRecords.Count);
        }

        [TestMethod]
        public void SimultaneousCloseBetweenTwoStacksEndsInTimeWaitOnBothSides()
        {
            var pair = new TcpPair(5, 5);
            var listener = new TcpListener(pair.Server, 80, 2);
            listener.Start();
            TcpConnection client = Connect(pair, listener, out TcpConnection server);
            client.Close();
            server.Close();
            Assert.IsTrue(pair.RunUntil(() => pair.Client.ConnectionsInUse == 0 && pair.Server.ConnectionsInUse == 0, 5000));
            Assert.AreEqual(1, pair.Client.TimeWaitRecords.Count);
            Assert.AreEqual(1, pair.Server.TimeWaitRecords.Count);
        }

        [TestMethod]
        public void SynFloodOfAThousandPortsWhileAnotherStackConnectsAndExchangesData()
        {
            var pair = new TcpPair(7, 1);
            var listener = new TcpListener(pair.Server, 80, 4);
            listener.Start();
            const uint attacker = 0x0A0000C8;
            var syn = new byte[24];
            TcpConnection client = null;
            for (int i = 0; i < 1000; i++)
            {
                NanoTcp.Wire.TcpHeader.SetSourcePort(syn, 0, (ushort)(1024 + i));
                NanoTcp.Wire.TcpHeader.SetDestinationPort(syn, 0, 80);
                NanoTcp.Wire.TcpHeader.SetSequenceNumber(syn, 0, (uint)(i * 104729));
                NanoTcp.Wire.TcpHeader.SetDataOffset(syn, 0, 24);
                NanoTcp.Wire.TcpHeader.SetFlags(syn, 0, NanoTcp.Wire.TcpHeader.Syn);
                NanoTcp.Wire.TcpHeader.SetWindow(syn, 0, 8192);
                NanoTcp.Wire.TcpOptions.WriteMaximumSegmentSize(syn, 20, 1460);
                NanoTcp.Wire.TcpHeader.FillChecksum(syn, 0, 24, attacker, TcpPair.ServerAddress);
                pair.Server.Receive(syn, 0, 24, attacker, TcpPair.ServerAddress);
                if (i == 300)
                {
                    client = TcpConnection.BeginConnect(pair.Client, TcpPair.ServerAddress, 80);
                }

                pair.Step(1);
            }

            Assert.IsTrue(pair.RunUntil(() => listener.Pending() && client.State == TcpState.Established, 10000), "the real client connected during the flood");
            TcpConnection server = listener.TryAccept();
            Assert.AreEqual(client.LocalPort, server.RemotePort);
            client.TrySend(new byte[] { 1, 2, 3 }, 0, 3);
            Assert.IsTrue(pair.RunUntil(() => server.Available == 3, 5000));
            Assert.IsTrue(pair.Server.Counters.SynCookiesSent >= 990, "cookies: " + pair.Server.Counters.SynCookiesSent);
            Assert.IsTrue(pair.Server.ConnectionsInUse <= 3, "half-open slots stay bounded");
        }

        [TestMethod]
        public void BulkBothWaysUnderLossDuplicationAndReorderingArrivesByteExact()
        {
            var config1 = new TcpConfiguration { SecretSeed = 11, MinimumRetransmissionTimeout = 200, MaximumRetransmissions = 30 };
            var config2 = new TcpConfiguration { SecretSeed = 12, MinimumRetransmissionTimeout = 200, MaximumRetransmissions = 30 };
            var pair = new TcpPair(6, 1, config1, config2);
            var listener = new TcpListener(pair.Server, 80, 2);
            listener.Start();
            TcpConnection client = Connect(pair, listener, out TcpConnection server);
            pair.DropRate = 0.10;
            pair.DuplicateRate = 0.05;
            pair.ReorderRate = 0.10;

            var transfer = new TwoWayTransfer(client, server, 1);
            bool done = pair.RunUntil(transfer.Step, 3600L * 1000);
            Assert.IsTrue(done, $"transfer incomplete: up {transfer.UpReceived}, down {transfer.DownReceived} after {pair.Clock.Milliseconds} ms");
            transfer.AssertByteExact();
            Assert.IsTrue(pair.Dropped > TwoWayTransfer.PerMegabyte(100), "faults were injected: " + pair.Dropped);
            Console.WriteLine($"{TwoWayTransfer.Size} B both ways: {pair.Clock.Milliseconds} ms simulated, {pair.Delivered} delivered, {pair.Dropped} dropped, client retransmissions {pair.Client.Counters.Retransmissions}, server retransmissions {pair.Server.Counters.Retransmissions}");
        }
    }
}
