using System;
using System.Collections.Generic;
using System.Globalization;
using NanoTcp.Firmware;
using NanoTcp.Hardware.Enc28j60Model;
using NanoTcp.Tcp;

namespace NanoTcp.Benchmarks
{
    /// <summary>
    /// The chip path in model time, one way at a time: a TCP stack with the firmware's TCP configuration on the
    /// ENC28J60 driver (default buffer layout) and the chip model, frames from the cable spaced at the 10 Mbit/s line
    /// rate (<see cref="Enc28j60ModelOptions.ModelReceiveDuration"/>), 1 ms wire delay, against a plain stack with
    /// 64 KB rings (a PC). First the firmware's default ring sizes (with SPI frames per Ethernet frame), then other
    /// ring sizes, then peer → board with a slower host: the model charges no CPU time, so these rows add 1 or 2 ms of
    /// host time per received frame (frames keep arriving meanwhile) and show how much window the chip's receive ring
    /// can take. MB/s of TCP payload against the line's payload maximum, the sender's retransmissions and the chip's
    /// receive-ring overflows. `dotnet run -c Release --project tests/NanoTcp.Benchmarks -- tcp-window`.
    /// </summary>
    public static class TcpWindowBenchmark
    {
        /// <summary>
        /// TCP payload bytes per second a 10 Mbit/s line can carry with 1460-byte segments: each takes 1538 bytes of
        /// wire time (preamble 8, Ethernet 14, IPv4 20, TCP 20, FCS 4, inter-frame gap 12) = 1.187 MB/s.
        /// </summary>
        public const double LineRatePayload = 10e6 / 8 * 1460 / 1538;

        private const int PeerRing = 65535;

        private static readonly int[] OtherRings = { 2048, 4096, 12288, 16384 };

        private static readonly int[] SlowHostRings = { 8192, 12288 };

        /// <summary>What one transfer measured.</summary>
        private sealed class Transfer
        {
            public double MegabytesPerSecond;
            public double SpiFramesPerEthernetFrame;
            public long EthernetFrames;
            public int Timeouts;
            public int FastRetransmits;
            public long RingOverflows;
        }

        /// <summary>The firmware's default ring sizes, then the others; 1 MiB each way.</summary>
        public static void Run(List<BenchmarkRow> rows)
        {
            RunDefaults(rows, 1 << 20);
            foreach (int ring in OtherRings)
            {
                foreach (bool fromBoard in new[] { true, false })
                {
                    Transfer t = OneWay(ring, ring, fromBoard, 1 << 20, 0);
                    rows.Add(new BenchmarkRow(Name(fromBoard, 1 << 20) + ", board rings " + ring.ToString(CultureInfo.InvariantCulture) + " B",
                        Figure(t), "MB/s (model time)", Note(t)));
                }
            }

            foreach (int hostMilliseconds in new[] { 1, 2 })
            {
                foreach (int ring in SlowHostRings)
                {
                    Transfer t = OneWay(ring, ring, false, 1 << 20, hostMilliseconds);
                    rows.Add(new BenchmarkRow(Name(false, 1 << 20) + ", board rings " + ring.ToString(CultureInfo.InvariantCulture) + " B, host busy "
                        + hostMilliseconds.ToString(CultureInfo.InvariantCulture) + " ms per received frame", Figure(t), "MB/s (model time)", Note(t)));
                }
            }
        }

        /// <summary>The firmware's default ring sizes, <paramref name="bytes"/> each way, with the SPI cost (also the tap benchmark's model rows).</summary>
        public static void RunDefaults(List<BenchmarkRow> rows, int bytes)
        {
            var defaults = new FirmwareConfiguration();
            string rings = "default rings: send " + defaults.SendBufferSize.ToString(CultureInfo.InvariantCulture)
                + " B, receive " + defaults.ReceiveBufferSize.ToString(CultureInfo.InvariantCulture) + " B";
            foreach (bool fromBoard in new[] { true, false })
            {
                Transfer t = OneWay(defaults.SendBufferSize, defaults.ReceiveBufferSize, fromBoard, bytes, 0);
                string name = Name(fromBoard, bytes) + ", firmware defaults";
                rows.Add(new BenchmarkRow(name, Figure(t), "MB/s (model time)", Note(t) + "; " + rings));
                rows.Add(new BenchmarkRow(name + ", SPI cost", t.SpiFramesPerEthernetFrame.ToString("F2", CultureInfo.InvariantCulture), "SPI frames/Ethernet frame",
                    t.EthernetFrames.ToString(CultureInfo.InvariantCulture) + " Ethernet frames through the chip, both directions"));
            }
        }

        private static string Name(bool fromBoard, int bytes)
        {
            string size = bytes >= 1 << 20 ? (bytes >> 20).ToString(CultureInfo.InvariantCulture) + " MiB" : (bytes >> 10).ToString(CultureInfo.InvariantCulture) + " KiB";
            return "TCP " + size + (fromBoard ? " from the chip path (board → peer, download)" : " to the chip path (peer → board, upload)");
        }

        private static string Figure(Transfer t) => t.MegabytesPerSecond.ToString("F3", CultureInfo.InvariantCulture);

        private static string Note(Transfer t)
        {
            return (t.MegabytesPerSecond * 1e6 / LineRatePayload * 100).ToString("F0", CultureInfo.InvariantCulture) + " % of the 10 Mbit/s line ("
                + (LineRatePayload / 1e6).ToString("F3", CultureInfo.InvariantCulture) + " MB/s of payload); sender RTOs "
                + t.Timeouts.ToString(CultureInfo.InvariantCulture) + ", fast retransmits " + t.FastRetransmits.ToString(CultureInfo.InvariantCulture)
                + ", chip receive-ring overflows " + t.RingOverflows.ToString(CultureInfo.InvariantCulture);
        }

        /// <summary>
        /// <paramref name="bytes"/> bytes board → peer when <paramref name="fromBoard"/>, else peer → board; the board's
        /// host spends <paramref name="hostMilliseconds"/> of model time on each frame it receives.
        /// </summary>
        private static Transfer OneWay(int sendRing, int receiveRing, bool fromBoard, int bytes, int hostMilliseconds)
        {
            var b = new DriverBenchmark.Board(true, true, new Enc28j60ModelOptions { ModelReceiveDuration = true });
            var chip = new NetworkStack(b.Link, b.Clock, new NetworkConfiguration { Address = DriverBenchmark.ChipAddress });
            var peer = new NetworkStack(b.Peer, b.Clock, new NetworkConfiguration { Address = DriverBenchmark.PeerAddress });
            TcpConfiguration boardConfiguration = new FirmwareConfiguration().Tcp;
            boardConfiguration.SendBufferSize = sendRing;
            boardConfiguration.ReceiveBufferSize = receiveRing;
            boardConfiguration.SecretSeed = 1;
            var chipTcp = new TcpLayer(chip.Ipv4, b.Clock, boardConfiguration, null);
            var peerTcp = new TcpLayer(peer.Ipv4, b.Clock, new TcpConfiguration { SecretSeed = 2, SendBufferSize = PeerRing, ReceiveBufferSize = PeerRing }, null);
            chip.RegisterTransport(6, chipTcp);
            peer.RegisterTransport(6, peerTcp);
            var listener = new TcpListener(chipTcp, 80, 1);
            listener.Start();
            TcpConnection client = TcpConnection.BeginConnect(peerTcp, DriverBenchmark.ChipAddress, 80);
            TcpConnection board = null;
            for (int i = 0; i < 5000 && board == null; i++)
            {
                Step(b, chip, peer);
                board = listener.TryAccept();
                b.Clock.Advance(1);
            }

            if (board == null)
            {
                throw new InvalidOperationException("the chip path did not accept a connection within 5 s of model time");
            }

            TcpConnection sender = fromBoard ? board : client;
            TcpConnection receiver = fromBoard ? client : board;
            var data = new byte[16384];
            var sink = new byte[PeerRing];
            int sent = 0, received = 0;
            long start = b.Chip.NowNanoseconds;
            long spiBefore = b.Chip.Counters.TotalSpiFrames;
            long framesBefore = b.Link.Statistics.FramesReceived + b.Link.Statistics.FramesSent;
            for (int round = 0; round < 20_000_000 && received < bytes; round++)
            {
                long moved = b.Link.Statistics.FramesReceived + b.Link.Statistics.FramesSent;
                if (sent < bytes)
                {
                    sent += DriverBenchmark.Moved(sender.TrySend(data, 0, Math.Min(data.Length, bytes - sent)));
                }

                long framesIn = b.Link.Statistics.FramesReceived;
                Step(b, chip, peer);
                if (hostMilliseconds > 0)
                {
                    b.Clock.Advance(hostMilliseconds * (int)(b.Link.Statistics.FramesReceived - framesIn));
                }

                received += DriverBenchmark.Moved(receiver.TryReceive(sink, 0, sink.Length));
                if (b.Link.Statistics.FramesReceived + b.Link.Statistics.FramesSent == moved)
                {
                    b.Clock.Advance(1); // nothing moved: let time pass (delayed ACK, retransmission, wire time)
                }
            }

            if (received < bytes)
            {
                throw new InvalidOperationException("the chip path moved " + received.ToString(CultureInfo.InvariantCulture) + " of " + bytes.ToString(CultureInfo.InvariantCulture) + " bytes");
            }

            TcpLayer senderTcp = fromBoard ? chipTcp : peerTcp;
            long frames = b.Link.Statistics.FramesReceived + b.Link.Statistics.FramesSent - framesBefore;
            return new Transfer
            {
                MegabytesPerSecond = received / ((b.Chip.NowNanoseconds - start) / 1e9) / 1e6,
                SpiFramesPerEthernetFrame = (double)(b.Chip.Counters.TotalSpiFrames - spiBefore) / frames,
                EthernetFrames = frames,
                Timeouts = senderTcp.Counters.RetransmissionTimeouts,
                FastRetransmits = senderTcp.Counters.FastRetransmits,
                RingOverflows = b.Chip.Counters.DroppedRingFull,
            };
        }

        private static void Step(DriverBenchmark.Board b, NetworkStack chip, NetworkStack peer)
        {
            b.Pump();
            chip.Poll();
            b.Pump();
            peer.Poll();
        }
    }
}
