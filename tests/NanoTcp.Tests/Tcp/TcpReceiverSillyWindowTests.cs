#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using NanoTcp.Tcp;
using NanoTcp.Wire;

namespace NanoTcp.Tests.Tcp
{
    /// <summary>
    /// Receiver-side silly window syndrome avoidance (RFC 1122 §4.2.3.3, RFC 9293 §3.8.6.2.2): the right edge
    /// RCV.NXT + RCV.WND moves right only by min(half the ring, MSS) or more, never left, whatever the reader takes.
    /// </summary>
    [TestClass]
    public class TcpReceiverSillyWindowTests
    {
        private const int A = TcpHeader.Ack;
        private const int P = TcpHeader.Psh;
        private const int Ring = 4096;
        private const int Threshold = 1460; // min(4096 / 2, MSS 1460)

        private static byte[] Pattern(int offset, int n)
        {
            var b = new byte[n];
            for (int i = 0; i < n; i++)
            {
                b[i] = (byte)((offset + i) * 7 + ((offset + i) / 251));
            }

            return b;
        }

        /// <summary>Checks and drains what the layer sent: only ACKs whose right edge did not move left or by less than the threshold.</summary>
        private static uint CheckAcks(TcpHarness h, uint rightEdge, ref int updates)
        {
            while (h.Ip.Sent.Count > 0)
            {
                SentSegment s = h.Next();
                Assert.AreEqual(0, s.Data.Length, "no data from the receiver: " + s);
                uint edge = s.Ack + (uint)s.Window;
                int moved = (int)(edge - rightEdge);
                Assert.IsTrue(moved >= 0, "the right edge moved left by " + (-moved) + ": " + s);
                Assert.IsTrue(moved == 0 || moved >= Threshold || s.Window == 0, "the right edge moved by only " + moved + ": " + s);
                bool closed = s.Ack == rightEdge; // RCV.NXT reached the edge: the window was zero
                Assert.IsTrue(!closed || s.Window == 0 || s.Window >= Threshold, "a silly window of " + s.Window + " after a zero window: " + s);
                if (moved > 0)
                {
                    updates++;
                }

                rightEdge = edge;
            }

            return rightEdge;
        }

        [TestMethod]
        public void ReadingAFewBytesFromAFullRingAdvertisesNoSmallWindow()
        {
            var h = new TcpHarness(new TcpConfiguration { SecretSeed = 7, ReceiveBufferSize = Ring });
            TcpConnection c = h.OpenPassive(1000, out uint iss);
            uint seq = 1001;
            uint rightEdge = seq + Ring;
            // The peer fills the ring: 1460 + 1460 + 1176.
            int[] lengths = { 1460, 1460, 1176 };
            int sent = 0;
            for (int i = 0; i < lengths.Length; i++)
            {
                h.Inject(seq, iss + 1, A | P, 8192, Pattern(sent, lengths[i]));
                seq += (uint)lengths[i];
                sent += lengths[i];
            }

            h.Advance(500); // the delayed ACK, if one is still due
            int updates = 0;
            rightEdge = CheckAcks(h, rightEdge, ref updates);
            Assert.AreEqual(seq, rightEdge, "the full ring closed the window");

            var buf = new byte[100];
            int read = 0;
            while (read < Threshold - 100)
            {
                int n = c.TryReceive(buf, 0, 100);
                Assert.AreEqual(100, n);
                CollectionAssertEqual(Pattern(read, 100), buf);
                read += n;
                h.ExpectNothingSent();
            }

            // A zero-window probe while less than the threshold is free: the byte fits the ring and is taken, but the
            // ACK keeps the window closed.
            h.Inject(seq, iss + 1, A | P, 8192, Pattern(sent, 1));
            seq++;
            h.Advance(500);
            SentSegment probeAck = h.Expect(A, iss + 1, seq);
            Assert.AreEqual(0, probeAck.Window, "window with " + (read - 1) + " bytes free");
            rightEdge = seq;

            // The read that frees the threshold announces the whole free space at once.
            while (read - 1 < Threshold)
            {
                Assert.AreEqual(100, c.TryReceive(buf, 0, 100));
                read += 100;
                if (read - 1 < Threshold)
                {
                    h.ExpectNothingSent();
                }
            }

            SentSegment update = h.Expect(A, iss + 1, seq);
            Assert.AreEqual(read - 1, update.Window, "the window update offers all that was read");
            rightEdge = seq + (uint)update.Window;

            // Further small reads send nothing until another threshold is free.
            int before = read;
            while (read - before < Threshold - 100)
            {
                Assert.AreEqual(100, c.TryReceive(buf, 0, 100));
                read += 100;
                h.ExpectNothingSent();
            }

            Assert.AreEqual(100, c.TryReceive(buf, 0, 100));
            read += 100;
            updates = 0;
            rightEdge = CheckAcks(h, rightEdge, ref updates);
            Assert.AreEqual(1, updates, "one window update per threshold freed");
            Assert.AreEqual(seq + (uint)(read - 1), rightEdge);
        }

        [TestMethod]
        public void SlowReaderTransferCompletesByteExactWithoutSillyWindows()
        {
            const int Total = 64 * 1024;
            var pair = new TcpPair(11, 2,
                new TcpConfiguration { SecretSeed = 21, SendBufferSize = 2048, ReceiveBufferSize = Ring },
                new TcpConfiguration { SecretSeed = 22, SendBufferSize = 8192, ReceiveBufferSize = 2048 });
            var listener = new TcpListener(pair.Server, 80, 1);
            listener.Start();
            TcpConnection client = TcpConnection.BeginConnect(pair.Client, TcpPair.ServerAddress, 80);
            Assert.IsTrue(pair.RunUntil(() => listener.Pending() && client.State == TcpState.Established, 5000), "handshake");
            TcpConnection server = listener.TryAccept();
            var edges = new RightEdgeTrace();
            pair.Client.Trace = edges;
            var buf = new byte[37];
            int sent = 0, received = 0;
            long end = pair.Clock.Milliseconds + 120000;
            while (received < Total && pair.Clock.Milliseconds < end)
            {
                if (sent < Total)
                {
                    int n = Total - sent < 4096 ? Total - sent : 4096;
                    sent += server.TrySend(Pattern(sent, n), 0, n);
                }

                pair.Step(1);
                int got = client.TryReceive(buf, 0, buf.Length);
                for (int i = 0; i < got; i++)
                {
                    Assert.AreEqual(Pattern(received + i, 1)[0], buf[i], "byte " + (received + i));
                }

                received += got;
            }

            Assert.AreEqual(Total, received, "the transfer completes");
            Assert.IsTrue(edges.Moves > 10, "the window reopened " + edges.Moves + " times");
            Assert.AreEqual(string.Empty, edges.Violation, "right edge");
        }

        private static void CollectionAssertEqual(byte[] expected, byte[] actual)
        {
            for (int i = 0; i < expected.Length; i++)
            {
                Assert.AreEqual(expected[i], actual[i], "byte " + i);
            }
        }

        /// <summary>
        /// Follows the right edge of the windows a layer advertises and records the first silly or leftward move (a
        /// zero window after a probe byte was taken moves it by that byte: no window is offered).
        /// </summary>
        private sealed class RightEdgeTrace : ITcpTraceListener
        {
            private bool _seen;
            private uint _edge;

            public int Moves { get; private set; }

            public string Violation { get; private set; }

            public RightEdgeTrace()
            {
                Violation = string.Empty;
            }

            public void StateChanged(long now, int slot, int localPort, uint remoteAddress, int remotePort, TcpState from, TcpState to)
            {
            }

            public void Segment(long now, bool sent, uint source, int sourcePort, uint destination, int destinationPort, uint seq, uint ack, int flags, int window, int length)
            {
                if (!sent || (flags & TcpHeader.Ack) == 0 || (flags & (TcpHeader.Syn | TcpHeader.Rst)) != 0)
                {
                    return;
                }

                uint edge = ack + (uint)window;
                int moved = (int)(edge - _edge);
                if (_seen && moved != 0 && Violation.Length == 0 && (moved < 0 || (moved < Threshold && window > 0)))
                {
                    Violation = "moved by " + moved + " at " + now + " ms (window " + window + ")";
                }

                if (_seen && moved > 0)
                {
                    Moves++;
                }

                _seen = true;
                _edge = edge;
            }

            public void SegmentDropped(long now, TcpDropReason reason, uint source, int sourcePort, uint destination, int destinationPort, uint seq, int flags)
            {
            }
        }
    }
}
