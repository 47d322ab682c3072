using System;
using NanoTcp.Wire;

namespace NanoTcp.Tests.Tcp
{
    /// <summary>One captured TCP segment, decoded (and its checksum verified) for assertions.</summary>
    public sealed class SentSegment
    {
        public SentSegment(uint source, uint destination, byte protocol, byte[] bytes)
        {
            Source = source;
            Destination = destination;
            Protocol = protocol;
            Bytes = bytes;
            ChecksumCorrect = TcpHeader.ChecksumIsCorrect(bytes, 0, bytes.Length, source, destination);
            int optionsLength = TcpHeader.OptionsLength(bytes, 0);
            Mss = TcpOptions.MaximumSegmentSize(bytes, TcpHeader.OptionsOffset(0), optionsLength);
            int headerLength = TcpHeader.DataOffset(bytes, 0);
            Data = new byte[bytes.Length - headerLength];
            Array.Copy(bytes, headerLength, Data, 0, Data.Length);
        }

        public uint Source { get; }

        public uint Destination { get; }

        public byte Protocol { get; }

        public byte[] Bytes { get; }

        public bool ChecksumCorrect { get; }

        public int SourcePort => TcpHeader.SourcePort(Bytes, 0);

        public int DestinationPort => TcpHeader.DestinationPort(Bytes, 0);

        public uint Seq => TcpHeader.SequenceNumber(Bytes, 0);

        public uint Ack => TcpHeader.AcknowledgmentNumber(Bytes, 0);

        public int Flags => TcpHeader.Flags(Bytes, 0);

        public int Window => TcpHeader.Window(Bytes, 0);

        public int Mss { get; }

        public byte[] Data { get; }

        public bool Syn => (Flags & TcpHeader.Syn) != 0;

        public bool Fin => (Flags & TcpHeader.Fin) != 0;

        public bool Rst => (Flags & TcpHeader.Rst) != 0;

        public bool HasAck => (Flags & TcpHeader.Ack) != 0;

        public bool Psh => (Flags & TcpHeader.Psh) != 0;

        public static string FlagNames(int flags)
        {
            string s = string.Empty;
            if ((flags & TcpHeader.Syn) != 0) s += "S";
            if ((flags & TcpHeader.Fin) != 0) s += "F";
            if ((flags & TcpHeader.Rst) != 0) s += "R";
            if ((flags & TcpHeader.Psh) != 0) s += "P";
            if ((flags & TcpHeader.Ack) != 0) s += "A";
            if ((flags & TcpHeader.Urg) != 0) s += "U";
            return s;
        }

        public override string ToString()
        {
            return SourcePort.ToString() + ">" + DestinationPort.ToString() + " [" + FlagNames(Flags) + "] seq=" + Seq.ToString()
                + " ack=" + Ack.ToString() + " win=" + Window.ToString() + " len=" + Data.Length.ToString()
                + (Mss >= 0 ? " mss=" + Mss.ToString() : string.Empty);
        }
    }
}
