using R = NanoTcp.Hardware.Enc28j60Model.Enc28j60Registers;

namespace NanoTcp.Hardware.Enc28j60Model
{
    /// <summary>
    /// ERXFCON address filters (FACTS.md §2.3): unicast (DA = MAADR), broadcast, multicast (I/G bit), hash table,
    /// Magic Packet and pattern match, combined in OR mode (ANDOR=0: accepted if any enabled filter accepts) or AND
    /// mode (ANDOR=1: accepted only if all enabled filters accept). No filter enabled = promiscuous. CRCEN is a
    /// post-filter applied by the receive logic.
    /// </summary>
    internal static class ReceiveFilter
    {
        private const byte AddressFilters = R.ERXFCON_UCEN | R.ERXFCON_PMEN | R.ERXFCON_MPEN | R.ERXFCON_HTEN
                                            | R.ERXFCON_MCEN | R.ERXFCON_BCEN;

        /// <summary>True when the filters that ERXFCON enables let the frame into the receive buffer.</summary>
        /// <param name="regs">The chip's registers (ERXFCON, the pattern match and hash table registers).</param>
        /// <param name="frame">Frame from the destination address, FCS after <paramref name="length"/> bytes.</param>
        /// <param name="length">The frame's length without the FCS.</param>
        /// <param name="mac">A 6-byte scratch buffer; the chip's own address (MAADR) is copied into it.</param>
        public static bool Accepts(RegisterFile regs, byte[] frame, int length, byte[] mac)
        {
            byte fcon = regs.Erxfcon;
            if ((fcon & AddressFilters) == 0)
            {
                return true;
            }

            regs.CopyMacAddress(mac, 0);
            bool andMode = (fcon & R.ERXFCON_ANDOR) != 0;
            bool any = false;
            bool all = true;

            void Verdict(byte bit, bool accepts)
            {
                if ((fcon & bit) == 0)
                {
                    return;
                }

                any |= accepts;
                all &= accepts;
            }

            Verdict(R.ERXFCON_UCEN, SameAddress(frame, 0, mac));
            Verdict(R.ERXFCON_BCEN, EthernetFrameClass.IsBroadcast(frame, 0));
            Verdict(R.ERXFCON_MCEN, EthernetFrameClass.IsGroup(frame, 0));
            Verdict(R.ERXFCON_HTEN, HashMatches(regs, frame));
            Verdict(R.ERXFCON_MPEN, IsMagicPacket(frame, length, mac));
            Verdict(R.ERXFCON_PMEN, PatternMatches(regs, frame, length));
            return andMode ? all : any;
        }

        private static bool SameAddress(byte[] frame, int offset, byte[] mac)
        {
            for (int i = 0; i < 6; i++)
            {
                if (frame[offset + i] != mac[i])
                {
                    return false;
                }
            }

            return true;
        }

        private static bool HashMatches(RegisterFile regs, byte[] frame)
        {
            int index = EthernetCrc32.HashTableIndex(frame, 0);
            return (regs.HashTable(index >> 3) & (1 << (index & 7))) != 0;
        }

        /// <summary>Magic Packet for the local MAC: DA is MAADR or broadcast, and the data holds FFh×6 then MAADR×16.</summary>
        private static bool IsMagicPacket(byte[] frame, int length, byte[] mac)
        {
            if (!SameAddress(frame, 0, mac) && !EthernetFrameClass.IsBroadcast(frame, 0))
            {
                return false;
            }

            for (int start = 14; start + 102 <= length; start++)
            {
                bool match = true;
                for (int i = 0; i < 6 && match; i++)
                {
                    match = frame[start + i] == 0xFF;
                }

                for (int rep = 0; rep < 16 && match; rep++)
                {
                    match = SameAddress(frame, start + 6 + rep * 6, mac);
                }

                if (match)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// Pattern match: EPMM bit j selects byte EPMO + j of a 64-byte window; the one's-complement checksum of
        /// the selected bytes (taken as one stream of big-endian words) must equal EPMCS. The window may cover the FCS
        /// (EtherCard matches 60-byte ARP frames with EPMO = 0); a window past the FCS does not match (choice:
        /// FACTS.md does not say).
        /// </summary>
        private static bool PatternMatches(RegisterFile regs, byte[] frame, int length)
        {
            int start = regs.Epmo;
            if (start + 64 > length + 4)
            {
                return false;
            }

            uint sum = 0;
            bool high = true;
            for (int j = 0; j < 64; j++)
            {
                if ((regs.PatternMask(j >> 3) & (1 << (j & 7))) == 0)
                {
                    continue;
                }

                byte b = frame[start + j];
                sum += high ? (uint)(b << 8) : b;
                high = !high;
            }

            while ((sum >> 16) != 0)
            {
                sum = (sum & 0xFFFF) + (sum >> 16);
            }

            return (~sum & 0xFFFF) == regs.Epmcs;
        }
    }
}
