using System;
using System.Diagnostics;
using System.Text.Json;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using NanoTcp.Http;
using NanoTcp.Tcp;

namespace NanoTcp.Tests.Host.Http
{
    /// <summary>The HTTP server over the real TCP layer: two full stacks on the in-memory wire, one thread, manual clock.</summary>
    [TestClass]
    public class HttpOverTcpTests
    {
        public TestContext TestContext { get; set; }

        private const string Get = "GET {0} HTTP/1.1\r\nHost: 10.0.0.1\r\n\r\n";

        [TestMethod]
        public void StatusJsonShowsTheRequestingConnectionEstablished()
        {
            var net = new HttpNetwork();
            TcpConnection client = net.Connect();
            net.Send(client, string.Format(Get, "/api/status"));
            HttpReply reply = net.ReadReply();
            Assert.AreEqual(200, reply.Status);
            Assert.AreEqual("chunked", reply.Fields["Transfer-Encoding"]);
            using JsonDocument json = JsonDocument.Parse(reply.Body);
            JsonElement root = json.RootElement;
            Assert.AreEqual("10.0.0.1", root.GetProperty("ipv4").GetProperty("address").GetString());
            Assert.AreEqual(24, root.GetProperty("ipv4").GetProperty("prefixLength").GetInt32());
            Assert.AreEqual("02:00:5e:00:00:01", root.GetProperty("link").GetProperty("mac").GetString());
            Assert.AreEqual(4, root.GetProperty("capacity").GetProperty("connections").GetInt32(), "4 slots");
            JsonElement connections = root.GetProperty("connections");
            Assert.AreEqual(1, connections.GetArrayLength(), "only the slots in use are rows");
            int established = 0;
            foreach (JsonElement c in connections.EnumerateArray())
            {
                if (c.GetProperty("state").GetString() == "ESTABLISHED")
                {
                    established++;
                    Assert.AreEqual(80, c.GetProperty("localPort").GetInt32());
                    Assert.AreEqual("10.0.0.2", c.GetProperty("remoteAddress").GetString());
                    Assert.AreEqual(client.LocalPort, c.GetProperty("remotePort").GetInt32());
                }
            }

            Assert.AreEqual(1, established);
            Assert.IsTrue(root.GetProperty("counters").GetProperty("tcp").GetProperty("segmentsReceived").GetInt64() >= 3);
        }

        [TestMethod]
        public void ClosedConnectionAppearsInTheTimeWaitTable()
        {
            var net = new HttpNetwork();
            TcpConnection first = net.Connect();
            net.Send(first, "GET /bulk/10 HTTP/1.1\r\nHost: 10.0.0.1\r\nConnection: close\r\n\r\n");
            HttpReply closing = net.ReadReply();
            Assert.AreEqual("close", closing.Fields["Connection"]);
            Assert.IsTrue(net.RunUntil(() => first.EndOfStream, 5000), "the server did not close after Connection: close");
            first.Close();
            net.RunUntil(() => net.BoardTcp.TimeWaitRecords.Count == 1, 5000);

            TcpConnection second = net.Connect();
            net.Send(second, string.Format(Get, "/api/status"));
            HttpReply reply = net.ReadReply();
            using JsonDocument json = JsonDocument.Parse(reply.Body);
            JsonElement timeWait = json.RootElement.GetProperty("timeWait");
            Assert.AreEqual(1, timeWait.GetArrayLength());
            Assert.AreEqual(first.LocalPort, timeWait[0].GetProperty("remotePort").GetInt32());
            long remaining = timeWait[0].GetProperty("remainingMs").GetInt64();
            Assert.IsTrue(remaining > 0 && remaining <= 60000, "2 MSL = 60 s, remaining " + remaining);
        }

        [TestMethod]
        public void StatusPageListsTheConnectionTable()
        {
            var net = new HttpNetwork();
            TcpConnection client = net.Connect();
            net.Send(client, string.Format(Get, "/"));
            HttpReply reply = net.ReadReply();
            Assert.AreEqual(200, reply.Status);
            Assert.AreEqual("text/html; charset=us-ascii", reply.Fields["Content-Type"]);
            string page = reply.BodyText;
            StringAssert.Contains(page, "<td>ESTABLISHED</td><td>80</td><td>10.0.0.2</td><td>" + client.LocalPort + "</td>");
            StringAssert.Contains(page, "<small id=\"connections-n\">1 of 4 in use</small>");
            Assert.IsFalse(page.Contains("<td>CLOSED</td>"), "idle slots are not rows");
        }

        [TestMethod]
        public void BulkMegabyteArrivesByteExactThroughTheWindow()
        {
            const int size = 1000000;
            var net = new HttpNetwork();
            TcpConnection client = net.Connect();
            long startClock = net.Clock.Milliseconds;
            var wall = Stopwatch.StartNew();
            net.Send(client, string.Format(Get, "/bulk/" + size));
            string head = "HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nContent-Length: 1000000\r\n\r\n";
            Assert.IsTrue(net.RunUntil(() => net.Received.Length >= head.Length + size, 2000000), "received " + net.Received.Length);
            wall.Stop();
            byte[] data = net.Received.ToArray();
            Assert.AreEqual(head.Length + size, data.Length);
            Assert.AreEqual(head, System.Text.Encoding.ASCII.GetString(data, 0, head.Length));
            for (int k = 0; k < size; k++)
            {
                if (data[head.Length + k] != BulkData.ByteAt(k))
                {
                    Assert.Fail("byte " + k + " is " + data[head.Length + k] + ", expected " + BulkData.ByteAt(k));
                }
            }

            long simulated = net.Clock.Milliseconds - startClock;
            TestContext.WriteLine("bulk 1 MB: " + simulated + " ms simulated, " + wall.ElapsedMilliseconds + " ms wall, " + net.Steps + " steps");
            Assert.AreEqual(0, net.Server.Counters.ConnectionsLost);
            Assert.IsTrue(simulated < 5000, "1 MB took " + simulated + " ms simulated: something waits for delayed ACKs or timers");
        }

        [TestMethod]
        public void ThreeRequestsShareOneConnectionAndPipeliningWorks()
        {
            var net = new HttpNetwork();
            TcpConnection client = net.Connect();
            net.Send(client, string.Format(Get, "/bulk/5"));
            Assert.AreEqual("ABCDE", net.ReadReply().BodyText);
            net.Send(client, "POST /echo HTTP/1.1\r\nHost: 10.0.0.1\r\nContent-Length: 4\r\n\r\nping" + string.Format(Get, "/bulk/3"));
            Assert.AreEqual("ping", net.ReadReply().BodyText);
            Assert.AreEqual("ABC", net.ReadReply().BodyText);
            Assert.AreEqual(1, net.Server.Counters.ConnectionsAccepted);
            Assert.AreEqual(3, net.Server.Counters.RequestsServed);
            Assert.AreEqual(TcpState.Established, client.State);
        }

        [TestMethod]
        public void BadRequestGets400AndCloseThenTheServerServesTheNextClient()
        {
            var net = new HttpNetwork();
            TcpConnection bad = net.Connect();
            net.Send(bad, "NONSENSE\r\n\r\n");
            HttpReply reply = net.ReadReply();
            Assert.AreEqual(400, reply.Status);
            Assert.AreEqual("close", reply.Fields["Connection"]);
            Assert.IsTrue(net.RunUntil(() => bad.EndOfStream, 5000));
            bad.Close();

            TcpConnection good = net.Connect();
            net.Send(good, string.Format(Get, "/bulk/2"));
            Assert.AreEqual("AB", net.ReadReply().BodyText);
        }

        [TestMethod]
        public void IdleConnectionIsClosedByTheServerAfterTheKeepAliveTimeout()
        {
            var net = new HttpNetwork();
            TcpConnection client = net.Connect();
            net.Send(client, string.Format(Get, "/bulk/1"));
            net.ReadReply();
            long answered = net.Clock.Milliseconds;
            Assert.IsTrue(net.RunUntil(() => client.EndOfStream, 100000));
            long idle = net.Clock.Milliseconds - answered;
            Assert.IsTrue(idle >= 5000 && idle < 5300, "closed after " + idle + " ms idle");
            Assert.AreEqual(1, net.Server.Counters.Timeouts);
        }

        [TestMethod]
        public void ClientResetMidRequestFreesTheSession()
        {
            var net = new HttpNetwork();
            TcpConnection client = net.Connect();
            net.Send(client, "GET /bulk/1 HTTP/1.1\r\nHo");
            net.RunUntil(() => net.Server.OpenConnections == 1 && net.BoardTcp.Counters.SegmentsReceived >= 3, 1000);
            Assert.AreEqual(1, net.Server.OpenConnections);
            client.Abort();
            Assert.IsTrue(net.RunUntil(() => net.Server.OpenConnections == 0, 1000), "the session was not freed after the RST");
            Assert.AreEqual(1, net.Server.Counters.ConnectionsLost, $"timeouts {net.Server.Counters.Timeouts} bad {net.Server.Counters.BadRequests} accepted {net.Server.Counters.ConnectionsAccepted} served {net.Server.Counters.RequestsServed} clock {net.Clock.Milliseconds} resets {net.BoardTcp.Counters.ResetsReceived}");
            Assert.AreEqual(0, net.BoardTcp.ConnectionsInUse);

            TcpConnection next = net.Connect();
            net.Send(next, string.Format(Get, "/bulk/2"));
            Assert.AreEqual("AB", net.ReadReply().BodyText);
        }

        [TestMethod]
        public void WhenIdleClientsHoldEverySlotTheNextClientIsServedByEvictingTheOneIdleLongest()
        {
            var net = new HttpNetwork(boardTcp: new TcpConfiguration { SecretSeed = 1, ConnectionCount = 2 });
            TcpConnection idle1 = net.Connect();
            TcpConnection idle2 = net.Connect();
            net.RunUntil(() => net.Server.OpenConnections == 2, 100);
            Assert.AreEqual(2, net.BoardTcp.ConnectionsInUse);

            long start = net.Clock.Milliseconds;
            TcpConnection late = TcpConnection.BeginConnect(net.ClientTcp, HttpNetwork.BoardAddress, 80);
            net.Reader = late;
            net.Received.SetLength(0);
            bool sent = false;
            byte[] request = System.Text.Encoding.ASCII.GetBytes(string.Format(Get, "/bulk/4"));
            Assert.IsTrue(net.RunUntil(() =>
            {
                // The idle clients close their side when the server's FIN arrives, as browsers and curl do.
                if (idle1.State == TcpState.CloseWait)
                {
                    idle1.Close();
                }

                if (idle2.State == TcpState.CloseWait)
                {
                    idle2.Close();
                }

                if (!sent && late.State == TcpState.Established)
                {
                    sent = late.TrySend(request, 0, request.Length) == request.Length;
                }

                return net.Received.Length > 0 && HttpReply.TryTake(net.Received) is HttpReply r && r.BodyText == "ABCD";
            }, 200000), "the late client was never served; state " + late.State);
            long waited = net.Clock.Milliseconds - start;
            TestContext.WriteLine("late client served after " + waited + " ms simulated");
            // The TCP admission policy: the waiting client's request is queued, and the connection idle longest is
            // reset once it has stalled for EvictionStallTime (2 s), before the HTTP keep-alive time-out (5 s).
            Assert.AreEqual(1, net.BoardTcp.Counters.ConnectionsEvicted, "one idle client evicted for the waiting one");
            Assert.AreEqual(TcpState.Closed, idle1.State, "the client idle longest was reset");
            Assert.AreEqual(TcpError.Reset, idle1.Error);
            Assert.AreEqual(TcpState.Established, idle2.State, "only one eviction for one waiting client");
            Assert.IsTrue(waited < 5000, "served before the keep-alive time-out would have cut the idle clients off, waited " + waited);
        }

        [TestMethod]
        public void StreamedBulkKeepsOtherClientsServedMeanwhile()
        {
            var net = new HttpNetwork();
            TcpConnection bulk = net.Connect();
            net.Send(bulk, string.Format(Get, "/bulk/1000000"));
            net.RunUntil(() => net.Received.Length > 100000, 100000);
            net.Reader = null;

            TcpConnection other = TcpConnection.BeginConnect(net.ClientTcp, HttpNetwork.BoardAddress, 80);
            Assert.IsTrue(net.RunUntil(() => other.State == TcpState.Established, 1000));
            long start = net.Clock.Milliseconds;
            net.Send(other, string.Format(Get, "/bulk/3"));
            byte[] answer = new byte[200];
            int got = 0;
            Assert.IsTrue(net.RunUntil(() =>
            {
                got += other.TryReceive(answer, got, answer.Length - got);
                return got > 0 && System.Text.Encoding.ASCII.GetString(answer, 0, got).EndsWith("\r\n\r\nABC");
            }, 10000));
            long waited = net.Clock.Milliseconds - start;
            TestContext.WriteLine("second client answered after " + waited + " ms simulated while the bulk was running");
            Assert.AreEqual(TcpState.Established, bulk.State);
            Assert.IsTrue(waited < 100, "the second client waited " + waited + " ms for 3 bytes");
            Assert.AreEqual(1, net.Server.Counters.RequestsServed, "the bulk is still streaming");
        }
    }
}
