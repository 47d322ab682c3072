#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using NanoTcp.Http;
using NanoTcp.Tcp;

namespace NanoTcp.Tests.Http
{
    /// <summary>Many concurrent clients on the board's 4 slots, simulated on the wire with a manual clock.</summary>
    [TestClass]
    public class HttpLoadTests
    {
        private static readonly byte[] Request = HttpAscii.Encode("GET /bulk/1000 HTTP/1.0\r\n\r\n");

        [TestMethod]
        public void ApacheBenchLikeLoadOfEightClientsOnFourSlotsHasNoFailedRequest()
        {
            // As ab -c 8 does: 8 connections; a request counts as started when written, and a connection that
            // completes its handshake after the last request was started sends nothing and waits for the end. A
            // response of another length (a close with nothing read included) is a failure. A request whose
            // SYN-cookie ACK found every slot taken must not starve behind the other clients' new connections:
            // the idle connections would keep the slots until the board's idle time-out closed them, failed.
            const int Requests = 2000;
            const int Concurrency = 8;
            var clientTcp = new TcpConfiguration();
            clientTcp.SecretSeed = 2;
            clientTcp.ConnectionCount = 16;
            var net = new HttpNetwork(null, null, clientTcp);
            net.Wire.Faults.DelayMilliseconds = 2; // handshakes overlap, as over the TAP device
            var connections = new TcpConnection[Concurrency];
            var read = new int[Concurrency];
            var written = new bool[Concurrency];
            var buffer = new byte[2048];
            int started = 0;
            int done = 0;
            int failed = 0;
            int length = -1;
            var writtenAt = new long[Concurrency];
            long longestAfterWrite = 0;
            for (int i = 0; i < Concurrency; i++)
            {
                connections[i] = TcpConnection.BeginConnect(net.ClientTcp, HttpNetwork.BoardAddress, 80);
            }

            bool finished = net.RunUntil(() =>
            {
                for (int i = 0; i < Concurrency && done < Requests; i++)
                {
                    TcpConnection c = connections[i];
                    if (c == null)
                    {
                        continue;
                    }

                    if (!written[i] && c.State == TcpState.Established && started < Requests)
                    {
                        Assert.AreEqual(Request.Length, c.TrySend(Request, 0, Request.Length));
                        written[i] = true;
                        writtenAt[i] = net.Clock.Milliseconds;
                        started++;
                    }

                    int n;
                    while ((n = c.TryReceive(buffer, 0, buffer.Length)) > 0)
                    {
                        read[i] += n;
                    }

                    if (c.EndOfStream || n < 0)
                    {
                        if (length < 0 && read[i] > 0)
                        {
                            length = read[i];
                        }
                        else if (read[i] != length)
                        {
                            failed++;
                        }

                        if (written[i] && net.Clock.Milliseconds - writtenAt[i] > longestAfterWrite)
                        {
                            longestAfterWrite = net.Clock.Milliseconds - writtenAt[i];
                        }

                        done++;
                        c.Close();
                        connections[i] = null;
                        read[i] = 0;
                        written[i] = false;
                        if (started < Requests)
                        {
                            connections[i] = TcpConnection.BeginConnect(net.ClientTcp, HttpNetwork.BoardAddress, 80);
                        }
                    }
                }

                return done >= Requests;
            }, 3000000);

            Assert.IsTrue(finished, "all " + Requests.ToString() + " requests done within the step budget; done " + done.ToString());
            string counters = " (board: " + net.BoardTcp.Counters.SynCookiesAccepted.ToString() + " cookie connections, " + net.BoardTcp.Counters.AdmissionsQueued.ToString()
                + " queued for a slot, " + net.BoardTcp.Counters.DroppedNoSlot.ToString() + " dropped with the queue full, " + net.BoardTcp.Counters.DroppedListenOverflow.ToString() + " SYNs dropped; HTTP time-outs "
                + net.Server.Counters.Timeouts.ToString() + "; " + (net.Clock.Milliseconds - 1000).ToString() + " ms simulated)";
            Assert.AreEqual(0, failed, "failed requests" + counters);
            Assert.AreEqual(0, net.Server.Counters.Timeouts, "HTTP time-outs" + counters);
            Assert.IsTrue(net.BoardTcp.Counters.AdmissionsQueued > 0, "some cookie ACKs found every slot taken and queued" + counters);

            // The failure needs a written request to wait longer than the board's idle time-out (5 s) near the end;
            // bound the wait of every written request instead of relying on when the starved one happens to occur.
            // Measured with this seed: 9404 ms when freed slots went to newcomers, 3007 ms with the slot kept for the
            // waiting peer (two of this client's 1 s-minimum retransmissions).
            Assert.IsTrue(longestAfterWrite < new HttpServerConfiguration().KeepAliveTimeoutMilliseconds, "longest wait from request written to response end: " + longestAfterWrite.ToString() + " ms" + counters);
        }
    }
}
