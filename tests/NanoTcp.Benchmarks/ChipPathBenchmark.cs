using System;
using System.Collections.Generic;
using System.Globalization;
using NanoTcp.Firmware;
using NanoTcp.Hardware.Enc28j60Model;
using NanoTcp.Hardware.Simulation;
using NanoTcp.Tcp;

namespace NanoTcp.Benchmarks
{
    /// <summary>
    /// The chip path in model time, one way at a time: a TCP stack with the firmware's default configuration (ring
    /// sizes, TCP options) on the ENC28J60 driver and the chip model as the PC app builds it, against a plain stack
    /// with large rings on the same wire. MB/s of TCP payload against the 10 Mbit/s line's payload maximum, and SPI
    /// frames per Ethernet frame during the transfer.
    /// </summary>
    public static class ChipPathBenchmark
    {
        /// <summary>
        /// TCP payload bytes per second a 10 Mbit/s line can carry with 1460-byte segments: each takes 1538 bytes of
        /// wire time (preamble 8, Ethernet 14, IPv4 20, TCP 20, FCS 4, inter-frame gap 12).
        /// </summary>
        public const double LinePayloadBytesPerSecond = 10e6 / 8 * 1460 / 1538;

        private const uint ChipAddress = 0x0A000001;
        private const uint PeerAddress = 0x0A000002;
        private const int PeerBufferSize = 65536;

        public static void Run(List<BenchmarkRow> rows, int bytes)
        {
            var defaults = new FirmwareConfiguration();
            string rings = "firmware default rings: send " + defaults.SendBufferSize.ToString(CultureInfo.InvariantCulture)
                + " B, receive " + defaults.ReceiveBufferSize.ToString(CultureInfo.InvariantCulture) + " B";
            foreach (bool fromChip in new[] { true, false })
            {
                Transfer t = OneWay(fromChip, bytes);
                string name = "TCP " + (bytes >= 1 << 20 ? (bytes >> 20).ToString(CultureInfo.InvariantCulture) + " MiB" : (bytes >> 10).ToString(CultureInfo.InvariantCulture) + " KiB")
                    + (fromChip ? " from the chip path (download)" : " to the chip path (upload)");
                rows.Add(new BenchmarkRow(name, t.MegabytesPerSecond.ToString("F3", CultureInfo.InvariantCulture), "MB/s (model time)",
                    (t.MegabytesPerSecond * 1e6 / LinePayloadBytesPerSecond * 100).ToString("F0", CultureInfo.InvariantCulture) + " % of the 10 Mbit/s line ("
                    + (LinePayloadBytesPerSecond / 1e6).ToString("F3", CultureInfo.InvariantCulture) + " MB/s of payload); " + rings));
                rows.Add(new BenchmarkRow(name + ", SPI cost", t.SpiFramesPerEthernetFrame.ToString("F2", CultureInfo.InvariantCulture), "SPI frames/Ethernet frame",
                    t.EthernetFrames.ToString(CultureInfo.InvariantCulture) + " Ethernet frames through the chip, both directions"));
            }
        }

        private sealed class Transfer
        {
            public double MegabytesPerSecond;
            public double SpiFramesPerEthernetFrame;
            public long EthernetFrames;
        }

        private static Transfer OneWay(bool fromChip, int bytes)
        {
            var defaults = new FirmwareConfiguration();
            var b = new DriverBenchmark.Board(true, true, new Enc28j60ModelOptions { ModelReceiveDuration = true });
            var chip = new NetworkStack(b.Link, b.Clock, new NetworkConfiguration { Address = ChipAddress });
            var peer = new NetworkStack(b.Peer, b.Clock, new NetworkConfiguration { Address = PeerAddress });
            TcpConfiguration chipTcpConfiguration = defaults.Tcp ?? new TcpConfiguration();
            chipTcpConfiguration.SendBufferSize = defaults.SendBufferSize;
            chipTcpConfiguration.ReceiveBufferSize = defaults.ReceiveBufferSize;
            chipTcpConfiguration.SecretSeed = 1;
            var chipTcp = new TcpLayer(chip.Ipv4, b.Clock, chipTcpConfiguration, null);
            var peerTcp = new TcpLayer(peer.Ipv4, b.Clock, new TcpConfiguration { SecretSeed = 2, SendBufferSize = PeerBufferSize, ReceiveBufferSize = PeerBufferSize }, null);
            chip.RegisterTransport(6, chipTcp);
            peer.RegisterTransport(6, peerTcp);
            var listener = new TcpListener(chipTcp, 80, 1);
            listener.Start();
            TcpConnection client = TcpConnection.BeginConnect(peerTcp, ChipAddress, 80);
            TcpConnection server = null;
            for (int i = 0; i < 5000 && server == null; i++)
            {
                Step(b, chip, peer);
                server = listener.TryAccept();
                b.Clock.Advance(1);
            }

            if (server == null)
            {
                throw new InvalidOperationException("the chip path did not accept a connection within 5 s of model time");
            }

            TcpConnection sender = fromChip ? server : client;
            TcpConnection receiver = fromChip ? client : server;
            var data = new byte[8192];
            var sink = new byte[PeerBufferSize];
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

                Step(b, chip, peer);
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

            long frames = b.Link.Statistics.FramesReceived + b.Link.Statistics.FramesSent - framesBefore;
            return new Transfer
            {
                MegabytesPerSecond = received / ((b.Chip.NowNanoseconds - start) / 1e9) / 1e6,
                SpiFramesPerEthernetFrame = (double)(b.Chip.Counters.TotalSpiFrames - spiBefore) / frames,
                EthernetFrames = frames,
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
