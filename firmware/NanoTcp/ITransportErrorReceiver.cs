namespace NanoTcp
{
    /// <summary>
    /// A transport that takes ICMP errors about the packets it sent (RFC 1122 §3.2.2 and §4.2.3.9): the ICMP layer
    /// hands over each destination-unreachable or time-exceeded message whose quoted packet is ours and of the
    /// transport's protocol. Implemented beside <see cref="ITransportProtocol"/> by the transports that care (TCP).
    /// </summary>
    internal interface ITransportErrorReceiver
    {
        /// <summary>
        /// One ICMP error of <paramref name="type"/> and <paramref name="code"/>. <paramref name="quoted"/> is the
        /// quoted IPv4 header in <paramref name="buffer"/>, checked to hold that header and at least 8 bytes after it
        /// (<paramref name="quotedLength"/> bytes in all). Valid only during the call; bad input is counted, never thrown.
        /// </summary>
        void ErrorArrived(byte type, byte code, byte[] buffer, int quoted, int quotedLength);
    }
}
