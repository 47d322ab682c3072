using System;
using System.Diagnostics;
using System.Text;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using NanoTcp.Tests.Http;

namespace NanoTcp.Tests.Host.Http
{
    /// <summary>The keep-alive request rate of the server on a fake connection, printed (PC only: a wall-clock figure).</summary>
    [TestClass]
    public class HttpRequestRateTests
    {
        public TestContext TestContext { get; set; }

        [TestMethod]
        public void KeepAliveRequestRateOnAFakeConnection()
        {
            var test = new HttpTestServer();
            FakeHttpConnection connection = test.Exchange("GET /hello HTTP/1.1\r\nHost: h\r\n\r\n");
            byte[] request = Encoding.ASCII.GetBytes("GET /hello HTTP/1.1\r\nHost: 10.0.0.1\r\nUser-Agent: curl/8.0\r\nAccept: */*\r\n\r\n");
            const int count = 20000;
            var watch = Stopwatch.StartNew();
            for (int i = 0; i < count; i++)
            {
                connection.ClearOutput();
                connection.Feed(request);
                test.Server.Poll();
            }

            watch.Stop();
            Assert.AreEqual(count + 1, test.Server.Counters.RequestsServed);
            TestContext.WriteLine($"{count} keep-alive GETs in {watch.ElapsedMilliseconds} ms: {count * 1000.0 / Math.Max(1, watch.ElapsedMilliseconds):F0} requests/s (PC, parse + route + respond, no TCP)");
        }
    }
}
