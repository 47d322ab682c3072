using System;
using System.IO;

namespace NanoTcp.Tcp
{
    /// <summary>
    /// A Stream over a connection so ordinary readers and writers work. Read blocks for at least one byte (0 at end
    /// of stream) up to ReadTimeout; Write queues every byte up to WriteTimeout. Disposing closes the connection.
    /// </summary>
    public sealed class TcpStream : Stream
    {
        private readonly TcpConnection _connection;
        private int _readTimeout = -1;
        private int _writeTimeout = -1;

        public TcpStream(TcpConnection connection)
        {
            _connection = connection ?? throw new ArgumentNullException(nameof(connection));
        }

        public TcpConnection Connection => _connection;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException("a TCP stream has no length");

        public override long Position
        {
            get => throw new NotSupportedException("a TCP stream has no position");
            set => throw new NotSupportedException("a TCP stream cannot seek");
        }

        public override int ReadTimeout
        {
            get => _readTimeout;
            set => _readTimeout = value;
        }

        public override int WriteTimeout
        {
            get => _writeTimeout;
            set => _writeTimeout = value;
        }

        public override void Flush()
        {
            // Data is handed to TCP at once by Write; Nagle may still hold a short tail (set NoDelay to avoid it).
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            return _connection.Receive(buffer, offset, count, _readTimeout);
        }

#if NANOFRAMEWORK_1_0
        private byte[] _spanScratch;

        /// <summary>
        /// nanoFramework's Stream also declares Read(SpanByte) abstract (FACTS.md §1.4). It reads through a small
        /// scratch array allocated once per stream. Compiled only for nanoFramework (not built or tested here).
        /// </summary>
        public override int Read(SpanByte buffer)
        {
            if (_spanScratch == null)
            {
                _spanScratch = new byte[256];
            }

            int count = buffer.Length < _spanScratch.Length ? buffer.Length : _spanScratch.Length;
            int n = _connection.Receive(_spanScratch, 0, count, _readTimeout);
            new SpanByte(_spanScratch, 0, n).CopyTo(buffer);
            return n;
        }

#endif
        public override void Write(byte[] buffer, int offset, int count)
        {
            _connection.Send(buffer, offset, count, _writeTimeout);
        }

        public override long Seek(long offset, SeekOrigin origin)
        {
            throw new NotSupportedException("a TCP stream cannot seek");
        }

        public override void SetLength(long value)
        {
            throw new NotSupportedException("a TCP stream has no length");
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _connection.Close();
            }

            base.Dispose(disposing);
        }
    }
}
