namespace NanoTcp.Hardware.Enc28j60Model
{
    /// <summary>The SPI instructions of FACTS.md §1.2, plus one bucket for opcodes the chip does not define.</summary>
    public enum Enc28j60Instruction
    {
        /// <summary>RCR, 0x00 | address.</summary>
        ReadControlRegister = 0,

        /// <summary>RBM, 0x3A.</summary>
        ReadBufferMemory = 1,

        /// <summary>WCR, 0x40 | address.</summary>
        WriteControlRegister = 2,

        /// <summary>WBM, 0x7A.</summary>
        WriteBufferMemory = 3,

        /// <summary>BFS, 0x80 | address.</summary>
        BitFieldSet = 4,

        /// <summary>BFC, 0xA0 | address.</summary>
        BitFieldClear = 5,

        /// <summary>SRC, 0xFF.</summary>
        SystemResetCommand = 6,

        /// <summary>001/011/110/111 opcodes with an argument other than the datasheet's constant.</summary>
        Invalid = 7,
    }
}
