using System;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using NanoTcp.Tests.Http;

namespace NanoTcp.Tests.Host.Http
{
    /// <summary>
    /// The server's steady state allocates nothing: measured around HttpServer.Poll on a fake connection (over the
    /// in-memory wire the PC wire itself copies every frame, so it cannot show this).
    /// </summary>
    [TestClass]
    public class HttpAllocationTests
    {
        private static long AllocatedByPolls(HttpTestServer test, FakeHttpConnection connection, string request, int requests)
        {
            long allocated = 0;
            for (int i = 0; i < requests; i++)
            {
                connection.ClearOutput();
                connection.Feed(request);
                for (int step = 0; step < 10 && connection.Unread > 0; step++)
                {
                    long before = GC.GetAllocatedBytesForCurrentThread();
                    test.Server.Poll();
                    allocated += GC.GetAllocatedBytesForCurrentThread() - before;
                }

                Assert.IsTrue(connection.OutputLength > 0, "request " + i + " was not answered");
            }

            return allocated;
        }

        [TestMethod]
        [DataRow("GET /bulk/3000 HTTP/1.1\r\nHost: h\r\n\r\n")]
        [DataRow("POST /echo HTTP/1.1\r\nHost: h\r\nContent-Length: 10\r\n\r\n0123456789")]
        [DataRow("POST /upload HTTP/1.1\r\nHost: h\r\nContent-Length: 10\r\n\r\n0123456789")]
        [DataRow("POST /upload HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n5\r\n01234\r\n5;x=y\r\n56789\r\n0\r\n\r\n")]
        [DataRow("POST /echo HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n5\r\n01234\r\n0\r\n\r\n")]
        [DataRow("GET /api/status HTTP/1.1\r\nHost: h\r\n\r\n")]
        [DataRow("GET / HTTP/1.1\r\nHost: h\r\n\r\n")]
        [DataRow("GET /nothing HTTP/1.1\r\nHost: h\r\n\r\n")]
        [DataRow("HEAD /bulk/3000 HTTP/1.1\r\nHost: h\r\n\r\n")]
        public void KeepAliveRequestsAllocateNothingInSteadyState(string request)
        {
            var test = new HttpTestServer();
            FakeHttpConnection connection = test.Exchange("GET /bulk/10 HTTP/1.1\r\nHost: h\r\n\r\n");
            AllocatedByPolls(test, connection, request, 3);

            // The least of a few windows: the runtime's own occasional allocations (tiering) land in one window, a
            // per-request allocation of the server in every one (see Support.SteadyState).
            long allocated = long.MaxValue;
            int windows = 0;
            while (windows < 5 && allocated > 0)
            {
                allocated = Math.Min(allocated, AllocatedByPolls(test, connection, request, 50));
                windows++;
            }

            Assert.AreEqual(0L, allocated, "bytes allocated by 50 keep-alive requests");
            Assert.AreEqual(4 + (50 * windows), test.Server.Counters.RequestsServed);
        }
    
        /// <summary>
        /// One long streamed body, fed segment by segment (1460 bytes, as TCP delivers them): the polls that move it through
        /// "/echo" or "/upload" allocate nothing per segment.
        /// </summary>
        [TestMethod]
        [DataRow("/echo")]
        [DataRow("/upload")]
        public void StreamedBodySegmentsAllocateNothing(string path)
        {
            var test = new HttpTestServer();
            FakeHttpConnection connection = test.Listener.Add();
            byte[] segment = new byte[1460];
            const int segments = 2000;
            connection.Feed("POST " + path + " HTTP/1.1\r\nHost: h\r\nContent-Length: " + (segment.Length * segments) + "\r\n\r\n");
            test.PollUntilQuiet();

            // The least over a few windows of 400 segments (see Support.SteadyState): runtime noise lands in one window.
            long allocated = long.MaxValue;
            for (int window = 0; window < 5; window++)
            {
                long windowBytes = 0;
                for (int i = 0; i < 400; i++)
                {
                    connection.Feed(segment);
                    connection.ClearOutput();
                    for (int step = 0; step < 10 && connection.Unread > 0; step++)
                    {
                        long before = GC.GetAllocatedBytesForCurrentThread();
                        test.Server.Poll();
                        windowBytes += GC.GetAllocatedBytesForCurrentThread() - before;
                    }

                    Assert.AreEqual(0, connection.Unread, "segment " + i + " of window " + window + " was not taken");
                }

                allocated = Math.Min(allocated, windowBytes);
            }

            Assert.AreEqual(0L, allocated, "bytes allocated by 400 body segments");
            Assert.AreEqual(1, test.Server.Counters.BodiesStreamed);
        }
    }
}
