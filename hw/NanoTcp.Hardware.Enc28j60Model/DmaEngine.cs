using R = NanoTcp.Hardware.Enc28j60Model.Enc28j60Registers;

namespace NanoTcp.Hardware.Enc28j60Model
{
    /// <summary>
    /// The DMA controller (FACTS.md §4.10): ECON1.DMAST copies EDMAST…EDMAND to EDMADST, or with ECON1.CSUMEN
    /// computes the RFC 1071 checksum of the range into EDMACS; then DMAST clears and EIR.DMAIF sets. The source
    /// follows the receive-ring wrap (ERXND → ERXST) like ERDPT — a FACTS.md §8 gap ("DMA source-wrap behaviour"),
    /// chosen from the MCHP/UIP end-pointer arithmetic; the destination wraps only 1FFFh → 0000h. The operation
    /// completes at once (no duration is given in FACTS.md); a range that never reaches EDMAND stops after 8 KB.
    /// </summary>
    internal sealed class DmaEngine
    {
        private readonly Enc28j60Chip _chip;

        public DmaEngine(Enc28j60Chip chip)
        {
            _chip = chip;
        }

        /// <summary>Operations completed since power-on.</summary>
        public long Operations { get; private set; }

        public void Start()
        {
            RegisterFile regs = _chip.Registers;
            BufferMemory memory = _chip.Memory;
            int source = regs.Edmast;
            int end = regs.Edmand;
            int erxst = regs.Erxst;
            int erxnd = regs.Erxnd;
            bool checksum = (regs.Econ1 & R.ECON1_CSUMEN) != 0;
            int destination = regs.Edmadst;
            uint sum = 0;
            bool high = true;

            for (int n = 0; n < BufferMemory.Size; n++)
            {
                byte b = memory[source];
                if (checksum)
                {
                    sum += high ? (uint)(b << 8) : b; // big-endian 16-bit words, odd byte padded with 00h
                    high = !high;
                }
                else
                {
                    memory[destination] = b;
                    destination = BufferMemory.NextLinear(destination);
                }

                if (source == end)
                {
                    break;
                }

                source = BufferMemory.NextInRing(source, erxst, erxnd);
            }

            if (checksum)
            {
                while ((sum >> 16) != 0)
                {
                    sum = (sum & 0xFFFF) + (sum >> 16);
                }

                regs.Edmacs = (int)(~sum & 0xFFFF);
            }

            Operations++;
            regs.Econ1 = (byte)(regs.Econ1 & ~R.ECON1_DMAST);
            regs.Eir |= R.EIR_DMAIF;
        }
    }
}
