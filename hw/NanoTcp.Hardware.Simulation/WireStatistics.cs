namespace NanoTcp.Hardware.Simulation
{
    /// <summary>What the <see cref="EthernetWire"/> did with the frames given to it.</summary>
    public sealed class WireStatistics
    {
        public long FramesSent { get; internal set; }
        public long FramesDelivered { get; internal set; }
        public long FramesDropped { get; internal set; }
        public long FramesDuplicated { get; internal set; }
        public long FramesReordered { get; internal set; }
        public long FramesCorrupted { get; internal set; }

        /// <summary>Frames lost because the sending or receiving port's link was down.</summary>
        public long FramesLinkDown { get; internal set; }

        /// <summary>Frames lost because a port's receive queue was full or the reader's buffer too small.</summary>
        public long FramesOverflowed { get; internal set; }
    }
}
