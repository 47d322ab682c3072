using System;
using NanoTcp.Hardware;
using R = NanoTcp.Hardware.Enc28j60Model.Enc28j60Registers;

namespace NanoTcp.Hardware.Enc28j60Model
{
    /// <summary>
    /// Register-level model of a Microchip ENC28J60 rev. B7, written from shared/enc28j60/FACTS.md. The SPI side
    /// (<see cref="ISpiBus"/>: one call = one chip-select frame) decodes every instruction; <see cref="WireSide"/>
    /// is the cable; <see cref="InterruptPin"/> is the INT output. Time is the tick source plus the SPI clocking
    /// time (every byte takes 8 SCK periods), so a driver that polls a status bit sees it change even when a test's
    /// manual clock stands still. Thread-safe: every entry point takes one lock.
    /// </summary>
    public sealed class Enc28j60Chip : ISpiBus
    {
        private readonly object _lock = new object();
        private readonly ITickSource _clock;
        private long _spiBits;
        private long _idleNanoseconds;
        private long _clockReadyAtNanoseconds;
        private long _resetWindowEndNanoseconds = long.MinValue;
        private byte[] _arrival = new byte[BufferMemory.Size + 4];

        internal readonly RegisterFile Registers = new RegisterFile();
        internal readonly PhyLogic Phy;
        internal readonly ReceiveLogic Receiver;
        internal readonly TransmitLogic Transmitter;
        internal readonly DmaEngine Dma;
        internal readonly InterruptLogic Interrupts;
        internal readonly RegisterAccess Access;
        private readonly SpiInstructionDecoder _decoder;
        private readonly Enc28j60WireSide _wireSide;
        private readonly CableArrivals _cable;

        /// <summary>Powers the chip on: power-on reset, ESTAT.CLKRDY after the oscillator start-up time.</summary>
        public Enc28j60Chip(ITickSource clock, Enc28j60ModelOptions options = null)
        {
            _clock = clock ?? throw new ArgumentNullException(nameof(clock));
            Options = options ?? new Enc28j60ModelOptions();
            if (Options.SpiClockHz <= 0)
            {
                throw new ArgumentOutOfRangeException(nameof(options), "SpiClockHz must be positive");
            }

            Phy = new PhyLogic(this);
            Receiver = new ReceiveLogic(this);
            Transmitter = new TransmitLogic(this);
            Dma = new DmaEngine(this);
            Interrupts = new InterruptLogic(this);
            Access = new RegisterAccess(this);
            _decoder = new SpiInstructionDecoder(this);
            _wireSide = new Enc28j60WireSide(this);
            _cable = new CableArrivals(Options.CableFrames);
            Phy.PowerOn(Options.LinkUpAtStart);
            ResetCore(clockReady: false);
            _clockReadyAtNanoseconds = NowNanoseconds + Options.OscillatorStartupMicroseconds * 1000L;
        }

        public Enc28j60ModelOptions Options { get; }

        public Enc28j60Counters Counters { get; } = new Enc28j60Counters();

        /// <summary>The 8 KB buffer SRAM (a back door for tests; the driver only sees it through RBM/WBM/DMA).</summary>
        public BufferMemory Memory { get; } = new BufferMemory();

        /// <summary>The cable: Send = a frame arriving at the chip, Receive = a frame the chip transmitted.</summary>
        public Enc28j60WireSide WireSide => _wireSide;

        /// <summary>The INT output: active low, held while an enabled EIR flag is set and EIE.INTIE is 1.</summary>
        public Enc28j60InterruptPin InterruptPin => Interrupts.Pin;

        /// <summary>
        /// The chip's time in nanoseconds: tick source plus SPI clocking time plus the time a host spent in
        /// <see cref="WaitForInterrupt"/> (neither of the last two moves a manual clock).
        /// </summary>
        public long NowNanoseconds => _clock.Milliseconds * 1_000_000L + (long)(_spiBits * (1e9 / Options.SpiClockHz)) + _idleNanoseconds;

        /// <summary>True when the physical link is up (PHSTAT2.LSTAT).</summary>
        public bool IsLinkUp
        {
            get
            {
                lock (_lock)
                {
                    return Phy.LinkUp;
                }
            }
        }

        /// <summary>Frames transmitted by the chip and not yet taken by <see cref="WireSide"/>.Receive.</summary>
        public int PendingWireFrames
        {
            get
            {
                lock (_lock)
                {
                    Advance();
                    return Transmitter.OutboundCount;
                }
            }
        }

        /// <summary>
        /// Clock time (ms) at which the chip next has time-driven work (<see cref="Update"/> then completes a transmission):
        /// now while transmitted frames wait for the cable side, long.MaxValue when nothing is due. Lets a host loop wait
        /// for the chip instead of polling it.
        /// </summary>
        public long NextEventMilliseconds
        {
            get
            {
                lock (_lock)
                {
                    Advance();
                    long now = _clock.Milliseconds;
                    if (Transmitter.OutboundCount > 0)
                    {
                        return now;
                    }

                    long end = NextTimedEndNanoseconds;
                    if (end == long.MaxValue)
                    {
                        return long.MaxValue;
                    }

                    // Chip time runs ahead of the clock by the SPI time clocked so far.
                    long clockNanoseconds = end - (NowNanoseconds - now * 1_000_000L);
                    return (clockNanoseconds + 999_999L) / 1_000_000L;
                }
            }
        }

        /// <summary>Fault injection: plugs or unplugs the cable (PHSTAT2.LSTAT, PHSTAT1.LLSTAT, PHIR, EIR.LINKIF).</summary>
        public void SetLinkUp(bool up)
        {
            lock (_lock)
            {
                Advance();
                Phy.SetLink(up);
                if (!up)
                {
                    _cable.Clear();
                }

                Interrupts.UpdatePin();
            }
        }

        /// <summary>
        /// A frame arriving from the cable. With <paramref name="includesFcs"/> the last 4 bytes are the FCS as
        /// sent (so a test can deliver a bad CRC); without, the chip's receiver sees a correct FCS.
        /// </summary>
        public void ReceiveFromCable(byte[] buffer, int offset, int length, bool includesFcs)
        {
            lock (_lock)
            {
                Advance();
                int withFcs = includesFcs ? length : length + 4;
                if (withFcs > _arrival.Length)
                {
                    _arrival = new byte[withFcs]; // only for frames longer than the whole buffer memory
                }

                Array.Copy(buffer, offset, _arrival, 0, length);
                if (!includesFcs)
                {
                    EthernetCrc32.AppendFcs(_arrival, 0, length);
                }

                if (Options.ModelReceiveDuration && withFcs <= CableArrivals.SlotSize)
                {
                    _cable.Enqueue(_arrival, withFcs, NowNanoseconds);
                    return;
                }

                Arrived(_arrival, withFcs);
                Interrupts.UpdatePin();
            }
        }

        /// <summary>Lets the chip's time-driven work happen (end of a transmission, MII operation, start-up).</summary>
        public void Update()
        {
            lock (_lock)
            {
                Advance();
                Interrupts.UpdatePin();
            }
        }

        /// <summary>
        /// A host blocked on the INT pin for at most <paramref name="timeoutMilliseconds"/>: the chip's time runs on
        /// from one timed event to the next within it (end of a transmission, arrival of a frame from the cable; idle
        /// time, like the SPI clocking time, is not seen by a manual clock) until one pulls INT low. An event that does
        /// not (a frame arriving while PKTIE is off during a transmit wait) does not end the wait. True when INT is low
        /// on return; false when nothing the chip does by itself drives INT within the timeout (the caller's clock must
        /// move instead).
        /// </summary>
        public bool WaitForInterrupt(int timeoutMilliseconds)
        {
            lock (_lock)
            {
                Advance();
                Interrupts.UpdatePin();
                long deadline = NowNanoseconds + timeoutMilliseconds * 1_000_000L;

                // Bounded: each turn consumes a transmission end or a frame on the cable (at most CableFrames of them).
                for (int turn = 0; turn <= _cable.Count + 1 && !Interrupts.Asserted; turn++)
                {
                    long now = NowNanoseconds;
                    long end = NextTimedEndNanoseconds;
                    if (end == long.MaxValue || end > deadline)
                    {
                        return false;
                    }

                    if (end > now)
                    {
                        _idleNanoseconds += end - now;
                    }

                    Advance();
                    Interrupts.UpdatePin();
                }

                return Interrupts.Asserted;
            }
        }

        /// <summary>
        /// Runs the chip's time on to the end of the transmission in progress, as an idle host would (idle time is not
        /// seen by a manual clock). A host that runs the model against a millisecond wall clock calls it so that a frame
        /// of 0.1 ms of wire time does not wait for the next millisecond. True when a transmission was completed.
        /// </summary>
        public bool CompleteTransmission()
        {
            lock (_lock)
            {
                Advance();
                long end = Transmitter.EndNanoseconds;
                if (end == long.MaxValue)
                {
                    return false;
                }

                long now = NowNanoseconds;
                if (end > now)
                {
                    _idleNanoseconds += end - now;
                }

                Advance();
                Interrupts.UpdatePin();
                return true;
            }
        }

        /// <summary>Power-on reset again (the RESET pin): registers to reset values, CLKRDY after start-up.</summary>
        public void PowerOnReset()
        {
            lock (_lock)
            {
                Phy.PowerOn(Phy.LinkUp);
                ResetCore(clockReady: false);
                _resetWindowEndNanoseconds = long.MinValue;
                _clockReadyAtNanoseconds = NowNanoseconds + Options.OscillatorStartupMicroseconds * 1000L;
                Interrupts.UpdatePin();
            }
        }

        public void TransferFullDuplex(byte[] writeBuffer, int writeOffset, byte[] readBuffer, int readOffset, int count)
        {
            if (readBuffer == null)
            {
                throw new ArgumentNullException(nameof(readBuffer));
            }

            Transfer(writeBuffer, writeOffset, readBuffer, readOffset, count);
        }

        public void Write(byte[] buffer, int offset, int count) => Transfer(buffer, offset, null, 0, count);

        private void Transfer(byte[] writeBuffer, int writeOffset, byte[] readBuffer, int readOffset, int count)
        {
            if (writeBuffer == null)
            {
                throw new ArgumentNullException(nameof(writeBuffer));
            }

            if (count < 0 || writeOffset < 0 || writeOffset + count > writeBuffer.Length
                || (readBuffer != null && (readOffset < 0 || readOffset + count > readBuffer.Length)))
            {
                throw new ArgumentOutOfRangeException(nameof(count), "the SPI frame does not fit the buffers");
            }

            if (count == 0)
            {
                return;
            }

            lock (_lock)
            {
                Advance();
                _decoder.Frame(writeBuffer, writeOffset, readBuffer, readOffset, count);
                _spiBits += 8L * count;
                Advance();
                Interrupts.UpdatePin();
            }
        }

        /// <summary>MAADR as programmed, in wire order (FACTS.md §2.5).</summary>
        public void CopyMacAddress(byte[] buffer, int offset)
        {
            lock (_lock)
            {
                Registers.CopyMacAddress(buffer, offset);
            }
        }

        /// <summary>
        /// A control register's stored value (bank 0–3, address 0x00–0x1F) without SPI traffic, side effects or
        /// counting: for tests that check what a driver left in the chip. EIR and ESTAT read as over SPI.
        /// </summary>
        public byte PeekRegister(int bank, int address)
        {
            if (bank < 0 || bank > 3 || address < 0 || address > 0x1F)
            {
                throw new ArgumentOutOfRangeException(nameof(address), "bank 0-3, address 0x00-0x1F");
            }

            lock (_lock)
            {
                Advance();
                switch (address)
                {
                    case R.EIR: return Interrupts.VisibleEir;
                    case R.ESTAT: return (byte)((Registers.Estat & 0x77) | (Interrupts.Asserted ? R.ESTAT_INT : 0));
                    default: return Registers.Get(bank, address);
                }
            }
        }

        /// <summary>A PHY register (FACTS.md §2.6) without MII timing or read side effects (PHIR, LLSTAT kept).</summary>
        public int PeekPhyRegister(int address)
        {
            lock (_lock)
            {
                return Phy.Peek(address & 0x1F);
            }
        }

        /// <summary>True while the transmit logic hangs after an abort (errata #12) until TXRST is pulsed.</summary>
        public bool TransmitStalled
        {
            get
            {
                lock (_lock)
                {
                    return Transmitter.Stalled;
                }
            }
        }

        /// <summary>DMA operations completed since power-on.</summary>
        public long DmaOperations
        {
            get
            {
                lock (_lock)
                {
                    return Dma.Operations;
                }
            }
        }

        /// <summary>
        /// Copies the oldest transmitted frame (no FCS) out: its length, 0 when none waits; frames longer than
        /// <paramref name="capacity"/> are dropped and counted.
        /// </summary>
        internal int TakeTransmitted(byte[] buffer, int offset, int capacity)
        {
            lock (_lock)
            {
                Advance();
                int length = Transmitter.TakeOutbound(buffer, offset, capacity);
                Interrupts.UpdatePin();
                return length;
            }
        }

        // ---- internal machinery ----

        /// <summary>Inside the errata #2 window after SRC (accesses ignored).</summary>
        internal bool InResetWindow => NowNanoseconds < _resetWindowEndNanoseconds;

        /// <summary>The MAC/MII/PHY clock domain runs: CLKRDY set and not in power save (FACTS.md §4.2 step 5, §4.9).</summary>
        internal bool MacClockRunning => (Registers.Estat & R.ESTAT_CLKRDY) != 0 && (Registers.Econ2 & R.ECON2_PWRSV) == 0;

        /// <summary>Half duplex unless PHCON1.PDPXMD (the PHY decides whether collisions can happen).</summary>
        internal bool HalfDuplex => !Phy.FullDuplex;

        /// <summary>SRC (FACTS.md §4.1, errata #2).</summary>
        internal void SystemResetCommand()
        {
            bool errata2 = Options.Errata2ResetWindow;
            Phy.SoftReset();
            ResetCore(clockReady: errata2);
            if (errata2)
            {
                // Errata #2: CLKRDY is not cleared, but the chip is not usable for a while.
                _resetWindowEndNanoseconds = NowNanoseconds + Options.Errata2WindowMicroseconds * 1000L;
                _clockReadyAtNanoseconds = long.MinValue;
            }
            else
            {
                _clockReadyAtNanoseconds = NowNanoseconds + Options.OscillatorStartupMicroseconds * 1000L;
            }
        }

        /// <summary>Power save entered or left through ECON2.PWRSV (FACTS.md §4.9).</summary>
        internal void PowerSaveChanged(bool entering)
        {
            if (entering)
            {
                Registers.Estat = (byte)(Registers.Estat & ~R.ESTAT_CLKRDY);
                _clockReadyAtNanoseconds = long.MaxValue;
            }
            else
            {
                _clockReadyAtNanoseconds = NowNanoseconds + Options.OscillatorStartupMicroseconds * 1000L;
            }
        }

        private void ResetCore(bool clockReady)
        {
            Registers.Reset(clockReady);
            Receiver.Reset();
            Transmitter.Reset();
            Interrupts.Reset();
        }

        /// <summary>Runs everything that was due by now.</summary>
        /// <summary>Frames lost because a sender outran the line with <see cref="Enc28j60ModelOptions.ModelReceiveDuration"/>.</summary>
        public long CableOverruns
        {
            get
            {
                lock (_lock)
                {
                    return _cable.Overruns;
                }
            }
        }

        /// <summary>Chip time of the next end of a transmission or of a frame's arrival from the cable.</summary>
        private long NextTimedEndNanoseconds
        {
            get
            {
                long transmitEnd = Transmitter.EndNanoseconds;
                long arrivalEnd = _cable.NextDueNanoseconds;
                return transmitEnd < arrivalEnd ? transmitEnd : arrivalEnd;
            }
        }

        private void Arrived(byte[] frame, int lengthWithFcs)
        {
            int repeat = Options.BurstRepeat < 1 ? 1 : Options.BurstRepeat;
            for (int i = 0; i < repeat; i++)
            {
                Receiver.FrameArrived(frame, lengthWithFcs);
            }
        }

        internal void Advance()
        {
            long now = NowNanoseconds;
            if (_cable.Count > 0 && _cable.NextDueNanoseconds <= now)
            {
                while (_cable.Count > 0 && _cable.NextDueNanoseconds <= now)
                {
                    Arrived(_cable.HeadFrame, _cable.HeadLength);
                    _cable.Pop();
                }

                Interrupts.UpdatePin();
            }

            if ((Registers.Estat & R.ESTAT_CLKRDY) == 0 && now >= _clockReadyAtNanoseconds
                && (Registers.Econ2 & R.ECON2_PWRSV) == 0)
            {
                Registers.Estat |= R.ESTAT_CLKRDY;
            }

            Phy.Advance(now);
            Transmitter.Advance(now);
        }
    }
}
