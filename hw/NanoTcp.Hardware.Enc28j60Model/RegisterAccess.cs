using R = NanoTcp.Hardware.Enc28j60Model.Enc28j60Registers;

namespace NanoTcp.Hardware.Enc28j60Model
{
    /// <summary>
    /// Register reads and writes as the host sees them through RCR/WCR/BFS/BFC in the current bank (FACTS.md §2):
    /// read-only and clear-only bits, unimplemented addresses (read 0, writes ignored), the ERXRDPT low-byte latch,
    /// 13-bit pointers, and the side effects of ECON1, ECON2, MICMD and MIWRH.
    /// </summary>
    internal sealed class RegisterAccess
    {
        private const byte EirClearable = R.EIR_DMAIF | R.EIR_TXIF | R.EIR_TXERIF | R.EIR_RXERIF;
        private const byte EstatClearable = R.ESTAT_BUFER | R.ESTAT_LATECOL | R.ESTAT_TXABRT;

        private readonly Enc28j60Chip _chip;

        public RegisterAccess(Enc28j60Chip chip)
        {
            _chip = chip;
        }

        private RegisterFile Regs => _chip.Registers;

        public byte Read(int address)
        {
            int bank = Regs.Bank;
            switch (address)
            {
                case R.EIE: return Regs.Eie;
                case R.EIR: return _chip.Interrupts.VisibleEir;
                case R.ESTAT:
                    // Bit 3 is unimplemented and reads 0 (FACTS.md §2.1; MCHP uses that to detect a live SPI link).
                    return (byte)((Regs.Estat & ~(R.ESTAT_INT | 0x08)) | (_chip.Interrupts.Asserted ? R.ESTAT_INT : 0));
                case R.ECON2: return (byte)(Regs.Econ2 & ~R.ECON2_PKTDEC); // PKTDEC reads 0 (self-clearing)
                case R.ECON1: return Regs.Econ1;
            }

            if (R.IsMacOrMii(bank, address) && !_chip.MacClockRunning)
            {
                _chip.Counters.IgnoredWhileClockNotReady++;
                return 0;
            }

            if (bank == 3 && address == R.EFLOCON)
            {
                // FULDPXS is a read-only shadow of MACON3.FULDPX (FACTS.md §2.5).
                return (byte)((Regs.Get(3, R.EFLOCON) & 0x03) | ((Regs.Macon3 & R.MACON3_FULDPX) != 0 ? 0x04 : 0));
            }

            return Regs.Get(bank, address);
        }

        /// <summary>BFS/BFC: FACTS.md §1.2 says ETH registers only; on MAC/MII registers it is counted as misuse.</summary>
        public void BitField(int address, byte mask, bool set)
        {
            int bank = Regs.Bank;
            if (R.IsMacOrMii(bank, address))
            {
                _chip.Counters.BitFieldOnMacMii++;
                if (!_chip.Options.BitFieldOnMacMiiTakesEffect)
                {
                    return;
                }
            }

            byte old = RawForModify(bank, address);
            Write(address, set ? (byte)(old | mask) : (byte)(old & ~mask));
        }

        /// <summary>The stored value a read-modify-write starts from (clear-only and computed bits as stored).</summary>
        private byte RawForModify(int bank, int address)
        {
            switch (address)
            {
                case R.EIR: return _chip.Interrupts.VisibleEir;
                case R.ECON2: return (byte)(Regs.Econ2 & ~R.ECON2_PKTDEC);
                default: return Regs.Get(bank, address);
            }
        }

        public void Write(int address, byte value)
        {
            int bank = Regs.Bank;
            if (address >= R.FirstCommon)
            {
                WriteCommon(address, value);
                return;
            }

            if (R.IsMacOrMii(bank, address) && !_chip.MacClockRunning)
            {
                _chip.Counters.IgnoredWhileClockNotReady++;
                return;
            }

            switch (bank)
            {
                case 0: WriteBank0(address, value); break;
                case 1: WriteBank1(address, value); break;
                case 2: WriteBank2(address, value); break;
                default: WriteBank3(address, value); break;
            }
        }

        private void WriteCommon(int address, byte value)
        {
            switch (address)
            {
                case R.EIE:
                    Regs.Eie = (byte)(value & ~0x04); // bit 2 reserved (WOLIE on early silicon)
                    break;
                case R.EIR:
                    // PKTIF and LINKIF are read-only; the others can be cleared but not set by the host.
                    Regs.Eir = (byte)(Regs.Eir & (value | ~EirClearable) & EirClearable);
                    break;
                case R.ESTAT:
                    Regs.Estat = (byte)(Regs.Estat & (value | ~EstatClearable));
                    break;
                case R.ECON2:
                    WriteEcon2(value);
                    break;
                default:
                    WriteEcon1(value);
                    break;
            }
        }

        private void WriteEcon2(byte value)
        {
            byte old = Regs.Econ2;
            Regs.Econ2 = (byte)(value & (R.ECON2_AUTOINC | R.ECON2_PWRSV | R.ECON2_VRPS));
            bool wasSaving = (old & R.ECON2_PWRSV) != 0;
            bool saving = (value & R.ECON2_PWRSV) != 0;
            if (saving != wasSaving)
            {
                _chip.PowerSaveChanged(saving);
            }

            if ((value & R.ECON2_PKTDEC) != 0)
            {
                _chip.Receiver.PacketDecrement();
            }
        }

        private void WriteEcon1(byte value)
        {
            byte old = Regs.Econ1;
            Regs.Econ1 = value;
            byte rising = (byte)(value & ~old);
            byte falling = (byte)(old & ~value);

            if ((rising & R.ECON1_TXRST) != 0)
            {
                _chip.Transmitter.HoldInReset();
            }

            if ((rising & R.ECON1_RXRST) != 0)
            {
                _chip.Receiver.HoldInReset();
            }

            if ((falling & R.ECON1_RXRST) != 0)
            {
                _chip.Receiver.ReleaseReset();
            }

            if ((falling & R.ECON1_TXRTS) != 0)
            {
                _chip.Transmitter.CancelByHost();
            }

            if ((rising & R.ECON1_DMAST) != 0)
            {
                _chip.Dma.Start();
            }

            if ((rising & R.ECON1_TXRTS) != 0)
            {
                _chip.Transmitter.Request();
            }
        }

        private void WriteBank0(int address, byte value)
        {
            switch (address)
            {
                case R.ERXRDPTL:
                    Regs.ErxrdptLowBuffer = value; // held until ERXRDPTH is written (FACTS.md §2.2)
                    return;
                case R.ERXRDPTH:
                    Regs.Erxrdpt = Regs.ErxrdptLowBuffer | ((value & 0x1F) << 8);
                    return;
                case R.ERXWRPTL:
                case R.ERXWRPTL + 1:
                case 0x18:
                case 0x19:
                case 0x1A:
                    return; // read-only or unimplemented
            }

            if (address >= R.ETXSTL && address <= R.ETXNDL + 1 && _chip.Transmitter.Transmitting)
            {
                _chip.Counters.WritesWhileRunning++; // DS §7.1: transmit registers are not touched while sending
            }

            bool isHigh = (address & 1) != 0;
            bool checksum = address == R.EDMACSL || address == R.EDMACSL + 1;
            Regs.Set(0, address, isHigh && !checksum ? (byte)(value & 0x1F) : value);

            if (address == R.ERXSTL || address == R.ERXSTL + 1 || address == R.ERXNDL || address == R.ERXNDL + 1)
            {
                _chip.Receiver.RingBoundsWritten();
            }
        }

        private void WriteBank1(int address, byte value)
        {
            switch (address)
            {
                case 0x12:
                case 0x13:
                case R.EPKTCNT: // changed only by the receive logic and PKTDEC
                case 0x1A:
                    return;
                case R.EPMOL + 1:
                    Regs.Set(1, address, (byte)(value & 0x1F));
                    return;
                default:
                    Regs.Set(1, address, value);
                    return;
            }
        }

        private void WriteBank2(int address, byte value)
        {
            switch (address)
            {
                case R.MACON1: Regs.Set(2, address, (byte)(value & 0x1F)); return;
                case R.MACON2:
                case R.MACON3:
                case R.MAMXFLL:
                case R.MAMXFLH:
                case R.MAPHSUP:
                case R.MICON:
                case R.MIWRL:
                    Regs.Set(2, address, value);
                    return;
                case R.MACON4: Regs.Set(2, address, (byte)(value & 0x70)); return;
                case R.MABBIPG:
                case R.MAIPGL:
                case R.MAIPGH:
                    Regs.Set(2, address, (byte)(value & 0x7F));
                    return;
                case R.MACLCON1: Regs.Set(2, address, (byte)(value & 0x0F)); return;
                case R.MACLCON2: Regs.Set(2, address, (byte)(value & 0x3F)); return;
                case R.MIREGADR: Regs.Set(2, address, (byte)(value & 0x1F)); return;
                case R.MICMD:
                    {
                        byte old = Regs.Micmd;
                        byte now = (byte)(value & (R.MICMD_MIISCAN | R.MICMD_MIIRD));
                        Regs.Set(2, address, now);
                        _chip.Phy.CommandWritten(old, now);
                        return;
                    }

                case R.MIWRH:
                    Regs.Set(2, address, value);
                    _chip.Phy.StartWrite(); // writing MIWRH starts the MII write (FACTS.md §2.4)
                    return;
                default:
                    return; // MIRD is read-only; the rest is reserved
            }
        }

        private void WriteBank3(int address, byte value)
        {
            switch (address)
            {
                case R.MAADR1:
                case R.MAADR2:
                case R.MAADR3:
                case R.MAADR4:
                case R.MAADR5:
                case R.MAADR6:
                case R.EBSTSD:
                case R.EBSTCON:
                case R.EBSTCSL:
                case R.EBSTCSL + 1:
                case R.EPAUSL:
                case R.EPAUSH:
                    Regs.Set(3, address, value);
                    return;
                case R.ECOCON: Regs.Set(3, address, (byte)(value & 0x07)); return;
                case R.EFLOCON: Regs.Set(3, address, (byte)(value & 0x03)); return;
                default:
                    return; // MISTAT and EREVID are read-only; the rest is reserved
            }
        }
    }
}
