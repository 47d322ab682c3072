using System;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace NanoTcp.Tests.Host.Enc28j60Driver
{
    /// <summary>
    /// SPI chip-select frames per received and per sent Ethernet frame, counted by the chip model (every SPI call is
    /// one frame). Receive is measured over the Receive calls of a burst, including the final call that finds nothing;
    /// Send over the Send calls. Goal of issue 6: at most 6 of each in steady state.
    /// </summary>
    [TestClass]
    public class Enc28j60LinkBusEconomyTests
    {
        public TestContext TestContext { get; set; }

        /// <summary>SPI frames per received frame for bursts of <paramref name="burst"/> frames of <paramref name="size"/> bytes.</summary>
        internal static double ReceiveCost(bool useInterruptPin, int burst, int size, int bursts = 50, int capacity = 1514)
        {
            var h = new DriverHarness(useInterruptPin);
            h.Link.Initialize();
            var buffer = new byte[capacity];
            long frames = 0;
            long spi = 0;
            for (int b = 0; b < bursts; b++)
            {
                for (int i = 0; i < burst; i++)
                {
                    byte[] frame = DriverHarness.Frame(DriverHarness.DriverMac, DriverHarness.PeerMac, size, b * burst + i);
                    h.Chip.WireSide.Send(frame, 0, frame.Length);
                }

                h.Clock.Advance(1);
                long before = h.Chip.Counters.TotalSpiFrames;
                int got = 0;
                while (h.Link.Receive(buffer, 0, buffer.Length) > 0)
                {
                    got++;
                }

                spi += h.Chip.Counters.TotalSpiFrames - before;
                Assert.AreEqual(burst, got, "frames of burst " + b);
                frames += got;
            }

            return (double)spi / frames;
        }

        /// <summary>SPI frames per sent frame for <paramref name="count"/> frames of <paramref name="size"/> bytes (0: 60..1514 varying).</summary>
        internal static double TransmitCost(bool fullDuplex, int size, int count = 200)
        {
            var h = new DriverHarness(true, fullDuplex);
            h.Link.Initialize();
            var random = new Random(5);
            long spi = 0;
            for (int i = 0; i < count; i++)
            {
                byte[] frame = DriverHarness.Frame(DriverHarness.PeerMac, DriverHarness.DriverMac, size == 0 ? 60 + random.Next(1455) : size, i);
                long before = h.Chip.Counters.TotalSpiFrames;
                h.Link.Send(frame, 0, frame.Length);
                spi += h.Chip.Counters.TotalSpiFrames - before;
                h.Clock.Advance(2); // the wire time of the frame passes
                h.Pump();
                while (h.Peer.Receive(new byte[1514], 0, 1514) > 0)
                {
                }
            }

            Assert.AreEqual((long)count, h.Chip.Counters.FramesTransmitted);
            return (double)spi / count;
        }

        [TestMethod]
        public void ReceiveInBurstsOfFourCostsAtMostSixSpiFramesPerFrame()
        {
            double pin1514 = ReceiveCost(true, 4, 1514);
            double pin60 = ReceiveCost(true, 4, 60);
            double poll1514 = ReceiveCost(false, 4, 1514);
            double poll60 = ReceiveCost(false, 4, 60);
            TestContext.WriteLine("RX burst 4: INT pin 1514 B " + pin1514.ToString("F2") + ", 60 B " + pin60.ToString("F2") + "; polling 1514 B " + poll1514.ToString("F2") + ", 60 B " + poll60.ToString("F2"));
            Assert.IsTrue(pin1514 <= 6.0, "INT pin, 1514 B: " + pin1514);
            Assert.IsTrue(pin60 <= 6.0, "INT pin, 60 B: " + pin60);
            Assert.IsTrue(poll1514 <= 6.0, "polling, 1514 B: " + poll1514);
            Assert.IsTrue(poll60 <= 6.0, "polling, 60 B: " + poll60);
        }

        [TestMethod]
        public void ReceiveCostByBurstLengthIsReported()
        {
            foreach (bool pin in new[] { true, false })
            {
                foreach (int burst in new[] { 1, 2, 4 })
                {
                    TestContext.WriteLine((pin ? "INT pin" : "polling") + ", burst " + burst + ": 1514 B " + ReceiveCost(pin, burst, 1514, 20).ToString("F2") + ", 60 B " + ReceiveCost(pin, burst, 60, 20).ToString("F2"));
                }

                // Eight full-size frames do not fit the 6.5 KB ring; eight small ones do.
                TestContext.WriteLine((pin ? "INT pin" : "polling") + ", burst 8: 60 B " + ReceiveCost(pin, 8, 60, 20).ToString("F2") + ", 512 B " + ReceiveCost(pin, 8, 512, 20).ToString("F2"));
            }
        }

        [TestMethod]
        public void ABufferWithRoomAfterTheFrameSavesTheHeaderReadInABurst()
        {
            double tight = ReceiveCost(false, 4, 1514, 20, 1514);
            double roomy = ReceiveCost(false, 4, 1514, 20, 1514 + 25);
            TestContext.WriteLine("RX polling burst 4, 1514 B: buffer 1514 " + tight.ToString("F2") + ", buffer 1539 " + roomy.ToString("F2"));
            foreach (bool pin in new[] { true, false })
            {
                foreach (int burst in new[] { 1, 2, 4 })
                {
                    TestContext.WriteLine((pin ? "INT pin" : "polling") + ", buffer 1539, burst " + burst + ": 1514 B " + ReceiveCost(pin, burst, 1514, 20, 1539).ToString("F2") + ", 60 B " + ReceiveCost(pin, burst, 60, 20, 1539).ToString("F2"));
                }
            }

            // Three of every four frames in a burst come without their own header read.
            Assert.AreEqual(tight - 0.75, roomy, 0.001);
        }

        [TestMethod]
        public void FullDuplexSendCostsAtMostSixSpiFramesPerFrame()
        {
            double full = TransmitCost(true, 1514);
            double small = TransmitCost(true, 60);
            TestContext.WriteLine("TX full duplex: 1514 B " + full.ToString("F2") + ", 60 B " + small.ToString("F2"));
            Assert.IsTrue(full <= 6.0, "1514 B: " + full);
            Assert.IsTrue(small <= 6.0, "60 B: " + small);
        }

        [TestMethod]
        public void SendCostWithVaryingSizesIsReported()
        {
            // Varying lengths move both bytes of EWRPT and ETXND: up to 7 frames (issue 6 goal not met here).
            double varying = TransmitCost(true, 0);
            double half = TransmitCost(false, 0);
            TestContext.WriteLine("TX 60..1514 B: full duplex " + varying.ToString("F2") + ", half duplex " + half.ToString("F2"));
            Assert.IsTrue(varying <= 7.0, "full duplex 60..1514 B: " + varying);
        }
    }
}
