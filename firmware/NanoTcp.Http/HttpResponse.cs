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
    public sealed partial class HttpResponse
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

        /// <summary>A complete short response: status line, text/plain, the status line's code and reason as body.</summary>
        public void SendStatus(int statusCode)
        {
            byte[] line = HttpStatus.StatusLine(statusCode);
            Start(statusCode, HttpContentType.TextPlain, line == null ? 0 : line.Length - 9, null);
            Write(line, 9, line.Length - 9);
        }
    }
}
