namespace NanoTcp.Hardware.Enc28j60Model
{
    /// <summary>
    /// What the chip model counted: SPI chip-select frames and bytes by instruction, frames received and
    /// transmitted, drops by reason and driver misuse. SPI work is also attributed to frames: everything the
    /// driver clocked since the previous ECON2.PKTDEC or ECON1.TXRTS is charged to the receive (PKTDEC) or the
    /// transmit (TXRTS) that ends the stretch, so <see cref="SpiFramesPerReceivedFrame"/> and
    /// <see cref="SpiFramesPerTransmittedFrame"/> give the driver's cost per frame.
    /// </summary>
    public sealed class Enc28j60Counters
    {
        private const int InstructionCount = 8;
        private long[] _spiFrames = new long[InstructionCount];
        private long[] _spiBytes = new long[InstructionCount];
        private long _pendingFrames;
        private long _pendingBytes;

        /// <summary>Chip-select frames that carried <paramref name="instruction"/>.</summary>
        public long SpiFrames(Enc28j60Instruction instruction) => _spiFrames[(int)instruction];

        /// <summary>Bytes clocked in frames that carried <paramref name="instruction"/> (opcode byte included).</summary>
        public long SpiBytes(Enc28j60Instruction instruction) => _spiBytes[(int)instruction];

        public long TotalSpiFrames { get; private set; }
        public long TotalSpiBytes { get; private set; }

        /// <summary>Frames stored in the receive ring (EPKTCNT incremented).</summary>
        public long FramesReceived { get; internal set; }

        /// <summary>Transmissions that completed and went out on the cable.</summary>
        public long FramesTransmitted { get; internal set; }

        /// <summary>Transmissions that ended with TXERIF/TXABRT (or were cancelled).</summary>
        public long TransmitAborts { get; internal set; }

        /// <summary>ECON2.PKTDEC writes that decremented EPKTCNT.</summary>
        public long PacketDecrements { get; internal set; }

        /// <summary>TXRTS requests (0 → 1 transitions of ECON1.TXRTS).</summary>
        public long TransmitRequests { get; internal set; }

        /// <summary>SPI frames/bytes charged to received frames (the stretch that ended with PKTDEC).</summary>
        public long ReceiveSpiFrames { get; private set; }
        public long ReceiveSpiBytes { get; private set; }

        /// <summary>SPI frames/bytes charged to transmitted frames (the stretch that ended with TXRTS).</summary>
        public long TransmitSpiFrames { get; private set; }
        public long TransmitSpiBytes { get; private set; }

        public double SpiFramesPerReceivedFrame => PacketDecrements == 0 ? 0 : (double)ReceiveSpiFrames / PacketDecrements;
        public double SpiBytesPerReceivedFrame => PacketDecrements == 0 ? 0 : (double)ReceiveSpiBytes / PacketDecrements;
        public double SpiFramesPerTransmittedFrame => TransmitRequests == 0 ? 0 : (double)TransmitSpiFrames / TransmitRequests;
        public double SpiBytesPerTransmittedFrame => TransmitRequests == 0 ? 0 : (double)TransmitSpiBytes / TransmitRequests;

        // ---- receive drops, by reason ----
        public long DroppedReceiveDisabled { get; internal set; }
        public long DroppedLinkDown { get; internal set; }
        public long DroppedRunt { get; internal set; }
        public long DroppedGiant { get; internal set; }
        public long DroppedByFilter { get; internal set; }
        public long DroppedBadCrc { get; internal set; }
        public long DroppedRingFull { get; internal set; }
        public long DroppedPacketCountFull { get; internal set; }
        public long DroppedForcedOverflow { get; internal set; }

        /// <summary>Frames the chip transmitted that the wire side could not hand over (longer than the caller's buffer).</summary>
        public long WireFramesTooLong { get; internal set; }

        /// <summary>Transmitted frames lost because nobody took them from the wire side (more than 1024 waiting).</summary>
        public long WireFramesUnclaimed { get; internal set; }

        /// <summary>Transmitted frames that left with a wrong FCS (host-supplied FCS mismatched) and were lost.</summary>
        public long TransmittedWithBadFcs { get; internal set; }

        /// <summary>Transmitted frames lost because the link was down.</summary>
        public long TransmittedWhileLinkDown { get; internal set; }

        // ---- misuse ----

        /// <summary>BFS/BFC aimed at a MAC/MII register (FACTS.md §1.2: ETH registers only).</summary>
        public long BitFieldOnMacMii { get; internal set; }

        /// <summary>Frames whose opcode the chip does not define.</summary>
        public long InvalidInstructions { get; internal set; }

        /// <summary>SPI frames ignored inside the errata #2 window after SRC.</summary>
        public long IgnoredDuringResetWindow { get; internal set; }

        /// <summary>MAC/MII/PHY accesses ignored while ESTAT.CLKRDY was 0 (or in power save).</summary>
        public long IgnoredWhileClockNotReady { get; internal set; }

        /// <summary>MII operations started while MISTAT.BUSY was set (ignored).</summary>
        public long MiiCommandsWhileBusy { get; internal set; }

        /// <summary>Writes to ERXST/ERXND/ETXST/ETXND or the MAC setup while receive or transmit was running.</summary>
        public long WritesWhileRunning { get; internal set; }

        /// <summary>WBM bytes written into the frame being transmitted or its status vector (DS §7.1: not to be touched).</summary>
        public long BufferWritesIntoTransmission { get; internal set; }

        /// <summary>WBM bytes written while a frame was on the wire (elsewhere in the buffer: allowed, it overlaps the two).</summary>
        public long BufferBytesWrittenWhileTransmitting { get; internal set; }

        internal void CountSpiFrame(Enc28j60Instruction instruction, int bytes)
        {
            _spiFrames[(int)instruction]++;
            _spiBytes[(int)instruction] += bytes;
            TotalSpiFrames++;
            TotalSpiBytes += bytes;
            _pendingFrames++;
            _pendingBytes += bytes;
        }

        internal void ChargePendingToReceive()
        {
            ReceiveSpiFrames += _pendingFrames;
            ReceiveSpiBytes += _pendingBytes;
            _pendingFrames = 0;
            _pendingBytes = 0;
        }

        internal void ChargePendingToTransmit()
        {
            TransmitSpiFrames += _pendingFrames;
            TransmitSpiBytes += _pendingBytes;
            _pendingFrames = 0;
            _pendingBytes = 0;
        }

        /// <summary>A copy of every counter now, for measuring a stretch of work by difference.</summary>
        public Enc28j60Counters Snapshot()
        {
            var copy = (Enc28j60Counters)MemberwiseClone();
            copy._spiFrames = (long[])_spiFrames.Clone();
            copy._spiBytes = (long[])_spiBytes.Clone();
            return copy;
        }
    }
}
