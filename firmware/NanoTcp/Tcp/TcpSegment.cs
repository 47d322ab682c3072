using NanoTcp.Wire;

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

        /// <summary>Control bits (<see cref="TcpHeader.ControlBits"/>: URG to FIN).</summary>
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

        public bool Syn => (Flags & TcpHeader.Syn) != 0;

        public bool Fin => (Flags & TcpHeader.Fin) != 0;

        public bool Rst => (Flags & TcpHeader.Rst) != 0;

        public bool HasAck => (Flags & TcpHeader.Ack) != 0;

        public bool Psh => (Flags & TcpHeader.Psh) != 0;

        /// <summary>SEG.LEN: data plus one for SYN and one for FIN.</summary>
        public uint Length => (uint)(DataLength + (Syn ? 1 : 0) + (Fin ? 1 : 0));
    }
}
