namespace NanoTcp.Drivers.Enc28j60
{
    /// <summary>
    /// Address arithmetic in the receive ring [start, end] (both inclusive; start even, end odd, DS §3.2 and §7.2).
    /// </summary>
    internal static class ReceiveRing
    {
        /// <summary>The address <paramref name="count"/> bytes after <paramref name="address"/>, wrapping from end to start.</summary>
        public static int Add(int address, int count, int start, int end)
        {
            int result = address + count;
            if (result > end)
            {
                result -= end - start + 1;
            }

            return result;
        }

        /// <summary>Bytes from <paramref name="from"/> up to (not including) <paramref name="to"/>, going forward around the ring.</summary>
        public static int Distance(int from, int to, int start, int end)
        {
            int distance = to - from;
            if (distance < 0)
            {
                distance += end - start + 1;
            }

            return distance;
        }

        /// <summary>
        /// Where the packet after the one at <paramref name="packetStart"/> begins: 6 header bytes plus the byte
        /// count, plus one pad byte when that ends on an odd address (DS §7.2.1: packets start on even addresses).
        /// </summary>
        public static int NextPacketAfter(int packetStart, int byteCount, int start, int end)
        {
            int length = ReceiveHeader.Length + byteCount + (byteCount & 1);
            return Add(packetStart, length, start, end);
        }

        /// <summary>
        /// The ERXRDPT value that frees everything before <paramref name="nextPacket"/>: nextPacket − 1, or the ring end
        /// when nextPacket is the ring start. Always odd (errata 14: an even ERXRDPT can corrupt the ring).
        /// </summary>
        public static int FreeingPointer(int nextPacket, int start, int end) => nextPacket == start ? end : nextPacket - 1;

        /// <summary>
        /// The ERXRDPT value that frees every whole 256-byte page before <paramref name="nextPacket"/>: the last byte
        /// of the page before nextPacket's page, or the ring end for the first page. Its low byte is always FFh
        /// (for a ring starting at 0000h and ending at xxFFh), so ERXRDPTL is written once at start-up and each
        /// release costs one write of ERXRDPTH, which commits the buffered low byte (DS §7.2.4). Odd (errata 14).
        /// It gives up at most 255 bytes of ring space.
        /// </summary>
        public static int PageFreeingPointer(int nextPacket, int start, int end)
        {
            int pageStart = nextPacket & 0x1F00;
            return pageStart <= start ? end : pageStart - 1;
        }
    }
}
