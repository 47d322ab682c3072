namespace NanoTcp.Hardware
{
    /// <summary>Frame sizes shared by every link (IEEE 802.3, without preamble and FCS).</summary>
    public static class EthernetFrameLimits
    {
        /// <summary>Header: destination MAC, source MAC, EtherType.</summary>
        public const int HeaderLength = 14;

        /// <summary>Largest payload of an untagged frame (the IPv4 MTU).</summary>
        public const int MaxPayloadLength = 1500;

        /// <summary>Largest frame a link hands over: header plus 1500 bytes of payload.</summary>
        public const int MaxFrameLength = HeaderLength + MaxPayloadLength;

        /// <summary>Shortest frame on the wire without FCS; shorter ones are padded by the sender.</summary>
        public const int MinFrameLength = 60;
    }
}
