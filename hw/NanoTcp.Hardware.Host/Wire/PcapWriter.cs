using System;
using System.Buffers.Binary;
using System.IO;
using NanoTcp.Hardware.Simulation;

namespace NanoTcp.Hardware.Host.Wire
{
    /// <summary>
    /// Writes frames to a classic libpcap file (magic 0xA1B2C3D4, microsecond timestamps, link type 1 =
    /// Ethernet) that tshark and Wireshark open. Each record is flushed, so a capture is readable while it grows.
    /// </summary>
    public sealed class PcapWriter : IFrameCapture, IDisposable
    {
        private const uint Magic = 0xA1B2C3D4;
        private const int SnapLength = 65535;
        private const int LinkTypeEthernet = 1;

        private readonly Stream _stream;
        private readonly object _gate = new object();
        private readonly byte[] _recordHeader = new byte[16];
        private bool _disposed;

        public PcapWriter(string path)
            : this(new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read))
        {
        }

        public PcapWriter(Stream stream)
        {
            _stream = stream ?? throw new ArgumentNullException(nameof(stream));
            var header = new byte[24];
            BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(0), Magic);
            BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(4), 2);
            BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(6), 4);
            BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(8), 0);
            BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(12), 0);
            BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(16), SnapLength);
            BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(20), LinkTypeEthernet);
            _stream.Write(header, 0, header.Length);
            _stream.Flush();
        }

        /// <summary>Frames written so far.</summary>
        public long FrameCount { get; private set; }

        /// <summary>Appends one frame captured at <paramref name="timestampMicroseconds"/>.</summary>
        public void Write(long timestampMicroseconds, byte[] buffer, int offset, int length)
        {
            lock (_gate)
            {
                ObjectDisposedException.ThrowIf(_disposed, this);
                BinaryPrimitives.WriteUInt32LittleEndian(_recordHeader.AsSpan(0), (uint)(timestampMicroseconds / 1_000_000));
                BinaryPrimitives.WriteUInt32LittleEndian(_recordHeader.AsSpan(4), (uint)(timestampMicroseconds % 1_000_000));
                BinaryPrimitives.WriteUInt32LittleEndian(_recordHeader.AsSpan(8), (uint)Math.Min(length, SnapLength));
                BinaryPrimitives.WriteUInt32LittleEndian(_recordHeader.AsSpan(12), (uint)length);
                _stream.Write(_recordHeader, 0, _recordHeader.Length);
                _stream.Write(buffer, offset, Math.Min(length, SnapLength));
                _stream.Flush();
                FrameCount++;
            }
        }

        public void Dispose()
        {
            lock (_gate)
            {
                if (_disposed)
                {
                    return;
                }

                _disposed = true;
                _stream.Dispose();
            }
        }
    }
}
