namespace NanoTcp.Hardware.Enc28j60Model
{
    /// <summary>
    /// The 8 KB dual-port buffer SRAM (FACTS.md §3.1) and its two address-advance rules: the linear one
    /// (1FFFh → 0000h, used by EWRPT, the transmit logic and the DMA destination) and the receive-ring one
    /// (ERXND → ERXST, used by ERDPT reads, the receive logic and the DMA source).
    /// </summary>
    public sealed class BufferMemory
    {
        /// <summary>Buffer size: 0000h–1FFFh.</summary>
        public const int Size = 0x2000;

        private const int AddressMask = Size - 1;

        private readonly byte[] _bytes = new byte[Size];

        public byte this[int address]
        {
            get => _bytes[address & AddressMask];
            set => _bytes[address & AddressMask] = value;
        }

        /// <summary>Copies <paramref name="count"/> bytes starting at <paramref name="address"/>, linear with the 1FFFh → 0000h wrap.</summary>
        public void CopyOut(int address, byte[] destination, int offset, int count)
        {
            for (int i = 0; i < count; i++)
            {
                destination[offset + i] = _bytes[(address + i) & AddressMask];
            }
        }

        /// <summary>Writes bytes linearly with the 1FFFh → 0000h wrap (a test's back door; the chip never uses it).</summary>
        public void CopyIn(int address, byte[] source, int offset, int count)
        {
            for (int i = 0; i < count; i++)
            {
                _bytes[(address + i) & AddressMask] = source[offset + i];
            }
        }

        /// <summary>WBM, TX and DMA destination: 1FFFh → 0000h, no ring wrap (FACTS.md §1.2 WBM, §4.10).</summary>
        public static int NextLinear(int address) => (address + 1) & AddressMask;

        /// <summary>
        /// RBM and the receive ring: when the pointer equals ERXND it jumps to ERXST; otherwise it increments
        /// with 1FFFh → 0000h (FACTS.md §1.2 RBM, §3.4).
        /// </summary>
        public static int NextInRing(int address, int erxst, int erxnd) => address == erxnd ? erxst : (address + 1) & AddressMask;
    }
}
