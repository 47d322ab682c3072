using System;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using NanoTcp.Firmware;
using NanoTcp.Hardware.Enc28j60Model;
using NanoTcp.Tcp;
using NanoTcp.Tests.Firmware;

namespace NanoTcp.Tests.Host.Firmware
{
    /// <summary>
    /// The chip path with the firmware's default configuration (TCP rings, driver buffer layout) moves a bulk transfer
    /// each way without losing a frame: frames from the cable arrive at the 10 Mbit/s line rate
    /// (<see cref="Enc28j60ModelOptions.ModelReceiveDuration"/>), the peer has 64 KB rings, so the board's advertised
    /// window is what limits it. A receive ring that overflowed (RXERIF) would show as a chip drop and as the peer's
    /// retransmissions. Throughput itself is measured by the tcp-window benchmark, not here.
    /// </summary>
    [TestClass]
    public class FirmwareChipPathTransferTests
    {
        private const int Port = 5001;
        private const int Size = 1 << 20;
        private const int PeerRing = 65535;

        [TestMethod]
        public void PeerToBoardMegabyteAtLineRateOverflowsNothingAndRetransmitsNothing()
        {
            Transfer(false);
        }

        [TestMethod]
        public void BoardToPeerMegabyteOverflowsNothingAndRetransmitsNothing()
        {
            Transfer(true);
        }

        private static void Transfer(bool fromBoard)
        {
            var configuration = new FirmwareConfiguration { Address = FirmwareHarness.BoardAddress };
            var defaults = new FirmwareConfiguration();
            Assert.AreEqual(defaults.ReceiveBufferSize, configuration.ReceiveBufferSize);
            var h = new FirmwareHarness(configuration, true, new Enc28j60ModelOptions { ModelReceiveDuration = true },
                new TcpConfiguration { SendBufferSize = PeerRing, ReceiveBufferSize = PeerRing });
            h.Firmware.Start();
            var listener = new TcpListener(h.Firmware.Tcp, Port, 1);
            listener.Start();
            TcpConnection client = TcpConnection.BeginConnect(h.ClientTcp, FirmwareHarness.BoardAddress, Port);
            TcpConnection board = null;
            Assert.IsTrue(h.RunUntil(() => (board = board ?? listener.TryAccept()) != null && client.State == TcpState.Established, 5000), "connected");

            TcpConnection sender = fromBoard ? board : client;
            TcpConnection receiver = fromBoard ? client : board;
            var data = new byte[Size];
            for (int i = 0; i < data.Length; i++)
            {
                data[i] = (byte)(i * 7 + (i >> 11));
            }

            var got = new byte[Size];
            int sent = 0, received = 0;

            // Bounded by steps; the clock moves 1 ms only in a step in which no frame moved (as the benchmark).
            for (int step = 0; step < 2_000_000 && received < Size; step++)
            {
                long frames = h.Wire.Statistics.FramesSent;
                if (sent < Size)
                {
                    int n = sender.TrySend(data, sent, Math.Min(16384, Size - sent));
                    Assert.IsTrue(n >= 0, "the sender's connection failed: " + sender.Error);
                    sent += n;
                }

                h.Firmware.Poll();
                int r = receiver.TryReceive(got, received, Size - received);
                Assert.IsTrue(r >= 0, "the receiver's connection failed: " + receiver.Error);
                received += r;
                if (h.Wire.Statistics.FramesSent == frames && r == 0)
                {
                    h.Clock.Advance(1);
                }
            }

            Assert.AreEqual(Size, received, "the whole transfer arrived");
            CollectionAssert.AreEqual(data, got, "in order and intact");
            TcpLayer senderTcp = fromBoard ? h.Firmware.Tcp : h.ClientTcp;
            Assert.AreEqual(0L, h.Chip.Counters.DroppedRingFull, "frames the chip lost to a full receive ring");
            Assert.AreEqual(0L, h.Firmware.Driver.Statistics.ReceiveOverflows, "RXERIF seen by the driver");
            Assert.AreEqual(0L, h.Chip.CableOverruns, "the model's cable held every frame");
            Assert.AreEqual(0, senderTcp.Counters.Retransmissions, "retransmissions (fast " + senderTcp.Counters.FastRetransmits + ", RTO " + senderTcp.Counters.RetransmissionTimeouts + ")");
        }
    }
}
