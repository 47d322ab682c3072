#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using System;
using NanoTcp.Http;
using NanoTcp.Tcp;
using NanoTcp.Tests.Support;

namespace NanoTcp.Tests.Http
{
    /// <summary>The HTTP server over the real TCP layer: two full stacks on the in-memory wire, one thread, manual clock.</summary>
    [TestClass]
    public class HttpOverTcpTests
    {
        private const string Get = "GET {0} HTTP/1.1\r\nHost: 10.0.0.1\r\n\r\n";

        [TestMethod]
        public void StatusJsonShowsTheRequestingConnectionEstablished()
        {
            var net = new HttpNetwork();
            TcpConnection client = net.Connect();
            net.Send(client, string.Format(Get, "/api/status"));
            HttpReply reply = net.ReadReply();
            Assert.AreEqual(200, reply.Status);
            Assert.AreEqual("chunked", reply.Field("Transfer-Encoding"));
            string json = reply.BodyText;
            Contains(json, "\"ipv4\":{\"address\":\"10.0.0.1\",\"prefixLength\":24,");
            Contains(json, "\"link\":{\"up\":true,\"mac\":\"02:00:5e:00:00:01\"}");
            Contains(json, "\"capacity\":{\"connections\":4,");
            string connections = Array(json, "connections");
            Assert.AreEqual(1, Count(connections, "\"slot\":"), "only the slots in use are rows: " + connections);
            Contains(connections, "\"state\":\"ESTABLISHED\",\"localPort\":80,\"remoteAddress\":\"10.0.0.2\",\"remotePort\":" + client.LocalPort.ToString() + "}");
            Assert.IsTrue(Number(json, "segmentsReceived") >= 3, json);
        }

        [TestMethod]
        public void ClosedConnectionAppearsInTheTimeWaitTable()
        {
            var net = new HttpNetwork();
            TcpConnection first = net.Connect();
            net.Send(first, "GET /bulk/10 HTTP/1.1\r\nHost: 10.0.0.1\r\nConnection: close\r\n\r\n");
            HttpReply closing = net.ReadReply();
            Assert.AreEqual("close", closing.Field("Connection"));
            Assert.IsTrue(net.RunUntil(() => first.EndOfStream, 5000), "the server did not close after Connection: close");
            first.Close();
            net.RunUntil(() => net.BoardTcp.TimeWaitRecords.Count == 1, 5000);

            TcpConnection second = net.Connect();
            net.Send(second, string.Format(Get, "/api/status"));
            HttpReply reply = net.ReadReply();
            string timeWait = Array(reply.BodyText, "timeWait");
            Assert.AreEqual(1, Count(timeWait, "\"remotePort\":"), timeWait);
            Contains(timeWait, "\"remotePort\":" + first.LocalPort.ToString() + ",");
            long remaining = Number(timeWait, "remainingMs");
            Assert.IsTrue(remaining > 0 && remaining <= 60000, "2 MSL = 60 s, remaining " + remaining.ToString());
        }

        [TestMethod]
        public void StatusPageListsTheConnectionTable()
        {
            var net = new HttpNetwork();
            TcpConnection client = net.Connect();
            net.Send(client, string.Format(Get, "/"));
            HttpReply reply = net.ReadReply();
            Assert.AreEqual(200, reply.Status);
            Assert.AreEqual("text/html; charset=us-ascii", reply.Field("Content-Type"));
            string page = reply.BodyText;
            Contains(page, "<td>ESTABLISHED</td><td>80</td><td>10.0.0.2</td><td>" + client.LocalPort.ToString() + "</td>");
            Contains(page, "<small id=\"connections-n\">1 of 4 in use</small>");
            Assert.AreEqual(-1, page.IndexOf("<td>CLOSED</td>"), "idle slots are not rows");
        }

        [TestMethod]
        public void BulkMegabyteArrivesByteExactThroughTheWindow()
        {
            const int size = 1000000;
            var net = new HttpNetwork();
            TcpConnection client = net.Connect();
            long startClock = net.Clock.Milliseconds;
            net.Send(client, string.Format(Get, "/bulk/" + size.ToString()));
            string head = "HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nContent-Length: 1000000\r\n\r\n";
            Assert.IsTrue(net.RunUntil(() => net.Received.Length >= head.Length + size, 2000000), "received " + net.Received.Length.ToString());
            Assert.AreEqual(head.Length + size, net.Received.Length);
            Assert.AreEqual(head, net.Received.Text(0, head.Length));
            for (int k = 0; k < size; k++)
            {
                if (net.Received[head.Length + k] != BulkData.ByteAt(k))
                {
                    Assert.AreEqual(BulkData.ByteAt(k), net.Received[head.Length + k], "byte " + k.ToString());
                }
            }

            long simulated = net.Clock.Milliseconds - startClock;
            Console.WriteLine("bulk 1 MB: " + simulated.ToString() + " ms simulated, " + net.Steps.ToString() + " steps");
            Assert.AreEqual(0, net.Server.Counters.ConnectionsLost);
            Assert.IsTrue(simulated < 5000, "1 MB took " + simulated.ToString() + " ms simulated: something waits for delayed ACKs or timers");
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
            Assert.IsTrue(client.State == TcpState.Established);
        }

        [TestMethod]
        public void BadRequestGets400AndCloseThenTheServerServesTheNextClient()
        {
            var net = new HttpNetwork();
            TcpConnection bad = net.Connect();
            net.Send(bad, "NONSENSE\r\n\r\n");
            HttpReply reply = net.ReadReply();
            Assert.AreEqual(400, reply.Status);
            Assert.AreEqual("close", reply.Field("Connection"));
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
            Assert.IsTrue(idle >= 5000 && idle < 5300, "closed after " + idle.ToString() + " ms idle");
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
            Assert.AreEqual(1, net.Server.Counters.ConnectionsLost, "timeouts " + net.Server.Counters.Timeouts.ToString() + " bad " + net.Server.Counters.BadRequests.ToString()
                + " accepted " + net.Server.Counters.ConnectionsAccepted.ToString() + " served " + net.Server.Counters.RequestsServed.ToString()
                + " resets " + net.BoardTcp.Counters.ResetsReceived.ToString());
            Assert.AreEqual(0, net.BoardTcp.ConnectionsInUse);

            TcpConnection next = net.Connect();
            net.Send(next, string.Format(Get, "/bulk/2"));
            Assert.AreEqual("AB", net.ReadReply().BodyText);
        }

        [TestMethod]
        public void WhenIdleClientsHoldEverySlotTheNextClientIsServedByEvictingTheOneIdleLongest()
        {
            var boardTcp = new TcpConfiguration();
            boardTcp.SecretSeed = 1;
            boardTcp.ConnectionCount = 2;
            var net = new HttpNetwork(null, boardTcp, null);
            TcpConnection idle1 = net.Connect();
            TcpConnection idle2 = net.Connect();
            net.RunUntil(() => net.Server.OpenConnections == 2, 100);
            Assert.AreEqual(2, net.BoardTcp.ConnectionsInUse);

            long start = net.Clock.Milliseconds;
            TcpConnection late = TcpConnection.BeginConnect(net.ClientTcp, HttpNetwork.BoardAddress, 80);
            net.Reader = late;
            net.Received.Clear();
            bool sent = false;
            byte[] request = HttpAscii.Encode(string.Format(Get, "/bulk/4"));
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

                HttpReply r = net.Received.Length > 0 ? HttpReply.TryTake(net.Received) : null;
                return r != null && r.BodyText == "ABCD";
            }, 200000), "the late client was never served; state " + TcpStateNames.Name(late.State));
            long waited = net.Clock.Milliseconds - start;
            Console.WriteLine("late client served after " + waited.ToString() + " ms simulated");
            // The TCP admission policy: the waiting client's request is queued, and the connection idle longest is
            // reset once it has stalled for EvictionStallTime (2 s), before the HTTP keep-alive time-out (5 s).
            Assert.AreEqual(1, net.BoardTcp.Counters.ConnectionsEvicted, "one idle client evicted for the waiting one");
            Assert.IsTrue(idle1.State == TcpState.Closed, "the client idle longest was reset");
            Assert.IsTrue(idle1.Error == TcpError.Reset, "reset");
            Assert.IsTrue(idle2.State == TcpState.Established, "only one eviction for one waiting client");
            Assert.IsTrue(waited < 5000, "served before the keep-alive time-out would have cut the idle clients off, waited " + waited.ToString());
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
                return got > 0 && Text.Ascii(answer, 0, got).EndsWith("\r\n\r\nABC");
            }, 10000));
            long waited = net.Clock.Milliseconds - start;
            Console.WriteLine("second client answered after " + waited.ToString() + " ms simulated while the bulk was running");
            Assert.IsTrue(bulk.State == TcpState.Established);
            Assert.IsTrue(waited < 100, "the second client waited " + waited.ToString() + " ms for 3 bytes");
            Assert.AreEqual(1, net.Server.Counters.RequestsServed, "the bulk is still streaming");
        }

        private static void Contains(string text, string part)
        {
            Assert.IsTrue(text.IndexOf(part) >= 0, "no " + part + " in " + text);
        }

        /// <summary>The JSON array that follows "name": up to its closing bracket (the status arrays hold flat objects).</summary>
        private static string Array(string json, string name)
        {
            int start = json.IndexOf("\"" + name + "\":[");
            Assert.IsTrue(start >= 0, "no array " + name + " in " + json);
            int end = json.IndexOf(']', start);
            return json.Substring(start, end + 1 - start);
        }

        private static int Count(string text, string part)
        {
            int n = 0;
            for (int i = text.IndexOf(part); i >= 0; i = text.IndexOf(part, i + part.Length))
            {
                n++;
            }

            return n;
        }

        /// <summary>The integer after the first "key": in <paramref name="json"/>.</summary>
        private static long Number(string json, string key)
        {
            int at = json.IndexOf("\"" + key + "\":");
            Assert.IsTrue(at >= 0, "no " + key + " in " + json);
            at += key.Length + 3;
            long value = 0;
            while (at < json.Length && json[at] >= '0' && json[at] <= '9')
            {
                value = (value * 10) + (json[at] - '0');
                at++;
            }

            return value;
        }
    }
}
