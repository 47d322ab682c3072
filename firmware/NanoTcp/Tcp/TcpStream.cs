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
