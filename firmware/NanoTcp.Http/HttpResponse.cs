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
    /// Writers never poll the stack: on the firmware's loop a write that finds the output buffer full hands what the
    /// connection takes now to TCP and keeps the rest buffered (<see cref="Continue"/> sends it from the loop later);
    /// when neither has room the write fails with <see cref="HttpResponseTooLargeException"/> (longer bodies stream:
    /// <see cref="StreamFrom(IHttpBodySource)"/>, <see cref="StreamFrom(IHttpBodyWriter)"/>). A server polled on an
    /// application thread (<see cref="HttpServer.SendSpace"/> set) waits on that signal instead, until room frees.
    /// </summary>
    public sealed class HttpResponse
    {
        /// <summary>Room kept for a chunk's size line "xxxx\r\n" (4 hex digits: the output buffer is at most 65535 bytes).</summary>
        private const int ChunkHeaderLength = 6;

        private static readonly byte[] ContentTypeField = HttpAscii.Encode("Content-Type: ");
        private static readonly byte[] ContentLengthField = HttpAscii.Encode("Content-Length: ");
        private static readonly byte[] ChunkedField = HttpAscii.Encode("Transfer-Encoding: chunked\r\n");
        private static readonly byte[] CloseField = HttpAscii.Encode("Connection: close\r\n");
        private static readonly byte[] LastChunk = HttpAscii.Encode("0\r\n\r\n");

        /// <summary>The interim response a client sending "Expect: 100-continue" waits for (RFC 9110 §15.2.1).</summary>
        internal static readonly byte[] ContinueResponse = HttpAscii.Encode("HTTP/1.1 100 Continue\r\n\r\n");

        private readonly byte[] _buffer;
        private readonly ITickSource _clock;
        private IHttpConnection _connection;
        private HttpRequest _request;
        private IWakeSignal _sendSpace;
        private int _writeTimeout;
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
        private IHttpBodyWriter _writer;
        private long _sourcePosition;
        private int _pending;
        private int _carried;
        private bool _inWriter;
        private long _lastProgress;

        internal HttpResponse(int outputBufferSize, ITickSource clock)
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

        /// <summary>Clock time (ms) the connection last took bytes of this response.</summary>
        internal long LastProgress => _lastProgress;

        /// <summary>State a <see cref="IHttpBodyWriter"/> keeps between its calls (0 after <see cref="StreamFrom(IHttpBodyWriter)"/>).</summary>
        public int WriterStep;

        /// <summary>A second value for the writer's state (0 after <see cref="StreamFrom(IHttpBodyWriter)"/>), such as an offset.</summary>
        public int WriterOffset;

        /// <summary>
        /// Prepares for one exchange on <paramref name="connection"/>. <paramref name="sendSpace"/>: null on the firmware's
        /// loop (writes never wait); on an application thread, the signal a write waits on for send space, for at most
        /// <paramref name="writeTimeoutMilliseconds"/> without progress (-1: until TCP gives up). Bytes of an interim
        /// response (100 Continue) on the same connection that TCP has not taken yet are kept in front.
        /// </summary>
        internal void Reset(IHttpConnection connection, HttpRequest request, IWakeSignal sendSpace, int writeTimeoutMilliseconds, bool head, bool keepAlive, int versionMinor)
        {
            int unsent = connection == _connection ? _count - _pending : 0;
            if (unsent > 0 && _pending > 0)
            {
                Array.Copy(_buffer, _pending, _buffer, 0, unsent);
            }

            _connection = connection;
            _request = request;
            _sendSpace = sendSpace;
            _writeTimeout = writeTimeoutMilliseconds;
            _head = head;
            _keepAlive = keepAlive;
            _versionMinor = versionMinor;
            _count = unsent;
            _carried = unsent;
            _chunkStart = -1;
            _started = false;
            _chunked = false;
            _remaining = 0;
            _bytesSent = 0;
            _status = 0;
            _source = null;
            _writer = null;
            _sourcePosition = 0;
            _pending = 0;
            _lastProgress = _clock.Milliseconds;
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
            if (_request != null && _request.ExpectsContinue)
            {
                // A final answer instead of 100 Continue: the client may send the body or not (RFC 9110 §10.1.1), so the
                // framing of the next request is unknown; close after the response (the body, if it comes, is discarded).
                _keepAlive = false;
            }

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

            if (_head || _remaining == 0)
            {
                _remaining = 0;
                return;
            }

            _source = source;
            _sourcePosition = 0;
        }

        /// <summary>
        /// Hands the rest of the body to <paramref name="writer"/>: the server calls it from <see cref="HttpServer.Poll"/>
        /// each time the output buffer has been handed to TCP, until it says the body is complete. Any framing (a
        /// Content-Length, chunked, close-delimited); its state lives in <see cref="WriterStep"/> and <see cref="WriterOffset"/>.
        /// Call last in the handler.
        /// </summary>
        public void StreamFrom(IHttpBodyWriter writer)
        {
            if (writer == null)
            {
                throw new ArgumentNullException(nameof(writer));
            }

            if (!_started || _source != null)
            {
                throw new InvalidOperationException("StreamFrom needs a started response and one body source or writer");
            }

            WriterStep = 0;
            WriterOffset = 0;
            if (!_head)
            {
                _writer = writer;
            }
        }

        /// <summary>
        /// Body bytes the output buffer takes now without a send (room for a chunk's framing and the last chunk kept):
        /// what a <see cref="IHttpBodyWriter"/> may write in one call.
        /// </summary>
        public int Room
        {
            get
            {
                int overhead = _chunked ? (_chunkStart < 0 ? ChunkHeaderLength : 0) + 2 + LastChunk.Length : 0;
                int room = _buffer.Length - _count - overhead;
                return room < 0 ? 0 : room;
            }
        }

        /// <summary>True while bytes of this response wait for send space or a source or writer has more (see <see cref="Continue"/>).</summary>
        public bool IsStreaming => _source != null || _writer != null || _pending < _count;

        /// <summary>
        /// Sends what the connection takes now, refilling from the body source or writer; never waits and never gives up
        /// for slowness (only TCP decides that a peer is gone). Returns 1 when the response is complete, 0 when it must
        /// be called again, -1 when the connection failed or the source or writer broke its promise.
        /// </summary>
        internal int Continue()
        {
            for (int round = 0; round < 16; round++)
            {
                // Top the buffer up behind whatever is still there (the head, on the first call), so that head and body
                // leave in one segment and Nagle never holds a lone small piece.
                if (_pending == 0 && _source != null && _count < _buffer.Length && _remaining > 0)
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
                    if (_remaining == 0)
                    {
                        _source = null;
                    }
                }
                else if (_pending == 0 && _writer != null)
                {
                    int before = _count;
                    bool done;
                    _inWriter = true;
                    try
                    {
                        done = _writer.WriteNext(_request, this);
                    }
                    catch (Exception)
                    {
                        return -1; // bytes went out already: the framing cannot be kept
                    }
                    finally
                    {
                        _inWriter = false;
                    }

                    CloseChunk(); // a chunk's size is written when it closes: close it before any of it is sent
                    if (done)
                    {
                        _writer = null;
                        if (FinishBody() != 0)
                        {
                            return -1;
                        }
                    }
                    else if (before == 0 && _count == 0)
                    {
                        return -1; // an empty buffer and nothing written: the writer would never end
                    }
                }

                int sent = SendBuffered();
                if (sent < 0)
                {
                    return -1;
                }

                if (_pending < _count)
                {
                    return 0;
                }

                _count = 0;
                _pending = 0;
                if (_source == null && _writer == null)
                {
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

        /// <summary>
        /// Hands what is buffered to the connection as far as it takes it now; the rest stays buffered and goes out from
        /// <see cref="Continue"/> (on an application thread with <see cref="HttpServer.SendSpace"/>: waits until all is taken).
        /// </summary>
        public void Flush()
        {
            CloseChunk();
            MakeRoom(_sendSpace != null ? _buffer.Length : 0);
        }

        /// <summary>
        /// Ends the response (the server calls this after the handler returned): the last chunk, a flush. Returns 0, or the reason the
        /// exchange cannot be completed: 1 nothing was started, 2 fewer body bytes than the Content-Length promised (a
        /// HEAD response need not write its body). What the connection did not take yet goes out from <see cref="Continue"/>.
        /// </summary>
        internal int Complete()
        {
            if (!_started)
            {
                return 1;
            }

            if (_source != null || _writer != null)
            {
                // The rest goes out from Continue, called by the server's poll.
                CloseChunk();
                return 0;
            }

            int result = FinishBody();
            if (result != 0)
            {
                return result;
            }

            SendBuffered();
            return 0;
        }

        /// <summary>Queues a complete interim response (such as 100 Continue) before the final one; it stays in front of it.</summary>
        internal void SendInterim(byte[] interim)
        {
            AppendRaw(interim, 0, interim.Length);
            SendBuffered();
        }

        /// <summary>
        /// While a request body streams in (<see cref="IHttpBodyReader"/>): hands what is buffered to the connection as far
        /// as it takes it now and moves the rest to the front, so <see cref="Room"/> grows as TCP takes bytes; a body
        /// source or writer is driven as by <see cref="Continue"/>. Returns -1 when the connection failed, else 0.
        /// </summary>
        internal int Pump()
        {
            if (_source != null || _writer != null)
            {
                return Continue() < 0 ? -1 : 0;
            }

            CloseChunk();
            if (_pending >= _count)
            {
                _count = 0;
                _pending = 0;
                _carried = 0;
                return 0;
            }

            if (SendBuffered() < 0)
            {
                return -1;
            }

            if (_pending > 0)
            {
                int unsent = _count - _pending;
                Array.Copy(_buffer, _pending, _buffer, 0, unsent);
                _count = unsent;
                _carried = _carried > _pending ? _carried - _pending : 0;
                _pending = 0;
            }

            return 0;
        }

        /// <summary>Drops what is buffered and not sent (a handler failed before anything went out).</summary>
        internal void Discard()
        {
            _source = null;
            _writer = null;
            _pending = 0;
            _count = _carried;
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

            if (_writer != null && !_inWriter)
            {
                throw new InvalidOperationException("the body comes from the writer given to StreamFrom; write before StreamFrom");
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
                CloseChunk();
                MakeRoom(need + (_chunked ? ChunkHeaderLength + trailer : 0));
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
                    MakeRoom(1);
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
                CloseChunk();
                MakeRoom(count);
            }
        }

        /// <summary>The last chunk of a chunked body; 2 when a Content-Length body is short.</summary>
        private int FinishBody()
        {
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

            return 0;
        }

        /// <summary>Hands the connection what it takes of the buffered bytes now; returns how many, -1 when it failed.</summary>
        private int SendBuffered()
        {
            if (_chunkStart >= 0)
            {
                throw new InvalidOperationException("an open chunk must be closed before it is sent");
            }

            if (_pending >= _count)
            {
                return 0;
            }

            int n = _connection == null ? -1 : _connection.TrySend(_buffer, _pending, _count - _pending);
            if (n > 0)
            {
                _pending += n;
                _bytesSent += n;
                _lastProgress = _clock.Milliseconds;
            }

            return n;
        }

        /// <summary>
        /// Frees room for <paramref name="need"/> bytes behind the buffered ones: sends what the connection takes and moves
        /// the unsent rest to the front. Without room: on the loop, <see cref="HttpResponseTooLargeException"/>; on an
        /// application thread, waits on the send-space signal (clock-time write time-out, restarted by every progress).
        /// </summary>
        private void MakeRoom(int need)
        {
            long deadline = _writeTimeout < 0 ? long.MaxValue : _clock.Milliseconds + _writeTimeout;
            for (;;)
            {
                int sent = SendBuffered();
                if (sent < 0)
                {
                    throw new HttpConnectionLostException("the connection failed while sending");
                }

                if (_pending > 0)
                {
                    int unsent = _count - _pending;
                    Array.Copy(_buffer, _pending, _buffer, 0, unsent);
                    if (_chunkStart >= 0)
                    {
                        _chunkStart -= _pending;
                    }

                    _count = unsent;
                    _carried = _carried > _pending ? _carried - _pending : 0;
                    _pending = 0;
                }

                if (_buffer.Length - _count >= need)
                {
                    return;
                }

                if (_sendSpace == null)
                {
                    throw new HttpResponseTooLargeException("the response does not fit the output buffer and the connection's free send space; stream it (StreamFrom)");
                }

                if (sent > 0 && _writeTimeout >= 0)
                {
                    deadline = _clock.Milliseconds + _writeTimeout;
                }
                else if (_clock.Milliseconds >= deadline)
                {
                    throw new HttpWriteTimeoutException("the peer took no data within the write time-out");
                }

                _sendSpace.Wait(deadline);
            }
        }
    }
}
