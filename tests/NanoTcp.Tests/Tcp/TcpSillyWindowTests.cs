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
    /// Sender-side silly window syndrome avoidance (RFC 9293 §3.8.6.2.1, RFC 1122 §4.2.3.4): while more than a segment
    /// is queued, every data segment is full-sized, whatever the congestion window or the send ring's wrap leave over.
    /// </summary>
    [TestClass]
    public class TcpSillyWindowTests
    {
        private const int Mss = 1460;

        /// <summary>Bulk transfer server → client in 16 KB writes through an 8 KB send ring; returns the short segments sent before the last.</summary>
        private static int ShortSegmentsInBulkTransfer(int seed, int delay, int bytes, int clientReceiveRing, out int segments)
        {
            var pair = new TcpPair(seed, delay,
                new TcpConfiguration { SecretSeed = seed * 2 + 1, SendBufferSize = 2048, ReceiveBufferSize = clientReceiveRing },
                new TcpConfiguration { SecretSeed = seed * 2 + 2, SendBufferSize = 8192, ReceiveBufferSize = 2048 });
            var listener = new TcpListener(pair.Server, 80, 1);
            listener.Start();
            TcpConnection client = TcpConnection.BeginConnect(pair.Client, TcpPair.ServerAddress, 80);
            Assert.IsTrue(pair.RunUntil(() => listener.Pending() && client.State == TcpState.Established, 5000), "handshake");
            TcpConnection server = listener.TryAccept();
            var trace = new DataSegmentTrace(bytes);
            pair.Server.Trace = trace;
            var data = new byte[16384];
            var sink = new byte[65536];
            int sent = 0, received = 0;
            long end = pair.Clock.Milliseconds + 600000;
            while (received < bytes && pair.Clock.Milliseconds < end)
            {
                if (sent < bytes)
                {
                    int n = bytes - sent < data.Length ? bytes - sent : data.Length;
                    sent += server.TrySend(data, 0, n);
                }

                pair.Step(1);
                received += client.TryReceive(sink, 0, sink.Length);
            }

            Assert.AreEqual(bytes, received, "the transfer completes");
            segments = trace.DataSegments;
            return trace.ShortWhileMoreQueued;
        }

        [TestMethod]
        public void BulkTransferThroughAWrappingSendRingSendsOnlyFullSegmentsUntilTheLast()
        {
            int shortSegments = ShortSegmentsInBulkTransfer(41, 1, 256 * 1024, 65535, out int segments);
            Assert.AreEqual(0, shortSegments, "segments shorter than the MSS before the last (of " + segments + ")");
            Assert.IsTrue(segments <= (256 * 1024 / Mss) + 1, segments + " data segments for 256 KiB");
        }

        [TestMethod]
        public void CongestionWindowLeftoversDoNotBecomeShortSegments()
        {
            // A 4 KB receive ring: the peer's window, not the send ring, limits the sender and often leaves less than
            // a segment (1176 B) with nothing in flight; the override timeout waits for the peer's window update.
            int shortSegments = ShortSegmentsInBulkTransfer(42, 3, 128 * 1024, 4096, out int segments);
            Assert.AreEqual(0, shortSegments, "segments shorter than the MSS before the last (of " + segments + ")");
        }

        [TestMethod]
        public void AWindowLeavingLessThanASegmentIsUsedOnlyAfterTheOverrideTimeout()
        {
            var h = new TcpHarness();
            TcpConnection c = h.OpenActive(5000, out uint iss);
            Assert.AreEqual(2000, c.TrySend(new byte[2000], 0, 2000));
            h.Expect(TcpHeader.Ack, iss + 1, 5001);
            h.Expect(TcpHeader.Ack | TcpHeader.Psh, iss + 1461, 5001);
            // Everything acknowledged, the peer's window shrinks to 1000 (< half its 8192 maximum), 1500 bytes queued.
            h.Inject(5001, iss + 2001, TcpHeader.Ack, 1000, null, -1, 80, c.LocalPort);
            Assert.AreEqual(1500, c.TrySend(new byte[1500], 0, 1500));
            h.ExpectNothingSent();
            h.Advance(199);
            h.ExpectNothingSent();
            // The peer's window update never came: the override timeout sends what the window allows.
            h.Advance(1);
            SentSegment s = h.Expect(TcpHeader.Ack, iss + 2001, 5001);
            Assert.AreEqual(1000, s.Data.Length);
        }

        [TestMethod]
        public void AWindowUpdateBeforeTheOverrideTimeoutLetsAFullSegmentGo()
        {
            var h = new TcpHarness();
            TcpConnection c = h.OpenActive(5000, out uint iss);
            Assert.AreEqual(2000, c.TrySend(new byte[2000], 0, 2000));
            h.Expect(TcpHeader.Ack, iss + 1, 5001);
            h.Expect(TcpHeader.Ack | TcpHeader.Psh, iss + 1461, 5001);
            h.Inject(5001, iss + 2001, TcpHeader.Ack, 1000, null, -1, 80, c.LocalPort);
            Assert.AreEqual(1500, c.TrySend(new byte[1500], 0, 1500));
            h.Advance(50);
            h.ExpectNothingSent();
            h.Inject(5001, iss + 2001, TcpHeader.Ack, 8192, null, -1, 80, c.LocalPort);
            Assert.AreEqual(1460, h.Expect(TcpHeader.Ack, iss + 2001, 5001).Data.Length);
            Assert.AreEqual(40, h.Expect(TcpHeader.Ack | TcpHeader.Psh, iss + 3461, 5001).Data.Length);
        }

        /// <summary>Counts the data segments a layer sends, and those shorter than the MSS before the last.</summary>
        private sealed class DataSegmentTrace : ITcpTraceListener
        {
            private readonly int _total;
            private bool _seen;
            private uint _firstSeq;

            public DataSegmentTrace(int total)
            {
                _total = total;
            }

            public int DataSegments { get; private set; }

            public int ShortWhileMoreQueued { get; private set; }

            public void StateChanged(long now, int slot, int localPort, uint remoteAddress, int remotePort, TcpState from, TcpState to)
            {
            }

            public void Segment(long now, bool sent, uint source, int sourcePort, uint destination, int destinationPort, uint seq, uint ack, int flags, int window, int length)
            {
                if (!sent || length == 0)
                {
                    return;
                }

                if (!_seen)
                {
                    _seen = true;
                    _firstSeq = seq;
                }

                DataSegments++;
                int end = (int)(seq - _firstSeq) + length;
                // Short while the application had more to send: silly.
                if (length < Mss && end < _total)
                {
                    ShortWhileMoreQueued++;
                }
            }

            public void SegmentDropped(long now, TcpDropReason reason, uint source, int sourcePort, uint destination, int destinationPort, uint seq, int flags)
            {
            }
        }
    }
}
