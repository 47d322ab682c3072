using R = NanoTcp.Hardware.Enc28j60Model.Enc28j60Registers;

namespace NanoTcp.Hardware.Enc28j60Model
{
    /// <summary>
    /// The receive path (FACTS.md §3.2, §3.3, §4.5): filters, CRC, the ring between ERXST and ERXND with the
    /// 6-byte header (next packet pointer, byte count incl. FCS, status), the even-address padding, the ERXRDPT
    /// write-protect boundary (overflow → drop, EIR.RXERIF, ESTAT.BUFER), EPKTCNT (255 limit) and PKTDEC.
    /// </summary>
    internal sealed class ReceiveLogic
    {
        private const int HeaderLength = 6;
        private const int MinimumFrameWithFcs = 18;

        private readonly Enc28j60Chip _chip;
        private readonly byte[] _mac = new byte[6];
        private bool _heldInReset;
        private bool _dropEventSinceLastReceive;

        public ReceiveLogic(Enc28j60Chip chip)
        {
            _chip = chip;
        }

        private RegisterFile Regs => _chip.Registers;

        public void Reset()
        {
            _heldInReset = false;
            _dropEventSinceLastReceive = false;
        }

        /// <summary>
        /// ECON1.RXRST set: the receive logic is held in reset (no reception). FACTS.md does not detail what the
        /// reset clears; the model keeps the registers and restarts the write pointer at ERXST on release.
        /// </summary>
        public void HoldInReset() => _heldInReset = true;

        public void ReleaseReset()
        {
            _heldInReset = false;
            Regs.Erxwrpt = Regs.Erxst;
        }

        /// <summary>ERXST or ERXND written: the write pointer restarts at ERXST (or 0000h with errata #5).</summary>
        public void RingBoundsWritten()
        {
            if ((Regs.Econ1 & R.ECON1_RXEN) != 0)
            {
                _chip.Counters.WritesWhileRunning++;
            }

            Regs.Erxwrpt = _chip.Options.Errata5WritePointerToZero ? 0 : Regs.Erxst;
        }

        /// <summary>ECON2.PKTDEC: EPKTCNT − 1 (never below 0).</summary>
        public void PacketDecrement()
        {
            if (Regs.Epktcnt == 0)
            {
                return;
            }

            Regs.Epktcnt--;
            _chip.Counters.PacketDecrements++;
            _chip.Counters.ChargePendingToReceive();
            _chip.Interrupts.PacketDecremented();
        }

        /// <summary>A frame (with its 4-byte FCS) arrives from the cable.</summary>
        public void FrameArrived(byte[] frame, int lengthWithFcs)
        {
            Enc28j60Counters counters = _chip.Counters;
            if (!_chip.Phy.LinkUp)
            {
                counters.DroppedLinkDown++;
                return;
            }

            if ((Regs.Econ1 & R.ECON1_RXEN) == 0 || _heldInReset || !_chip.MacClockRunning
                || (Regs.Macon1 & R.MACON1_MARXEN) == 0)
            {
                counters.DroppedReceiveDisabled++;
                return;
            }

            if (lengthWithFcs < MinimumFrameWithFcs)
            {
                counters.DroppedRunt++; // FACTS.md §2.3: frames shorter than 18 bytes are always rejected
                return;
            }

            if ((Regs.Macon3 & R.MACON3_HFRMEN) == 0 && lengthWithFcs > Regs.Mamxfl)
            {
                counters.DroppedGiant++; // §2.4: HFRMEN=0 aborts frames larger than MAMXFL
                return;
            }

            int length = lengthWithFcs - 4;
            if (!ReceiveFilter.Accepts(Regs, frame, length, _mac))
            {
                counters.DroppedByFilter++;
                return;
            }

            bool crcOk = EthernetCrc32.FcsMatches(frame, 0, lengthWithFcs);
            if (!crcOk && (Regs.Erxfcon & R.ERXFCON_CRCEN) != 0)
            {
                counters.DroppedBadCrc++;
                return;
            }

            if (_chip.Options.ForceReceiveOverflow)
            {
                counters.DroppedForcedOverflow++;
                Overflow();
                return;
            }

            if (Regs.Epktcnt == 255)
            {
                counters.DroppedPacketCountFull++; // §3.2: EPKTCNT at 255 → packet lost, RXERIF
                Regs.Eir |= R.EIR_RXERIF;
                _dropEventSinceLastReceive = true;
                return;
            }

            int erxst = Regs.Erxst;
            int erxnd = Regs.Erxnd;
            int ringSize = ((erxnd - erxst) & 0x1FFF) + 1;
            int write = Regs.Erxwrpt;
            int read = Regs.Erxrdpt;
            int writeOffset = (write - erxst) & 0x1FFF;
            if (writeOffset >= ringSize)
            {
                // ERXWRPT outside the ring (its reset value 0000h with the reset ring at 05FAh, never reprogrammed):
                // the hardware starts at ERXST (choice; FACTS.md only says writes stay inside the ring).
                write = erxst;
                writeOffset = 0;
            }

            int readOffset = (read - erxst) & 0x1FFF;
            int free = (((readOffset - writeOffset - 1) % ringSize) + ringSize) % ringSize;
            int needed = (HeaderLength + lengthWithFcs + 1) & ~1;
            if (needed > free)
            {
                counters.DroppedRingFull++; // §3.2: never writes the byte at ERXRDPT
                Overflow();
                return;
            }

            Store(frame, lengthWithFcs, crcOk, write, erxst, erxnd);
        }

        private void Overflow()
        {
            // §4.8: packet aborted, RXERIF and ESTAT.BUFER set (BUFER semantics are a FACTS.md §8 gap).
            Regs.Eir |= R.EIR_RXERIF;
            Regs.Estat |= R.ESTAT_BUFER;
            _dropEventSinceLastReceive = true;
        }

        private void Store(byte[] frame, int lengthWithFcs, bool crcOk, int start, int erxst, int erxnd)
        {
            BufferMemory memory = _chip.Memory;
            int p = start;
            for (int i = 0; i < HeaderLength; i++)
            {
                p = BufferMemory.NextInRing(p, erxst, erxnd);
            }

            for (int i = 0; i < lengthWithFcs; i++)
            {
                memory[p] = frame[i];
                p = BufferMemory.NextInRing(p, erxst, erxnd);
            }

            if ((p & 1) != 0)
            {
                p = BufferMemory.NextInRing(p, erxst, erxnd); // pad so the next packet starts on an even address
            }

            int next = p;
            int status = StatusVector(frame, lengthWithFcs, crcOk);
            int nextField = next;
            if (_chip.Options.Errata14EvenReadPointerCorrupts && (Regs.Erxrdpt & 1) == 0)
            {
                // Errata #14: an even ERXRDPT corrupts the ring's next pointer and status fields. The model makes
                // the damage recognisable: an odd next pointer and RSV bit 31 ("zero") set.
                nextField |= 1;
                status |= 0x8000;
            }

            int h = start;
            for (int i = 0; i < HeaderLength; i++)
            {
                int field = i < 2 ? nextField : i < 4 ? lengthWithFcs : status;
                memory[h] = (byte)((i & 1) == 0 ? field : field >> 8); // little endian
                h = BufferMemory.NextInRing(h, erxst, erxnd);
            }

            Regs.Erxwrpt = next;
            Regs.Epktcnt++;
            _chip.Interrupts.PacketStored();
            _chip.Counters.FramesReceived++;
            _dropEventSinceLastReceive = false;
        }

        /// <summary>RSV bits 31:16 (FACTS.md §3.3), returned as a 16-bit value (bit 0 = RSV bit 16).</summary>
        private int StatusVector(byte[] frame, int lengthWithFcs, bool crcOk)
        {
            int length = lengthWithFcs - 4;
            int status = 0;
            if (_dropEventSinceLastReceive)
            {
                status |= 1 << 0; // 16: long event / drop event
            }

            if (!crcOk)
            {
                status |= 1 << 4; // 20: CRC error
            }

            if (EthernetFrameClass.IsLengthCheckError(frame, 0, length))
            {
                status |= 1 << 5; // 21: length check error
            }

            if (EthernetFrameClass.IsLengthOutOfRange(frame, 0, length))
            {
                status |= 1 << 6; // 22: type field
            }

            if (crcOk)
            {
                status |= 1 << 7; // 23: received OK
            }

            // 24/25: a broadcast is reported as broadcast only; multicast means a non-broadcast group address
            // (choice: FACTS.md §3.3 does not say whether broadcast also sets the multicast bit).
            bool broadcast = EthernetFrameClass.IsBroadcast(frame, 0);
            if (broadcast)
            {
                status |= 1 << 9;
            }
            else if (EthernetFrameClass.IsGroup(frame, 0))
            {
                status |= 1 << 8;
            }

            if (EthernetFrameClass.IsControl(frame, 0, length))
            {
                status |= 1 << 11; // 27: control frame
                if (EthernetFrameClass.IsPause(frame, 0, length))
                {
                    status |= 1 << 12; // 28: pause
                }
                else
                {
                    status |= 1 << 13; // 29: unknown opcode
                }
            }

            if (EthernetFrameClass.IsVlan(frame, 0, length))
            {
                status |= 1 << 14; // 30: VLAN
            }

            return status;
        }
    }
}
