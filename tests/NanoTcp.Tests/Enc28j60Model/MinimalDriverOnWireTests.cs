#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using NanoTcp.Hardware.Simulation;
using NanoTcp.Tests.Support;

namespace NanoTcp.Tests.Enc28j60Model
{
    /// <summary>
    /// The scripted datasheet driver (FACTS.md §4.2, §4.4, §4.5) exchanges frames through the chip model with a
    /// port on the in-memory EthernetWire: the model is usable before the real driver exists.
    /// </summary>
    [TestClass]
    public class MinimalDriverOnWireTests
    {
        private static ChipHarness Board(out MinimalDriver driver, out EthernetWire wire, out WirePort peer, bool fullDuplex = false)
        {
            var h = new ChipHarness();
            wire = new EthernetWire(h.Clock, seed: 1);
            wire.Attach(h.Chip.WireSide);
            peer = wire.CreatePort(ChipHarness.PeerMac);
            driver = new MinimalDriver(h);
            driver.Initialise(fullDuplex);
            return h;
        }

        [TestMethod]
        public void AFrameFromThePeerIsReceivedByTheDriver()
        {
            ChipHarness h = Board(out MinimalDriver driver, out EthernetWire wire, out WirePort peer);
            byte[] frame = ChipHarness.EthernetFrame(ChipHarness.ChipMac, 0x0800, 100);
            peer.Send(frame, 0, frame.Length);
            wire.Pump();
            var buffer = new byte[1600];
            int n = driver.Receive(buffer);
            Assert.AreEqual(frame.Length, n);
            for (int i = 0; i < n; i++)
            {
                Assert.AreEqual(frame[i], buffer[i]);
            }

            Assert.AreEqual(0, driver.Receive(buffer));
            Assert.AreEqual(1L, h.Chip.Counters.FramesReceived);
        }

        [TestMethod]
        public void AFrameFromTheDriverReachesThePeer()
        {
            ChipHarness h = Board(out MinimalDriver driver, out EthernetWire wire, out WirePort peer);
            byte[] frame = ChipHarness.EthernetFrame(ChipHarness.PeerMac, 0x0800, 200, ChipHarness.ChipMac);
            byte[] tsv = driver.Transmit(frame, frame.Length);
            Assert.AreEqual(0x80, tsv[2] & 0x80, "TSV transmit done");
            wire.Pump();
            var buffer = new byte[1600];
            int n = peer.Receive(buffer, 0, buffer.Length);
            Assert.AreEqual(frame.Length, n);
            for (int i = 0; i < n; i++)
            {
                Assert.AreEqual(frame[i], buffer[i]);
            }

            Assert.AreEqual(1L, h.Chip.Counters.FramesTransmitted);
        }

        [TestMethod]
        public void ManyFramesBothWaysAcrossSeveralRingWraps()
        {
            ChipHarness h = Board(out MinimalDriver driver, out EthernetWire wire, out WirePort peer, fullDuplex: true);
            var buffer = new byte[1600];
            for (int n = 0; n < 40; n++)
            {
                int payload = 46 + (n * 137) % 1400;
                byte[] inbound = ChipHarness.EthernetFrame(ChipHarness.ChipMac, 0x0800, payload);
                inbound[14] = (byte)n;
                peer.Send(inbound, 0, inbound.Length);
                wire.Pump();
                Assert.AreEqual(inbound.Length, driver.Receive(buffer), "inbound " + n);
                Assert.AreEqual((byte)n, buffer[14]);
                Assert.AreEqual(inbound[inbound.Length - 1], buffer[inbound.Length - 1]);

                byte[] outbound = ChipHarness.EthernetFrame(ChipHarness.PeerMac, 0x0800, payload, ChipHarness.ChipMac);
                outbound[14] = (byte)(n + 100);
                driver.Transmit(outbound, outbound.Length);
                wire.Pump();
                Assert.AreEqual(outbound.Length, peer.Receive(buffer, 0, buffer.Length), "outbound " + n);
                Assert.AreEqual((byte)(n + 100), buffer[14]);
            }

            Assert.AreEqual(40L, h.Chip.Counters.FramesReceived);
            Assert.AreEqual(40L, h.Chip.Counters.FramesTransmitted);
            Assert.AreEqual(0L, h.Chip.Counters.DroppedRingFull);
        }

        [TestMethod]
        public void TheWireSideReportsTheProgrammedMacAddress()
        {
            ChipHarness h = Board(out _, out _, out _);
            var mac = new byte[6];
            h.Chip.WireSide.GetMacAddress(mac, 0);
            Expect.SameBytes(ChipHarness.ChipMac, mac);
        }
    }
}
