#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using System;

namespace NanoTcp.Tests.Enc28j60Model
{
    /// <summary>
    /// A scripted driver straight from FACTS.md §4: initialisation (§4.2), transmit with the errata 12 TXRST pulse
    /// and bounded polling (§4.4), receive by EPKTCNT with the errata 14 odd ERXRDPT rule (§4.5). It proves the
    /// model is usable before the real driver exists; it is not the driver.
    /// </summary>
    internal sealed class MinimalDriver
    {
        public const int RxStart = 0x0000, RxEnd = 0x19FF, TxStart = 0x1A00;

        private readonly ChipHarness _h;
        private int _nextPacket = RxStart;

        public MinimalDriver(ChipHarness harness)
        {
            _h = harness;
        }

        public void Initialise(bool fullDuplex = false)
        {
            _h.Src();                // §4.1: SRC in its own frame
            _h.Clock.Advance(2);     // wait ≥ 1 ms (errata 2), not CLKRDY
            Assert.AreEqual((byte)0x06, _h.ReadEth(3, 0x12), "EREVID after reset");
            _h.Initialise(RxStart, RxEnd, TxStart, 0xA1, fullDuplex);
            _nextPacket = RxStart;
        }

        /// <summary>§4.4 steps 1–7. Returns the 7-byte transmit status vector.</summary>
        public byte[] Transmit(byte[] frame, int length)
        {
            _h.Bfs(ChipHarness.ECON1, 0x80);          // 1. TXRST set …
            _h.Bfc(ChipHarness.ECON1, 0x80);          //    … and clear
            _h.Bfc(ChipHarness.EIR, 0x0A);            //    clear TXERIF | TXIF
            _h.Write16(0, 0x04, TxStart);             // 2. ETXST
            _h.Write16(0, 0x02, TxStart);             //    EWRPT
            _h.Wbm(new byte[] { 0x00 }, 0, 1);        // 3. control byte: use MACON3
            _h.Wbm(frame, 0, length);                 //    frame
            _h.Write16(0, 0x06, TxStart + length);    // 4. ETXND = last byte
            _h.Bfs(ChipHarness.ECON1, 0x08);          // 6. TXRTS
            for (int polls = 0; polls < 1000; polls++) // 7. bounded poll (MCHP/EC: 1000 EIR reads)
            {
                if ((_h.ReadEth(0, ChipHarness.EIR) & 0x0A) != 0)
                {
                    break;
                }

                _h.Clock.Advance(1);
            }

            return _h.ReadAt(TxStart + length + 1, 7);
        }

        /// <summary>§4.5 steps 1–6; returns the frame length without FCS, or 0 when nothing is pending.</summary>
        public int Receive(byte[] buffer)
        {
            if (_h.ReadEth(1, 0x19) == 0)             // 1. EPKTCNT
            {
                return 0;
            }

            _h.Write16(0, 0x00, _nextPacket);         // 2. ERDPT = NextPacketPtr
            byte[] header = _h.Rbm(6);                // 3. header
            int next = ChipHarness.Le16(header, 0);
            int count = ChipHarness.Le16(header, 2);
            Assert.AreEqual(0x80, header[4] & 0x80, "RxOK");
            Assert.AreEqual(0, next & 1, "next packet pointer is even");
            Assert.IsTrue(next <= RxEnd, "next packet pointer inside the ring");
            byte[] data = _h.Rbm(count);              // 4. frame incl. FCS, same burst continues
            Array.Copy(data, buffer, count - 4);
            _nextPacket = next;
            _h.Write16(0, 0x0C, next == RxStart ? RxEnd : next - 1); // 5. odd rule
            _h.Bfs(ChipHarness.ECON2, 0x40);          // 6. PKTDEC
            return count - 4;
        }
    }
}
