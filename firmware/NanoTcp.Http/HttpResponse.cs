using System;
using NanoTcp.Hardware;

namespace NanoTcp.Http
{
    /// <summary>
    /// The response writer a handler streams into: <see cref="Start"/> writes the status line and header fields,
    /// then the body goes in chunks through one fixed output buffer that is flushed to the connection whenever it
    /// fills, so a body of any size is never held in memory. With a known length the response carries
    /// Content-Length; with length -1 it is sent chunked (HTTP/1.1) or delimited by closing the connection (HTTP/1.0).
    /// A HEAD response gets the same header fields and no body. Allocated once per connection slot.
    /// </summary>
    public sealed class HttpResponse
    {
        /// <summary>Room kept for a chunk's size line "xxxx\r\n" (4 hex digits: the output buffer is at most 65535 bytes).</summary>
        private const int ChunkHeaderLength = 6;

        /// <summary>Bound on pump calls while one flush waits for send space.</summary>
        private const int MaxPumpsPerFlush = 1000000;

        private static readonly byte[] ContentTypeField = HttpAscii.Encode("Content-Type: ");
        private static readonly byte[] ContentLengthField = HttpAscii.Encode("Content-Length: ");
        private static readonly byte[] ChunkedField = HttpAscii.Encode("Transfer-Encoding: chunked\r\n");
        private static readonly byte[] CloseField = HttpAscii.Encode("Connection: close\r\n");
        private static readonly byte[] LastChunk = HttpAscii.Encode("0\r\n\r\n");

        private readonly byte[] _buffer;
        private readonly ITickSource _clock;
        private IHttpConnection _connection;
        private HttpPump _pump;
        private int _sendTimeout;
        private int _count;
        private int _chunkStart;
        private bool _started;
        private bool _chunked;
        private bool _head;
        private bool _keepAlive;
        private int _versionMinor;
        private long _remaining;
        private long _bytesSent;
        private int _status;
        private IHttpBodySource _source;
        private long _sourcePosition;
        private int _pending;
        private long _lastProgress;

        public HttpResponse(int outputBufferSize, ITickSource clock)
        {
            if (outputBufferSize < 128 || outputBufferSize > 65535)
            {
                throw new ArgumentOutOfRangeException(nameof(outputBufferSize), "the output buffer must hold 128..65535 bytes");
            }

            _buffer = new byte[outputBufferSize];
            _clock = clock;
        }

        /// <summary>The status code given to <see cref="Start"/>, 0 before.</summary>
        public int StatusCode => _status;

        /// <summary>True once <see cref="Start"/> was called.</summary>
        public bool Started => _started;

        /// <summary>True when the connection stays open after this response.</summary>
        public bool KeepAlive => _keepAlive;

        /// <summary>True for a HEAD request: body writes are counted but not sent.</summary>
        public bool IsHead => _head;

        /// <summary>Bytes handed to the connection so far (headers and body).</summary>
        public long BytesSent => _bytesSent;

        /// <summary>Prepares for one exchange on <paramref name="connection"/>.</summary>
        public void Reset(IHttpConnection connection, HttpPump pump, int sendTimeoutMilliseconds, bool head, bool keepAlive, int versionMinor)
        {
            _connection = connection;
            _pump = pump;
            _sendTimeout = sendTimeoutMilliseconds;
            _head = head;
            _keepAlive = keepAlive;
            _versionMinor = versionMinor;
            _count = 0;
            _chunkStart = -1;
            _started = false;
            _chunked = false;
            _remaining = 0;
            _bytesSent = 0;
            _status = 0;
            _source = null;
            _sourcePosition = 0;
            _pending = 0;
        }

        /// <summary>Closes the connection after this response (call before <see cref="Start"/>).</summary>
        public void CloseAfterResponse()
        {
            if (_started)
            {
                throw new InvalidOperationException("the header is already written; call CloseAfterResponse before Start");
            }

            _keepAlive = false;
        }

        /// <summary>
        /// Writes the status line and header fields. <paramref name="contentLength"/> -1: length unknown (chunked, or
        /// close-delimited for HTTP/1.0). <paramref name="extraHeaderLines"/>: optional pre-encoded "Name: value\r\n" lines.
        /// </summary>
        public void Start(int statusCode, byte[] contentType, long contentLength, byte[] extraHeaderLines)
        {
            if (_started)
            {
                throw new InvalidOperationException("the response has already started; Start once per request");
            }

            byte[] statusLine = HttpStatus.StatusLine(statusCode);
            if (statusLine == null)
            {
                throw new ArgumentOutOfRangeException(nameof(statusCode), "no status line for this code; see HttpStatus");
            }

            _started = true;
            _status = statusCode;
            if (contentLength < 0)
            {
                if (_versionMinor >= 1)
                {
                    _chunked = true;
                }
                else
                {
                    _keepAlive = false; // RFC 9112 §6.3: the body ends when the connection closes
                }
            }

            _remaining = contentLength < 0 ? long.MaxValue : contentLength;
            AppendRaw(statusLine, 0, statusLine.Length);
            if (contentType != null)
            {
                AppendRaw(ContentTypeField, 0, ContentTypeField.Length);
                AppendRaw(contentType, 0, contentType.Length);
                AppendCrLf();
            }

            if (contentLength >= 0)
            {
                AppendRaw(ContentLengthField, 0, ContentLengthField.Length);
                Reserve(HttpAscii.MaxDecimalLength);
                _count = HttpAscii.WriteDecimal(_buffer, _count, contentLength);
                AppendCrLf();
            }
            else if (_chunked)
            {
                AppendRaw(ChunkedField, 0, ChunkedField.Length);
            }

            if (!_keepAlive)
            {
                AppendRaw(CloseField, 0, CloseField.Length);
            }

            if (extraHeaderLines != null)
            {
                AppendRaw(extraHeaderLines, 0, extraHeaderLines.Length);
            }

            AppendCrLf();
        }

        /// <summary>Writes body bytes; the buffer is flushed to the connection whenever it fills.</summary>
        public void Write(byte[] buffer, int offset, int count)
        {
            if (buffer == null || offset < 0 || count < 0 || offset + count > buffer.Length)
            {
                throw new ArgumentOutOfRangeException(nameof(count), "offset and count must lie inside the buffer");
            }

            TakeBody(count);
            if (_head)
            {
                return;
            }

            if (!_chunked && count >= _buffer.Length)
            {
                // A large write skips the copy into the output buffer.
                Flush();
                SendAll(buffer, offset, count);
                return;
            }

            while (count > 0)
            {
                int space = BodySpace(1);
                int n = count < space ? count : space;
                Array.Copy(buffer, offset, _buffer, _count, n);
                _count += n;
                offset += n;
                count -= n;
            }
        }

        /// <summary>Writes one body byte.</summary>
        public void WriteByte(byte value)
        {
            TakeBody(1);
            if (!_head)
            {
                BodySpace(1);
                _buffer[_count++] = value;
            }
        }

        /// <summary>Writes the characters of <paramref name="text"/> as ASCII (above 127: '?').</summary>
        public void WriteAscii(string text)
        {
            int length = text.Length;
            TakeBody(length);
            if (_head)
            {
                return;
            }

            int i = 0;
            while (i < length)
            {
                int space = BodySpace(1);
                int n = length - i < space ? length - i : space;
                for (int k = 0; k < n; k++)
                {
                    char c = text[i + k];
                    _buffer[_count + k] = c < (char)128 ? (byte)c : (byte)'?';
                }

                _count += n;
                i += n;
            }
        }

        /// <summary>Writes <paramref name="value"/> in decimal.</summary>
        public void WriteDecimal(long value)
        {
            int length = (value < 0 ? 1 : 0) + (value == long.MinValue ? 19 : HttpAscii.DecimalLength(value < 0 ? -value : value));
            TakeBody(length);
            if (!_head)
            {
                BodySpace(length);
                _count = HttpAscii.WriteDecimal(_buffer, _count, value);
            }
        }

        /// <summary>Writes an IPv4 address in dotted decimal (see <see cref="HttpAscii.WriteIpv4"/>).</summary>
        public void WriteIpv4(uint address)
        {
            int length = 3;
            for (int shift = 0; shift < 32; shift += 8)
            {
                length += HttpAscii.DecimalLength((address >> shift) & 0xFF);
            }

            TakeBody(length);
            if (!_head)
            {
                BodySpace(length);
                _count = HttpAscii.WriteIpv4(_buffer, _count, address);
            }
        }

        /// <summary>
        /// Hands the rest of the body (every byte the Content-Length still expects; the source's position 0 is the first of
        /// them) to <paramref name="source"/>: the server
        /// pulls it from <see cref="HttpServer.Poll"/> as send space frees up, after the handler has returned, so other
        /// connections are served meanwhile. Call last in the handler; only for responses with a Content-Length.
        /// </summary>
        public void StreamFrom(IHttpBodySource source)
        {
            if (source == null)
            {
                throw new ArgumentNullException(nameof(source));
            }

            if (!_started || _chunked || _remaining == long.MaxValue)
            {
                throw new InvalidOperationException("StreamFrom needs a started response with a Content-Length");
            }

            if (_head)
            {
                _remaining = 0;
                return;
            }

            _source = source;
            _sourcePosition = 0;
        }

        /// <summary>True while a body source still has bytes to send (after <see cref="Complete"/>; see <see cref="Continue"/>).</summary>
        public bool IsStreaming => _source != null;

        /// <summary>
        /// Sends what the connection takes now, refilling from the body source; never waits. Returns 1 when the response is
        /// complete, 0 when it must be called again, -1 when the connection failed or took nothing for the send time-out.
        /// </summary>
        public int Continue()
        {
            long now = _clock.Milliseconds;
            for (int round = 0; round < 16; round++)
            {
                // Top the buffer up from the source, behind whatever is still there (the head, on the first call), so that
                // head and body leave in one segment and Nagle never holds a lone small piece.
                if (_source != null && _pending == 0 && _count < _buffer.Length && _remaining > 0)
                {
                    int room = _buffer.Length - _count;
                    int want = _remaining < room ? (int)_remaining : room;
                    int got = _source.Read(_sourcePosition, _buffer, _count, want);
                    if (got <= 0 || got > want)
                    {
                        return -1; // the source broke its promise: the framing cannot be kept
                    }

                    _count += got;
                    _sourcePosition += got;
                    _remaining -= got;
                }

                if (_pending < _count)
                {
                    int n = _connection.TrySend(_buffer, _pending, _count - _pending);
                    if (n < 0)
                    {
                        return -1;
                    }

                    if (n > 0)
                    {
                        _pending += n;
                        _bytesSent += n;
                        _lastProgress = now;
                    }

                    if (_pending < _count)
                    {
                        return now - _lastProgress >= _sendTimeout ? -1 : 0;
                    }
                }

                _count = 0;
                _pending = 0;
                if (_source == null || _remaining == 0)
                {
                    _source = null;
                    return 1;
                }
            }

            return 0;
        }

        /// <summary>A complete short response: status line, text/plain, the status line's code and reason as body.</summary>
        public void SendStatus(int statusCode)
        {
            byte[] line = HttpStatus.StatusLine(statusCode);
            Start(statusCode, HttpContentType.TextPlain, line == null ? 0 : line.Length - 9, null);
            Write(line, 9, line.Length - 9);
        }

        /// <summary>Hands everything buffered to the connection, waiting (pumping the stack) for send space.</summary>
        public void Flush()
        {
            CloseChunk();
            if (_count > 0)
            {
                int count = _count;
                _count = 0;
                SendAll(_buffer, 0, count);
            }
        }

        /// <summary>
        /// Ends the response (the server calls this after the handler returned): the last chunk, a final flush. Returns 0, or the reason the
        /// exchange cannot be completed: 1 nothing was started, 2 fewer body bytes than the Content-Length promised (a
        /// HEAD response need not write its body).
        /// </summary>
        public int Complete()
        {
            if (!_started)
            {
                return 1;
            }

            if (_source != null)
            {
                // The rest goes out from Continue, called by the server's poll; only the pending head is kept.
                CloseChunk();
                _pending = 0;
                _lastProgress = _clock.Milliseconds;
                return 0;
            }

            if (!_head && !_chunked && _remaining != long.MaxValue && _remaining > 0)
            {
                return 2;
            }

            if (_chunked && !_head)
            {
                CloseChunk();
                Reserve(LastChunk.Length);
                Array.Copy(LastChunk, 0, _buffer, _count, LastChunk.Length);
                _count += LastChunk.Length;
            }

            Flush();
            return 0;
        }

        /// <summary>Sends a complete interim response (such as 100 Continue) before the final one; all of it, waiting like a flush.</summary>
        internal void SendInterim(byte[] interim)
        {
            SendAll(interim, 0, interim.Length);
        }

        /// <summary>Drops what is buffered and not sent (a handler failed before anything went out).</summary>
        internal void Discard()
        {
            _source = null;
            _pending = 0;
            _count = 0;
            _chunkStart = -1;
            _started = false;
            _chunked = false;
        }

        private void TakeBody(int count)
        {
            if (!_started)
            {
                throw new InvalidOperationException("call Start before writing the body");
            }

            if (_source != null)
            {
                throw new InvalidOperationException("the body comes from the source given to StreamFrom; write before StreamFrom");
            }

            if (count > _remaining)
            {
                throw new InvalidOperationException("the body is longer than the Content-Length given to Start");
            }

            if (_remaining != long.MaxValue)
            {
                _remaining -= count;
            }
        }

        /// <summary>Makes room for at least <paramref name="need"/> body bytes (opening a chunk if chunked); returns the room.</summary>
        private int BodySpace(int need)
        {
            int trailer = _chunked ? 2 : 0;
            if (_chunked && _chunkStart < 0)
            {
                Reserve(ChunkHeaderLength + need + trailer);
                _chunkStart = _count;
                _count += ChunkHeaderLength;
            }

            if (_buffer.Length - trailer - _count < need)
            {
                Flush();
                if (_chunked)
                {
                    _chunkStart = _count;
                    _count += ChunkHeaderLength;
                }
            }

            return _buffer.Length - trailer - _count;
        }

        /// <summary>Finishes the open chunk: size line in front, CRLF behind (RFC 9112 §7.1); an empty chunk is dropped.</summary>
        private void CloseChunk()
        {
            if (_chunkStart < 0)
            {
                return;
            }

            int size = _count - _chunkStart - ChunkHeaderLength;
            if (size == 0)
            {
                _count = _chunkStart;
            }
            else
            {
                HttpAscii.WriteHexFixed(_buffer, _chunkStart, size, 4);
                _buffer[_chunkStart + 4] = (byte)'\r';
                _buffer[_chunkStart + 5] = (byte)'\n';
                _buffer[_count++] = (byte)'\r';
                _buffer[_count++] = (byte)'\n';
            }

            _chunkStart = -1;
        }

        private void AppendRaw(byte[] source, int offset, int count)
        {
            while (count > 0)
            {
                if (_count == _buffer.Length)
                {
                    Flush();
                }

                int space = _buffer.Length - _count;
                int n = count < space ? count : space;
                Array.Copy(source, offset, _buffer, _count, n);
                _count += n;
                offset += n;
                count -= n;
            }
        }

        private void AppendCrLf()
        {
            Reserve(2);
            _buffer[_count++] = (byte)'\r';
            _buffer[_count++] = (byte)'\n';
        }

        private void Reserve(int count)
        {
            if (_buffer.Length - _count < count)
            {
                Flush();
            }
        }

        private void SendAll(byte[] buffer, int offset, int count)
        {
            if (_connection == null)
            {
                throw new HttpConnectionLostException("no connection");
            }

            if (_pump == null)
            {
                if (_connection.Send(buffer, offset, count, _sendTimeout) < 0)
                {
                    throw new HttpConnectionLostException("the connection failed or took no data within the send time-out");
                }

                _bytesSent += count;
                return;
            }

            long deadline = _clock.Milliseconds + _sendTimeout;
            int pumps = 0;
            while (count > 0)
            {
                int n = _connection.TrySend(buffer, offset, count);
                if (n < 0)
                {
                    throw new HttpConnectionLostException("the connection failed while sending");
                }

                offset += n;
                count -= n;
                _bytesSent += n;
                if (n > 0)
                {
                    deadline = _clock.Milliseconds + _sendTimeout;
                    pumps = 0;
                    continue;
                }

                if (_clock.Milliseconds >= deadline || ++pumps > MaxPumpsPerFlush)
                {
                    throw new HttpConnectionLostException("the peer took no data within the send time-out");
                }

                _pump();
            }
        }
    }
}
