using R = NanoTcp.Hardware.Enc28j60Model.Enc28j60Registers;

namespace NanoTcp.Hardware.Enc28j60Model
{
    /// <summary>
    /// EIR as the host reads it, and the INT pin (FACTS.md §2.1, §4.6): INT is driven low while EIE.INTIE is set
    /// and any EIR flag is set whose EIE enable is set; it stays low until the flags are cleared or masked.
    /// PKTIF follows EPKTCNT (or, with errata #6, a flag that PKTDEC loses); LINKIF shadows PHIR.PGIF.
    /// </summary>
    internal sealed class InterruptLogic
    {
        private const byte SourceMask = R.EIR_PKTIF | R.EIR_DMAIF | R.EIR_LINKIF | R.EIR_TXIF | R.EIR_TXERIF | R.EIR_RXERIF;

        private readonly Enc28j60Chip _chip;
        private bool _packetFlag;

        public InterruptLogic(Enc28j60Chip chip)
        {
            _chip = chip;
            Pin = new Enc28j60InterruptPin(chip.Update);
        }

        public Enc28j60InterruptPin Pin { get; }

        public void Reset()
        {
            _packetFlag = false;
        }

        /// <summary>A packet was stored in the ring (sets PKTIF).</summary>
        public void PacketStored() => _packetFlag = true;

        /// <summary>ECON2.PKTDEC ran. Errata #6: the flag is lost even when packets remain.</summary>
        public void PacketDecremented()
        {
            if (_chip.Options.Errata6PacketFlagUnreliable)
            {
                _packetFlag = false;
            }
        }

        private bool PacketFlag
        {
            get
            {
                bool pending = _chip.Registers.Epktcnt > 0;
                return _chip.Options.Errata6PacketFlagUnreliable ? pending && _packetFlag : pending;
            }
        }

        public byte VisibleEir =>
            (byte)((_chip.Registers.Eir & (R.EIR_DMAIF | R.EIR_TXIF | R.EIR_TXERIF | R.EIR_RXERIF))
                   | (PacketFlag ? R.EIR_PKTIF : 0)
                   | (_chip.Phy.LinkInterruptFlag ? R.EIR_LINKIF : 0));

        public bool Asserted
        {
            get
            {
                byte eie = _chip.Registers.Eie;
                return (eie & R.EIE_INTIE) != 0 && (eie & VisibleEir & SourceMask) != 0;
            }
        }

        /// <summary>Drives the pin from the flags; raises the falling edge when it goes low.</summary>
        public void UpdatePin() => Pin.Drive(Asserted);
    }
}
