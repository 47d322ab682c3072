#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using NanoTcp.Hardware.Enc28j60Model;
using NanoTcp.Tests.Support;

namespace NanoTcp.Tests.Enc28j60Model
{
    /// <summary>FACTS.md §3.5 and §4.4: control byte, padding and CRC, TXRTS/TXIF, the transmit status vector.</summary>
    [TestClass]
    public class TransmitTests
    {
        private const int TxStart = 0x1A00;

        private static ChipHarness Ready(Enc28j60ModelOptions options = null, bool fullDuplex = true)
        {
            var h = new ChipHarness(options);
            h.Initialise(fullDuplex: fullDuplex);
            return h;
        }

        /// <summary>Writes control byte + frame at ETXST, sets ETXND and TXRTS (no waiting).</summary>
        private static void Start(ChipHarness h, byte control, byte[] frame)
        {
            h.Write16(0, 0x04, TxStart);
            h.Write16(0, 0x02, TxStart);
            h.Wbm(new[] { control }, 0, 1);
            h.Wbm(frame, 0, frame.Length);
            h.Write16(0, 0x06, TxStart + frame.Length);
            h.Bfs(ChipHarness.ECON1, 0x08);
        }

        private static byte[] Tsv(ChipHarness h, int frameLength) => h.ReadAt(TxStart + frameLength + 1, 7);

        private static byte[] Taken(ChipHarness h)
        {
            var buffer = new byte[1600];
            int n = h.Chip.WireSide.Receive(buffer, 0, buffer.Length);
            var frame = new byte[n];
            System.Array.Copy(buffer, frame, n);
            return frame;
        }

        [TestMethod]
        public void ShortFrameIsPaddedTo60AndGetsACrcPerMacon3()
        {
            var h = Ready();
            byte[] arp = ChipHarness.EthernetFrame(ChipHarness.Broadcast, 0x0806, 28); // 42 bytes
            Start(h, 0x00, arp);
            Assert.AreEqual(0x08, h.ReadEth(0, ChipHarness.ECON1) & 0x08, "TXRTS still set: the frame takes wire time");
            h.Clock.Advance(1);
            Assert.AreEqual(0x00, h.ReadEth(0, ChipHarness.ECON1) & 0x08, "TXRTS cleared by hardware");
            Assert.AreEqual(0x08, h.ReadEth(0, ChipHarness.EIR) & 0x0A, "TXIF, no TXERIF");
            byte[] sent = Taken(h);
            Assert.AreEqual(60, sent.Length);
            Assert.AreEqual((byte)0x00, sent[59], "zero padding");
            byte[] tsv = Tsv(h, arp.Length);
            Assert.AreEqual(64, ChipHarness.Le16(tsv, 0), "byte count: 60 + CRC");
            Assert.AreEqual((byte)0xC0, tsv[2], "done | length out of range (type field)");
            Assert.AreEqual((byte)0x02, tsv[3], "broadcast");
            Assert.AreEqual(64, ChipHarness.Le16(tsv, 4), "bytes on the wire");
            Assert.AreEqual((byte)0x00, tsv[6]);
            Assert.AreEqual(1L, h.Chip.Counters.FramesTransmitted);
        }

        [TestMethod]
        public void CompleteTransmissionEndsTheFrameInChipTimeWithoutMovingTheClock()
        {
            var h = Ready();
            Assert.IsFalse(h.Chip.CompleteTransmission(), "nothing on the wire yet");
            byte[] frame = ChipHarness.EthernetFrame(ChipHarness.PeerMac, 0x0800, 1500);
            Start(h, 0x00, frame);
            long clockBefore = h.Clock.Milliseconds;
            long chipBefore = h.Chip.NowNanoseconds;
            Assert.AreEqual(0x08, h.ReadEth(0, ChipHarness.ECON1) & 0x08, "TXRTS set while the frame is on the wire");

            Assert.IsTrue(h.Chip.CompleteTransmission());

            Assert.AreEqual(clockBefore, h.Clock.Milliseconds, "the host's clock is not moved");
            Assert.IsTrue(h.Chip.NowNanoseconds - chipBefore >= 1_200_000L, "chip time ran through the 1.2 ms of wire time");
            Assert.AreEqual(0x00, h.ReadEth(0, ChipHarness.ECON1) & 0x08, "TXRTS cleared");
            Assert.AreEqual(0x08, h.ReadEth(0, ChipHarness.EIR) & 0x08, "TXIF");
            Assert.AreEqual(frame.Length, Taken(h).Length, "the frame is on the cable side now");
            Assert.IsFalse(h.Chip.CompleteTransmission(), "nothing left in progress");
        }

        [TestMethod]
        public void WaitForInterruptRunsThroughAFrameArrivingWithPktieOffToTheTransmissionEnd()
        {
            // A driver's transmit wait: only TXIF drives INT (INTIE | TXIE). A frame that arrives from the cable during
            // the transmission sets PKTIF but must not end the wait; the transmission's end (TXIF) does.
            var h = new ChipHarness(new Enc28j60ModelOptions { ModelReceiveDuration = true });
            h.Initialise(fullDuplex: true, eie: 0x80 | 0x08);
            byte[] frame = ChipHarness.EthernetFrame(ChipHarness.PeerMac, 0x0800, 1500);
            Start(h, 0x00, frame);
            byte[] arriving = ChipHarness.EthernetFrame(ChipHarness.ChipMac, 0x0800, 46); // 0.07 ms on the wire
            h.Chip.WireSide.Send(arriving, 0, arriving.Length);
            long clockBefore = h.Clock.Milliseconds;
            long chipBefore = h.Chip.NowNanoseconds;

            Assert.IsTrue(h.Chip.WaitForInterrupt(100), "TXIF pulls INT low 1.2 ms on");

            Assert.AreEqual(clockBefore, h.Clock.Milliseconds, "the host's clock is not moved");
            long waited = h.Chip.NowNanoseconds - chipBefore;
            Assert.IsTrue(waited >= 1_200_000L && waited < 2_000_000L, "chip time ran to the end of the transmission, not further: " + waited.ToString());
            Assert.AreEqual(0x08, h.ReadEth(0, ChipHarness.EIR) & 0x08, "TXIF");
            Assert.AreEqual((byte)1, h.ReadEth(1, 0x19), "EPKTCNT: the frame that arrived meanwhile is in the ring");
            h.Bfc(ChipHarness.EIR, 0x08);
            Assert.IsFalse(h.Chip.WaitForInterrupt(100), "TXIF cleared, PKTIF masked, nothing timed ahead: the caller's clock must move");
        }

        [TestMethod]
        public void ControlByteOverrideWithoutCrcSendsTheHostsOwnFcs()
        {
            var h = Ready();
            byte[] frame = ChipHarness.EthernetFrame(ChipHarness.PeerMac, 0x0800, 46);
            var withFcs = new byte[64];
            System.Array.Copy(frame, withFcs, 60);
            uint fcs = ChipHarness.Fcs(frame);
            withFcs[60] = (byte)fcs;
            withFcs[61] = (byte)(fcs >> 8);
            withFcs[62] = (byte)(fcs >> 16);
            withFcs[63] = (byte)(fcs >> 24);
            Start(h, 0x01, withFcs); // POVERRIDE, PCRCEN = 0, PPADEN = 0
            h.Clock.Advance(1);
            Expect.SameBytes(frame, Taken(h));
            byte[] tsv = Tsv(h, 64);
            Assert.AreEqual(64, ChipHarness.Le16(tsv, 0));
            Assert.AreEqual(0x00, tsv[2] & 0x10, "no CRC error");
        }

        [TestMethod]
        public void ControlByteOverrideWithCrcButNoPaddingSendsAShortFrame()
        {
            var h = Ready();
            byte[] arp = ChipHarness.EthernetFrame(ChipHarness.Broadcast, 0x0806, 28);
            Start(h, 0x03, arp); // POVERRIDE | PCRCEN
            h.Clock.Advance(1);
            Assert.AreEqual(42, Taken(h).Length);
            Assert.AreEqual(46, ChipHarness.Le16(Tsv(h, 42), 0));
        }

        [TestMethod]
        public void Padcfg011PadsTo64()
        {
            var h = Ready();
            h.WriteRegister(2, 0x02, 0x71); // PADCFG 011 | TXCRCEN | FULDPX
            byte[] arp = ChipHarness.EthernetFrame(ChipHarness.Broadcast, 0x0806, 28);
            Start(h, 0x00, arp);
            h.Clock.Advance(1);
            Assert.AreEqual(64, Taken(h).Length);
        }

        [TestMethod]
        public void WrongHostFcsIsReportedInTheTsvAndNeverArrives()
        {
            var h = Ready();
            byte[] frame = ChipHarness.EthernetFrame(ChipHarness.PeerMac, 0x0800, 50); // last 4 bytes are not an FCS
            Start(h, 0x01, frame);
            h.Clock.Advance(1);
            Assert.AreEqual(0, Taken(h).Length);
            Assert.AreEqual(0x10, Tsv(h, frame.Length)[2] & 0x10, "TSV bit 20 CRC error");
            Assert.AreEqual(1L, h.Chip.Counters.TransmittedWithBadFcs);
        }

        [TestMethod]
        public void FrameLongerThanMamxflIsAbortedAsGiant()
        {
            var h = Ready();
            byte[] big = ChipHarness.EthernetFrame(ChipHarness.PeerMac, 0x0800, 1506); // 1520 + CRC > 1518
            Start(h, 0x00, big);
            h.Clock.Advance(1);
            Assert.AreEqual(0x0A, h.ReadEth(0, ChipHarness.EIR) & 0x0A, "TXIF | TXERIF");
            Assert.AreEqual(0x02, h.ReadEth(0, ChipHarness.ESTAT) & 0x02, "TXABRT");
            Assert.AreEqual(0x40, Tsv(h, big.Length)[3] & 0x40, "TSV bit 30 giant");
            Assert.AreEqual(0x00, Tsv(h, big.Length)[2] & 0x80, "not done");
            Assert.AreEqual(0, Taken(h).Length);
        }

        [TestMethod]
        public void InjectedLateCollisionAbortsWithTxerifTxabrtAndTsvBit29()
        {
            var h = Ready(new Enc28j60ModelOptions { TransmitAbortCount = 1 });
            byte[] frame = ChipHarness.EthernetFrame(ChipHarness.PeerMac, 0x0800, 46);
            Start(h, 0x00, frame);
            h.Clock.Advance(1);
            Assert.AreEqual(0x0A, h.ReadEth(0, ChipHarness.EIR) & 0x0A);
            Assert.AreEqual(0x02, h.ReadEth(0, ChipHarness.ESTAT) & 0x12, "TXABRT; LATECOL stays 0 (errata 15)");
            byte[] tsv = Tsv(h, frame.Length);
            Assert.AreEqual((byte)0x20, tsv[3], "late collision");
            Assert.AreEqual(1, tsv[2] & 0x0F, "one collision");
            Assert.AreEqual(0, Taken(h).Length);
            Assert.AreEqual(0, h.Options.TransmitAbortCount);
        }

        [TestMethod]
        public void InjectedExcessiveCollisionsSetsTsvBit28()
        {
            var h = Ready(new Enc28j60ModelOptions { TransmitAbortCount = 1, TransmitAbortIsLateCollision = false });
            byte[] frame = ChipHarness.EthernetFrame(ChipHarness.PeerMac, 0x0800, 46);
            Start(h, 0x00, frame);
            h.Clock.Advance(1);
            Assert.AreEqual((byte)0x10, Tsv(h, frame.Length)[3]);
        }

        [TestMethod]
        public void ClearingTxrtsCancelsTheTransmission()
        {
            var h = Ready();
            byte[] frame = ChipHarness.EthernetFrame(ChipHarness.PeerMac, 0x0800, 1000);
            Start(h, 0x00, frame);
            h.Bfc(ChipHarness.ECON1, 0x08);
            h.Clock.Advance(1);
            Assert.AreEqual(0x08, h.ReadEth(0, ChipHarness.EIR) & 0x0A, "TXIF only");
            Assert.AreEqual(0x02, h.ReadEth(0, ChipHarness.ESTAT) & 0x02, "TXABRT");
            Assert.AreEqual(0, Taken(h).Length);
        }

        [TestMethod]
        public void HalfDuplexWithoutHdldisLoopsOwnBroadcastsBack()
        {
            var h = Ready(fullDuplex: false);
            h.PhyWrite(0x10, 0x0000); // PHCON2.HDLDIS off
            byte[] arp = ChipHarness.EthernetFrame(ChipHarness.Broadcast, 0x0806, 28);
            Start(h, 0x00, arp);
            h.Clock.Advance(1);
            h.Chip.Update();
            Assert.AreEqual((byte)1, h.ReadEth(1, 0x19), "own broadcast received");

            h.PhyWrite(0x10, 0x0100); // HDLDIS on (FACTS.md §4.2 step 7)
            Start(h, 0x00, arp);
            h.Clock.Advance(1);
            h.Chip.Update();
            Assert.AreEqual((byte)1, h.ReadEth(1, 0x19));
        }

        [TestMethod]
        public void TransmitWhileLinkDownCompletesButNothingArrives()
        {
            var h = Ready();
            h.Chip.SetLinkUp(false);
            byte[] frame = ChipHarness.EthernetFrame(ChipHarness.PeerMac, 0x0800, 46);
            Start(h, 0x00, frame);
            h.Clock.Advance(1);
            Assert.AreEqual(0x08, h.ReadEth(0, ChipHarness.EIR) & 0x08);
            Assert.AreEqual(0, Taken(h).Length);
            Assert.AreEqual(1L, h.Chip.Counters.TransmittedWhileLinkDown);
        }
    }
}
