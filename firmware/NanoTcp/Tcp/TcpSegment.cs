namespace NanoTcp.Tcp
{
    /// <summary>
    /// The fields of the segment being processed (RFC 9293 SEG.*), read once from the buffer by the layer. One
    /// instance is allocated with the layer and refilled for every arrival; the data stays in the frame buffer.
    /// </summary>
    internal sealed class TcpSegment
    {
        public uint Source;
        public uint Destination;
        public int SourcePort;
        public int DestinationPort;

        /// <summary>SEG.SEQ.</summary>
        public uint Seq;

        /// <summary>SEG.ACK.</summary>
        public uint Ack;

        /// <summary>Control bits.</summary>
        public int Flags;

        /// <summary>SEG.WND.</summary>
        public int Window;

        /// <summary>The peer's MSS option, or -1.</summary>
        public int Mss;

        public byte[] Buffer;

        /// <summary>Where the data starts in <see cref="Buffer"/>.</summary>
        public int DataOffset;

        /// <summary>Data bytes.</summary>
        public int DataLength;

        public bool Syn => (Flags & 0x02) != 0;

        public bool Fin => (Flags & 0x01) != 0;

        public bool Rst => (Flags & 0x04) != 0;

        public bool HasAck => (Flags & 0x10) != 0;

        public bool Psh => (Flags & 0x08) != 0;

        /// <summary>SEG.LEN: data plus one for SYN and one for FIN.</summary>
        public uint Length => (uint)(DataLength + (Syn ? 1 : 0) + (Fin ? 1 : 0));
    }
}
