using System;
using NanoTcp.Hardware;

namespace NanoTcp.Drivers.Enc28j60
{
    /// <summary>
    /// Transmit path of <see cref="Enc28j60Link"/>: <see cref="Enc28j60Link.Send"/> (called by the stack) writes a frame
    /// into one of the two transmit areas and starts it (DS §7.1); the waits for the frame in flight, the late-collision
    /// retransmission of half duplex (errata 13/15) and the transmit-logic reset (errata 12).
    /// </summary>
    public sealed partial class Enc28j60Link
    {
        /// <summary>
        /// Writes one frame (destination MAC through payload; the chip pads to 60 and appends the FCS) and starts
        /// its transmission. While the previous frame is still on the wire it is written into the idle transmit area
        /// (two areas), then the driver waits (bounded) for that one to end before starting it. Frames outside
        /// 14..1514 bytes or sent while the link is down (or the chip in a fault) are dropped and counted.
        /// </summary>
        public void Send(byte[] buffer, int offset, int length)
        {
            if (_chipFault)
            {
                // The link reads as down until Receive has initialized the chip again.
                _statistics.CountTransmitDroppedLinkDown();
                return;
            }

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
            _headCount = 0;
            return TransmitStatusVector.IsLateCollision(_status, 1);
        }

        /// <summary>Errata 12: pulse ECON1.TXRST, then clear TXIF and TXERIF (leaving reset can set TXERIF).</summary>
        private void ResetTransmitLogic()
        {
            BitFieldSet(Enc28j60Registers.ECON1, Enc28j60Bits.ECON1_TXRST);
            BitFieldClear(Enc28j60Registers.ECON1, Enc28j60Bits.ECON1_TXRST);
            BitFieldClear(Enc28j60Registers.EIR, Enc28j60Bits.EIR_TXIF | Enc28j60Bits.EIR_TXERIF);
        }
    }
}
