namespace NanoTcp.Drivers.Enc28j60
{
    /// <summary>Configuration of an <see cref="Enc28j60Link"/>; read once by its constructor.</summary>
    public sealed class Enc28j60Options
    {
        /// <summary>The interface's MAC address (6 bytes, first octet first). Required.</summary>
        public byte[] MacAddress { get; set; }

        /// <summary>
        /// Full duplex (default): MACON3.FULDPX, PHCON1.PDPXMD, MABBIPG 15h. The ENC28J60 has no auto-negotiation,
        /// so the partner must be configured for full duplex too. False: half duplex with MACON4.DEFER,
        /// MABBIPG 12h, MAIPGH 0Ch, PHCON2.HDLDIS, MACLCON2 63 and the errata 12/13/15 transmit workarounds.
        /// </summary>
        public bool FullDuplex { get; set; } = true;

        /// <summary>Accept multicast frames (ERXFCON.MCEN). Unicast to our address, broadcast and the CRC check are always on.</summary>
        public bool AcceptMulticast { get; set; }

        /// <summary>
        /// Start of the transmit space; the receive ring is 0000h..TransmitBufferStart−1 (errata 5: the ring starts at 0).
        /// Must be a multiple of 256 with room above it for one transmit area (600h: control byte, a 1514-byte frame and
        /// the 7-byte status vector). At 1400h or below it holds two areas: a frame is written into one while the other
        /// is on the wire (default 1400h: a 5 KB ring, three full-size frames). 1A00h: one area, a 6.5 KB ring (four
        /// full-size frames), each frame written only after the previous one has left.
        /// </summary>
        public int TransmitBufferStart { get; set; } = 0x1400;

        /// <summary>PHLCON: LEDA link, LEDB transmit/receive activity, 73 ms stretch (never LxCFG 1110, errata 11).</summary>
        public int PhyLedConfiguration { get; set; } = 0x3476;

        /// <summary>
        /// How the transmit wait blocks until the INT pin falls (TXIF) or the transmit timeout passes. Null (the
        /// board): on an event set by the pin's falling edge. Unused without an INT pin: the driver then reads ECON1
        /// (EIR in half duplex) until the frame has left, bounded by the clock and by a read count, never sleeping.
        /// </summary>
        public Enc28j60InterruptWait InterruptWait { get; set; }

        /// <summary>
        /// Called inside the start-up and PHY waits (not the transmit wait) with a step of 1 ms (every 8th register
        /// poll, every turn of a pause). Null: the driver
        /// spins on the tick source, bounded by
        /// <see cref="MaxPollsPerMillisecond"/> so a clock that never moves still ends the wait.
        /// </summary>
        public Enc28j60Delay Delay { get; set; }

        /// <summary>Wait after the soft reset before touching the chip (errata 2: at least 1 ms; 2 ticks guarantee it).</summary>
        public int ResetWaitMilliseconds { get; set; } = 2;

        /// <summary>Bound for ESTAT.CLKRDY after reset and MISTAT.BUSY after a PHY access.</summary>
        public int RegisterTimeoutMilliseconds { get; set; } = 10;

        /// <summary>Bound for the previous transmission to finish (half duplex backoff and pause frames included).</summary>
        public int TransmitTimeoutMilliseconds { get; set; } = 100;

        /// <summary>
        /// How often EIR and EPKTCNT are read even without an interrupt: the link and error flags in polling mode,
        /// and a guard against a lost INT edge (errata 6) in interrupt mode.
        /// </summary>
        public int HousekeepingIntervalMilliseconds { get; set; } = 50;

        /// <summary>Upper bound on register polls per millisecond of timeout, for clocks that do not move during a wait.</summary>
        public int MaxPollsPerMillisecond { get; set; } = 1000;

        /// <summary>Retransmissions after a late collision in half duplex (errata 13/15); 16 as in the Microchip and Linux drivers.</summary>
        public int LateCollisionRetries { get; set; } = 16;

        /// <summary>
        /// While the chip does not answer (ESTAT reads FFh or 00h, ECON1.RXEN cleared by a reset, a PHY access that never
        /// completes), how often the driver tries to initialize it again.
        /// </summary>
        public int ChipRecoveryIntervalMilliseconds { get; set; } = 1000;
    }
}
