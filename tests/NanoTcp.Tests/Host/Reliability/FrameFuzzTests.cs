using System;
using System.Collections.Generic;
using System.Diagnostics;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using NanoTcp.Tcp;
using NanoTcp.Tests.Host.Http;

using NanoTcp.Tests.Firmware;
using NanoTcp.Tests.Http;

using NanoTcp.Tests.Support;

namespace NanoTcp.Tests.Host.Reliability
{
    /// <summary>
    /// A mutation fuzzer over frames captured from a real exchange with the firmware (<see cref="FrameCorpus"/>): each
    /// mutant (<see cref="FrameMutator"/>, sometimes sent twice) goes into the board's link, and after every one the
    /// <see cref="StackInvariants"/> must hold and a parallel keep-alive connection from another host must still be
    /// established; every 64 frames (and at least every 2 s of the clock) it makes a request. At the end every slot must come free and serve new clients.
    /// 10,000 frames in CI, 1,000,000 with NANOTCP_RELIABILITY_LONG=1.
    /// </summary>
    [TestClass]
    public class FrameFuzzTests
    {
        private const int ParallelHost = 77;

        public TestContext TestContext { get; set; }

        [TestMethod]
        [DataRow(1)]
        [DataRow(2)]
        public void MutatedCapturedFramesKeepEveryInvariantAndSpareAParallelConnection(int seed)
        {
            int count = LongRun.Count(5000, 500000);
            List<byte[]> corpus = FrameCorpus.Capture();
            Assert.IsTrue(corpus.Count > 30, "the capture holds " + FrameCorpus.Describe(corpus));

            var board = new FuzzBoard(100 + seed);
            NetworkStack parallelStack = board.Net.AddStack(ParallelHost);
            var parallelTcp = new TcpLayer(parallelStack.Ipv4, board.Net.Clock, new TcpConfiguration { SecretSeed = 77 }, null);
            parallelStack.RegisterTransport(6, parallelTcp);
            TcpConnection parallel = TcpConnection.BeginConnect(parallelTcp, FuzzBoard.BoardAddress, 80);
            Func<bool> parallelPoll = () =>
            {
                parallelStack.Poll();
                return parallel.State == TcpState.Established;
            };
            Assert.IsTrue(board.RunUntil(parallelPoll, 5000), "the parallel connection did not open");

            var mutator = new FrameMutator(seed);
            var target = new LiveConnectionTarget(board);
            var invariants = new StackInvariants(board.Firmware);
            int parallelRequests = 0;
            long lastRequest = board.Net.Clock.Milliseconds;
            var watch = Stopwatch.StartNew();
            for (int i = 0; i < count; i++)
            {
                target.Keep();
                byte[] frame = corpus[mutator.Random.Next(corpus.Count)];
                if (mutator.Random.Next(2) == 0)
                {
                    frame = target.Retarget(frame, mutator.Random);
                }

                byte[] mutant = mutator.Mutate(frame, corpus[mutator.Random.Next(corpus.Count)]);
                int copies = mutator.Random.Next(16) == 0 ? 2 : 1;
                for (int c = 0; c < copies; c++)
                {
                    board.Link.Inject(mutant);
                }

                board.Step();
                parallelStack.Poll();
                if (mutator.Random.Next(64) == 0)
                {
                    board.Net.Clock.Advance(mutator.Random.Next(1000)); // timers fire between mutants too
                }

                string broken = invariants.Check(copies);
                if (broken == null && parallel.State != TcpState.Established)
                {
                    broken = "the parallel connection is " + parallel.State + " (" + parallel.Error + "; HTTP time-outs " + board.Firmware.Http.Counters.Timeouts + ", evicted " + board.Firmware.Tcp.Counters.ConnectionsEvicted + ")";
                }

                // Every 64 frames, and before the board's keep-alive idle time-out (5 s) could end it legitimately.
                if (broken == null && (i % 64 == 63 || board.Net.Clock.Milliseconds - lastRequest > 2000))
                {
                    lastRequest = board.Net.Clock.Milliseconds;
                    broken = Request(board, parallelStack, parallel);
                    parallelRequests++;
                }

                if (broken != null)
                {
                    Assert.Fail("seed " + seed + ", frame " + i + " (" + mutator.LastKind + "): " + broken + "; frame " + Convert.ToHexString(mutant));
                }
            }

            watch.Stop();
            TestContext.WriteLine(count + " frames (seed " + seed + ", corpus " + FrameCorpus.Describe(corpus) + ") in " + watch.ElapsedMilliseconds + " ms: " + (long)(count / watch.Elapsed.TotalSeconds) + " frames/s; " + parallelRequests + " parallel requests; " + target.Opened + " target connections; board drops " + board.Firmware.Stack.Drops.Total + " (" + DropBreakdown(board.Firmware.Stack.Drops) + "), TCP segments " + board.Firmware.Tcp.Counters.SegmentsReceived + ", resets sent " + board.Firmware.Tcp.Counters.ResetsSent + ", challenge ACKs " + board.Firmware.Tcp.Counters.ChallengeAcksSent + ", HTTP bad requests " + board.Firmware.Http.Counters.BadRequests);

            parallel.Close();
            board.Idle(10 * 60 * 1000);
            for (int i = 0; i < board.Firmware.Tcp.SlotCount; i++)
            {
                Assert.AreEqual(TcpState.Closed, board.Firmware.Tcp.Slot(i).State, "slot " + i + " after ten quiet minutes");
            }

            EverySlotServesAFreshClient(board);
        }

        private static string DropBreakdown(DropCounters drops)
        {
            var text = new System.Text.StringBuilder();
            for (int r = 0; r < (int)DropReason.Count; r++)
            {
                if (drops.Get((DropReason)r) > 0)
                {
                    text.Append(text.Length == 0 ? string.Empty : ", ").Append((DropReason)r).Append(' ').Append(drops.Get((DropReason)r));
                }
            }

            return text.ToString();
        }

        /// <summary>As many clients as slots, at once: each completes a request, so no slot is lost.</summary>
        private static void EverySlotServesAFreshClient(FuzzBoard board)
        {
            int slots = board.Firmware.Tcp.SlotCount;
            var connections = new TcpConnection[slots];
            for (int i = 0; i < slots; i++)
            {
                connections[i] = TcpConnection.BeginConnect(board.ClientTcp, FuzzBoard.BoardAddress, 80);
            }

            Assert.IsTrue(board.RunUntil(() => Array.TrueForAll(connections, c => c.State == TcpState.Established), 5000), "not every slot accepted a fresh client");
            for (int i = 0; i < slots; i++)
            {
                HttpReply reply = board.Exchange(connections[i], "GET /bulk/100 HTTP/1.1\r\nHost: board\r\n\r\n");
                Assert.AreEqual(200, reply.Status);
                Assert.AreEqual(100, reply.Body.Length);
            }
        }

        private static string Request(FuzzBoard board, NetworkStack parallelStack, TcpConnection parallel)
        {
            var received = new ByteSink();
            byte[] request = System.Text.Encoding.ASCII.GetBytes("GET /bulk/100 HTTP/1.1\r\nHost: board\r\n\r\n");
            var buffer = new byte[2048];
            int sent = 0;
            HttpReply reply = null;
            board.RunUntil(
                () =>
                {
                    parallelStack.Poll();
                    if (sent < request.Length)
                    {
                        sent += parallel.TrySend(request, sent, request.Length - sent);
                    }

                    int n;
                    while ((n = parallel.TryReceive(buffer, 0, buffer.Length)) > 0)
                    {
                        received.Write(buffer, 0, n);
                    }

                    reply = HttpReply.TryTake(received);
                    return reply != null || parallel.State != TcpState.Established;
                },
                20000);
            if (reply == null || reply.Status != 200 || reply.Body.Length != 100)
            {
                return "the parallel connection's request failed (" + parallel.State + ", " + parallel.Error + "): " + (reply == null ? "no reply" : reply.Head);
            }

            return null;
        }
    }
}
