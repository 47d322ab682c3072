namespace NanoTcp.Drivers.Enc28j60
{
    /// <summary>SPI instruction opcodes (DS Table 4-1): the top three bits of the first byte; the register address fills bits 4:0.</summary>
    internal static class Enc28j60Opcodes
    {
        /// <summary>RCR: 000a aaaa, then one data byte out (two for MAC/MII registers: dummy, data).</summary>
        public const byte ReadControlRegister = 0x00;

        /// <summary>RBM: 0011 1010, then bytes from the buffer at ERDPT while chip select stays low.</summary>
        public const byte ReadBufferMemory = 0x3A;

        /// <summary>WCR: 010a aaaa, then one data byte in.</summary>
        public const byte WriteControlRegister = 0x40;

        /// <summary>WBM: 0111 1010, then bytes into the buffer at EWRPT while chip select stays low.</summary>
        public const byte WriteBufferMemory = 0x7A;

        /// <summary>BFS: 100a aaaa, mask; ORs the mask into an ETH register.</summary>
        public const byte BitFieldSet = 0x80;

        /// <summary>BFC: 101a aaaa, mask; clears the mask bits of an ETH register.</summary>
        public const byte BitFieldClear = 0xA0;

        /// <summary>SRC: 1111 1111 alone in its chip-select frame: soft reset.</summary>
        public const byte SystemResetCommand = 0xFF;

        /// <summary>The first byte of an instruction on <paramref name="register"/> (address bits only; the bank is in ECON1).</summary>
        public static byte For(byte opcode, int register) => (byte)(opcode | Enc28j60Registers.Address(register));
    }
}
