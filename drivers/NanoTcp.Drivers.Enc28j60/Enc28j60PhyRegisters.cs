namespace NanoTcp.Drivers.Enc28j60
{
    /// <summary>PHY register addresses (16-bit registers reached through MIREGADR/MICMD/MIWR/MIRD, DS §3.3).</summary>
    internal static class Enc28j60PhyRegisters
    {
        public const int PHCON1 = 0x00;
        public const int PHSTAT1 = 0x01;
        public const int PHID1 = 0x02;
        public const int PHID2 = 0x03;
        public const int PHCON2 = 0x10;
        public const int PHSTAT2 = 0x11;
        public const int PHIE = 0x12;
        public const int PHIR = 0x13;
        public const int PHLCON = 0x14;
    }
}
