using System;
using System.Diagnostics;
using System.Text;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using NanoTcp.Tcp;
using NanoTcp.Tests.Host.Firmware;
using NanoTcp.Tests.Host.Http;

using NanoTcp.Tests.Firmware;
using NanoTcp.Tests.Http;

namespace NanoTcp.Tests.Host.Reliability
{
    /// <summary>
    /// A soak through the whole firmware on the ENC28J60 chip model (driver, stack, TCP, HTTP): connections of ten
    /// keep-alive requests each, the last with Connection: close, one after the other. Every reply must be complete
    /// and the managed heap (what survives a full collection) flat after warm-up. 3,000 requests in CI, 100,000 with
    /// NANOTCP_RELIABILITY_LONG=1.
    /// </summary>
    [TestClass]
    public class HttpSoakTests
    {
        private const int RequestsPerConnection = 10;
        private const int BodyLength = 1000;

        /// <summary>Retained bytes the heap may gain over the run (a leak of one byte per request shows in the long run; in CI, 45 bytes).</summary>
        private const long HeapSlack = 64 * 1024;

        private static readonly byte[] KeepAlive = Encoding.ASCII.GetBytes("GET /bulk/1000 HTTP/1.1\r\nHost: board\r\n\r\n");
        private static readonly byte[] Last = Encoding.ASCII.GetBytes("GET /bulk/1000 HTTP/1.1\r\nHost: board\r\nConnection: close\r\n\r\n");

        public TestContext TestContext { get; set; }

        [TestMethod]
        [DoNotParallelize] // the heap is the process's: a test running beside this one would show as growth
        public void SoakOfKeepAliveRequestsThroughTheFirmwareServesEveryOneWithTheHeapFlat()
        {
            int requests = LongRun.Count(3000, 100000);
            int warmUp = 1000;
            var board = new FirmwareHarness();
            board.Firmware.Start();
            RunConnections(board, warmUp / RequestsPerConnection);
            long baseline = GC.GetTotalMemory(true);
            long highest = baseline;
            const int windows = 10;
            var heaps = new long[windows];
            int connectionsPerWindow = (requests - warmUp) / RequestsPerConnection / windows;
            var series = new StringBuilder();
            var watch = Stopwatch.StartNew();
            for (int w = 0; w < windows; w++)
            {
                RunConnections(board, connectionsPerWindow);
                long heap = heaps[w] = GC.GetTotalMemory(true);
                series.Append(' ').Append(heap - baseline);
                highest = Math.Max(highest, heap);
            }

            watch.Stop();
            long final = GC.GetTotalMemory(true);
            int served = warmUp + (windows * connectionsPerWindow * RequestsPerConnection);
            TestContext.WriteLine(served + " requests (" + (served / RequestsPerConnection) + " connections) in " + watch.ElapsedMilliseconds + " ms after warm-up; heap " + baseline + " bytes after warm-up, " + final + " at the end, highest " + highest + "; simulated time " + board.Clock.Milliseconds + " ms; board drops " + board.Firmware.Stack.Drops.Total + ", retransmissions " + board.Firmware.Tcp.Counters.Retransmissions + "; heap growth per window:" + series);
            Assert.AreEqual(served, board.Firmware.Http.Counters.RequestsServed);
            Assert.AreEqual(0, board.Firmware.Http.Counters.ConnectionsLost, "connections lost");
            // The least of the first three windows against the least of the last three (as Support.SteadyState does):
            // the runtime's own occasional growth (tiering) lands in one window, a leak in every later one.
            long early = Math.Min(heaps[0], Math.Min(heaps[1], heaps[2]));
            long late = Math.Min(heaps[windows - 1], Math.Min(heaps[windows - 2], heaps[windows - 3]));
            Assert.IsTrue(late - early <= HeapSlack, "the heap grew from " + early + " to " + late + " bytes over the soak (per window:" + series + ")");
        }

        private static void RunConnections(FirmwareHarness board, int connections)
        {
            for (int c = 0; c < connections; c++)
            {
                TcpConnection connection = TcpConnection.BeginConnect(board.ClientTcp, board.Firmware.Stack.LocalAddress, 80);
                board.Reader = connection;
                board.Received.Clear();
                for (int r = 0; r < RequestsPerConnection; r++)
                {
                    byte[] request = r == RequestsPerConnection - 1 ? Last : KeepAlive;
                    int sent = 0;
                    HttpReply reply = null;
                    board.RunUntil(
                        () =>
                        {
                            if (connection.State == TcpState.Established && sent < request.Length)
                            {
                                sent += connection.TrySend(request, sent, request.Length - sent);
                            }

                            reply = HttpReply.TryTake(board.Received);
                            return reply != null || connection.State == TcpState.Closed;
                        },
                        20000);
                    if (reply == null || reply.Status != 200 || reply.Body.Length != BodyLength)
                    {
                        Assert.Fail("connection " + c + ", request " + r + ": " + (reply == null ? "no reply (" + connection.State + ", " + connection.Error + ")" : reply.Head));
                    }
                }

                Assert.IsTrue(board.RunUntil(() => connection.EndOfStream, 5000), "connection " + c + ": the board did not close after Connection: close");
                connection.Close();
                board.RunUntil(() => connection.State == TcpState.Closed || connection.State == TcpState.TimeWait, 5000);
                board.Reader = null;
            }
        }
    }
}
