namespace NanoTcp.Drivers.Enc28j60
{
    /// <summary>
    /// ENC28J60 control registers by their datasheet names (DS39662E Table 3-1/3-2), each packed into one int:
    /// bits 4:0 the 5-bit address, bits 6:5 the bank (ECON1.BSEL1:BSEL0), bit 7 set for MAC and MII registers,
    /// which answer a Read Control Register with one dummy byte first and refuse Bit Field Set/Clear.
    /// The common registers (addresses 1Bh–1Fh) exist in every bank; their bank bits are 0 and ignored.
    /// </summary>
    internal static class Enc28j60Registers
    {
        private const int Bank0 = 0x00;
        private const int Bank1 = 0x20;
        private const int Bank2 = 0x40;
        private const int Bank3 = 0x60;
        private const int MacOrMii = 0x80;

        /// <summary>First address of the registers shared by all banks (EIE).</summary>
        public const int FirstCommonAddress = 0x1B;

        // Common registers (every bank).
        public const int EIE = 0x1B;
        public const int EIR = 0x1C;
        public const int ESTAT = 0x1D;
        public const int ECON2 = 0x1E;
        public const int ECON1 = 0x1F;

        // Bank 0: buffer pointers.
        public const int ERDPTL = Bank0 | 0x00;
        public const int ERDPTH = Bank0 | 0x01;
        public const int EWRPTL = Bank0 | 0x02;
        public const int EWRPTH = Bank0 | 0x03;
        public const int ETXSTL = Bank0 | 0x04;
        public const int ETXSTH = Bank0 | 0x05;
        public const int ETXNDL = Bank0 | 0x06;
        public const int ETXNDH = Bank0 | 0x07;
        public const int ERXSTL = Bank0 | 0x08;
        public const int ERXSTH = Bank0 | 0x09;
        public const int ERXNDL = Bank0 | 0x0A;
        public const int ERXNDH = Bank0 | 0x0B;
        public const int ERXRDPTL = Bank0 | 0x0C;
        public const int ERXRDPTH = Bank0 | 0x0D;
        public const int ERXWRPTL = Bank0 | 0x0E;
        public const int ERXWRPTH = Bank0 | 0x0F;
        public const int EDMASTL = Bank0 | 0x10;
        public const int EDMASTH = Bank0 | 0x11;
        public const int EDMANDL = Bank0 | 0x12;
        public const int EDMANDH = Bank0 | 0x13;
        public const int EDMADSTL = Bank0 | 0x14;
        public const int EDMADSTH = Bank0 | 0x15;
        public const int EDMACSL = Bank0 | 0x16;
        public const int EDMACSH = Bank0 | 0x17;

        // Bank 1: filters and the packet counter.
        public const int EHT0 = Bank1 | 0x00;
        public const int EPMM0 = Bank1 | 0x08;
        public const int EPMCSL = Bank1 | 0x10;
        public const int EPMCSH = Bank1 | 0x11;
        public const int EPMOL = Bank1 | 0x14;
        public const int EPMOH = Bank1 | 0x15;
        public const int ERXFCON = Bank1 | 0x18;
        public const int EPKTCNT = Bank1 | 0x19;

        // Bank 2: MAC and MII registers.
        public const int MACON1 = Bank2 | MacOrMii | 0x00;
        public const int MACON3 = Bank2 | MacOrMii | 0x02;
        public const int MACON4 = Bank2 | MacOrMii | 0x03;
        public const int MABBIPG = Bank2 | MacOrMii | 0x04;
        public const int MAIPGL = Bank2 | MacOrMii | 0x06;
        public const int MAIPGH = Bank2 | MacOrMii | 0x07;
        public const int MACLCON1 = Bank2 | MacOrMii | 0x08;
        public const int MACLCON2 = Bank2 | MacOrMii | 0x09;
        public const int MAMXFLL = Bank2 | MacOrMii | 0x0A;
        public const int MAMXFLH = Bank2 | MacOrMii | 0x0B;
        public const int MICMD = Bank2 | MacOrMii | 0x12;
        public const int MIREGADR = Bank2 | MacOrMii | 0x14;
        public const int MIWRL = Bank2 | MacOrMii | 0x16;
        public const int MIWRH = Bank2 | MacOrMii | 0x17;
        public const int MIRDL = Bank2 | MacOrMii | 0x18;
        public const int MIRDH = Bank2 | MacOrMii | 0x19;

        // Bank 3: MAC address (datasheet byte order: MAADR1 is the first octet, at address 04h), MII status, revision.
        public const int MAADR5 = Bank3 | MacOrMii | 0x00;
        public const int MAADR6 = Bank3 | MacOrMii | 0x01;
        public const int MAADR3 = Bank3 | MacOrMii | 0x02;
        public const int MAADR4 = Bank3 | MacOrMii | 0x03;
        public const int MAADR1 = Bank3 | MacOrMii | 0x04;
        public const int MAADR2 = Bank3 | MacOrMii | 0x05;
        public const int EBSTSD = Bank3 | 0x06;
        public const int EBSTCON = Bank3 | 0x07;
        public const int MISTAT = Bank3 | MacOrMii | 0x0A;
        public const int EREVID = Bank3 | 0x12;
        public const int ECOCON = Bank3 | 0x15;
        public const int EFLOCON = Bank3 | 0x17;

        /// <summary>The 5-bit address sent in the opcode byte.</summary>
        public static int Address(int register) => register & 0x1F;

        /// <summary>The bank (0–3) that must be selected in ECON1 before the register is reachable.</summary>
        public static int Bank(int register) => (register >> 5) & 0x03;

        /// <summary>True for registers reachable from any bank (EIE, EIR, ESTAT, ECON2, ECON1).</summary>
        public static bool IsCommon(int register) => (register & 0x1F) >= FirstCommonAddress;

        /// <summary>True for MAC and MII registers: RCR clocks out a dummy byte first; BFS and BFC are not allowed.</summary>
        public static bool IsMacOrMii(int register) => (register & MacOrMii) != 0;
    }
}
