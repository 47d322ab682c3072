using R = NanoTcp.Hardware.Enc28j60Model.Enc28j60Registers;

namespace NanoTcp.Hardware.Enc28j60Model
{
    /// <summary>
    /// The PHY (FACTS.md §2.6) and its MII management interface (§4.3): 16-bit registers reached only through
    /// MIREGADR/MICMD/MIWR/MIRD; each operation keeps MISTAT.BUSY set for ~10.24 µs of chip time. Link state,
    /// PHSTAT1.LLSTAT (latches low), PHSTAT2.LSTAT (live), PHIE/PHIR and EIR.LINKIF (§4.7).
    /// </summary>
    internal sealed class PhyLogic
    {
        public const int PHCON1 = 0x00, PHSTAT1 = 0x01, PHID1 = 0x02, PHID2 = 0x03, PHCON2 = 0x10, PHSTAT2 = 0x11,
            PHIE = 0x12, PHIR = 0x13, PHLCON = 0x14;

        public const int PHCON1_PRST = 0x8000, PHCON1_PLOOPBK = 0x4000, PHCON1_PPWRSV = 0x0800, PHCON1_PDPXMD = 0x0100;
        public const int PHSTAT1_PFDPX = 0x1000, PHSTAT1_PHDPX = 0x0800, PHSTAT1_LLSTAT = 0x0004;
        public const int PHCON2_FRCLNK = 0x4000, PHCON2_TXDIS = 0x2000, PHCON2_JABBER = 0x0400, PHCON2_HDLDIS = 0x0100;
        public const int PHSTAT2_LSTAT = 0x0400, PHSTAT2_DPXSTAT = 0x0200;
        public const int PHIE_PLNKIE = 0x0010, PHIE_PGEIE = 0x0002;
        public const int PHIR_PLNKIF = 0x0010, PHIR_PGIF = 0x0004;

        private enum Operation
        {
            None,
            Read,
            Write,
        }

        private readonly Enc28j60Chip _chip;
        private int _phcon1;
        private int _phcon2;
        private int _phie;
        private int _phir;
        private int _phlcon;
        private bool _linkStayedUp;
        private Operation _operation;
        private int _operationAddress;
        private int _operationData;
        private long _operationEnd;
        private bool _scanning;
        private long _nextScan;

        public PhyLogic(Enc28j60Chip chip)
        {
            _chip = chip;
        }

        public bool LinkUp { get; private set; }

        public bool FullDuplex => (_phcon1 & PHCON1_PDPXMD) != 0;

        /// <summary>PHCON2.HDLDIS: no loopback of transmitted frames in half duplex.</summary>
        public bool HalfDuplexLoopbackDisabled => (_phcon2 & PHCON2_HDLDIS) != 0;

        /// <summary>EIR.LINKIF shadows PHIR.PGIF (FACTS.md §4.7).</summary>
        public bool LinkInterruptFlag => (_phir & PHIR_PGIF) != 0;

        public void PowerOn(bool linkUp)
        {
            LinkUp = linkUp;
            SoftReset();
        }

        /// <summary>Register reset values (FACTS.md §2.6); the link itself is the cable's.</summary>
        public void SoftReset()
        {
            _phcon1 = _chip.Options.PhyFullDuplexAtReset ? PHCON1_PDPXMD : 0;
            _phcon2 = 0;
            _phie = 0;
            _phir = 0;
            _phlcon = 0x3422;
            _linkStayedUp = LinkUp;
            _operation = Operation.None;
            _scanning = false;
        }

        public void SetLink(bool up)
        {
            if (up == LinkUp)
            {
                return;
            }

            LinkUp = up;
            if (!up)
            {
                _linkStayedUp = false; // LLSTAT latches low until PHSTAT1 is read
            }

            _phir |= PHIR_PLNKIF;
            if ((_phie & PHIE_PLNKIE) != 0 && (_phie & PHIE_PGEIE) != 0)
            {
                _phir |= PHIR_PGIF;
            }
        }

        /// <summary>A PHY register's value without the side effects of a read (for tests).</summary>
        public int Peek(int address)
        {
            switch (address)
            {
                case PHSTAT1: return PHSTAT1_PFDPX | PHSTAT1_PHDPX | (_linkStayedUp ? PHSTAT1_LLSTAT : 0);
                case PHIR: return _phir;
                default: return ReadRegister(address);
            }
        }

        /// <summary>The PHY side of an MII read, with its side effects (PHSTAT1 latch, PHIR clear-on-read).</summary>
        public int ReadRegister(int address)
        {
            switch (address)
            {
                case PHCON1: return _phcon1;
                case PHSTAT1:
                    {
                        int value = PHSTAT1_PFDPX | PHSTAT1_PHDPX | (_linkStayedUp ? PHSTAT1_LLSTAT : 0);
                        _linkStayedUp = LinkUp;
                        return value;
                    }

                case PHID1: return 0x0083;
                case PHID2: return 0x1400;
                case PHCON2: return _phcon2;
                case PHSTAT2: return (LinkUp ? PHSTAT2_LSTAT : 0) | (FullDuplex ? PHSTAT2_DPXSTAT : 0);
                case PHIE: return _phie;
                case PHIR:
                    {
                        int value = _phir;
                        _phir &= ~(PHIR_PLNKIF | PHIR_PGIF); // both clear on read (FACTS.md §2.6)
                        return value;
                    }

                case PHLCON: return _phlcon;
                default: return 0; // unimplemented addresses read 0 (DS p.19)
            }
        }

        public void WriteRegister(int address, int value)
        {
            switch (address)
            {
                case PHCON1:
                    if ((value & PHCON1_PRST) != 0)
                    {
                        bool scanning = _scanning;
                        SoftReset(); // PRST is self-clearing
                        _scanning = scanning;
                    }
                    else
                    {
                        _phcon1 = value & (PHCON1_PLOOPBK | PHCON1_PPWRSV | PHCON1_PDPXMD);
                    }

                    return;
                case PHCON2:
                    _phcon2 = value & (PHCON2_FRCLNK | PHCON2_TXDIS | PHCON2_JABBER | PHCON2_HDLDIS);
                    return;
                case PHIE:
                    _phie = value & (PHIE_PLNKIE | PHIE_PGEIE);
                    return;
                case PHLCON:
                    _phlcon = value & 0x3FFE;
                    return;
                default:
                    return; // read-only or unimplemented: ignored
            }
        }

        /// <summary>MICMD written: MIIRD 0→1 starts a read; MIISCAN starts or stops scanning.</summary>
        public void CommandWritten(byte old, byte now)
        {
            bool scanNow = (now & R.MICMD_MIISCAN) != 0;
            if (scanNow && !_scanning)
            {
                if (_operation != Operation.None)
                {
                    _chip.Counters.MiiCommandsWhileBusy++;
                }
                else
                {
                    _scanning = true;
                    _nextScan = _chip.NowNanoseconds + _chip.Options.MiiOperationNanoseconds;
                    SetMistat(busy: true, scan: true, notValid: true);
                }
            }
            else if (!scanNow && _scanning)
            {
                _scanning = false;
                SetMistat(busy: false, scan: false, notValid: false);
            }

            if ((now & R.MICMD_MIIRD) != 0 && (old & R.MICMD_MIIRD) == 0)
            {
                Begin(Operation.Read, _chip.Registers.Miregadr, 0);
            }
        }

        /// <summary>MIWRH written: the MII write starts (FACTS.md §4.3).</summary>
        public void StartWrite() => Begin(Operation.Write, _chip.Registers.Miregadr, _chip.Registers.Miwr);

        private void Begin(Operation operation, int address, int data)
        {
            if (_operation != Operation.None || _scanning)
            {
                _chip.Counters.MiiCommandsWhileBusy++;
                return;
            }

            _operation = operation;
            _operationAddress = address;
            _operationData = data;
            _operationEnd = _chip.NowNanoseconds + _chip.Options.MiiOperationNanoseconds;
            SetMistat(busy: true, scan: false, notValid: false);
        }

        public void Advance(long now)
        {
            if (_operation != Operation.None && now >= _operationEnd)
            {
                if (_operation == Operation.Read)
                {
                    _chip.Registers.Mird = ReadRegister(_operationAddress);
                }
                else
                {
                    WriteRegister(_operationAddress, _operationData);
                }

                _operation = Operation.None;
                SetMistat(busy: false, scan: false, notValid: false);
            }

            if (_scanning && now >= _nextScan)
            {
                _chip.Registers.Mird = ReadRegister(_chip.Registers.Miregadr);
                _nextScan = now + _chip.Options.MiiOperationNanoseconds;
                SetMistat(busy: true, scan: true, notValid: false);
            }
        }

        private void SetMistat(bool busy, bool scan, bool notValid)
        {
            _chip.Registers.Mistat = (byte)((busy ? R.MISTAT_BUSY : 0) | (scan ? R.MISTAT_SCAN : 0) | (notValid ? R.MISTAT_NVALID : 0));
        }
    }
}
