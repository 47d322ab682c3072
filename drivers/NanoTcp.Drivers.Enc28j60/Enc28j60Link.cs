using System;
using System.IO;
using System.Threading;
using NanoTcp.Hardware;

namespace NanoTcp.Drivers.Enc28j60
{
    /// <summary>
    /// Microchip ENC28J60 10BASE-T controller on SPI, exposed as an <see cref="IEthernetLink"/>.
    /// Written from the datasheet (DS39662E) and the Rev. B7 silicon errata (DS80349C); the errata each line works
    /// around are cited where it happens. One thread (the stack's) calls every member except the INT pin handler.
    /// </summary>
    /// <remarks>
    /// Bus economy, per received frame in a burst: one RBM for the previous frame's FCS and pad, this frame's
    /// header and its first 14 bytes (into a small driver array), one RBM for the rest of the frame straight into the
    /// caller's buffer, one BFS ECON2.PKTDEC. ERDPT is never rewritten: reading sequentially keeps it on the next
    /// header, wrapping at ERXND like the chip does. ERXWRPTL (and ERXWRPTH when the low byte cannot tell) is read at
    /// the start of a burst and once after its last PKTDEC (errata 6); EIR only when INT is low with no packet waiting,
    /// at the housekeeping interval, or in half duplex with a frame in flight; EIE.INTIE stays set. ERXRDPT is released
    /// a whole 256-byte page at a time (only ERXRDPTH is written). Every register of the receive and send paths is in
    /// bank 0 or common, so the cached bank stays 0 (a switch is one BFS or BFC).
    /// Per sent frame (full duplex): RCR ECON1 (previous transmission done), EWRPT bytes that differ from where the
    /// last WBM left it, one WBM with control byte and frame, ETXST and ETXND bytes that changed, BFS ECON1.TXRTS.
    /// Two transmit areas (when the buffer has room): a frame sent while the previous one is still on the wire is
    /// written into the idle area meanwhile, and started once the previous one has ended, so the SPI write of one
    /// frame overlaps the wire time of the other; a frame sent after the previous one has left reuses its area.
    /// The transmit wait never sleeps (INT pin: blocks until TXIF pulls INT low; polling: bounded reads); the start-up
    /// and PHY waits are bounded by the tick and by a poll count (for clocks that do not move) and call
    /// <see cref="Enc28j60Options.Delay"/> after every 8 polls so that a test's manual clock can be advanced by the wait.
    /// </remarks>
    public sealed class Enc28j60Link : IEthernetLink
    {
        /// <summary>Frame bytes read with the header, so the second read can start inside the caller's buffer.</summary>
        private const int HeadFrameBytes = 14;

        /// <summary>Register polls of a wait between two calls of the delay callback.</summary>
        private const int SpinPollsBeforeDelay = 8;

        /// <summary>Blocking waits for the INT pin within one transmit wait (each ends by an edge or the deadline).</summary>
        private const int MaxInterruptWaits = 16;

        /// <summary>EIE while no transmission is awaited: TXIF does not drive INT (nothing reads it in full duplex).</summary>
        private const int InterruptEnable = Enc28j60Bits.EIE_INTIE | Enc28j60Bits.EIE_PKTIE | Enc28j60Bits.EIE_LINKIE | Enc28j60Bits.EIE_TXERIE | Enc28j60Bits.EIE_RXERIE;

        /// <summary>
        /// One transmit area: control byte, a 1514-byte frame and the 7-byte status vector (1522 bytes), in whole pages
        /// so that both areas start at xx00h and only the high bytes of ETXST and EWRPT change between them.
        /// </summary>
        private const int TransmitAreaSize = 0x600;

        /// <summary>Largest byte count programmed into MAMXFL: a 1514-byte frame and its FCS.</summary>
        private const int MaxFrameLengthWithFcs = 1518;

        private const int RingStart = 0x0000;
        private const int BufferEnd = 0x1FFF;

        private readonly ISpiBus _spi;
        private readonly IInterruptPin _pin;
        private readonly ITickSource _clock;
        private readonly Enc28j60Delay _delay;
        private readonly Enc28j60InterruptWait _interruptWait;
        private readonly AutoResetEvent _interrupt = new AutoResetEvent(false);
        private readonly Enc28j60Statistics _statistics = new Enc28j60Statistics();
        private readonly byte[] _mac = new byte[6];
        private readonly bool _fullDuplex;
        private readonly bool _acceptMulticast;
        private readonly int _txStart;
        private readonly int _txSecond;
        private readonly int _rxEnd;
        private readonly int _ledConfiguration;
        private readonly int _resetWait;
        private readonly int _registerTimeout;
        private readonly int _transmitTimeout;
        private readonly int _housekeepingInterval;
        private readonly int _maxPollsPerMillisecond;
        private readonly int _lateCollisionRetries;

        // SPI buffers, allocated once.
        private readonly byte[] _command = new byte[3];
        private readonly byte[] _reply = new byte[3];
        private readonly byte[] _readCommand;
        private readonly byte[] _head;
        private readonly byte[] _transmit;
        private readonly byte[] _status = new byte[1 + TransmitStatusVector.Length];

        private int _bank = -1;
        private bool _initialized;
        private int _revision;
        private bool _linkUp;
        private int _lastPolled;

        // Receive state: where the next header is, how many bytes of the previous packet (FCS, pad) still lie
        // between ERDPT and it, whether a complete packet is known to wait there, ERXWRPT as last read (its high
        // byte -1 when only the low byte was read), and the ERXRDPT last written.
        private int _nextPacket;
        private int _skip;
        private bool _prefetched;
        private bool _packetWaiting;
        private int _writtenLow;
        private int _writtenHigh;
        private int _released;

        // Transmit state: the chip's EWRPT, ETXST and ETXND as last left, and the frame in flight (it lies in the area
        // ETXST points at).
        private int _writePointer;
        private int _transmitStart;
        private int _transmitEnd;
        private bool _transmitPending;
        private int _transmitLength;
        private int _transmitRetries;

        // Interrupt state: ERXWRPT to be read again (a burst ended), an INT edge seen by the pin handler (another
        // thread), last housekeeping.
        private bool _confirm;
        private int _edge;
        private long _lastHousekeeping;

        /// <summary>
        /// Creates the driver; nothing is sent on the bus until <see cref="Initialize"/>.
        /// <paramref name="interruptPin"/> null: the driver reads ERXWRPT on every Receive.
        /// </summary>
        public Enc28j60Link(ISpiBus spi, IInterruptPin interruptPin, ITickSource clock, Enc28j60Options options)
        {
            if (spi == null)
            {
                throw new ArgumentNullException(nameof(spi));
            }

            if (clock == null)
            {
                throw new ArgumentNullException(nameof(clock));
            }

            if (options == null)
            {
                throw new ArgumentNullException(nameof(options));
            }

            if (options.MacAddress == null || options.MacAddress.Length != 6)
            {
                throw new ArgumentException("Enc28j60Options.MacAddress must be 6 bytes", nameof(options));
            }

            int txStart = options.TransmitBufferStart;
            if ((txStart & 0xFF) != 0 || txStart < 0x0400 || txStart + 1 + EthernetFrameLimits.MaxFrameLength + TransmitStatusVector.Length - 1 > BufferEnd)
            {
                throw new ArgumentOutOfRangeException(nameof(options), "TransmitBufferStart must be a multiple of 256 between 0400h and 1A00h");
            }

            _spi = spi;
            _pin = interruptPin;
            _clock = clock;
            _delay = options.Delay;
            _interruptWait = options.InterruptWait;
            Array.Copy(options.MacAddress, 0, _mac, 0, 6);
            _fullDuplex = options.FullDuplex;
            _acceptMulticast = options.AcceptMulticast;
            _txStart = txStart;
            _txSecond = txStart + 2 * TransmitAreaSize <= BufferEnd + 1 ? txStart + TransmitAreaSize : -1;
            _rxEnd = txStart - 1;
            _ledConfiguration = options.PhyLedConfiguration;
            _resetWait = options.ResetWaitMilliseconds < 2 ? 2 : options.ResetWaitMilliseconds;
            _registerTimeout = options.RegisterTimeoutMilliseconds < 1 ? 1 : options.RegisterTimeoutMilliseconds;
            _transmitTimeout = options.TransmitTimeoutMilliseconds < 1 ? 1 : options.TransmitTimeoutMilliseconds;
            _housekeepingInterval = options.HousekeepingIntervalMilliseconds < 1 ? 1 : options.HousekeepingIntervalMilliseconds;
            _maxPollsPerMillisecond = options.MaxPollsPerMillisecond < 1 ? 1 : options.MaxPollsPerMillisecond;
            _lateCollisionRetries = options.LateCollisionRetries < 0 ? 0 : options.LateCollisionRetries;

            // RBM opcode followed by zeros, long enough for the longest read (opcode, skip, header, whole frame).
            _readCommand = new byte[1 + ReceiveHeader.FcsLength + 1 + ReceiveHeader.Length + MaxFrameLengthWithFcs];
            _readCommand[0] = Enc28j60Opcodes.ReadBufferMemory;
            _head = new byte[1 + ReceiveHeader.FcsLength + 1 + ReceiveHeader.Length + HeadFrameBytes];
            _transmit = new byte[2 + EthernetFrameLimits.MaxFrameLength];
            _transmit[0] = Enc28j60Opcodes.WriteBufferMemory;

            if (_pin != null)
            {
                _pin.FallingEdge += OnFallingEdge;
            }
        }

        /// <summary>Counters; see <see cref="Enc28j60Statistics"/>.</summary>
        public Enc28j60Statistics Statistics => _statistics;

        /// <summary>EREVID read by <see cref="Initialize"/> (bits 4:0): 02h B1, 04h B4, 05h B5, 06h B7.</summary>
        public int RevisionId => _revision;

        /// <summary>True when configured for full duplex.</summary>
        public bool FullDuplex => _fullDuplex;

        /// <summary>PHSTAT2.LSTAT as last read (at start-up and on each LINKIF).</summary>
        public bool IsLinkUp => _linkUp;

        public void GetMacAddress(byte[] buffer, int offset) => Array.Copy(_mac, 0, buffer, offset, 6);

        /// <summary>
        /// Resets the chip and configures it (DS §6, errata 2, 5, 14, 16, 19). Throws <see cref="IOException"/> when
        /// no ENC28J60 answers (MISO stuck high, EREVID 00h or FFh) and <see cref="TimeoutException"/> naming the
        /// register when a wait runs out (ESTAT.CLKRDY, MISTAT.BUSY, or a tick source that does not move).
        /// </summary>
        public void Initialize()
        {
            _initialized = false;
            _bank = -1;

            // Errata 19 / DS §4.9: a chip left in power save must wake up before the soft reset.
            BitFieldClear(Enc28j60Registers.ECON2, Enc28j60Bits.ECON2_PWRSV);
            WaitMilliseconds(_resetWait, "wake-up wait before the soft reset (ECON2.PWRSV cleared)");

            _command[0] = Enc28j60Opcodes.SystemResetCommand;
            _spi.Write(_command, 0, 1);
            _bank = 0; // SRC clears ECON1 (BSEL = 0)

            // Errata 2: CLKRDY is not cleared by the SPI reset, so wait at least 1 ms by the clock before trusting it.
            WaitMilliseconds(_resetWait, "soft reset wait (errata 2)");

            int estat = ReadRegister(Enc28j60Registers.ESTAT);
            if ((estat & Enc28j60Bits.ESTAT_UNIMPLEMENTED3) != 0)
            {
                throw new IOException("ENC28J60: ESTAT reads 0x" + estat.ToString("X2") + " after the soft reset, with unimplemented bit 3 set: MISO is stuck high or no chip answers on this SPI bus");
            }

            if ((estat & Enc28j60Bits.ESTAT_CLKRDY) == 0 && !Poll(Enc28j60Registers.ESTAT, Enc28j60Bits.ESTAT_CLKRDY, Enc28j60Bits.ESTAT_CLKRDY, _registerTimeout))
            {
                throw new TimeoutException("ENC28J60: ESTAT.CLKRDY not set " + _registerTimeout.ToString() + " ms after the soft reset (ESTAT=0x" + _lastPolled.ToString("X2") + "): the chip is missing or unpowered, or MISO is stuck low");
            }

            int revision = ReadRegister(Enc28j60Registers.EREVID);
            if (revision == 0x00 || revision == 0xFF)
            {
                throw new IOException("ENC28J60: EREVID reads 0x" + revision.ToString("X2") + ": no ENC28J60 answers on this SPI bus");
            }

            _revision = revision & 0x1F;

            // DS §6.1: bank 0, receive off; buffer pointers auto-increment.
            WriteRegister(Enc28j60Registers.ECON1, 0);
            _bank = 0;
            WriteRegister(Enc28j60Registers.ECON2, Enc28j60Bits.ECON2_AUTOINC | Enc28j60Bits.ECON2_VRPS);

            // Receive ring at 0000h (errata 5), read pointer odd (errata 14), transmit area above it.
            WriteRingRegisters();
            WriteRegisterPair(Enc28j60Registers.ETXSTL, Enc28j60Registers.ETXSTH, _txStart);
            WriteRegisterPair(Enc28j60Registers.ETXNDL, Enc28j60Registers.ETXNDH, _txStart);
            WriteRegisterPair(Enc28j60Registers.EWRPTL, Enc28j60Registers.EWRPTH, _txStart);
            _transmitStart = _txStart;
            _transmitEnd = _txStart;
            _writePointer = _txStart;

            // DS §6.3: filters. Unicast to us, broadcast, CRC check; multicast on request.
            int filter = Enc28j60Bits.ERXFCON_UCEN | Enc28j60Bits.ERXFCON_CRCEN | Enc28j60Bits.ERXFCON_BCEN;
            if (_acceptMulticast)
            {
                filter |= Enc28j60Bits.ERXFCON_MCEN;
            }

            WriteRegister(Enc28j60Registers.ERXFCON, filter);

            // DS §6.5: MAC.
            WriteRegister(Enc28j60Registers.MACON1, Enc28j60Bits.MACON1_MARXEN | (_fullDuplex ? Enc28j60Bits.MACON1_TXPAUS | Enc28j60Bits.MACON1_RXPAUS : 0));
            WriteRegister(Enc28j60Registers.MACON3, Enc28j60Bits.MACON3_PADCFG0 | Enc28j60Bits.MACON3_TXCRCEN | Enc28j60Bits.MACON3_FRMLNEN | (_fullDuplex ? Enc28j60Bits.MACON3_FULDPX : 0));
            WriteRegister(Enc28j60Registers.MACON4, _fullDuplex ? 0 : Enc28j60Bits.MACON4_DEFER);
            WriteRegisterPair(Enc28j60Registers.MAMXFLL, Enc28j60Registers.MAMXFLH, MaxFrameLengthWithFcs);
            WriteRegister(Enc28j60Registers.MABBIPG, _fullDuplex ? 0x15 : 0x12);
            WriteRegister(Enc28j60Registers.MAIPGL, 0x12);
            if (!_fullDuplex)
            {
                WriteRegister(Enc28j60Registers.MAIPGH, 0x0C);

                // Errata 13: a wider collision window turns fewer false collisions into late-collision aborts (as MCHP).
                WriteRegister(Enc28j60Registers.MACLCON2, 63);
            }

            // MAC address, datasheet order: MAADR1 (address 04h) holds the first octet.
            WriteRegister(Enc28j60Registers.MAADR1, _mac[0]);
            WriteRegister(Enc28j60Registers.MAADR2, _mac[1]);
            WriteRegister(Enc28j60Registers.MAADR3, _mac[2]);
            WriteRegister(Enc28j60Registers.MAADR4, _mac[3]);
            WriteRegister(Enc28j60Registers.MAADR5, _mac[4]);
            WriteRegister(Enc28j60Registers.MAADR6, _mac[5]);

            // DS §6.6: PHY. PDPXMD must match MACON3.FULDPX and is always written (errata 16); half duplex does not
            // loop its own transmissions back (HDLDIS, errata 9); link changes raise LINKIF (PHIE).
            WritePhy(Enc28j60PhyRegisters.PHCON1, _fullDuplex ? Enc28j60Bits.PHCON1_PDPXMD : 0, "PHCON1");
            WritePhy(Enc28j60PhyRegisters.PHCON2, _fullDuplex ? 0 : Enc28j60Bits.PHCON2_HDLDIS, "PHCON2");
            WritePhy(Enc28j60PhyRegisters.PHLCON, _ledConfiguration, "PHLCON");
            WritePhy(Enc28j60PhyRegisters.PHIE, Enc28j60Bits.PHIE_PGEIE | Enc28j60Bits.PHIE_PLNKIE, "PHIE");
            ReadPhy(Enc28j60PhyRegisters.PHIR, "PHIR");
            _linkUp = (ReadPhy(Enc28j60PhyRegisters.PHSTAT2, "PHSTAT2") & Enc28j60Bits.PHSTAT2_LSTAT) != 0;

            // DS §12: interrupts. Transmit completion is checked when the next frame goes out; TXIE is set only while
            // that check has to wait (see WaitForTransmitInterrupt).
            BitFieldClear(Enc28j60Registers.EIR, Enc28j60Bits.EIR_DMAIF | Enc28j60Bits.EIR_LINKIF | Enc28j60Bits.EIR_TXIF | Enc28j60Bits.EIR_TXERIF | Enc28j60Bits.EIR_RXERIF);
            WriteRegister(Enc28j60Registers.EIE, InterruptEnable);
            _confirm = false;
            Interlocked.Exchange(ref _edge, 0);

            _transmitPending = false;
            _packetWaiting = false;
            BitFieldSet(Enc28j60Registers.ECON1, Enc28j60Bits.ECON1_RXEN);
            _lastHousekeeping = _clock.Milliseconds;
            _initialized = true;
        }

        /// <summary>
        /// Copies the next received frame (without FCS) to <paramref name="buffer"/> and returns its length, or 0.
        /// Bad frames are dropped and counted; a corrupted ring is reset and counted. Never throws for network input.
        /// Up to 25 bytes after the frame, within <paramref name="capacity"/>, may be used as scratch (prefetch of the
        /// next packet's header), so a buffer with that much room saves one SPI frame per frame in a burst.
        /// </summary>
        public int Receive(byte[] buffer, int offset, int capacity)
        {
            EnsureInitialized();

            // Bounded: each turn consumes one packet the chip counted, or ends.
            for (int turn = 0; turn < 256; turn++)
            {
                if (!_packetWaiting)
                {
                    Service();
                    if (!_packetWaiting)
                    {
                        return 0;
                    }
                }

                int length = ReadPacket(buffer, offset, capacity);
                if (length > 0)
                {
                    return length;
                }
            }

            return 0;
        }

        /// <summary>
        /// Writes one frame (destination MAC through payload; the chip pads to 60 and appends the FCS) and starts
        /// its transmission. While the previous frame is still on the wire it is written into the idle transmit area
        /// (two areas), then the driver waits (bounded) for that one to end before starting it. Frames outside
        /// 14..1514 bytes or sent while the link is down are dropped and counted.
        /// </summary>
        public void Send(byte[] buffer, int offset, int length)
        {
            EnsureInitialized();
            if (length < EthernetFrameLimits.HeaderLength || length > EthernetFrameLimits.MaxFrameLength)
            {
                _statistics.CountTransmitDroppedLength();
                return;
            }

            if (!_linkUp)
            {
                _statistics.CountTransmitDroppedLinkDown();
                return;
            }

            // The previous frame: one read says whether it has left. Still on the wire with a second area idle: this
            // frame is written meanwhile and started once that one has ended (its errata paths run first).
            bool inFlight = false;
            if (_transmitPending)
            {
                if (TransmissionEnded())
                {
                    FinishTransmission(false, true);
                }
                else if (_txSecond < 0)
                {
                    FinishTransmission(false, false);
                }
                else
                {
                    inFlight = true;
                }
            }

            int area = !inFlight ? _transmitStart : _transmitStart == _txStart ? _txSecond : _txStart;
            WriteFrame(area, buffer, offset, length);
            if (inFlight)
            {
                _statistics.CountWrittenDuringTransmission();
                FinishTransmission(false, false);
            }

            if (!_fullDuplex)
            {
                // Errata 12: after an abort in half duplex the transmit logic can stall; reset it before every frame.
                ResetTransmitLogic();
            }

            // ETXST and ETXND are not touched while a transmission runs (DS §7.1): only now, with none in flight.
            int end = area + length;
            WriteChangedPair(Enc28j60Registers.ETXSTL, Enc28j60Registers.ETXSTH, _transmitStart, area);
            WriteChangedPair(Enc28j60Registers.ETXNDL, Enc28j60Registers.ETXNDH, _transmitEnd, end);
            _transmitStart = area;
            _transmitEnd = end;
            BitFieldSet(Enc28j60Registers.ECON1, Enc28j60Bits.ECON1_TXRTS);
            _transmitPending = true;
            _transmitLength = length;
            _transmitRetries = 0;
            _statistics.CountSent(length);
        }

        /// <summary>Writes the control byte and the frame at <paramref name="area"/> in one WBM (EWRPT moved first, only the bytes that differ).</summary>
        private void WriteFrame(int area, byte[] buffer, int offset, int length)
        {
            WriteChangedPair(Enc28j60Registers.EWRPTL, Enc28j60Registers.EWRPTH, _writePointer, area);

            // One WBM: opcode, per-packet control byte 00h (use MACON3: pad, CRC), frame.
            _transmit[1] = 0x00;
            Array.Copy(buffer, offset, _transmit, 2, length);
            _spi.Write(_transmit, 0, 2 + length);
            _writePointer = (area + 1 + length) & BufferEnd;
        }

        /// <summary>Writes the bytes of a register pair whose value changes from <paramref name="current"/> to <paramref name="value"/>.</summary>
        private void WriteChangedPair(int low, int high, int current, int value)
        {
            if ((current & 0xFF) != (value & 0xFF))
            {
                WriteRegister(low, value & 0xFF);
            }

            if ((current >> 8) != (value >> 8))
            {
                WriteRegister(high, value >> 8);
            }
        }

        /// <summary>
        /// Looks at the chip's interrupt sources when something may have happened (INT edge or level, housekeeping
        /// interval, the end of a burst, or always when polling) and reads ERXWRPT. EIE.INTIE stays set: while the stack
        /// polls, the INT level says whether a flag is set, so clearing and setting INTIE around every burst (two SPI
        /// frames) buys nothing. Service loops while INT stays low; only if it is still low after the bounded rounds is
        /// INTIE pulsed, so that a waiter on the falling edge gets a fresh one.
        /// </summary>
        private void Service()
        {
            long now = _clock.Milliseconds;
            bool housekeeping = now - _lastHousekeeping >= _housekeepingInterval;
            bool signalled = false;
            if (_pin != null)
            {
                bool edge = Interlocked.Exchange(ref _edge, 0) != 0;
                signalled = edge || _pin.IsLow;

                // Errata 6: after the last PKTDEC of a burst ERXWRPT is read once more whatever INT says, because a
                // packet stored during the burst may have lost its PKTIF to a later PKTDEC and pulled INT low no more.
                if (!signalled && !housekeeping && !_confirm)
                {
                    return; // nothing happened: no SPI traffic at all
                }
            }

            // Bounded: another round only while INT stays low (a flag still set).
            for (int round = 0; round < 4; round++)
            {
                // Errata 6: the hardware write pointer, not EIR.PKTIF, says whether packets wait.
                _packetWaiting = ReadReceiveWritePointer();
                _confirm = false;

                // EIR when INT was low with no packet waiting (another flag), at the housekeeping interval, and in half
                // duplex while a frame is in flight (a late collision is retransmitted now, errata 13, not at the next
                // Send). Flags left set while a burst is read keep INT low, so the round after the burst reads them.
                bool halfDuplexInFlight = _transmitPending && !_fullDuplex;
                if (housekeeping || halfDuplexInFlight || (signalled && !_packetWaiting))
                {
                    if (housekeeping || signalled)
                    {
                        _lastHousekeeping = now;
                        _statistics.CountInterruptService();
                    }

                    housekeeping = false;
                    HandleFlags(ReadRegister(Enc28j60Registers.EIR));
                }

                if (_packetWaiting)
                {
                    return;
                }

                Release();
                if (_pin == null || !_pin.IsLow)
                {
                    return;
                }

                signalled = true;
            }

            // INT stayed low through every round: a fresh falling edge once the flag clears and another is set.
            BitFieldClear(Enc28j60Registers.EIE, Enc28j60Bits.EIE_INTIE);
            BitFieldSet(Enc28j60Registers.EIE, Enc28j60Bits.EIE_INTIE);
        }

        private void HandleFlags(int eir)
        {
            if ((eir & Enc28j60Bits.EIR_LINKIF) != 0)
            {
                // DS §12.1.5: reading PHIR clears LINKIF; PHSTAT2.LSTAT is the current (non-latching) state.
                ReadPhy(Enc28j60PhyRegisters.PHIR, "PHIR");
                bool up = (ReadPhy(Enc28j60PhyRegisters.PHSTAT2, "PHSTAT2") & Enc28j60Bits.PHSTAT2_LSTAT) != 0;
                if (up != _linkUp)
                {
                    _linkUp = up;
                    _statistics.CountLinkChange();
                }
            }

            if ((eir & Enc28j60Bits.EIR_TXERIF) != 0)
            {
                if (_transmitPending)
                {
                    FinishTransmission(true, false);
                }
                else
                {
                    _statistics.CountTransmitAbort();
                    ResetTransmitLogic();
                }
            }
            else if ((eir & Enc28j60Bits.EIR_TXIF) != 0 && _transmitPending && !_fullDuplex)
            {
                // Half duplex sends start with a TXRST pulse that clears TXIF, so TXIF here is this frame's success.
                _transmitPending = false;
            }

            if ((eir & Enc28j60Bits.EIR_RXERIF) != 0)
            {
                // DS §12.1.2: the ring was full; the frames already in it are intact and are read as usual.
                _statistics.CountReceiveOverflow();
                BitFieldClear(Enc28j60Registers.EIR, Enc28j60Bits.EIR_RXERIF);
            }
        }

        /// <summary>Reads the packet at <see cref="_nextPacket"/>; returns its length, or 0 when it was dropped.</summary>
        private int ReadPacket(byte[] buffer, int offset, int capacity)
        {
            int packetStart = _nextPacket;
            int headerOffset = 1 + _skip;
            if (_prefetched)
            {
                // The previous frame's read already brought this header and the first frame bytes into _head.
                _prefetched = false;
            }
            else
            {
                int count = headerOffset + ReceiveHeader.Length + HeadFrameBytes;
                _spi.TransferFullDuplex(_readCommand, 0, _head, 0, count);
            }

            int result = ReceiveHeader.Check(_head, headerOffset, packetStart, RingStart, _rxEnd);
            if (ReceiveHeader.IsCorrupt(result))
            {
                _statistics.CountHeaderResult(result);
                ResetReceiveLogic();
                return 0;
            }

            int next = ReceiveHeader.NextPacketPointer(_head, headerOffset);
            int byteCount = ReceiveHeader.ByteCount(_head, headerOffset);
            int frameLength = byteCount - ReceiveHeader.FcsLength;
            if (result != ReceiveHeader.Valid || frameLength > capacity)
            {
                if (result == ReceiveHeader.Valid)
                {
                    _statistics.CountReceiveTooLong();
                }
                else
                {
                    _statistics.CountHeaderResult(result);
                }

                // Skip the rest of this packet: ERDPT straight to the next header.
                WriteRegisterPair(Enc28j60Registers.ERDPTL, Enc28j60Registers.ERDPTH, next);
                _skip = 0;
                FinishPacket(next);
                return 0;
            }

            int rest = frameLength - HeadFrameBytes;
            int tail = ReceiveHeader.FcsLength + (byteCount & 1);

            // Prefetch: when another complete packet follows and the caller's buffer has room after this frame, the
            // same RBM continues through this frame's FCS and pad into the next header and its first frame bytes.
            int prefetch = tail + ReceiveHeader.Length + HeadFrameBytes;
            bool prefetching = rest > 0 && KnownComplete(next) && frameLength + prefetch <= capacity;
            if (rest > 0)
            {
                // The opcode's reply byte lands on buffer[offset + 13]; the copy below overwrites it with frame byte 13.
                _spi.TransferFullDuplex(_readCommand, 0, buffer, offset + HeadFrameBytes - 1, 1 + rest + (prefetching ? prefetch : 0));
            }

            Array.Copy(_head, headerOffset + ReceiveHeader.Length, buffer, offset, HeadFrameBytes);
            if (prefetching)
            {
                // Same layout as a fresh first read: _head[1..] = FCS and pad, header, first frame bytes.
                Array.Copy(buffer, offset + frameLength, _head, 1, prefetch);
                _prefetched = true;
            }

            _skip = tail;
            FinishPacket(next);
            _statistics.CountReceived(frameLength);
            return frameLength;
        }

        private void FinishPacket(int next)
        {
            _nextPacket = next;
            BitFieldSet(Enc28j60Registers.ECON2, Enc28j60Bits.ECON2_PKTDEC);
            _packetWaiting = KnownComplete(next);
            if (!_packetWaiting)
            {
                _confirm = true;
            }

            // Within a burst, give space back only once a quarter of the ring is held; otherwise at the burst's end.
            if (ReceiveRing.Distance(_released, _nextPacket, RingStart, _rxEnd) > (_rxEnd + 1) / 4)
            {
                Release();
            }
        }

        /// <summary>
        /// Reads ERXWRPT, where the chip stores the next packet once the current one is complete (DS §7.2.1: it
        /// advances only when a packet has been received whole), and returns whether a complete packet waits at
        /// <see cref="_nextPacket"/>. ERXWRPTL alone answers unless it equals the next packet's low byte: then ERXWRPTH
        /// tells an empty ring from waiting packets that fill a multiple of 256 bytes. Bank 0 like ERXRDPT, EWRPT and
        /// ETXND, so receiving and sending never switch banks (EPKTCNT is in bank 1). EPKTCNT still counts the packets
        /// (PKTDEC per packet) so that the chip never stops at 255.
        /// </summary>
        private bool ReadReceiveWritePointer()
        {
            _writtenLow = ReadRegister(Enc28j60Registers.ERXWRPTL);
            _writtenHigh = -1;
            if (_writtenLow != (_nextPacket & 0xFF))
            {
                return true;
            }

            // A packet completing between the two reads moved ERXWRPT: it is there either way.
            _writtenHigh = ReadRegister(Enc28j60Registers.ERXWRPTH);
            return _writtenHigh != (_nextPacket >> 8);
        }

        /// <summary>
        /// True when ERXWRPT as last read proves a complete packet at <paramref name="packet"/> (within the packets
        /// complete at that read). False when it cannot tell: the burst ends and ERXWRPT is read again (errata 6).
        /// </summary>
        private bool KnownComplete(int packet)
        {
            return _writtenLow != (packet & 0xFF) || (_writtenHigh >= 0 && _writtenHigh != (packet >> 8));
        }

        /// <summary>Moves ERXRDPT up to the last whole page before the next packet (one write of ERXRDPTH).</summary>
        private void Release()
        {
            int target = ReceiveRing.PageFreeingPointer(_nextPacket, RingStart, _rxEnd);
            if (target != _released)
            {
                WriteRegister(Enc28j60Registers.ERXRDPTH, target >> 8);
                _released = target;
            }
        }

        /// <summary>After a corrupted header: receive logic reset, empty ring, packet count back to 0 (as LNX).</summary>
        private void ResetReceiveLogic()
        {
            BitFieldClear(Enc28j60Registers.ECON1, Enc28j60Bits.ECON1_RXEN);
            BitFieldSet(Enc28j60Registers.ECON1, Enc28j60Bits.ECON1_RXRST);
            BitFieldClear(Enc28j60Registers.ECON1, Enc28j60Bits.ECON1_RXRST);
            WriteRingRegisters();
            int count = ReadRegister(Enc28j60Registers.EPKTCNT);
            for (int i = 0; i < count; i++)
            {
                BitFieldSet(Enc28j60Registers.ECON2, Enc28j60Bits.ECON2_PKTDEC);
            }

            _packetWaiting = false;
            _confirm = true;
            BitFieldClear(Enc28j60Registers.EIR, Enc28j60Bits.EIR_RXERIF);
            BitFieldSet(Enc28j60Registers.ECON1, Enc28j60Bits.ECON1_RXEN);
            _statistics.CountReceiveReset();
        }

        /// <summary>ERXST/ERXND (which also reset the hardware write pointer), ERXRDPT = ERXND (odd, errata 14), ERDPT = ERXST.</summary>
        private void WriteRingRegisters()
        {
            WriteRegisterPair(Enc28j60Registers.ERXSTL, Enc28j60Registers.ERXSTH, RingStart);
            WriteRegisterPair(Enc28j60Registers.ERXNDL, Enc28j60Registers.ERXNDH, _rxEnd);

            // ERXRDPTL is buffered until ERXRDPTH is written (DS §7.2.4); its FFh stays buffered for later releases.
            WriteRegisterPair(Enc28j60Registers.ERXRDPTL, Enc28j60Registers.ERXRDPTH, _rxEnd);
            _released = _rxEnd;
            WriteRegisterPair(Enc28j60Registers.ERDPTL, Enc28j60Registers.ERDPTH, RingStart);
            _nextPacket = RingStart;
            _skip = 0;
            _prefetched = false;
        }

        /// <summary>
        /// Waits for the frame in flight. <paramref name="errorSeen"/>: EIR.TXERIF was already read as set.
        /// <paramref name="ended"/>: <see cref="TransmissionEnded"/> just said so (<see cref="_lastPolled"/> holds the read).
        /// Half duplex: a late collision (TSV bit 29, errata 13/15) is retransmitted up to the configured count.
        /// </summary>
        private void FinishTransmission(bool errorSeen, bool ended)
        {
            for (int attempt = 0; attempt <= _lateCollisionRetries + 1; attempt++)
            {
                // Half duplex: the TXRST pulse before this frame (and before each retry) cleared TXIF, so EIR alone says
                // that the frame ended (TXIF) and how (TXERIF): one read where ECON1 and then EIR took two.
                bool known = ended && attempt == 0;
                if (!known && !WaitForTransmission())
                {
                    // Errata 12: TXRTS can stay set for ever; cancel, reset the transmit logic, lose the frame.
                    BitFieldClear(Enc28j60Registers.ECON1, Enc28j60Bits.ECON1_TXRTS);
                    ResetTransmitLogic();
                    _statistics.CountTransmitTimeout();
                    _transmitPending = false;
                    return;
                }

                if (!errorSeen && _fullDuplex)
                {
                    // Full duplex can only abort a giant frame, which Send never writes; TXERIF is still serviced.
                    _transmitPending = false;
                    return;
                }

                // Full duplex gets here only with TXERIF seen; half duplex has EIR from the wait.
                bool aborted = errorSeen || (_lastPolled & Enc28j60Bits.EIR_TXERIF) != 0;
                errorSeen = false;
                if (!aborted)
                {
                    _transmitPending = false;
                    return;
                }

                bool late = ReadTransmitStatusLateCollision();
                BitFieldClear(Enc28j60Registers.ESTAT, Enc28j60Bits.ESTAT_TXABRT | Enc28j60Bits.ESTAT_LATECOL);
                ResetTransmitLogic();
                if (!late || _fullDuplex || _transmitRetries >= _lateCollisionRetries)
                {
                    _statistics.CountTransmitAbort();
                    _transmitPending = false;
                    return;
                }

                // The frame is still in the transmit area: request it again.
                _transmitRetries++;
                _statistics.CountTransmitRetry();
                BitFieldSet(Enc28j60Registers.ECON1, Enc28j60Bits.ECON1_TXRTS);
            }

            _transmitPending = false;
        }

        /// <summary>
        /// Waits until the frame in flight has left the chip: true when it did, false at the transmit timeout (a clock
        /// deadline). One register read when it already has (the usual case: the stack works between two frames).
        /// Full duplex reads ECON1.TXRTS; half duplex reads EIR, whose TXIF the TXRST pulse before the frame cleared
        /// and whose TXERIF tells an abort (<see cref="_lastPolled"/>). Never sleeps: with an INT pin it blocks until TXIF
        /// pulls INT low; without one it reads the register until the frame's wire time has passed.
        /// </summary>
        private bool WaitForTransmission()
        {
            if (TransmissionEnded())
            {
                return true;
            }

            int register = _fullDuplex ? Enc28j60Registers.ECON1 : Enc28j60Registers.EIR;
            int mask = _fullDuplex ? Enc28j60Bits.ECON1_TXRTS : Enc28j60Bits.EIR_TXIF;
            int expected = _fullDuplex ? 0 : Enc28j60Bits.EIR_TXIF;

            long deadline = _clock.Milliseconds + _transmitTimeout;
            if (_pin == null)
            {
                // Bounded by the clock and, for a clock that does not move, by the read count.
                int limit = _transmitTimeout * _maxPollsPerMillisecond;
                for (int reads = 1; ; reads++)
                {
                    // The time is taken before the read (see Poll).
                    bool expired = reads >= limit || _clock.Milliseconds >= deadline;
                    if (Ended(register, mask, expected))
                    {
                        return true;
                    }

                    if (expired)
                    {
                        return false;
                    }
                }
            }

            return WaitForTransmitInterrupt(register, mask, expected, deadline);
        }

        /// <summary>
        /// Lets only TXIF drive INT (EIE = INTIE | TXIE: a packet arriving meanwhile would otherwise hold INT low and
        /// hide the edge), then blocks until INT falls or the deadline passes, and puts EIE back. Its PKTIF and the other
        /// flags pull INT low again then, so the next Receive sees them. Full duplex first clears the TXIF that every
        /// earlier frame left set, and reads ECON1 once more in case this frame ended before that clear.
        /// </summary>
        private bool WaitForTransmitInterrupt(int register, int mask, int expected, long deadline)
        {
            if (_fullDuplex)
            {
                BitFieldClear(Enc28j60Registers.EIR, Enc28j60Bits.EIR_TXIF);
            }

            WriteRegister(Enc28j60Registers.EIE, Enc28j60Bits.EIE_INTIE | Enc28j60Bits.EIE_TXIE);
            _interrupt.Reset();
            bool ended = _fullDuplex && Ended(register, mask, expected);
            for (int turn = 0; !ended && turn < MaxInterruptWaits; turn++)
            {
                if (_pin.IsLow)
                {
                    // INT can only mean TXIF now. Half duplex reads EIR for TXERIF (an abort, errata 13/15).
                    ended = _fullDuplex || Ended(register, mask, expected);
                    break;
                }

                long left = deadline - _clock.Milliseconds;
                if (left <= 0)
                {
                    break;
                }

                if (_interruptWait != null)
                {
                    _interruptWait((int)left);
                }
                else
                {
                    _interrupt.WaitOne((int)left, false);
                }
            }

            WriteRegister(Enc28j60Registers.EIE, InterruptEnable);

            // An INT line that never falls (not wired, broken) must not lose frames: one last look at the register.
            return ended || Ended(register, mask, expected);
        }

        /// <summary>One read: ECON1.TXRTS clear (full duplex) or EIR.TXIF set (half duplex, EIR kept in <see cref="_lastPolled"/>).</summary>
        private bool TransmissionEnded()
        {
            return _fullDuplex
                ? Ended(Enc28j60Registers.ECON1, Enc28j60Bits.ECON1_TXRTS, 0)
                : Ended(Enc28j60Registers.EIR, Enc28j60Bits.EIR_TXIF, Enc28j60Bits.EIR_TXIF);
        }

        private bool Ended(int register, int mask, int expected)
        {
            _lastPolled = ReadRegister(register);
            return (_lastPolled & mask) == expected;
        }

        /// <summary>Reads the status vector at ETXND+1 (errata 15: trust its bit 29, not ESTAT.LATECOL), then puts ERDPT back.</summary>
        private bool ReadTransmitStatusLateCollision()
        {
            int address = (_transmitStart + _transmitLength + 1) & BufferEnd;
            WriteRegisterPair(Enc28j60Registers.ERDPTL, Enc28j60Registers.ERDPTH, address);
            _spi.TransferFullDuplex(_readCommand, 0, _status, 0, _status.Length);

            // The receive side reads sequentially from ERDPT: point it at the next header again.
            WriteRegisterPair(Enc28j60Registers.ERDPTL, Enc28j60Registers.ERDPTH, _nextPacket);
            _skip = 0;
            _prefetched = false;
            return TransmitStatusVector.IsLateCollision(_status, 1);
        }

        /// <summary>Errata 12: pulse ECON1.TXRST, then clear TXIF and TXERIF (leaving reset can set TXERIF).</summary>
        private void ResetTransmitLogic()
        {
            BitFieldSet(Enc28j60Registers.ECON1, Enc28j60Bits.ECON1_TXRST);
            BitFieldClear(Enc28j60Registers.ECON1, Enc28j60Bits.ECON1_TXRST);
            BitFieldClear(Enc28j60Registers.EIR, Enc28j60Bits.EIR_TXIF | Enc28j60Bits.EIR_TXERIF);
        }

        private int ReadPhy(int address, string name)
        {
            WriteRegister(Enc28j60Registers.MIREGADR, address);
            WriteRegister(Enc28j60Registers.MICMD, Enc28j60Bits.MICMD_MIIRD);
            WaitMiiIdle(name);
            WriteRegister(Enc28j60Registers.MICMD, 0);
            int low = ReadRegister(Enc28j60Registers.MIRDL);
            int high = ReadRegister(Enc28j60Registers.MIRDH);
            return low | (high << 8);
        }

        private void WritePhy(int address, int value, string name)
        {
            WriteRegister(Enc28j60Registers.MIREGADR, address);
            WriteRegister(Enc28j60Registers.MIWRL, value & 0xFF);
            WriteRegister(Enc28j60Registers.MIWRH, (value >> 8) & 0xFF); // starts the MII write
            WaitMiiIdle(name);
        }

        private void WaitMiiIdle(string name)
        {
            if (!Poll(Enc28j60Registers.MISTAT, Enc28j60Bits.MISTAT_BUSY, 0, _registerTimeout))
            {
                throw new TimeoutException("ENC28J60: MISTAT.BUSY still set " + _registerTimeout.ToString() + " ms after accessing PHY register " + name + " (MISTAT=0x" + _lastPolled.ToString("X2") + ")");
            }
        }

        /// <summary>
        /// Reads <paramref name="register"/> until (value &amp; mask) == expected; false when the timeout passes by the
        /// tick or the poll count runs out (a clock that does not move). Calls the delay callback after every
        /// <see cref="SpinPollsBeforeDelay"/> polls.
        /// </summary>
        private bool Poll(int register, int mask, int expected, int timeoutMilliseconds)
        {
            long start = _clock.Milliseconds;
            int limit = timeoutMilliseconds * _maxPollsPerMillisecond;
            for (int polls = 1; ; polls++)
            {
                // The time is taken before the read, so the last read always happens after the deadline: a thread
                // descheduled between a read and the check must not fail a chip that has answered meanwhile.
                bool expired = polls >= limit || _clock.Milliseconds - start >= timeoutMilliseconds;
                int value = ReadRegister(register);
                _lastPolled = value;
                if ((value & mask) == expected)
                {
                    return true;
                }

                if (expired)
                {
                    return false;
                }

                // Most waits end within a few polls (a frame leaving the wire, an MII operation of 10 µs): spin
                // first, give the processor away only when the chip takes longer.
                if (_delay != null && polls % SpinPollsBeforeDelay == 0)
                {
                    _delay(1);
                }
            }
        }

        /// <summary>Waits until the tick has advanced by <paramref name="milliseconds"/>; fails if the clock does not move.</summary>
        private void WaitMilliseconds(int milliseconds, string step)
        {
            long start = _clock.Milliseconds;
            int limit = _delay != null ? 4 * milliseconds + 8 : milliseconds * _maxPollsPerMillisecond * 100;
            for (int turn = 0; turn < limit; turn++)
            {
                if (_clock.Milliseconds - start >= milliseconds)
                {
                    return;
                }

                if (_delay != null)
                {
                    _delay(1);
                }
            }

            if (_clock.Milliseconds - start >= milliseconds)
            {
                return;
            }

            throw new TimeoutException("ENC28J60: the tick source did not advance during the " + step + "; a clock that only moves by hand needs Enc28j60Options.Delay to advance it");
        }

        private void EnsureInitialized()
        {
            if (!_initialized)
            {
                throw new InvalidOperationException("ENC28J60: call Initialize() before using the link");
            }
        }

        private void OnFallingEdge(IInterruptPin pin)
        {
            Interlocked.Exchange(ref _edge, 1);
            _interrupt.Set();
        }

        // --- SPI instructions (each call is one chip-select frame) ---

        private int ReadRegister(int register)
        {
            SelectBankFor(register);
            _command[0] = Enc28j60Opcodes.For(Enc28j60Opcodes.ReadControlRegister, register);
            _command[1] = 0;
            _command[2] = 0;
            int count = Enc28j60Registers.IsMacOrMii(register) ? 3 : 2; // MAC/MII: dummy byte first
            _spi.TransferFullDuplex(_command, 0, _reply, 0, count);
            return _reply[count - 1];
        }

        /// <summary>A 16-bit register pair, low byte first (for ERXRDPT the low byte is latched until the high one is written).</summary>
        private void WriteRegisterPair(int low, int high, int value)
        {
            WriteRegister(low, value & 0xFF);
            WriteRegister(high, (value >> 8) & 0xFF);
        }

        private void WriteRegister(int register, int value)
        {
            SelectBankFor(register);
            Instruction(Enc28j60Opcodes.WriteControlRegister, register, value);
        }

        /// <summary>BFS: ETH registers only (DS §4.2.5).</summary>
        private void BitFieldSet(int register, int mask)
        {
            SelectBankFor(register);
            Instruction(Enc28j60Opcodes.BitFieldSet, register, mask);
        }

        /// <summary>BFC: ETH registers only (DS §4.2.6).</summary>
        private void BitFieldClear(int register, int mask)
        {
            SelectBankFor(register);
            Instruction(Enc28j60Opcodes.BitFieldClear, register, mask);
        }

        private void Instruction(byte opcode, int register, int value)
        {
            _command[0] = Enc28j60Opcodes.For(opcode, register);
            _command[1] = (byte)value;
            _spi.Write(_command, 0, 2);
        }

        private void SelectBankFor(int register)
        {
            if (!Enc28j60Registers.IsCommon(register))
            {
                SelectBank(Enc28j60Registers.Bank(register));
            }
        }

        /// <summary>Cached bank switch: one BFC and/or one BFS of ECON1.BSEL1:BSEL0, only for the bits that differ.</summary>
        private void SelectBank(int bank)
        {
            if (bank == _bank)
            {
                return;
            }

            int current = _bank < 0 ? 0x03 : _bank;
            int clear = current & ~bank;
            int set = _bank < 0 ? bank : bank & ~current;
            if (clear != 0)
            {
                Instruction(Enc28j60Opcodes.BitFieldClear, Enc28j60Registers.ECON1, clear);
            }

            if (set != 0)
            {
                Instruction(Enc28j60Opcodes.BitFieldSet, Enc28j60Registers.ECON1, set);
            }

            _bank = bank;
        }
    }
}
