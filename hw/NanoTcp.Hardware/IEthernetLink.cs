namespace NanoTcp.Hardware
{
    /// <summary>
    /// An Ethernet interface that moves whole frames (destination MAC through payload, no preamble, no FCS).
    /// The stack polls it from one thread; implementations never block and never allocate per frame.
    /// </summary>
    public interface IEthernetLink
    {
        /// <summary>Copies the interface's 6-byte MAC address to <paramref name="buffer"/> at <paramref name="offset"/>.</summary>
        void GetMacAddress(byte[] buffer, int offset);

        /// <summary>True when the physical link is up (cable in, peer present).</summary>
        bool IsLinkUp { get; }

        /// <summary>
        /// Queues one frame for transmission. A frame that cannot be sent (link down, too long) is dropped
        /// and counted by the link: Ethernet gives no delivery guarantee and the protocols above recover.
        /// </summary>
        void Send(byte[] buffer, int offset, int length);

        /// <summary>
        /// Copies the next received frame to <paramref name="buffer"/> at <paramref name="offset"/> and returns its
        /// length, or 0 when no frame is waiting. A frame longer than <paramref name="capacity"/> is dropped and counted.
        /// </summary>
        int Receive(byte[] buffer, int offset, int capacity);
    }
}
