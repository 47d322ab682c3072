namespace NanoTcp.Drivers.Enc28j60
{
    /// <summary>Register bits by datasheet name, written REGISTER_BIT (DS39662E register descriptions).</summary>
    internal static class Enc28j60Bits
    {
        // EIE
        public const int EIE_INTIE = 0x80;
        public const int EIE_PKTIE = 0x40;
        public const int EIE_DMAIE = 0x20;
        public const int EIE_LINKIE = 0x10;
        public const int EIE_TXIE = 0x08;
        public const int EIE_TXERIE = 0x02;
        public const int EIE_RXERIE = 0x01;

        // EIR
        public const int EIR_PKTIF = 0x40;
        public const int EIR_DMAIF = 0x20;
        public const int EIR_LINKIF = 0x10;
        public const int EIR_TXIF = 0x08;
        public const int EIR_TXERIF = 0x02;
        public const int EIR_RXERIF = 0x01;

        // ESTAT
        public const int ESTAT_INT = 0x80;
        public const int ESTAT_BUFER = 0x40;
        public const int ESTAT_LATECOL = 0x10;

        /// <summary>Bit 3 of ESTAT is unimplemented and reads 0: a 1 there means the bus reads garbage (MCHP's SPI check).</summary>
        public const int ESTAT_UNIMPLEMENTED3 = 0x08;
        public const int ESTAT_RXBUSY = 0x04;
        public const int ESTAT_TXABRT = 0x02;
        public const int ESTAT_CLKRDY = 0x01;

        // ECON2
        public const int ECON2_AUTOINC = 0x80;
        public const int ECON2_PKTDEC = 0x40;
        public const int ECON2_PWRSV = 0x20;
        public const int ECON2_VRPS = 0x08;

        // ECON1
        public const int ECON1_TXRST = 0x80;
        public const int ECON1_RXRST = 0x40;
        public const int ECON1_DMAST = 0x20;
        public const int ECON1_CSUMEN = 0x10;
        public const int ECON1_TXRTS = 0x08;
        public const int ECON1_RXEN = 0x04;
        public const int ECON1_BSEL1 = 0x02;
        public const int ECON1_BSEL0 = 0x01;

        // ERXFCON
        public const int ERXFCON_UCEN = 0x80;
        public const int ERXFCON_ANDOR = 0x40;
        public const int ERXFCON_CRCEN = 0x20;
        public const int ERXFCON_PMEN = 0x10;
        public const int ERXFCON_MPEN = 0x08;
        public const int ERXFCON_HTEN = 0x04;
        public const int ERXFCON_MCEN = 0x02;
        public const int ERXFCON_BCEN = 0x01;

        // MACON1
        public const int MACON1_TXPAUS = 0x08;
        public const int MACON1_RXPAUS = 0x04;
        public const int MACON1_PASSALL = 0x02;
        public const int MACON1_MARXEN = 0x01;

        // MACON3
        public const int MACON3_PADCFG2 = 0x80;
        public const int MACON3_PADCFG1 = 0x40;
        public const int MACON3_PADCFG0 = 0x20;
        public const int MACON3_TXCRCEN = 0x10;
        public const int MACON3_PHDRLEN = 0x08;
        public const int MACON3_HFRMEN = 0x04;
        public const int MACON3_FRMLNEN = 0x02;
        public const int MACON3_FULDPX = 0x01;

        // MACON4
        public const int MACON4_DEFER = 0x40;
        public const int MACON4_BPEN = 0x20;
        public const int MACON4_NOBKOFF = 0x10;

        // MICMD / MISTAT
        public const int MICMD_MIISCAN = 0x02;
        public const int MICMD_MIIRD = 0x01;
        public const int MISTAT_NVALID = 0x04;
        public const int MISTAT_SCAN = 0x02;
        public const int MISTAT_BUSY = 0x01;

        // PHY registers (16 bits)
        public const int PHCON1_PRST = 0x8000;
        public const int PHCON1_PLOOPBK = 0x4000;
        public const int PHCON1_PPWRSV = 0x0800;
        public const int PHCON1_PDPXMD = 0x0100;
        public const int PHCON2_FRCLNK = 0x4000;
        public const int PHCON2_TXDIS = 0x2000;
        public const int PHCON2_JABBER = 0x0400;
        public const int PHCON2_HDLDIS = 0x0100;
        public const int PHSTAT2_LSTAT = 0x0400;
        public const int PHSTAT2_DPXSTAT = 0x0200;
        public const int PHIE_PLNKIE = 0x0010;
        public const int PHIE_PGEIE = 0x0002;
        public const int PHIR_PLNKIF = 0x0010;
        public const int PHIR_PGIF = 0x0004;
    }
}
