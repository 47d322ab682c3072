#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using NanoTcp.Http;
using NanoTcp.Tcp;

namespace NanoTcp.Tests.Http
{
    /// <summary>
    /// Slow and zero-window peers against the HTTP server on the firmware's loop (issue 10 items 2-3, issue 12 item 1):
    /// responses continue from the loop as the peer takes data, the HTTP layer never ends a connection TCP keeps
    /// alive, and no writer polls the stack.
    /// </summary>
    [TestClass]
    public class HttpSlowPeerTests
    {
        [TestMethod]
        public void PeerWithAZeroWindowThatAnswersProbesIsStillConnectedAfterSixtySecondsAndThenGetsTheWholeResponse()
        {
            HttpLoopNetwork net = new HttpLoopNetwork(1024, 1000, new FakeStatusSource());
            TcpConnection client = net.Request("GET /bulk/20000 HTTP/1.1\r\nHost: b\r\n\r\n");
            long start = net.Clock.Milliseconds;
            for (int i = 0; i < 100000 && net.Clock.Milliseconds - start < 60000; i++)
            {
                net.Step();
            }

            Assert.IsTrue(net.Clock.Milliseconds - start >= 60000, "60 s of simulated time passed");
            Assert.AreEqual((int)TcpState.Established, (int)client.State, "the client's window stayed closed and it is still connected");
            Assert.AreEqual(1, net.Server.OpenConnections);
            Assert.AreEqual(0, net.Server.Counters.ConnectionsLost);
            Assert.AreEqual(0, net.Server.Counters.Timeouts);

            ReadUntil(net, client, 4096, 20000);
            AssertBulkBody(net, 20000);
            Assert.AreEqual(1, net.Server.Counters.RequestsServed);
            Assert.AreEqual(0, net.ReentrantPolls);
        }

        [TestMethod]
        public void SlowReaderTakingThreeHundredBytesASecondGetsEveryByteOfABulkResponse()
        {
            HttpLoopNetwork net = new HttpLoopNetwork(1024, 1000, new FakeStatusSource());
            TcpConnection client = net.Request("GET /bulk/6000 HTTP/1.1\r\nHost: b\r\n\r\n");
            ReadSlowly(net, client, 6000);
            AssertBulkBody(net, 6000);
            Assert.AreEqual(0, net.Server.Counters.ConnectionsLost);
            Assert.AreEqual(0, net.ReentrantPolls);
        }

        [TestMethod]
        public void StatusPageLargerThanTheOutputBufferAndTheSendRingReachesASlowReaderCompleteWithoutReentrantPolls()
        {
            HttpLoopNetwork net = new HttpLoopNetwork(512, 1000, new FakeStatusSource());
            TcpConnection client = net.Request("GET / HTTP/1.1\r\nHost: b\r\n\r\n");
            ReadSlowly(net, client, -1);
            string text = net.ReceivedText();
            Assert.IsTrue(text.IndexOf("HTTP/1.1 200 OK\r\n") == 0);
            Assert.IsTrue(text.IndexOf("</script></body></html>\r\n0\r\n\r\n") > 0, "the page ends with the script and the last chunk");
            Assert.IsTrue(net.ReceivedLength > 1024 + 512, "the page is larger than the output buffer and the send ring: " + net.ReceivedLength.ToString());
            Assert.IsTrue(text.IndexOf("<h2>Counters</h2>") > 0);
            Assert.AreEqual(1, net.Server.Counters.RequestsServed);
            Assert.AreEqual(0, net.ReentrantPolls, "no writer polled the stack");
        }

        /// <summary>Reads 300 bytes per simulated second until <paramref name="bodyLength"/> body bytes (-1: a chunked body's last chunk) arrived.</summary>
        private static void ReadSlowly(HttpLoopNetwork net, TcpConnection client, int bodyLength)
        {
            long nextRead = net.Clock.Milliseconds;
            for (int i = 0; i < 200000 && !Complete(net, bodyLength); i++)
            {
                if (net.Clock.Milliseconds >= nextRead)
                {
                    net.Read(client, 300);
                    nextRead += 1000;
                }

                net.Step();
            }

            Assert.IsTrue(Complete(net, bodyLength), "the whole response arrived; got " + net.ReceivedLength.ToString() + " bytes");
        }

        private static void ReadUntil(HttpLoopNetwork net, TcpConnection client, int perStep, int bodyLength)
        {
            for (int i = 0; i < 100000 && !Complete(net, bodyLength); i++)
            {
                net.Read(client, perStep);
                net.Step();
            }

            Assert.IsTrue(Complete(net, bodyLength), "the whole response arrived; got " + net.ReceivedLength.ToString() + " bytes");
        }

        private static bool Complete(HttpLoopNetwork net, int bodyLength)
        {
            int start = net.BodyStart();
            if (start < 0)
            {
                return false;
            }

            if (bodyLength >= 0)
            {
                return net.ReceivedLength >= start + bodyLength;
            }

            int n = net.ReceivedLength;
            return n >= 5 && net.ReceivedAt(n - 5) == '0' && net.ReceivedAt(n - 4) == '\r' && net.ReceivedAt(n - 3) == '\n' && net.ReceivedAt(n - 2) == '\r' && net.ReceivedAt(n - 1) == '\n';
        }

        private static void AssertBulkBody(HttpLoopNetwork net, int length)
        {
            int start = net.BodyStart();
            Assert.AreEqual(start + length, net.ReceivedLength, "exactly the body, nothing more");
            for (int k = 0; k < length; k++)
            {
                if (net.ReceivedAt(start + k) != BulkData.ByteAt(k))
                {
                    Assert.AreEqual(BulkData.ByteAt(k), net.ReceivedAt(start + k), "body byte " + k.ToString());
                }
            }
        }
    }
}
