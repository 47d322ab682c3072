using System;
using System.Collections.Generic;
using NanoTcp.Drivers.Enc28j60;
using NanoTcp.Hardware.Host;
using NanoTcp.Hardware.Enc28j60Model;
using NanoTcp.Hardware.Host.Wire;
using NanoTcp.Hardware.Simulation;
using NanoTcp.Tcp;

namespace NanoTcp.Benchmarks
{
    /// <summary>
    /// The ENC28J60 driver on the chip model (every errata switch on, SPI at 8 MHz): SPI chip-select frames and bytes per
    /// received and per sent Ethernet frame, counted by the model, and UDP/TCP throughput through driver + model in
    /// frames per second of the model's time (manual clock plus the SPI clocking time; the clock moves only when the
    /// driver waits for a transmission or nothing moves), so the figures are SPI- and wire-bound, not CPU-bound.
    /// </summary>
    public static class DriverBenchmark
    {
        /// <summary>A non-blocking call's byte count; -1 means the connection failed, which fails the run.</summary>
        internal static int Moved(int count) => count >= 0 ? count : throw new System.InvalidOperationException("TrySend/TryReceive returned -1: the connection failed");

        internal static readonly byte[] ChipMac = { 0x02, 0x4E, 0x54, 0x00, 0x00, 0x01 };
        internal static readonly byte[] PeerMac = { 0x02, 0x4E, 0x54, 0x00, 0x00, 0x02 };
        internal const uint ChipAddress = 0x0A000001;
        internal const uint PeerAddress = 0x0A000002;

        /// <summary>Chip model + driver + a peer port on one wire, on a manual clock; <paramref name="model"/> null = every errata switch on.</summary>
        internal sealed class Board
        {
            /// <summary><paramref name="transmitBufferStart"/> 0: the driver's default layout (two transmit areas, a 5 KB ring).</summary>
            public Board(bool useInterruptPin, bool fullDuplex = true, Enc28j60ModelOptions model = null, int transmitBufferStart = 0)
            {
                Clock = new ManualClock(1000);
                Chip = new Enc28j60Chip(Clock, model ?? new Enc28j60ModelOptions
                {
                    Errata2ResetWindow = true,
                    Errata5WritePointerToZero = true,
                    Errata6PacketFlagUnreliable = true,
                    Errata12TransmitStall = true,
                    Errata13LateCollisionEvery = 7,
                    Errata14EvenReadPointerCorrupts = true,
                    Errata15LateCollisionFlagUnreliable = true,
                    HalfDuplexLoopback = true,
                });
                Clock.Advance(1);
                Link = new Enc28j60Link(Chip, useInterruptPin ? Chip.InterruptPin : null, Clock, new Enc28j60Options
                {
                    MacAddress = (byte[])ChipMac.Clone(),
                    FullDuplex = fullDuplex,
                    TransmitBufferStart = transmitBufferStart != 0 ? transmitBufferStart : new Enc28j60Options().TransmitBufferStart,
                    Delay = ms => Clock.Advance(ms),
                    InterruptWait = ms =>
                    {
                        if (!Chip.WaitForInterrupt(ms))
                        {
                            Clock.Advance(ms);
                        }
                    },
                });
                Link.Initialize();
                Wire = new EthernetWire(Clock, 1);
                Peer = Wire.CreatePort(PeerMac);
                Wire.Attach(Chip.WireSide);
            }

            public ManualClock Clock { get; }

            public Enc28j60Chip Chip { get; }

            public Enc28j60Link Link { get; }

            public EthernetWire Wire { get; }

            public WirePort Peer { get; }

            public void Pump()
            {
                Chip.Update();
                Wire.Pump();
            }
        }

        private static byte[] Frame(byte[] destination, byte[] source, int length, int seed)
        {
            var frame = new byte[length];
            Array.Copy(destination, 0, frame, 0, 6);
            Array.Copy(source, 0, frame, 6, 6);
            frame[12] = 0x88;
            frame[13] = 0xB5;
            new Random(seed).NextBytes(new Span<byte>(frame, 14, length - 14));
            return frame;
        }

        /// <summary>SPI frames and bytes per received frame: bursts of <paramref name="burst"/> (size 0: 60..1514 varying), every Receive call counted.</summary>
        /// <summary>
        /// One transmit area (a 6.5 KB ring): the wire hands a burst of four full frames to the chip at once, which the
        /// default 5 KB ring (three full frames) could not hold; a cable delivers one per 1.23 ms.
        /// </summary>
        private static (double Frames, double Bytes) Receive(bool useInterruptPin, int burst, int size, int bursts = 100)
        {
            var b = new Board(useInterruptPin, transmitBufferStart: 0x1A00);
            var buffer = new byte[1514];
            var random = new Random(9);
            long frames = 0, spiFrames = 0, spiBytes = 0;
            for (int n = 0; n <= bursts; n++)
            {
                for (int i = 0; i < burst; i++)
                {
                    byte[] frame = Frame(ChipMac, PeerMac, size == 0 ? 60 + random.Next(1455) : size, n * burst + i);
                    b.Chip.WireSide.Send(frame, 0, frame.Length);
                }

                b.Clock.Advance(1);
                long framesBefore = b.Chip.Counters.TotalSpiFrames, bytesBefore = b.Chip.Counters.TotalSpiBytes;
                int got = 0;
                while (b.Link.Receive(buffer, 0, buffer.Length) > 0)
                {
                    got++;
                }

                if (n > 0)
                {
                    // The first burst warms up (bank, pointers).
                    spiFrames += b.Chip.Counters.TotalSpiFrames - framesBefore;
                    spiBytes += b.Chip.Counters.TotalSpiBytes - bytesBefore;
                    frames += got;
                }
            }

            return ((double)spiFrames / frames, (double)spiBytes / frames);
        }

        /// <summary>SPI frames and bytes per sent frame (size 0: 60..1514 varying).</summary>
        private static (double Frames, double Bytes) Send(bool fullDuplex, int size, int count = 300, bool backToBack = false)
        {
            var b = new Board(true, fullDuplex);
            var random = new Random(5);
            var sink = new byte[1514];
            long spiFrames = 0, spiBytes = 0;
            for (int i = 0; i < count; i++)
            {
                byte[] frame = Frame(PeerMac, ChipMac, size == 0 ? 60 + random.Next(1455) : size, i);
                long framesBefore = b.Chip.Counters.TotalSpiFrames, bytesBefore = b.Chip.Counters.TotalSpiBytes;
                b.Link.Send(frame, 0, frame.Length);
                spiFrames += b.Chip.Counters.TotalSpiFrames - framesBefore;
                spiBytes += b.Chip.Counters.TotalSpiBytes - bytesBefore;
                if (backToBack)
                {
                    continue; // the next frame is written while this one is on the wire (the second transmit area)
                }

                b.Clock.Advance(2);
                b.Pump();
                while (b.Peer.Receive(sink, 0, sink.Length) > 0)
                {
                }
            }

            return ((double)spiFrames / count, (double)spiBytes / count);
        }

        private static void AddSpi(List<BenchmarkRow> rows, string name, (double Frames, double Bytes) cost)
        {
            rows.Add(new BenchmarkRow("ENC28J60 SPI, " + name, cost.Frames.ToString("F2"), "SPI frames/frame", cost.Bytes.ToString("F0") + " SPI bytes/frame"));
        }

        /// <summary>UDP datagrams of <paramref name="payload"/> bytes one way; frames per second of the model's time.</summary>
        private static double UdpFramesPerSecond(bool toChip, int payload, int count)
        {
            var b = new Board(true);
            var chip = new NetworkStack(b.Link, b.Clock, new NetworkConfiguration { Address = ChipAddress });
            var peer = new NetworkStack(b.Peer, b.Clock, new NetworkConfiguration { Address = PeerAddress });
            NetworkStack sender = toChip ? peer : chip;
            NetworkStack receiver = toChip ? chip : peer;
            uint destination = toChip ? ChipAddress : PeerAddress;
            int received = 0;
            receiver.Udp.Bind(9, (buf, off, len, src, sport, dst, dport) => received++);
            var data = new byte[payload];

            // ARP first.
            for (int i = 0; i < 100 && !sender.Udp.Send(destination, 9, 9, data, 0, data.Length); i++)
            {
                b.Pump();
                chip.Poll();
                peer.Poll();
                b.Clock.Advance(1);
            }

            for (int i = 0; i < 100 && received == 0; i++)
            {
                b.Pump();
                chip.Poll();
                peer.Poll();
                b.Clock.Advance(1);
            }

            received = 0;
            long start = b.Chip.NowNanoseconds;
            for (int i = 0; i < 20 * count && received < count; i++)
            {
                sender.Udp.Send(destination, 9, 9, data, 0, data.Length);
                b.Pump();
                chip.Poll();
                b.Pump();
                peer.Poll();
            }

            return received * 1e9 / (b.Chip.NowNanoseconds - start);
        }

        /// <summary>1 MB each way over TCP between a stack on driver + model and a plain stack; returns (frames/s, MB/s each way) of the model's time.</summary>
        private static (double FramesPerSecond, double MegabytesPerSecond) Tcp(int size)
        {
            var b = new Board(true);
            var chip = new NetworkStack(b.Link, b.Clock, new NetworkConfiguration { Address = ChipAddress });
            var peer = new NetworkStack(b.Peer, b.Clock, new NetworkConfiguration { Address = PeerAddress });
            var chipTcp = new TcpLayer(chip.Ipv4, b.Clock, new TcpConfiguration { SecretSeed = 1, SendBufferSize = 8192, ReceiveBufferSize = 4096, MinimumRetransmissionTimeout = 200 }, null);
            var peerTcp = new TcpLayer(peer.Ipv4, b.Clock, new TcpConfiguration { SecretSeed = 2, SendBufferSize = 8192, ReceiveBufferSize = 8192, MinimumRetransmissionTimeout = 200 }, null);
            chip.RegisterTransport(6, chipTcp);
            peer.RegisterTransport(6, peerTcp);
            var listener = new TcpListener(peerTcp, 80, 1);
            listener.Start();
            TcpConnection client = TcpConnection.BeginConnect(chipTcp, PeerAddress, 80);
            TcpConnection server = null;
            for (int i = 0; i < 5000 && server == null; i++)
            {
                b.Pump();
                chip.Poll();
                b.Pump();
                peer.Poll();
                server = listener.TryAccept();
                b.Clock.Advance(1);
            }

            var up = new byte[size];
            var down = new byte[size];
            var sink = new byte[8192];
            int upSent = 0, downSent = 0, upGot = 0, downGot = 0;
            long start = b.Chip.NowNanoseconds;
            long framesBefore = b.Link.Statistics.FramesReceived + b.Link.Statistics.FramesSent;
            for (int round = 0; round < 2_000_000 && (upGot < size || downGot < size); round++)
            {
                long moved = b.Link.Statistics.FramesReceived + b.Link.Statistics.FramesSent;
                upSent += Moved(client.TrySend(up, upSent, Math.Min(4096, size - upSent)));
                downSent += Moved(server.TrySend(down, downSent, Math.Min(4096, size - downSent)));
                b.Pump();
                chip.Poll();
                b.Pump();
                peer.Poll();
                upGot += Moved(server.TryReceive(sink, 0, sink.Length));
                downGot += Moved(client.TryReceive(sink, 0, sink.Length));
                if (b.Link.Statistics.FramesReceived + b.Link.Statistics.FramesSent == moved)
                {
                    b.Clock.Advance(1); // nothing moved: let time pass (delayed ACK, wire time)
                }
            }

            double seconds = (b.Chip.NowNanoseconds - start) / 1e9;
            long frames = b.Link.Statistics.FramesReceived + b.Link.Statistics.FramesSent - framesBefore;
            return (frames / seconds, Math.Min(upGot, downGot) / seconds / 1e6);
        }

        public static void Run(List<BenchmarkRow> rows)
        {
            RunSpiCost(rows);
            double udpIn = UdpFramesPerSecond(true, 1472, 2000);
            double udpOut = UdpFramesPerSecond(false, 1472, 2000);
            rows.Add(new BenchmarkRow("UDP 1472 B to the stack on driver + model", udpIn.ToString("F0"), "frames/s (model time)", (udpIn * 1514 * 8 / 1e6).ToString("F1") + " Mb/s on the wire; SPI-bound"));
            rows.Add(new BenchmarkRow("UDP 1472 B from the stack on driver + model", udpOut.ToString("F0"), "frames/s (model time)", (udpOut * 1514 * 8 / 1e6).ToString("F1") + " Mb/s; 10BASE-T wire time + SPI"));
            var tcp = Tcp(1 << 20);
            rows.Add(new BenchmarkRow("TCP 1 MB each way, stack on driver + model", tcp.FramesPerSecond.ToString("F0"), "frames/s (model time)", tcp.MegabytesPerSecond.ToString("F2") + " MB/s each way, window 4 KB at the chip"));
        }

        /// <summary>SPI frames and bytes per received and per sent Ethernet frame.</summary>
        public static void RunSpiCost(List<BenchmarkRow> rows)
        {
            foreach (bool pin in new[] { true, false })
            {
                string mode = pin ? "INT pin" : "polling";
                AddSpi(rows, "receive lone 1514 B, " + mode, Receive(pin, 1, 1514));
                AddSpi(rows, "receive lone 60 B, " + mode, Receive(pin, 1, 60));
                AddSpi(rows, "receive bursts of 4 × 1514 B, " + mode, Receive(pin, 4, 1514));
                AddSpi(rows, "receive bursts of 4 × 60..1514 B, " + mode, Receive(pin, 4, 0));
            }

            AddSpi(rows, "send 1514 B, full duplex", Send(true, 1514));
            AddSpi(rows, "send 60 B, full duplex", Send(true, 60));
            AddSpi(rows, "send 60..1514 B, full duplex", Send(true, 0));
            AddSpi(rows, "send 60..1514 B, half duplex (errata 13 every 7th)", Send(false, 0));
            AddSpi(rows, "send 1514 B back to back, full duplex (written while the previous is on the wire)", Send(true, 1514, 300, true));
        }
    }
}
