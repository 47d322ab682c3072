#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using System;
using NanoTcp.Hardware.Simulation;
using NanoTcp.Tcp;
using NanoTcp.Tests.Support;

namespace NanoTcp.Tests.Enc28j60Driver
{
    /// <summary>
    /// A NanoTcp stack with TCP on driver + chip model (every errata switch on) and a plain NanoTcp stack with TCP on a
    /// port of the same in-memory wire, on the harness's manual clock. <see cref="TransferBothWays"/> moves a number of
    /// bytes each way at once (the stack on the chip connects, both ends send, shut down and read to the end) and
    /// checks both directions byte by byte. Hooks let a test inject faults between the steps of each 1 ms round.
    /// </summary>
    internal sealed class TcpOverDriver
    {
        /// <summary>A non-blocking call's byte count; -1 means the connection failed, which fails the run.</summary>
        private static int Moved(int count)
        {
            if (count < 0)
            {
                throw new InvalidOperationException("TrySend/TryReceive returned -1: the connection failed");
            }

            return count;
        }

#if NANOFRAMEWORK_1_0
        // The bytes each way: driver and chip model cost a few ms per frame on nanoCLR (and its heap must stay small,
        // see TwoWayTransfer), so the interpreter moves 1/16 of .NET's megabyte; the fault tests scale their
        // schedules with Scaled and keep their thresholds.
        public const int TransferSize = 1 << 16;
#else
        public const int TransferSize = 1 << 20;
#endif

        /// <summary>
        /// Bytes each end offers per 1 ms round in <see cref="TransferBothWays"/>. A fault schedule that waits for the
        /// driver to count each fault (polling reads EIR every 50 ms) needs the transfer to last: with the smaller
        /// nanoCLR transfer it sets <see cref="PacedSendPerRound"/>, so the transfer lasts as long as on .NET.
        /// </summary>
        public int SendPerRound { get; set; } = 4096;

#if NANOFRAMEWORK_1_0
        public const int PacedSendPerRound = 128;
#else
        public const int PacedSendPerRound = 4096;
#endif

        /// <summary>
        /// A period (in ms or in transmissions) that a fault schedule uses for a 1 MB transfer, scaled to
        /// <see cref="TransferSize"/>, at least <paramref name="minimum"/>: the same number of faults per transfer.
        /// </summary>
        public static int Scaled(int atOneMegabyte, int minimum)
        {
            int scaled = (int)((long)atOneMegabyte * TransferSize / (1 << 20));
            return scaled > minimum ? scaled : minimum;
        }

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
            ChipTcp = new TcpLayer(OnChip.Ipv4, H.Clock, Configuration(1, ChipReceiveBufferSize), null);
            PlainTcp = new TcpLayer(Plain.Ipv4, H.Clock, Configuration(2, 8192), null);
            OnChip.RegisterTransport(6, ChipTcp);
            Plain.RegisterTransport(6, PlainTcp);
        }

        public DriverHarness H { get; }

        public NetworkStack OnChip { get; }

        public NetworkStack Plain { get; }

        public TcpLayer ChipTcp { get; }

        public TcpLayer PlainTcp { get; }

        /// <summary>
        /// Called every round after the wire was pumped, just before the stack on the chip polls (reads the ring).
        /// Rounds are not milliseconds: the driver's waits for a transmission advance the clock too.
        /// </summary>
        public Action BeforeChipPoll { get; set; }

        /// <summary>Called at the end of every round, before the clock moves by 1 ms.</summary>
        public Action AfterRound { get; set; }

        /// <summary>Transmissions the chip started (completed or aborted), for faults injected every Nth frame.</summary>
        public long ChipTransmissions => H.Chip.Counters.FramesTransmitted + H.Chip.Counters.TransmitAborts;

        /// <summary>Bytes delivered to the applications so far, both directions together.</summary>
        public long Delivered { get; private set; }

        /// <summary>Rounds run so far.</summary>
        public int Rounds { get; private set; }

        /// <summary>
        /// The window the stack on the chip offers: larger than the receive ring (6.5 KB, four 1514-byte frames), and the
        /// in-memory wire hands a whole window of back-to-back frames to the chip at once (no 10 Mb/s pacing), so a
        /// window resent after a loss overflows the ring again. TCP recovers since it keeps out-of-order segments
        /// (before that, the same frame was lost at every retransmission and the transfer stalled at a 60 s timeout).
        /// </summary>
        public const int ChipReceiveBufferSize = 8192;

        private static TcpConfiguration Configuration(int seed, int receiveBufferSize) => new TcpConfiguration
        {
            SecretSeed = seed,
            SendBufferSize = 8192,
            ReceiveBufferSize = receiveBufferSize,
            MinimumRetransmissionTimeout = 200,
            InitialRetransmissionTimeout = 200,
            MaximumRetransmissions = 30,
        };

        /// <summary>Polls the wire and both stacks, 1 ms of the manual clock per round, until <paramref name="done"/> or <paramref name="limitMilliseconds"/>.</summary>
        public bool Run(Condition done, long limitMilliseconds)
        {
            long end = H.Clock.Milliseconds + limitMilliseconds;
            while (H.Clock.Milliseconds < end)
            {
                if (done())
                {
                    return true;
                }

                H.Pump();
                if (BeforeChipPoll != null)
                {
                    BeforeChipPoll();
                }

                OnChip.Poll();
                H.Pump();
                Plain.Poll();
                if (AfterRound != null)
                {
                    AfterRound();
                }

                Rounds++;
                H.Clock.Advance(1);
            }

            return done();
        }

        /// <summary>
        /// <paramref name="size"/> bytes each way at once over one connection, within <paramref name="limitMilliseconds"/>
        /// of the manual clock; asserts both directions byte-exact and returns the simulated milliseconds.
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
            new SeededRandom(size ^ 0x5A).NextBytes(up);
            new SeededRandom(size ^ 0xA5).NextBytes(down);
            byte[] upReceived = new byte[size];
            byte[] downReceived = new byte[size];
            int upSent = 0, downSent = 0, upGot = 0, downGot = 0;
            bool done = Run(
                () =>
                {
                    if (upSent < size)
                    {
                        upSent += Moved(client.TrySend(up, upSent, Numbers.Min(SendPerRound, size - upSent)));
                        if (upSent == size)
                        {
                            client.Shutdown();
                        }
                    }

                    if (downSent < size)
                    {
                        downSent += Moved(server.TrySend(down, downSent, Numbers.Min(SendPerRound, size - downSent)));
                        if (downSent == size)
                        {
                            server.Shutdown();
                        }
                    }

                    upGot += Moved(server.TryReceive(upReceived, upGot, size - upGot));
                    downGot += Moved(client.TryReceive(downReceived, downGot, size - downGot));
                    Delivered = (long)upGot + downGot;
                    return server.EndOfStream && client.EndOfStream;
                },
                limitMilliseconds);

            Assert.IsTrue(done, "incomplete after " + (H.Clock.Milliseconds - start) + " ms: chip -> plain " + upGot + ", plain -> chip " + downGot
                + " of " + size + "; chip state " + client.State + " (" + client.Error + "), plain state " + server.State + " (" + server.Error + "); " + Describe()
                + "; chip TCB " + DescribeTcbs(ChipTcp) + "; plain TCB " + DescribeTcbs(PlainTcp)
                + "; ring: ERXRDPT " + H.ReadPair(0, 0x0C).ToString("X4") + " ERXWRPT " + H.ReadPair(0, 0x0E).ToString("X4") + " ERDPT " + H.ReadPair(0, 0x00).ToString("X4")
                + " EPKTCNT " + H.ReadRegister(1, 0x19) + " EIR " + H.ReadCommon(0x1C).ToString("X2") + " ECON1 " + H.ReadCommon(0x1F).ToString("X2") + " EIE " + H.ReadCommon(0x1B).ToString("X2")
                + " INT low " + H.Chip.InterruptPin.IsLow);
            Assert.AreEqual(size, upGot, "bytes from the stack on the chip");
            Assert.AreEqual(size, downGot, "bytes to the stack on the chip");
            Expect.SameBytes(up, upReceived, "chip -> plain");
            Expect.SameBytes(down, downReceived, "plain -> chip");
            long elapsed = H.Clock.Milliseconds - start;
            client.Close();
            server.Close();

            // Let the last frame's transmission finish and its outcome (a late collision to retry) be serviced.
            Run(() => false, 20);
            return elapsed;
        }

        private string DescribeTcbs(TcpLayer layer)
        {
            string text = string.Empty;
            for (int i = 0; i < layer.SlotCount; i++)
            {
                Tcb t = layer.Slot(i);
                if (t.State == TcpState.Closed)
                {
                    continue;
                }

                text += "[" + t.State + " una " + (t.SndUna - t.Iss) + " nxt " + (t.SndNxt - t.Iss) + " max " + (t.SndMax - t.Iss) + " wnd " + t.SndWnd
                    + " rcvnxt " + (t.RcvNxt - t.Irs) + " rto " + t.Rto + " retries " + t.Retries + " rtxdeadline " + (t.RetransmitDeadline == Tcb.Never ? "never" : (t.RetransmitDeadline - H.Clock.Milliseconds).ToString())
                    + " persist " + (t.PersistDeadline == Tcb.Never ? "never" : (t.PersistDeadline - H.Clock.Milliseconds).ToString())
                    + " finq " + t.FinQueued + " finsent " + t.FinSent + " finrcv " + t.FinReceived + " sendbuf " + t.SendBuffer.Count + "]";
            }

            return text;
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
                + " filtered " + c.DroppedByFilter + " count full " + c.DroppedPacketCountFull + " rx disabled " + c.DroppedReceiveDisabled
                + "; TCP retransmissions chip " + ChipTcp.Counters.Retransmissions + " plain " + PlainTcp.Counters.Retransmissions
                + ", segments sent chip " + ChipTcp.Counters.SegmentsSent + " plain " + PlainTcp.Counters.SegmentsSent
                + ", out of order dropped chip " + ChipTcp.Counters.DroppedOutOfOrder + " plain " + PlainTcp.Counters.DroppedOutOfOrder
                + ", unacceptable chip " + ChipTcp.Counters.DroppedUnacceptable + " plain " + PlainTcp.Counters.DroppedUnacceptable;
        }
    }
}
