using System;

namespace NanoTcp.Http
{
    /// <summary>
    /// The request body of a streaming route (<see cref="HttpServer.MapStreaming"/>), called from <see cref="Step"/>:
    /// the handler runs on the header; an accepted body is handed to its <see cref="IHttpBodyReader"/> as it arrives, a
    /// refused one is read and discarded so that the connection can serve the next request. Bytes pass through one
    /// window: first what came with the header (in the header buffer), then the body buffer, refilled from TCP only
    /// when the reader has taken the window, so an unread body waits in TCP's receive ring and its window holds the
    /// client back. Chunked framing is removed by <see cref="ChunkedBodyDecoder"/>.
    /// </summary>
    internal sealed partial class HttpSession
    {
        /// <summary>The least body buffer: a streamed body needs one even when <see cref="HttpServerConfiguration.MaxBodyLength"/> is 0.</summary>
        private const int MinStreamBuffer = 256;

        /// <summary>Window refills per <see cref="Step"/> (fairness between connections).</summary>
        private const int MaxStreamRounds = 32;

        private readonly ChunkedBodyDecoder _chunks = new ChunkedBodyDecoder();
        private byte[] _window;
        private int _windowStart;
        private int _windowEnd;
        private int _headerOutcome;

        /// <summary>The header of a streaming route is complete: its handler runs now, before any body byte is read.</summary>
        private bool BeginStreamedBody(int end, long now)
        {
            _window = _buffer;
            _windowStart = end;
            _windowEnd = _length;
            _consumed = end;
            if (_length > end)
            {
                _request.ExpectsContinue = false; // body bytes are on their way: the client waits no longer
            }

            _chunks.Reset();
            _headerOutcome = _server.Answer(_route, _request, _response, _connection);
            if (_headerOutcome == HttpServer.ConnectionLost)
            {
                Lose();
                return false;
            }

            if (_headerOutcome != HttpServer.Receiving)
            {
                _request.BodyReader = null; // refused (or the handler failed): the body is discarded
            }

            _state = StreamingBody;
            _deadline = BodyDeadline(now);
            return true;
        }

        /// <summary>Moves the body on as far as the data and the reader allow; true when the exchange is finished.</summary>
        private bool ReadStreamedBody(long now, ref bool progress)
        {
            for (int round = 0; round < MaxStreamRounds; round++)
            {
                long sent = _response.BytesSent;
                if (!_response.Pump())
                {
                    Lose();
                    return false;
                }

                if (_response.BytesSent != sent)
                {
                    progress = true;
                    _deadline = BodyDeadline(now);
                }

                if (_request.IsChunked ? _chunks.IsDone : _request.BodyReceived == BodyLength())
                {
                    progress = true;
                    return EndStreamedBody();
                }

                if (_windowStart == _windowEnd && !Refill(now, ref progress))
                {
                    return false;
                }

                if (_request.IsChunked && !_chunks.InData)
                {
                    _windowStart += _chunks.Frame(_window, _windowStart, _windowEnd);
                    if (_chunks.Failed)
                    {
                        BadChunk();
                        return false;
                    }

                    continue;
                }

                long left = _request.IsChunked ? _chunks.DataRemaining : BodyLength() - _request.BodyReceived;
                int offered = _windowEnd - _windowStart;
                if (left < offered)
                {
                    offered = (int)left;
                }

                int taken = _request.BodyReader == null ? offered : Take(offered);
                if (taken < 0)
                {
                    if (_connection == null)
                    {
                        return false;
                    }

                    continue; // the reader failed and the response was answered: the rest of the body is discarded
                }

                if (taken == 0)
                {
                    return false; // the response's buffer is full: on when TCP has taken it (an ACK wakes the loop)
                }

                progress = true;
                _deadline = BodyDeadline(now);
                _windowStart += taken;
                _request.BodyReceived += taken;
                if (_request.IsChunked)
                {
                    _chunks.Took(taken);
                }
            }

            return false;
        }

        private long BodyLength()
        {
            return _request.ContentLength < 0 ? 0 : _request.ContentLength;
        }

        /// <summary>Refills the empty window from TCP; false when nothing came (waiting, timed out, or the connection ended).</summary>
        private bool Refill(long now, ref bool progress)
        {
            if (_window == _buffer)
            {
                // The bytes that came with the header are used up: the header buffer is free for the next request.
                _length = 0;
                _consumed = 0;
                _window = _request.Body;
            }

            // At most a header buffer's worth, so that bytes read past a chunked body's end fit there as the next request.
            int want = _window.Length < _buffer.Length ? _window.Length : _buffer.Length;
            if (!_request.IsChunked && BodyLength() - _request.BodyReceived < want)
            {
                want = (int)(BodyLength() - _request.BodyReceived);
            }

            int n = _connection.TryReceive(_window, 0, want);
            if (n < 0)
            {
                Lose();
                return false;
            }

            _windowStart = 0;
            _windowEnd = n;
            if (n > 0)
            {
                progress = true;
                _deadline = BodyDeadline(now);
                return true;
            }

            if (_connection.EndOfStream)
            {
                // The client closed before the body's end: a reader's body is incomplete (aborted, counted as lost);
                // a discarded one needs nothing more.
                if (_request.BodyReader != null)
                {
                    Lose();
                }
                else
                {
                    Close();
                }
            }
            else if (now >= _deadline && !_response.IsStreaming)
            {
                // No body byte for BodyTimeoutMilliseconds while nothing waited for send space (a full response is the
                // client's slow reading, never timed out here).
                _server.Counters.timeouts++;
                if (_request.BodyReader != null && !_response.Started)
                {
                    Fail(HttpStatus.RequestTimeout);
                }
                else if (_request.BodyReader != null)
                {
                    Lose();
                }
                else
                {
                    Close();
                }
            }

            return false;
        }

        /// <summary>Offers <paramref name="offered"/> window bytes to the reader; how many it took, -1 when it failed.</summary>
        private int Take(int offered)
        {
            int taken;
            try
            {
                taken = _request.BodyReader.Take(_request, _response, _window, _windowStart, offered);
            }
            catch (Exception)
            {
                taken = -1;
            }

            if (taken == 0 && offered > 0 && !_response.IsStreaming)
            {
                taken = -1; // nothing taken with an empty output buffer: the reader would never end
            }

            if (taken >= 0 && taken <= offered)
            {
                return taken;
            }

            _request.BodyReader = null;
            _headerOutcome = _server.ReaderFailed(_request, _response, _connection);
            if (_headerOutcome == HttpServer.ConnectionLost)
            {
                Lose();
            }

            return -1;
        }

        /// <summary>Malformed chunk framing (counted): 400 when the response has not begun, else the framing is lost.</summary>
        private void BadChunk()
        {
            _server.Counters.badChunks++;
            if (_request.BodyReader != null && !_response.Started)
            {
                Fail(HttpStatus.BadRequest);
            }
            else if (_request.BodyReader != null)
            {
                Lose();
            }
            else
            {
                Close(); // the body was refused and answered already
            }
        }

        /// <summary>The body has been read: bytes after it become the next request; the reader ends the response.</summary>
        private bool EndStreamedBody()
        {
            if (_window == _buffer)
            {
                _consumed = _windowStart;
            }
            else
            {
                int rest = _windowEnd - _windowStart;
                Array.Copy(_window, _windowStart, _buffer, 0, rest);
                _length = rest;
                _consumed = 0;
            }

            _window = null;
            int outcome = _headerOutcome;
            if (_request.BodyReader != null)
            {
                _server.Counters.bodiesStreamed++;
                outcome = _server.EndBody(_request, _response, _connection);
            }
            else if (outcome == HttpServer.Streaming && !_response.IsStreaming)
            {
                _server.Counters.requestsServed++; // the refusal finished sending while the body was discarded
                outcome = _response.KeepAlive ? HttpServer.KeepConnection : HttpServer.CloseConnection;
            }

            if (outcome == HttpServer.Streaming)
            {
                _state = SendingBody;
                return true;
            }

            return FinishExchange(outcome);
        }
    }
}
