using System;
using System.Security.Cryptography;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using NanoTcp.Tcp;

namespace NanoTcp.Tests.Host.Enc28j60Driver
{
    /// <summary>
    /// A NanoTcp stack with TCP on driver + chip model (every errata switch on) and a plain NanoTcp stack with TCP on a
    /// port of the same in-memory wire, on the harness's manual clock. <see cref="TransferBothWays"/> moves a number of
    /// bytes each way at once (the stack on the chip connects, both ends send, shut down and read to the end) and
    /// checks both directions with SHA-256. Hooks let a test inject faults between the steps of each 1 ms round.
    /// </summary>
    internal sealed class TcpOverDriver
    {
        public const uint ChipAddress = 0x0A000001; // 10.0.0.1
        public const uint PlainAddress = 0x0A000002; // 10.0.0.2
        public const int Port = 80;

        public TcpOverDriver(bool useInterruptPin, bool fullDuplex, int halfDuplexLateCollisionEvery = 5)
        {
            H = new DriverHarness(useInterruptPin, fullDuplex);
            if (!fullDuplex)
            {
                H.ModelOptions.Errata13LateCollisionEvery = halfDuplexLateCollisionEvery;
            }

            H.Link.Initialize();
            OnChip = new NetworkStack(H.Link, H.Clock, new NetworkConfiguration { Address = ChipAddress, PrefixLength = 24 });
            Plain = new NetworkStack(H.Peer, H.Clock, new NetworkConfiguration { Address = PlainAddress, PrefixLength = 24 });
            ChipTcp = new TcpLayer(OnChip.Ipv4, H.Clock, Configuration(1), null);
            PlainTcp = new TcpLayer(Plain.Ipv4, H.Clock, Configuration(2), null);
            OnChip.RegisterTransport(6, ChipTcp);
            Plain.RegisterTransport(6, PlainTcp);
        }

        public DriverHarness H { get; }

        public NetworkStack OnChip { get; }

        public NetworkStack Plain { get; }

        public TcpLayer ChipTcp { get; }

        public TcpLayer PlainTcp { get; }

        /// <summary>Called every round after the wire was pumped, just before the stack on the chip polls (reads the ring).</summary>
        public Action<int> BeforeChipPoll { get; set; }

        /// <summary>Called at the end of every round, before the clock moves by 1 ms.</summary>
        public Action<int> AfterRound { get; set; }

        /// <summary>Bytes delivered to the applications so far, both directions together.</summary>
        public long Delivered { get; private set; }

        /// <summary>Rounds run so far.</summary>
        public int Rounds { get; private set; }

        private static TcpConfiguration Configuration(int seed) => new TcpConfiguration
        {
            SecretSeed = seed,
            SendBufferSize = 8192,
            ReceiveBufferSize = 8192,
            MinimumRetransmissionTimeout = 200,
            InitialRetransmissionTimeout = 200,
            MaximumRetransmissions = 30,
        };

        /// <summary>Polls the wire and both stacks, 1 ms of the manual clock per round, until <paramref name="done"/> or <paramref name="limitMilliseconds"/>.</summary>
        public bool Run(Func<bool> done, long limitMilliseconds)
        {
            long end = H.Clock.Milliseconds + limitMilliseconds;
            while (H.Clock.Milliseconds < end)
            {
                if (done())
                {
                    return true;
                }

                H.Pump();
                BeforeChipPoll?.Invoke(Rounds);
                OnChip.Poll();
                H.Pump();
                Plain.Poll();
                AfterRound?.Invoke(Rounds);
                Rounds++;
                H.Clock.Advance(1);
            }

            return done();
        }

        /// <summary>
        /// <paramref name="size"/> bytes each way at once over one connection, within <paramref name="limitMilliseconds"/>
        /// of the manual clock; asserts both directions byte-exact (SHA-256) and returns the simulated milliseconds.
        /// </summary>
        public long TransferBothWays(int size, long limitMilliseconds)
        {
            long start = H.Clock.Milliseconds;
            var listener = new TcpListener(PlainTcp, Port, 2);
            listener.Start();
            TcpConnection client = TcpConnection.BeginConnect(ChipTcp, PlainAddress, Port);
            Assert.IsTrue(Run(() => listener.Pending(), 30000), "handshake from the stack on the chip (ARP first)");
            TcpConnection server = listener.TryAccept();
            Assert.IsNotNull(server, "accepted connection");

            byte[] up = new byte[size];
            byte[] down = new byte[size];
            new Random(size ^ 0x5A).NextBytes(up);
            new Random(size ^ 0xA5).NextBytes(down);
            byte[] upReceived = new byte[size];
            byte[] downReceived = new byte[size];
            int upSent = 0, downSent = 0, upGot = 0, downGot = 0;
            bool done = Run(
                () =>
                {
                    if (upSent < size)
                    {
                        upSent += client.TrySend(up, upSent, Math.Min(4096, size - upSent));
                        if (upSent == size)
                        {
                            client.Shutdown();
                        }
                    }

                    if (downSent < size)
                    {
                        downSent += server.TrySend(down, downSent, Math.Min(4096, size - downSent));
                        if (downSent == size)
                        {
                            server.Shutdown();
                        }
                    }

                    upGot += server.TryReceive(upReceived, upGot, size - upGot);
                    downGot += client.TryReceive(downReceived, downGot, size - downGot);
                    Delivered = (long)upGot + downGot;
                    return server.EndOfStream && client.EndOfStream;
                },
                limitMilliseconds);

            Assert.IsTrue(done, "incomplete after " + (H.Clock.Milliseconds - start) + " ms: chip -> plain " + upGot + ", plain -> chip " + downGot
                + " of " + size + "; chip state " + client.State + " (" + client.Error + "), plain state " + server.State + " (" + server.Error + "); " + Describe());
            Assert.AreEqual(size, upGot, "bytes from the stack on the chip");
            Assert.AreEqual(size, downGot, "bytes to the stack on the chip");
            CollectionAssert.AreEqual(SHA256.HashData(up), SHA256.HashData(upReceived), "chip -> plain bytes differ");
            CollectionAssert.AreEqual(SHA256.HashData(down), SHA256.HashData(downReceived), "plain -> chip bytes differ");
            client.Close();
            server.Close();
            return H.Clock.Milliseconds - start;
        }

        /// <summary>Driver, model and TCP counters in one line, for messages and logs.</summary>
        public string Describe()
        {
            var s = H.Link.Statistics;
            var c = H.Chip.Counters;
            return "driver: rx " + s.FramesReceived + " tx " + s.FramesSent + " overflows " + s.ReceiveOverflows + " header errors " + s.ReceiveHeaderErrors
                + " resets " + s.ReceiveResets + " retries " + s.TransmitRetries + " aborts " + s.TransmitAborts + " timeouts " + s.TransmitTimeouts
                + " link-down drops " + s.TransmitDroppedLinkDown + " link changes " + s.LinkChanges
                + "; model: stored " + c.FramesReceived + " sent " + c.FramesTransmitted + " aborts " + c.TransmitAborts + " ring full " + c.DroppedRingFull
                + " forced overflow " + c.DroppedForcedOverflow + " link down " + c.DroppedLinkDown + " sent while down " + c.TransmittedWhileLinkDown
                + "; TCP retransmissions chip " + ChipTcp.Counters.Retransmissions + " plain " + PlainTcp.Counters.Retransmissions;
        }
    }
}
