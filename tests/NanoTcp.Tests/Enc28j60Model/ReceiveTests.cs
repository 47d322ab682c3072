#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using NanoTcp.Hardware.Enc28j60Model;

namespace NanoTcp.Tests.Enc28j60Model
{
    /// <summary>FACTS.md §3.2, §3.3, §2.3: the receive ring, header and status vector, filters, EPKTCNT.</summary>
    [TestClass]
    public class ReceiveTests
    {
        private static ChipHarness Ready(int rxEnd = 0x19FF, int erxfcon = 0xA1, Enc28j60ModelOptions options = null)
        {
            var h = new ChipHarness(options);
            h.Initialise(rxEnd: rxEnd, txStart: rxEnd + 1, erxfcon: erxfcon);
            return h;
        }

        [TestMethod]
        public void GoodUnicastFrameGetsHeaderByteCountWithCrcAndRxOk()
        {
            var h = Ready();
            byte[] frame = ChipHarness.EthernetFrame(ChipHarness.ChipMac, 0x0800, 100);
            h.Chip.WireSide.Send(frame, 0, frame.Length);
            byte[] got = h.ReadAt(0x0000, 6 + frame.Length + 4);
            Assert.AreEqual(6 + 118, ChipHarness.Le16(got, 0), "next packet pointer (even)");
            Assert.AreEqual(118, ChipHarness.Le16(got, 2), "byte count includes the 4-byte FCS");
            Assert.AreEqual((byte)0xC0, got[4], "RSV 23 RxOK | 22 type field");
            Assert.AreEqual((byte)0x00, got[5], "not multicast, not broadcast");
            for (int i = 0; i < frame.Length; i++)
            {
                Assert.AreEqual(frame[i], got[6 + i]);
            }

            uint fcs = ChipHarness.Fcs(frame);
            Assert.AreEqual(fcs, (uint)(got[120] | (got[121] << 8) | (got[122] << 16) | (got[123] << 24)), "FCS LSB first");
            Assert.AreEqual((byte)1, h.ReadEth(1, 0x19), "EPKTCNT");
            Assert.AreEqual(6 + 118, h.Read16(0, 0x0E), "ERXWRPT advanced to the next packet");
        }

        [TestMethod]
        public void WithReceiveDurationFramesArriveAtTheEndOfTheirWireTimeSpacedAtLineRate()
        {
            var h = Ready(options: new Enc28j60ModelOptions { ModelReceiveDuration = true });
            byte[] frame = ChipHarness.EthernetFrame(ChipHarness.ChipMac, 0x0800, 1500); // 1518 B with FCS: 1.2304 ms on the wire
            h.Chip.WireSide.Send(frame, 0, frame.Length);
            h.Chip.WireSide.Send(frame, 0, frame.Length);
            Assert.AreEqual((byte)0, h.ReadEth(1, 0x19), "EPKTCNT: the first frame is still on the cable");
            Assert.AreEqual(h.Clock.Milliseconds + 2, h.Chip.NextEventMilliseconds, "the first arrival is a timed event 1.23 ms ahead");

            h.Clock.Advance(1);
            Assert.AreEqual((byte)0, h.ReadEth(1, 0x19), "1 ms: not yet");
            h.Clock.Advance(1);
            Assert.AreEqual((byte)1, h.ReadEth(1, 0x19), "2 ms: the first has arrived, the second started when it ended");
            h.Clock.Advance(1);
            Assert.AreEqual((byte)2, h.ReadEth(1, 0x19), "3 ms: both (2.46 ms of wire time)");
            Assert.AreEqual(0L, h.Chip.CableOverruns);
        }

        [TestMethod]
        public void WithReceiveDurationASenderOutrunningTheCableLosesFramesAndTheyAreCounted()
        {
            var h = Ready(options: new Enc28j60ModelOptions { ModelReceiveDuration = true, CableFrames = 2 });
            byte[] frame = ChipHarness.EthernetFrame(ChipHarness.ChipMac, 0x0800, 100);
            for (int i = 0; i < 3; i++)
            {
                h.Chip.WireSide.Send(frame, 0, frame.Length);
            }

            Assert.AreEqual(1L, h.Chip.CableOverruns);
            h.Clock.Advance(1);
            Assert.AreEqual((byte)2, h.ReadEth(1, 0x19), "the two the cable held arrived");
        }

        [TestMethod]
        public void OddLengthPacketIsPaddedSoTheNextStartsEven()
        {
            var h = Ready();
            byte[] frame = ChipHarness.EthernetFrame(ChipHarness.ChipMac, 0x0800, 101); // 115 + 4 = 119
            h.Chip.WireSide.Send(frame, 0, frame.Length);
            byte[] header = h.ReadAt(0, 6);
            Assert.AreEqual(126, ChipHarness.Le16(header, 0));
            Assert.AreEqual(119, ChipHarness.Le16(header, 2));
        }

        [TestMethod]
        public void ShortFrameIsStoredAsItCameAndRuntsAreRejected()
        {
            var h = Ready();
            byte[] arp = ChipHarness.EthernetFrame(ChipHarness.Broadcast, 0x0806, 28); // 42 bytes, unpadded
            h.Chip.WireSide.Send(arp, 0, arp.Length);
            byte[] header = h.ReadAt(0, 6);
            Assert.AreEqual(46, ChipHarness.Le16(header, 2));
            Assert.AreEqual(52, ChipHarness.Le16(header, 0));

            byte[] runt = new byte[13];
            System.Array.Copy(ChipHarness.Broadcast, runt, 6);
            h.Chip.WireSide.Send(runt, 0, runt.Length); // 17 bytes with FCS < 18 (FACTS.md §2.3)
            Assert.AreEqual(1L, h.Chip.Counters.DroppedRunt);
            Assert.AreEqual((byte)1, h.ReadEth(1, 0x19));
        }

        [TestMethod]
        public void BroadcastSetsTheBroadcastBit()
        {
            var h = Ready();
            byte[] frame = ChipHarness.EthernetFrame(ChipHarness.Broadcast, 0x0806, 46);
            h.Chip.WireSide.Send(frame, 0, frame.Length);
            byte[] header = h.ReadAt(0, 6);
            Assert.AreEqual((byte)0xC0, header[4]);
            Assert.AreEqual((byte)0x02, header[5], "RSV 25 broadcast");
        }

        [TestMethod]
        public void MulticastNeedsMcenAndSetsTheMulticastBit()
        {
            byte[] group = { 0x01, 0x00, 0x5E, 0x00, 0x00, 0xFB };
            byte[] frame = ChipHarness.EthernetFrame(group, 0x0800, 46);

            var strict = Ready(); // ERXFCON 0xA1: no MCEN
            strict.Chip.WireSide.Send(frame, 0, frame.Length);
            Assert.AreEqual(1L, strict.Chip.Counters.DroppedByFilter);

            var h = Ready(erxfcon: 0xA3);
            h.Chip.WireSide.Send(frame, 0, frame.Length);
            byte[] header = h.ReadAt(0, 6);
            Assert.AreEqual((byte)0x01, header[5], "RSV 24 multicast");
        }

        [TestMethod]
        public void UnicastForAnotherStationIsFilteredUnlessPromiscuous()
        {
            byte[] frame = ChipHarness.EthernetFrame(new byte[] { 0x02, 9, 9, 9, 9, 9 }, 0x0800, 46);
            var h = Ready();
            h.Chip.WireSide.Send(frame, 0, frame.Length);
            Assert.AreEqual((byte)0, h.ReadEth(1, 0x19));
            Assert.AreEqual(1L, h.Chip.Counters.DroppedByFilter);

            var promiscuous = Ready(erxfcon: 0x00);
            promiscuous.Chip.WireSide.Send(frame, 0, frame.Length);
            Assert.AreEqual((byte)1, promiscuous.ReadEth(1, 0x19));
        }

        [TestMethod]
        public void BadCrcIsDroppedWithCrcenAndFlaggedWithout()
        {
            byte[] frame = ChipHarness.EthernetFrame(ChipHarness.ChipMac, 0x0800, 46);
            var withFcs = new byte[frame.Length + 4];
            System.Array.Copy(frame, withFcs, frame.Length);
            uint wrong = ChipHarness.Fcs(frame) ^ 0x1;
            withFcs[frame.Length] = (byte)wrong;
            withFcs[frame.Length + 1] = (byte)(wrong >> 8);
            withFcs[frame.Length + 2] = (byte)(wrong >> 16);
            withFcs[frame.Length + 3] = (byte)(wrong >> 24);

            var h = Ready();
            h.Chip.ReceiveFromCable(withFcs, 0, withFcs.Length, includesFcs: true);
            Assert.AreEqual(1L, h.Chip.Counters.DroppedBadCrc);
            Assert.AreEqual((byte)0, h.ReadEth(1, 0x19));

            var lax = Ready(erxfcon: 0x81); // UCEN | BCEN, no CRCEN
            lax.Chip.ReceiveFromCable(withFcs, 0, withFcs.Length, includesFcs: true);
            byte[] header = lax.ReadAt(0, 6);
            Assert.AreEqual((byte)0x50, header[4], "RSV 20 CRC error | 22 type, RxOK clear");
        }

        [TestMethod]
        public void LengthFieldDisagreeingWithTheDataSetsLengthCheckError()
        {
            var h = Ready();
            byte[] frame = ChipHarness.EthernetFrame(ChipHarness.ChipMac, 50, 46); // 802.3 length 50, 46 data bytes
            h.Chip.WireSide.Send(frame, 0, frame.Length);
            byte[] padded = ChipHarness.EthernetFrame(ChipHarness.ChipMac, 20, 46); // 20 bytes + padding: consistent
            h.Chip.WireSide.Send(padded, 0, padded.Length);
            Assert.AreEqual((byte)0xA0, h.ReadAt(0, 6)[4], "RSV 23 RxOK | 21 length check error");
            int second = ChipHarness.Le16(h.ReadAt(0, 6), 0);
            Assert.AreEqual((byte)0x80, h.ReadAt(second, 6)[4]);
        }

        [TestMethod]
        public void PacketAcrossErxndWrapsToErxstAndReadsInOneBurst()
        {
            var h = Ready(rxEnd: 0x01FF); // 512-byte ring
            byte[] frame = ChipHarness.EthernetFrame(ChipHarness.ChipMac, 0x0800, 186); // 200 + 4 → 210 with header
            int next = 0;
            for (int n = 0; n < 3; n++)
            {
                frame[14] = (byte)n;
                h.Chip.WireSide.Send(frame, 0, frame.Length);
                byte[] got = h.ReadAt(next, 6 + 204);
                Assert.AreEqual(204, ChipHarness.Le16(got, 2));
                Assert.AreEqual((byte)n, got[6 + 14], "payload of packet " + n);
                Assert.AreEqual(frame[199], got[6 + 199]);
                next = ChipHarness.Le16(got, 0);
                h.Write16(0, 0x0C, next == 0 ? 0x01FF : next - 1); // free it (odd rule)
                h.Bfs(ChipHarness.ECON2, 0x40);
            }

            Assert.AreEqual(630 - 512, next, "third packet wrapped: next pointer inside the ring");
        }

        [TestMethod]
        public void FullRingDropsThePacketAndSetsRxerifAndBufer()
        {
            var h = Ready(rxEnd: 0x01FF);
            byte[] frame = ChipHarness.EthernetFrame(ChipHarness.ChipMac, 0x0800, 186);
            for (int n = 0; n < 3; n++)
            {
                h.Chip.WireSide.Send(frame, 0, frame.Length);
            }

            Assert.AreEqual((byte)2, h.ReadEth(1, 0x19), "third packet did not fit before ERXRDPT");
            Assert.AreEqual(0x01, h.ReadEth(0, ChipHarness.EIR) & 0x01, "RXERIF");
            Assert.AreEqual(0x40, h.ReadEth(0, ChipHarness.ESTAT) & 0x40, "BUFER");
            Assert.AreEqual(1L, h.Chip.Counters.DroppedRingFull);

            h.Write16(0, 0x0C, 209); // free the first packet
            h.Bfs(ChipHarness.ECON2, 0x40);
            h.Chip.WireSide.Send(frame, 0, frame.Length);
            Assert.AreEqual((byte)2, h.ReadEth(1, 0x19));
            byte[] header = h.ReadAt(420, 6);
            Assert.AreEqual(0x01, header[4] & 0x01, "RSV 16: a packet was dropped since the last receive");
        }

        [TestMethod]
        public void PktdecCountsDownAndStopsAtZero()
        {
            var h = Ready();
            byte[] frame = ChipHarness.EthernetFrame(ChipHarness.ChipMac, 0x0800, 46);
            h.Chip.WireSide.Send(frame, 0, frame.Length);
            h.Chip.WireSide.Send(frame, 0, frame.Length);
            Assert.AreEqual((byte)2, h.ReadEth(1, 0x19));
            h.Bfs(ChipHarness.ECON2, 0x40);
            Assert.AreEqual((byte)1, h.ReadEth(1, 0x19));
            h.Bfs(ChipHarness.ECON2, 0x40);
            h.Bfs(ChipHarness.ECON2, 0x40);
            Assert.AreEqual((byte)0, h.ReadEth(1, 0x19));
            Assert.AreEqual(0x00, h.ReadEth(0, ChipHarness.EIR) & 0x40, "PKTIF clear at EPKTCNT 0");
        }

        [TestMethod]
        public void TheTwoHundredFiftySixthPendingPacketIsLost()
        {
            var h = Ready();
            byte[] frame = ChipHarness.EthernetFrame(ChipHarness.ChipMac, 0x0800, 0); // 14 + 4 → 24 bytes in the ring
            for (int n = 0; n < 256; n++)
            {
                h.Chip.WireSide.Send(frame, 0, frame.Length);
            }

            Assert.AreEqual((byte)255, h.ReadEth(1, 0x19));
            Assert.AreEqual(1L, h.Chip.Counters.DroppedPacketCountFull);
            Assert.AreEqual(0x01, h.ReadEth(0, ChipHarness.EIR) & 0x01, "RXERIF");
        }

        [TestMethod]
        public void NothingIsReceivedWithoutRxen()
        {
            var h = new ChipHarness();
            h.Initialise();
            h.Bfc(ChipHarness.ECON1, 0x04);
            byte[] frame = ChipHarness.EthernetFrame(ChipHarness.ChipMac, 0x0800, 46);
            h.Chip.WireSide.Send(frame, 0, frame.Length);
            Assert.AreEqual(1L, h.Chip.Counters.DroppedReceiveDisabled);
            Assert.AreEqual((byte)0, h.ReadEth(1, 0x19));
        }

        [TestMethod]
        public void PatternMatchAcceptsBroadcastArpLikeEtherCard()
        {
            var h = Ready(erxfcon: 0xB0); // UCEN | CRCEN | PMEN
            h.WriteRegister(1, 0x08, 0x3F); // EPMM0: DA bytes 0-5
            h.WriteRegister(1, 0x09, 0x30); // EPMM1: bytes 12-13 (EtherType)
            h.Write16(1, 0x10, 0xF7F9);     // EPMCS (FACTS.md §2.3)
            byte[] arp = ChipHarness.EthernetFrame(ChipHarness.Broadcast, 0x0806, 46);
            byte[] ip = ChipHarness.EthernetFrame(ChipHarness.Broadcast, 0x0800, 46);
            h.Chip.WireSide.Send(arp, 0, arp.Length);
            h.Chip.WireSide.Send(ip, 0, ip.Length);
            Assert.AreEqual((byte)1, h.ReadEth(1, 0x19));
            Assert.AreEqual((byte)0x06, h.ReadAt(0, 6 + 14)[6 + 13], "the stored packet is the ARP one");
        }

        [TestMethod]
        public void HashTableFilterAcceptsTheAddressWhoseBitIsSet()
        {
            byte[] wanted = { 0x01, 0x00, 0x5E, 0x00, 0x00, 0xFB };
            int index = ReferenceHashIndex(wanted);
            var h = Ready(erxfcon: 0x24); // CRCEN | HTEN
            h.WriteRegister(1, index / 8, 1 << (index % 8));
            byte[] frame = ChipHarness.EthernetFrame(wanted, 0x0800, 46);
            h.Chip.WireSide.Send(frame, 0, frame.Length);
            Assert.AreEqual((byte)1, h.ReadEth(1, 0x19));

            byte[] other = (byte[])wanted.Clone();
            for (int last = 0; last < 256; last++)
            {
                other[5] = (byte)last;
                if (ReferenceHashIndex(other) != index)
                {
                    break;
                }
            }

            byte[] rejected = ChipHarness.EthernetFrame(other, 0x0800, 46);
            h.Chip.WireSide.Send(rejected, 0, rejected.Length);
            Assert.AreEqual((byte)1, h.ReadEth(1, 0x19));
        }

        [TestMethod]
        public void AndModeNeedsEveryEnabledFilter()
        {
            var h = Ready(erxfcon: 0x40 | 0x80 | 0x01); // ANDOR | UCEN | BCEN: nothing is both
            byte[] frame = ChipHarness.EthernetFrame(ChipHarness.ChipMac, 0x0800, 46);
            h.Chip.WireSide.Send(frame, 0, frame.Length);
            Assert.AreEqual((byte)0, h.ReadEth(1, 0x19));
        }

        [TestMethod]
        public void MagicPacketFilterAcceptsSixFfAndSixteenCopiesOfTheMac()
        {
            var h = Ready(erxfcon: 0x28); // CRCEN | MPEN
            byte[] magic = ChipHarness.EthernetFrame(ChipHarness.Broadcast, 0x0842, 102 + 4);
            for (int i = 0; i < 6; i++)
            {
                magic[18 + i] = 0xFF;
            }

            for (int rep = 0; rep < 16; rep++)
            {
                System.Array.Copy(ChipHarness.ChipMac, 0, magic, 24 + rep * 6, 6);
            }

            byte[] plain = ChipHarness.EthernetFrame(ChipHarness.Broadcast, 0x0842, 106);
            h.Chip.WireSide.Send(plain, 0, plain.Length);
            Assert.AreEqual((byte)0, h.ReadEth(1, 0x19));
            h.Chip.WireSide.Send(magic, 0, magic.Length);
            Assert.AreEqual((byte)1, h.ReadEth(1, 0x19));
        }

        [TestMethod]
        public void RxrstHoldsReceptionAndRestartsTheWritePointerAtErxst()
        {
            var h = Ready();
            byte[] frame = ChipHarness.EthernetFrame(ChipHarness.ChipMac, 0x0800, 46);
            h.Chip.WireSide.Send(frame, 0, frame.Length);
            h.Bfs(ChipHarness.ECON1, 0x40); // RXRST
            h.Chip.WireSide.Send(frame, 0, frame.Length);
            Assert.AreEqual(1L, h.Chip.Counters.DroppedReceiveDisabled);
            h.Bfc(ChipHarness.ECON1, 0x40);
            Assert.AreEqual(0x0000, h.Read16(0, 0x0E), "ERXWRPT back at ERXST");
        }

        /// <summary>
        /// FACTS.md §2.3 hash index, computed another way: the reflected CRC-32 register (0xEDB88320, no final
        /// inversion) bit-reversed equals the MSb-first register CycloneTCP uses; index = bits 28:23.
        /// </summary>
        private static int ReferenceHashIndex(byte[] mac)
        {
            uint crc = 0xFFFFFFFF;
            foreach (byte b in mac)
            {
                crc ^= b;
                for (int k = 0; k < 8; k++)
                {
                    crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320 : crc >> 1;
                }
            }

            uint reversed = 0;
            for (int i = 0; i < 32; i++)
            {
                reversed = (reversed << 1) | ((crc >> i) & 1);
            }

            return (int)((reversed >> 23) & 0x3F);
        }
    }
}
