using System;
using System.Collections.Generic;
using NanoTcp.Hardware.Simulation;

using NanoTcp.Tests.Firmware;
using NanoTcp.Tests.Http;

namespace NanoTcp.Tests.Host.Reliability
{
    /// <summary>Every frame a wire carried, copied.</summary>
    internal sealed class FrameLog : IFrameCapture
    {
        public List<byte[]> Frames { get; } = new List<byte[]>();

        public void Write(long timestampMicroseconds, byte[] buffer, int offset, int length)
        {
            var frame = new byte[length];
            Array.Copy(buffer, offset, frame, 0, length);
            Frames.Add(frame);
        }
    }
}
