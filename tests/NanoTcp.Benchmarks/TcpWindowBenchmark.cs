using NanoTcp.Hardware.Enc28j60Model;
using System;
using System.Collections.Generic;
using NanoTcp.Tcp;

namespace NanoTcp.Benchmarks
{
    /// <summary>
    /// TCP payload throughput through the chip path (stack on driver + ENC28J60 model, 10 Mbit/s wire, 1 ms wire
    /// delay), one direction at a time, in model time, for several ring sizes of the board; the peer is a plain stack
    /// with 64 KB rings (a PC). Line rate for 1460-byte segments: 10 Mbit/s × 1460 / 1538 bytes on the wire (preamble,
    /// header, FCS, gap) = 1.187 MB/s of payload. `dotnet run -c Release --project tests/NanoTcp.Benchmarks -- tcp-window`.
    /// </summary>
    public static class TcpWindowBenchmark
    {
        /// <summary>Payload bytes per second at 10 Mbit/s with full 1460-byte segments (1538 bytes of wire time each).</summary>
        public const double LineRatePayload = 10e6 / 8 * 1460 / 1538;

        private static int Moved(int count) => count >= 0 ? count : throw new InvalidOperationException("TrySend/TryReceive returned -1: the connection failed");

        /// <summary>MB/s (model time) of <paramref name="size"/> bytes, board → peer when <paramref name="fromBoard"/>, else peer → board.</summary>
        public static double OneWay(int sendRing, int receiveRing, bool fromBoard, int size, out int timeouts, out int fastRetransmits)
        {
            var b = new DriverBenchmark.Board(true, true, new Enc28j60ModelOptions { ModelReceiveDuration = true });
            var chip = new NetworkStack(b.Link, b.Clock, new NetworkConfiguration { Address = DriverBenchmark.ChipAddress });
            var peer = new NetworkStack(b.Peer, b.Clock, new NetworkConfiguration { Address = DriverBenchmark.PeerAddress });
            var chipTcp = new TcpLayer(chip.Ipv4, b.Clock, new TcpConfiguration { SecretSeed = 1, SendBufferSize = sendRing, ReceiveBufferSize = receiveRing }, null);
            var peerTcp = new TcpLayer(peer.Ipv4, b.Clock, new TcpConfiguration { SecretSeed = 2, SendBufferSize = 65535, ReceiveBufferSize = 65535 }, null);
            chip.RegisterTransport(6, chipTcp);
            peer.RegisterTransport(6, peerTcp);
            var listener = new TcpListener(chipTcp, 80, 1);
            listener.Start();
            TcpConnection client = TcpConnection.BeginConnect(peerTcp, DriverBenchmark.ChipAddress, 80);
            TcpConnection board = null;
            for (int i = 0; i < 5000 && board == null; i++)
            {
                b.Pump();
                chip.Poll();
                b.Pump();
                peer.Poll();
                board = listener.TryAccept();
                b.Clock.Advance(1);
            }

            TcpConnection sender = fromBoard ? board : client;
            TcpConnection receiver = fromBoard ? client : board;
            var data = new byte[size];
            var sink = new byte[65536];
            int sent = 0, got = 0;
            long start = b.Chip.NowNanoseconds;
            for (int round = 0; round < 20_000_000 && got < size; round++)
            {
                long moved = b.Link.Statistics.FramesReceived + b.Link.Statistics.FramesSent;
                if (sent < size)
                {
                    sent += Moved(sender.TrySend(data, sent, Math.Min(16384, size - sent)));
                }

                b.Pump();
                chip.Poll();
                b.Pump();
                peer.Poll();
                got += Moved(receiver.TryReceive(sink, 0, sink.Length));
                if (b.Link.Statistics.FramesReceived + b.Link.Statistics.FramesSent == moved)
                {
                    b.Clock.Advance(1); // nothing moved: let time pass (delayed ACK, wire time)
                }
            }

            if (got < size)
            {
                throw new InvalidOperationException("transfer incomplete: " + got + " of " + size);
            }

            TcpLayer senderTcp = fromBoard ? chipTcp : peerTcp;
            timeouts = senderTcp.Counters.RetransmissionTimeouts;
            fastRetransmits = senderTcp.Counters.FastRetransmits;
            return size / ((b.Chip.NowNanoseconds - start) / 1e9) / 1e6;
        }

        public static void Run(List<BenchmarkRow> rows)
        {
            int[] rings = { 2048, 4096, 8192, 10240, 12288 };
            foreach (int ring in rings)
            {
                foreach (bool fromBoard in new[] { true, false })
                {
                    double mbs = OneWay(ring, ring, fromBoard, 1 << 20, out int timeouts, out int fast);
                    rows.Add(new BenchmarkRow(
                        "TCP 1 MB " + (fromBoard ? "board → peer" : "peer → board") + ", board rings " + ring + " B",
                        mbs.ToString("F3"),
                        "MB/s (model time)",
                        (mbs * 1e6 / LineRatePayload * 100).ToString("F0") + " % of the 10 Mbit/s line; sender RTOs " + timeouts + ", fast retransmits " + fast));
                }
            }
        }
    }
}
