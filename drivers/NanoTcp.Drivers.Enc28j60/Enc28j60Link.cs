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
    /// header and as many following bytes as ERXWRPTL proves complete (at least 14, at most 256 with the header; into
    /// a driver array), so a short frame comes whole in it; for a longer one, one RBM for the rest of the frame
    /// straight into the caller's buffer; one BFS ECON2.PKTDEC. ERDPT is never rewritten: reading sequentially keeps it on the next
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
    public sealed partial class Enc28j60Link : IEthernetLink
    {
        /// <summary>
        /// Header and first frame bytes that a complete packet always has (the chip stores frames of 18 bytes or more
        /// with FCS): read with the header, so that a second read can start inside the caller's buffer.
        /// </summary>
        private const int MinimumHeadBytes = ReceiveHeader.Length + 14;

        /// <summary>
        /// Packet bytes the first read of a packet takes at most when ERXWRPT proves them complete: a frame of up to
        /// 246 bytes (ACKs, ARP, DNS) comes whole with its header, in one RBM, and is copied from the driver's array.
        /// </summary>
        private const int HeadPacketBytes = 256;

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
        private readonly int _recoveryInterval;

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

        // Receive state: where the next header is; how many bytes of the previous packet (FCS, pad) still lie
        // between ERDPT and it, or how many of its own bytes are already in _head from _headStart (ERDPT past them);
        // whether a complete packet is known to wait there, ERXWRPT as last read (its high byte -1 when only the low
        // byte was read), and the ERXRDPT last written.
        private int _nextPacket;
        private int _skip;
        private int _headStart;
        private int _headCount;
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
            _recoveryInterval = options.ChipRecoveryIntervalMilliseconds < 1 ? 1 : options.ChipRecoveryIntervalMilliseconds;

            // RBM opcode followed by zeros, long enough for the longest read (opcode, skip, header, whole frame).
            _readCommand = new byte[1 + ReceiveHeader.FcsLength + 1 + ReceiveHeader.Length + MaxFrameLengthWithFcs];
            _readCommand[0] = Enc28j60Opcodes.ReadBufferMemory;
            _head = new byte[1 + ReceiveHeader.FcsLength + 1 + HeadPacketBytes];
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
    }
}
