namespace NanoTcp.Hardware.Simulation
{
    /// <summary>Where a wire copies every frame it carries (the PC's pcap writer, a test's frame log).</summary>
    public interface IFrameCapture
    {
        /// <summary>Records one frame seen at <paramref name="timestampMicroseconds"/>.</summary>
        void Write(long timestampMicroseconds, byte[] buffer, int offset, int length);
    }
}
