namespace NanoTcp.Hardware.Enc28j60Model
{
    /// <summary>
    /// The model's own register map (FACTS.md §1.1, §2): 5-bit addresses inside a bank, the bank chosen by
    /// ECON1.BSEL1:0; 0x1B–0x1F are the common registers present in every bank. Names are the datasheet's.
    /// Written independently of the driver on purpose.
    /// </summary>
    public static class Enc28j60Registers
    {
        // §2.1 common registers (all banks).
        public const int EIE = 0x1B;
        public const int EIR = 0x1C;
        public const int ESTAT = 0x1D;
        public const int ECON2 = 0x1E;
        public const int ECON1 = 0x1F;
        public const int FirstCommon = 0x1B;

        // §2.2 bank 0 (low byte addresses; the high byte follows).
        public const int ERDPTL = 0x00;
        public const int EWRPTL = 0x02;
        public const int ETXSTL = 0x04;
        public const int ETXNDL = 0x06;
        public const int ERXSTL = 0x08;
        public const int ERXNDL = 0x0A;
        public const int ERXRDPTL = 0x0C;
        public const int ERXRDPTH = 0x0D;
        public const int ERXWRPTL = 0x0E;
        public const int EDMASTL = 0x10;
        public const int EDMANDL = 0x12;
        public const int EDMADSTL = 0x14;
        public const int EDMACSL = 0x16;

        // §2.3 bank 1.
        public const int EHT0 = 0x00;
        public const int EPMM0 = 0x08;
        public const int EPMCSL = 0x10;
        public const int EPMOL = 0x14;
        public const int EWOLIE = 0x16;
        public const int EWOLIR = 0x17;
        public const int ERXFCON = 0x18;
        public const int EPKTCNT = 0x19;

        // §2.4 bank 2 (MAC/MII).
        public const int MACON1 = 0x00;
        public const int MACON2 = 0x01;
        public const int MACON3 = 0x02;
        public const int MACON4 = 0x03;
        public const int MABBIPG = 0x04;
        public const int MAIPGL = 0x06;
        public const int MAIPGH = 0x07;
        public const int MACLCON1 = 0x08;
        public const int MACLCON2 = 0x09;
        public const int MAMXFLL = 0x0A;
        public const int MAMXFLH = 0x0B;
        public const int MAPHSUP = 0x0D;
        public const int MICON = 0x11;
        public const int MICMD = 0x12;
        public const int MIREGADR = 0x14;
        public const int MIWRL = 0x16;
        public const int MIWRH = 0x17;
        public const int MIRDL = 0x18;
        public const int MIRDH = 0x19;

        // §2.5 bank 3.
        public const int MAADR5 = 0x00;
        public const int MAADR6 = 0x01;
        public const int MAADR3 = 0x02;
        public const int MAADR4 = 0x03;
        public const int MAADR1 = 0x04;
        public const int MAADR2 = 0x05;
        public const int EBSTSD = 0x06;
        public const int EBSTCON = 0x07;
        public const int EBSTCSL = 0x08;
        public const int MISTAT = 0x0A;
        public const int EREVID = 0x12;
        public const int ECOCON = 0x15;
        public const int EFLOCON = 0x17;
        public const int EPAUSL = 0x18;
        public const int EPAUSH = 0x19;

        // §2.1 bits.
        public const byte EIE_INTIE = 0x80, EIE_PKTIE = 0x40, EIE_DMAIE = 0x20, EIE_LINKIE = 0x10, EIE_TXIE = 0x08,
            EIE_TXERIE = 0x02, EIE_RXERIE = 0x01;
        public const byte EIR_PKTIF = 0x40, EIR_DMAIF = 0x20, EIR_LINKIF = 0x10, EIR_TXIF = 0x08, EIR_TXERIF = 0x02,
            EIR_RXERIF = 0x01;
        public const byte ESTAT_INT = 0x80, ESTAT_BUFER = 0x40, ESTAT_LATECOL = 0x10, ESTAT_RXBUSY = 0x04,
            ESTAT_TXABRT = 0x02, ESTAT_CLKRDY = 0x01;
        public const byte ECON2_AUTOINC = 0x80, ECON2_PKTDEC = 0x40, ECON2_PWRSV = 0x20, ECON2_VRPS = 0x08;
        public const byte ECON1_TXRST = 0x80, ECON1_RXRST = 0x40, ECON1_DMAST = 0x20, ECON1_CSUMEN = 0x10,
            ECON1_TXRTS = 0x08, ECON1_RXEN = 0x04, ECON1_BSEL = 0x03;

        // §2.3 ERXFCON bits.
        public const byte ERXFCON_UCEN = 0x80, ERXFCON_ANDOR = 0x40, ERXFCON_CRCEN = 0x20, ERXFCON_PMEN = 0x10,
            ERXFCON_MPEN = 0x08, ERXFCON_HTEN = 0x04, ERXFCON_MCEN = 0x02, ERXFCON_BCEN = 0x01;

        // §2.4 MAC bits.
        public const byte MACON1_MARXEN = 0x01;
        public const byte MACON3_PADCFG = 0xE0, MACON3_TXCRCEN = 0x10, MACON3_PHDRLEN = 0x08, MACON3_HFRMEN = 0x04,
            MACON3_FRMLNEN = 0x02, MACON3_FULDPX = 0x01;
        public const byte MICMD_MIISCAN = 0x02, MICMD_MIIRD = 0x01;
        public const byte MISTAT_NVALID = 0x04, MISTAT_SCAN = 0x02, MISTAT_BUSY = 0x01;

        /// <summary>EREVID of rev. B7 silicon (§2.5).</summary>
        public const byte RevisionB7 = 0x06;

        /// <summary>
        /// True for the MAC and MII registers (§1.2): RCR clocks a dummy byte before the data and BFS/BFC are not
        /// meant for them. All of bank 2 0x00–0x19, bank 3 0x00–0x05 (MAADR) and 0x0A (MISTAT).
        /// </summary>
        public static bool IsMacOrMii(int bank, int address)
        {
            if (address >= FirstCommon)
            {
                return false;
            }

            if (bank == 2)
            {
                return address <= 0x19;
            }

            return bank == 3 && (address <= 0x05 || address == MISTAT);
        }
    }
}
