using NanoTcp.Wire;

namespace NanoTcp.Ipv4
{
    /// <summary>
    /// Output fragmentation (RFC 791 §2.3, §3.2): a datagram larger than a frame goes out as fragments of the frame's
    /// room rounded down to 8 bytes, all with one identification, MF on all but the last. The datagram is read from the
    /// caller's buffers (a transport header and the data), so it may be larger than the transmit buffer: UDP and the
    /// echo reply to a reassembled request use it. Fragments share ARP's one held frame per next hop, so an unresolved
    /// next hop keeps the first fragment and drops the rest (counted as ArpQueueFull): the peer's retry finds it resolved.
    /// </summary>
    internal sealed partial class Ipv4Layer
    {
        /// <summary>Largest transport length of one datagram: 65535 less the 20-byte header.</summary>
        internal const int MaxDatagramTransportLength = 65535 - Ipv4Header.MinLength;

        private int _datagramsFragmented;
        private int _fragmentsSent;

        /// <summary>Datagrams sent in fragments.</summary>
        public int DatagramsFragmented => _datagramsFragmented;

        /// <summary>Fragments sent.</summary>
        public int FragmentsSent => _fragmentsSent;

        /// <summary>
        /// Sends <paramref name="headLength"/> bytes of <paramref name="head"/> (a transport header, or null with 0)
        /// followed by <paramref name="dataLength"/> bytes of <paramref name="data"/> as one datagram: in one frame when
        /// it fits, else in fragments. Returns false when it was dropped (counted), or when a fragment could not go.
        /// </summary>
        internal bool SendDatagram(uint destination, byte protocol, byte[] head, int headOffset, int headLength, byte[] data, int dataOffset, int dataLength)
        {
            int total = headLength + dataLength;
            if (total > MaxDatagramTransportLength)
            {
                _stack.Drops.Add(DropReason.SendTooLong);
                return false;
            }

            byte[] frame = _stack.TransmitBuffer;
            int at = TransportOffset;
            if (total <= MaxTransportLength)
            {
                CopyRange(head, headOffset, headLength, data, dataOffset, 0, frame, at, total);
                return SendTransport(destination, protocol, total);
            }

            uint nextHop;
            if (!Route(destination, out nextHop))
            {
                return false;
            }

            int room = MaxTransportLength & ~7;
            _identification++;
            ushort identification = _identification;
            _datagramsFragmented++;
            for (int sent = 0; sent < total;)
            {
                int length = total - sent;
                if (length > room)
                {
                    length = room;
                }

                CopyRange(head, headOffset, headLength, data, dataOffset, sent, frame, at, length);
                bool more = sent + length < total;
                ushort fragment = (ushort)((more ? Ipv4Header.MoreFragments : 0) | (sent >> 3));
                if (!SendPacket(frame, destination, nextHop, protocol, length, identification, fragment, _ttl))
                {
                    return false;
                }

                _fragmentsSent++;
                sent += length;
            }

            return true;
        }

        /// <summary>Copies bytes [<paramref name="from"/>, +<paramref name="length"/>) of head followed by data to <paramref name="target"/>.</summary>
        private static void CopyRange(byte[] head, int headOffset, int headLength, byte[] data, int dataOffset, int from, byte[] target, int at, int length)
        {
            if (from < headLength)
            {
                int n = headLength - from < length ? headLength - from : length;
                System.Array.Copy(head, headOffset + from, target, at, n);
                at += n;
                from += n;
                length -= n;
            }

            if (length > 0)
            {
                System.Array.Copy(data, dataOffset + from - headLength, target, at, length);
            }
        }
    }
}
