namespace NanoTcp.Udp
{
    /// <summary>
    /// Called on the stack's thread with one datagram's data in place in the receive buffer; the bytes are valid only
    /// during the call (copy what must be kept). The handler may send from inside the call.
    /// </summary>
    public delegate void UdpReceiveHandler(byte[] buffer, int offset, int length, uint sourceAddress, ushort sourcePort, uint destinationAddress, ushort destinationPort);
}
