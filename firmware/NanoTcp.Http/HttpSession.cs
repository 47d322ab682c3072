using System;

namespace NanoTcp.Http
{
    /// <summary>
    /// One connection slot of the server: the fixed header buffer, the request and the response writer, and the
    /// per-connection state machine (read header → read body → answer → next request or close). Allocated once.
    /// </summary>
    internal sealed partial class HttpSession
    {
        private const int ReadingHeader = 0;
        private const int ReadingBody = 1;
        private const int SendingBody = 2;
        private const int StreamingBody = 3;

        private readonly HttpServer _server;
        private readonly HttpServerConfiguration _config;
        private readonly byte[] _buffer;
        private readonly HttpRequest _request;
        private readonly HttpResponse _response;
        private IHttpConnection _connection;
        private int _state;
        private int _length;
        private int _scanned;
        private int _consumed;
        private bool _requestStarted;
        private long _deadline;
        private int _route;

        public HttpSession(HttpServer server, HttpServerConfiguration config)
        {
            _server = server;
            _config = config;
            _buffer = new byte[config.HeaderBufferSize];
            // The body buffer also holds a streamed body's bytes on their way to its reader: at least MinStreamBuffer.
            _request = new HttpRequest(_buffer, config.MaxBodyLength < MinStreamBuffer ? MinStreamBuffer : config.MaxBodyLength);
            _response = new HttpResponse(config.OutputBufferSize, server.Clock);
            _request.Response = _response;
        }

        public bool IsOpen => _connection != null;

        public void Open(IHttpConnection connection, long now)
        {
            _connection = connection;
            _state = ReadingHeader;
            _length = 0;
            _scanned = 0;
            _consumed = 0;
            _requestStarted = false;
            _deadline = now + _config.KeepAliveTimeoutMilliseconds;
        }

        /// <summary>Moves this connection forward as far as the data that has arrived allows; returns true when anything happened.</summary>
        public bool Step(long now)
        {
            bool progress = false;
            for (int round = 0; round < _config.MaxRequestsPerPoll && _connection != null; round++)
            {
                if (_state == ReadingHeader && !ReadHeader(now, ref progress))
                {
                    return progress;
                }

                if (_state == ReadingBody && !ReadBody(now, ref progress))
                {
                    return progress;
                }

                if (_state == StreamingBody && !ReadStreamedBody(now, ref progress))
                {
                    return progress;
                }

                if (_state == SendingBody && !SendBody(ref progress))
                {
                    return progress;
                }
            }

            return progress;
        }

        /// <summary>Returns true when a complete, valid header was parsed (state is now ReadingBody).</summary>
        private bool ReadHeader(long now, ref bool progress)
        {
            if (_length < _buffer.Length)
            {
                int n = _connection.TryReceive(_buffer, _length, _buffer.Length - _length);
                if (n < 0)
                {
                    Lose();
                    return false;
                }

                if (n > 0)
                {
                    progress = true;
                    _length += n;
                }
            }

            if (!_requestStarted && _length > 0)
            {
                int skip = HttpRequestParser.LeadingEmptyLineBytes(_buffer, 0, _length);
                if (skip > 0)
                {
                    Shift(skip);
                }

                if (_length > 0)
                {
                    _requestStarted = true;
                    _deadline = now + _config.HeaderTimeoutMilliseconds;
                }
            }

            int end = HttpRequestParser.FindHeaderEnd(_buffer, _length, _scanned);
            if (end < 0)
            {
                _scanned = _length;
                if (_length == _buffer.Length)
                {
                    _server.Counters.headersTooLarge++;
                    Fail(HttpStatus.RequestHeaderFieldsTooLarge);
                }
                else if (_connection.EndOfStream)
                {
                    Close();
                }
                else if (now >= _deadline)
                {
                    _server.Counters.timeouts++;
                    if (_requestStarted)
                    {
                        Fail(HttpStatus.RequestTimeout);
                    }
                    else
                    {
                        Close(); // keep-alive idle: a silent close (RFC 9112 §9.5)
                    }
                }

                return false;
            }

            progress = true;
            int status = HttpRequestParser.Parse(_buffer, end, _request);
            _route = -1;
            if (status == 0)
            {
                _route = _server.FindRoute(_request);
                _request.StreamsBody = _server.StreamsBody(_route);
                if (!_request.StreamsBody && _request.IsChunked)
                {
                    status = HttpStatus.LengthRequired; // only streaming routes decode chunked bodies (RFC 9110 §15.5.12)
                }
                else if (!_request.StreamsBody && _request.ContentLength > _config.MaxBodyLength)
                {
                    status = HttpStatus.ContentTooLarge;
                }
            }

            if (status != 0)
            {
                if (status == HttpStatus.RequestHeaderFieldsTooLarge)
                {
                    _server.Counters.headersTooLarge++;
                }
                else if (status == HttpStatus.ContentTooLarge)
                {
                    _server.Counters.bodiesTooLarge++;
                }
                else if (status == HttpStatus.NotImplemented)
                {
                    _server.Counters.notImplemented++;
                }
                else if (status == HttpStatus.LengthRequired)
                {
                    _server.Counters.lengthRequired++;
                }
                else
                {
                    _server.Counters.badRequests++;
                }

                Fail(status);
                return false;
            }

            if (_request.StreamsBody)
            {
                return BeginStreamedBody(end, now);
            }

            // Body bytes that arrived with the header move into the body buffer.
            long contentLength = _request.ContentLength < 0 ? 0 : _request.ContentLength;
            int take = _length - end;
            if (take > contentLength)
            {
                take = (int)contentLength;
            }

            Array.Copy(_buffer, end, _request.Body, 0, take);
            _request.BodyLength = take;
            _consumed = end + take;

            // RFC 9110 §10.1.1: a client that sent "Expect: 100-continue" waits for an interim 100 before the body.
            if (take < contentLength && _request.ExpectsContinue)
            {
                _request.ExpectsContinue = false;
                _response.Reset(_connection, _request, _server.SendSpace, _config.WriteTimeoutMilliseconds, false, true, 1);
                try
                {
                    _response.SendInterim(HttpResponse.ContinueResponse);
                }
                catch (HttpConnectionLostException)
                {
                    Lose();
                    return false;
                }
            }

            _request.ExpectsContinue = false; // the handler runs after the body: its answer never replaces the 100
            _state = ReadingBody;
            _deadline = BodyDeadline(now);
            return true;
        }

        /// <summary>Returns true when the request was answered and the connection is ready for the next one.</summary>
        private bool ReadBody(long now, ref bool progress)
        {
            int need = (_request.ContentLength < 0 ? 0 : (int)_request.ContentLength) - _request.BodyLength;
            if (need > 0)
            {
                int n = _connection.TryReceive(_request.Body, _request.BodyLength, need);
                if (n < 0)
                {
                    Lose();
                    return false;
                }

                if (n > 0)
                {
                    progress = true;
                    _request.BodyLength += n;
                    need -= n;
                }

                if (need > 0)
                {
                    if (_connection.EndOfStream)
                    {
                        Close();
                    }
                    else if (now >= _deadline)
                    {
                        _server.Counters.timeouts++;
                        Fail(HttpStatus.RequestTimeout);
                    }

                    return false;
                }
            }

            progress = true;
            int outcome = _server.Answer(_route, _request, _response, _connection);
            if (outcome == HttpServer.Streaming)
            {
                _state = SendingBody;
                return true;
            }

            return FinishExchange(outcome);
        }

        /// <summary>Moves a streamed body on; returns true when it is complete and the next request may be read.</summary>
        private bool SendBody(ref bool progress)
        {
            long before = _response.BytesSent;
            ResponseProgress result = _response.Continue();
            if (_response.BytesSent != before)
            {
                progress = true;
            }

            if (result == ResponseProgress.Pending)
            {
                return false;
            }

            if (result == ResponseProgress.Failed)
            {
                Lose();
                return false;
            }

            _server.Counters.requestsServed++;
            return FinishExchange(_response.KeepAlive ? HttpServer.KeepConnection : HttpServer.CloseConnection);
        }

        private bool FinishExchange(int outcome)
        {
            if (outcome == HttpServer.ConnectionLost)
            {
                Lose();
                return false;
            }

            if (outcome == HttpServer.CloseConnection)
            {
                Close();
                return false;
            }

            // Pipelined bytes after this request become the start of the next one.
            Shift(_consumed);
            _scanned = 0;
            _consumed = 0;
            _requestStarted = false;
            _state = ReadingHeader;
            _deadline = _server.Clock.Milliseconds + _config.KeepAliveTimeoutMilliseconds;
            return true;
        }

        /// <summary>Answers an error with "Connection: close" and closes: after a bad request the framing cannot be trusted.</summary>
        private void Fail(int status)
        {
            _response.Reset(_connection, _request, _server.SendSpace, _config.WriteTimeoutMilliseconds, false, false, 1);
            try
            {
                _response.SendStatus(status);
                _response.Complete();
            }
            catch (HttpConnectionLostException)
            {
                Lose();
                return;
            }

            if (_response.IsStreaming)
            {
                _state = SendingBody; // the rest goes out from the loop; the connection closes after it
                return;
            }

            Close();
        }

        internal void Lose()
        {
            if (_connection != null)
            {
                _server.Counters.connectionsLost++;
                _connection.Abort();
                _connection = null;
            }
        }

        internal void Close()
        {
            if (_connection != null)
            {
                _connection.Close();
                _connection = null;
            }
        }

        /// <summary>
        /// When a body stalled since <paramref name="now"/> times out; never with a negative
        /// <see cref="HttpServerConfiguration.BodyTimeoutMilliseconds"/> (a lossy wire's back-off is no reason to end it).
        /// </summary>
        private long BodyDeadline(long now)
        {
            return _config.BodyTimeoutMilliseconds < 0 ? long.MaxValue : now + _config.BodyTimeoutMilliseconds;
        }

        private void Shift(int count)
        {
            int rest = _length - count;
            if (rest > 0)
            {
                Array.Copy(_buffer, count, _buffer, 0, rest);
            }

            _length = rest;
        }
    }
}
