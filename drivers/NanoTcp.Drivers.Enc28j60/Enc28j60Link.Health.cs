using System;
using System.IO;

namespace NanoTcp.Drivers.Enc28j60
{
    /// <summary>
    /// Chip health of <see cref="Enc28j60Link"/>: at the housekeeping interval, and before a corrupted header resets the
    /// ring, the driver checks that the chip still answers (ESTAT with unimplemented bit 3 clear and CLKRDY set: MISO
    /// stuck high reads FFh, stuck low or an unpowered chip 00h) and still holds its configuration (ECON1.RXEN, which
    /// only a reset clears: a brown-out or a glitch on RESET). A chip that fails, or a PHY wait that runs out, puts the
    /// link in a fault: it reads as down (Send drops and counts, Receive returns 0, TCP retransmits or gives up), and
    /// <see cref="Initialize"/> is tried again every <see cref="Enc28j60Options.ChipRecoveryIntervalMilliseconds"/>
    /// until it succeeds. Called from the receive path.
    /// </summary>
    public sealed partial class Enc28j60Link
    {
        private bool _chipFault;
        private long _nextRecovery;

        /// <summary>True while the chip does not answer and the driver tries to initialize it again.</summary>
        public bool ChipFault => _chipFault;

        /// <summary>One read of ESTAT and one of ECON1 (both common registers): does the chip answer as configured?</summary>
        private bool ChipAnswers()
        {
            int estat = ReadRegister(Enc28j60Registers.ESTAT);
            if ((estat & Enc28j60Bits.ESTAT_UNIMPLEMENTED3) != 0 || (estat & Enc28j60Bits.ESTAT_CLKRDY) == 0)
            {
                return false;
            }

            return (ReadRegister(Enc28j60Registers.ECON1) & Enc28j60Bits.ECON1_RXEN) != 0;
        }

        private void EnterChipFault()
        {
            _chipFault = true;
            _linkUp = false;
            _packetWaiting = false;
            _transmitPending = false;
            _nextRecovery = _clock.Milliseconds;
            _statistics.CountChipFault();
        }

        /// <summary>Initializes the chip again when the recovery interval has passed; true when the fault has ended.</summary>
        private bool TryRecover()
        {
            long now = _clock.Milliseconds;
            if (now < _nextRecovery)
            {
                return false;
            }

            try
            {
                Initialize();
                _chipFault = false;
                _statistics.CountChipReinitialization();
                return true;
            }
            catch (IOException)
            {
                // Still no chip on the bus (MISO stuck high, EREVID 00h or FFh).
            }
            catch (TimeoutException)
            {
                // CLKRDY or a PHY access never came: still unpowered or MISO stuck low.
            }

            _nextRecovery = _clock.Milliseconds + _recoveryInterval;
            return false;
        }
    }
}
