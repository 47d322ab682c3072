using System.Threading;

namespace NanoTcp.Drivers.Enc28j60
{
    /// <summary>
    /// Interrupt service of <see cref="Enc28j60Link"/>: reads EIR when INT says a flag is set (or at the housekeeping
    /// interval) and handles link, receive-error and transmit flags (DS §12). Called from the receive and transmit paths.
    /// </summary>
    public sealed partial class Enc28j60Link
    {
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

            if (housekeeping && !ChipAnswers())
            {
                EnterChipFault();
                return;
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
    }
}
