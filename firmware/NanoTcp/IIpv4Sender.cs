namespace NanoTcp
{
    /// <summary>
    /// What the IPv4 layer offers a transport protocol (UDP, TCP) for sending. The transport writes its header and
    /// data straight into the stack's one transmit buffer at <see cref="TransportOffset"/>, fills in its own
    /// checksum (pseudo-header folded in), and calls <see cref="SendTransport"/>; the IPv4 layer writes the IPv4 and
    /// Ethernet headers in front and sends the frame, or holds it while ARP resolves the next hop.
    /// IPv4 addresses are uints in network order read as a number: 10.0.0.1 is 0x0A000001.
    /// </summary>
    public interface IIpv4Sender
    {
        /// <summary>The interface's IPv4 address, or 0 while it has none (before DHCP completes).</summary>
        uint LocalAddress { get; }

        /// <summary>The frame buffer every transport writes into; valid until the next send. The same array for the sender's life (a transport may keep it).</summary>
        byte[] TransmitBuffer { get; }

        /// <summary>Where the transport header starts in <see cref="TransmitBuffer"/>; constant.</summary>
        int TransportOffset { get; }

        /// <summary>The largest transport header plus data that fits in one frame (1480 on Ethernet).</summary>
        int MaxTransportLength { get; }

        /// <summary>
        /// Sends the <paramref name="transportLength"/> bytes at <see cref="TransportOffset"/> to
        /// <paramref name="destination"/> as IPv4 protocol <paramref name="protocol"/>. Returns false when the packet
        /// was dropped (no address yet, no route, ARP queue full); the drop is counted.
        /// </summary>
        bool SendTransport(uint destination, byte protocol, int transportLength);

        /// <summary>
        /// Negative advice from the transport: its retransmission timer fired for <paramref name="destination"/>, so
        /// the link-layer address of the next hop may be wrong. ARP re-validates it with unicast requests, then
        /// broadcast ones (RFC 1122 §2.3.2.1); a healthy entry answers at once. Cheap: call it at every retransmission.
        /// </summary>
        void NextHopInDoubt(uint destination);
    }
}
