namespace NanoTcp.Hardware.Enc28j60Model
{
    /// <summary>
    /// Switches of the chip model: silicon errata (FACTS.md §5), timing, and fault injection. The chip reads the
    /// properties live, so a test may change a fault switch between two frames.
    /// </summary>
    public sealed class Enc28j60ModelOptions
    {
        // ---- Errata (FACTS.md §5) ----

        /// <summary>
        /// Errata #2: after SRC, ESTAT.CLKRDY stays set but the chip ignores register and buffer accesses for
        /// <see cref="Errata2WindowMicroseconds"/> (writes are lost, reads return 0x00 except ESTAT, which reads
        /// CLKRDY=1). Off: SRC clears CLKRDY for the oscillator start-up time like a power-on reset.
        /// </summary>
        public bool Errata2ResetWindow { get; set; } = true;

        /// <summary>Length of the errata #2 window (FACTS.md §4.1: wait at least 1 ms).</summary>
        public int Errata2WindowMicroseconds { get; set; } = 1000;

        /// <summary>Errata #5: writing ERXST or ERXND loads 0000h into the receive write pointer instead of ERXST.</summary>
        public bool Errata5WritePointerToZero { get; set; }

        /// <summary>
        /// Errata #6: EIR.PKTIF is unreliable. Modelled as: PKTIF is set when a packet is stored and cleared by
        /// every ECON2.PKTDEC, even when EPKTCNT stays above zero. Off: PKTIF = (EPKTCNT &gt; 0).
        /// </summary>
        public bool Errata6PacketFlagUnreliable { get; set; } = true;

        /// <summary>
        /// Errata #12: in half duplex, a transmit abort stalls the transmit logic; the next ECON1.TXRTS stays set
        /// forever until ECON1.TXRST is pulsed.
        /// </summary>
        public bool Errata12TransmitStall { get; set; } = true;

        /// <summary>
        /// Errata #13: in half duplex, every Nth transmission (counting from the first after reset) ends in a
        /// false late collision: TXERIF, ESTAT.TXABRT, TSV bit 29. 0 switches it off.
        /// </summary>
        public int Errata13LateCollisionEvery { get; set; }

        /// <summary>Errata #15: ESTAT.LATECOL is never set on a late collision; only TSV bit 29 reports it.</summary>
        public bool Errata15LateCollisionFlagUnreliable { get; set; } = true;

        /// <summary>
        /// Errata #14: when a packet is stored while ERXRDPT holds an even value, its header is corrupted
        /// (the next packet pointer gets bit 0 set and RSV bit 31 "zero" reads 1).
        /// </summary>
        public bool Errata14EvenReadPointerCorrupts { get; set; } = true;

        // ---- Behaviour choices where FACTS.md is silent or unsure ----

        /// <summary>
        /// Half duplex (PHCON1.PDPXMD=0) without PHCON2.HDLDIS: transmitted frames are looped back into the
        /// receive logic (errata #9 / §4.2 step 7).
        /// </summary>
        public bool HalfDuplexLoopback { get; set; } = true;

        /// <summary>
        /// BFS/BFC on a MAC/MII register (datasheet: not allowed) still changes it, as EtherCard and UIPEthernet
        /// rely on (FACTS.md §6.3 [inference]). Counted as misuse either way.
        /// </summary>
        public bool BitFieldOnMacMiiTakesEffect { get; set; } = true;

        /// <summary>What SO carries when the chip drives nothing defined (opcode byte, MAC/MII dummy byte, extra bytes).</summary>
        public byte UndefinedSoByte { get; set; } = 0xFF;

        /// <summary>PHCON1.PDPXMD after reset (FACTS.md §2.6 / errata 16: depends on the LEDB wiring).</summary>
        public bool PhyFullDuplexAtReset { get; set; }

        // ---- Timing ----

        /// <summary>
        /// SCK frequency: every SPI byte advances the chip's time by 8 / SpiClockHz on top of the tick source. 16 MHz as
        /// the reference board (firmware/NanoTcp.Esp32): a 1514-byte frame crosses the bus in 0.76 ms, less than its
        /// 1.23 ms on the wire; at 8 MHz (1.51 ms) the bus, not the wire, limits throughput.
        /// </summary>
        public long SpiClockHz { get; set; } = 16_000_000;

        /// <summary>Oscillator start-up time before ESTAT.CLKRDY (FACTS.md §4.1: 300 µs).</summary>
        public int OscillatorStartupMicroseconds { get; set; } = 300;

        /// <summary>MII management operation time with MISTAT.BUSY set (FACTS.md §4.3: 10.24 µs).</summary>
        public int MiiOperationNanoseconds { get; set; } = 10_240;

        /// <summary>Transmission takes its 10BASE-T wire time (preamble + frame + inter-frame gap at 100 ns per bit).</summary>
        public bool ModelTransmitDuration { get; set; } = true;

        /// <summary>
        /// A frame from the cable reaches the receive logic at the end of its 10BASE-T wire time, and frames sent back to
        /// back are spaced at the line rate (<see cref="CableFrames"/> of them at most on the cable). Off by default, so a
        /// test's frame is in the buffer as soon as it is sent; the model-time benchmarks turn it on.
        /// </summary>
        public bool ModelReceiveDuration { get; set; }

        /// <summary>With <see cref="ModelReceiveDuration"/>: frames the cable holds before a sender that outruns the line loses one.</summary>
        public int CableFrames { get; set; } = 64;

        /// <summary>Link state at power-on.</summary>
        public bool LinkUpAtStart { get; set; } = true;

        // ---- Fault injection ----

        /// <summary>While set, every frame that passes the filters is lost as a ring overflow (RXERIF, ESTAT.BUFER).</summary>
        public bool ForceReceiveOverflow { get; set; }

        /// <summary>The next N transmissions abort (decremented by each one).</summary>
        public int TransmitAbortCount { get; set; }

        /// <summary>An injected abort is a late collision (TSV bit 29); otherwise excessive collisions (TSV bit 28).</summary>
        public bool TransmitAbortIsLateCollision { get; set; } = true;

        /// <summary>Each frame arriving from the cable is received this many times back to back (a burst).</summary>
        public int BurstRepeat { get; set; } = 1;
    }
}
