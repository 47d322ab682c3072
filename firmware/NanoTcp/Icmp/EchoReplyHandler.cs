namespace NanoTcp.Icmp
{
    /// <summary>Called on the stack's thread when an echo reply arrives; the data is valid only during the call.</summary>
    public delegate void EchoReplyHandler(uint source, ushort identifier, ushort sequenceNumber, byte[] data, int offset, int length);
}
