using System;
using NanoTcp.Hardware;

namespace NanoTcp.Http
{
    /// <summary>
    /// A small HTTP/1.1 server (RFC 9110, RFC 9112) driven by <see cref="Poll"/> from the firmware's one loop: each
    /// call accepts waiting connections into free sessions and moves every session forward with non-blocking reads,
    /// so no thread is needed. GET, HEAD and POST with Content-Length; persistent connections and pipelining;
    /// responses streamed through <see cref="HttpResponse"/>. Errors a client can cause get their status (400, 408,
    /// 413, 431, 501, 505, 404, 500) and never stop the server. All buffers are allocated here, once.
    /// </summary>
    public sealed class HttpServer
    {
        internal const int KeepConnection = 0;
        internal const int CloseConnection = 1;
        internal const int ConnectionLost = 2;
        internal const int Streaming = 3;
        internal const int Receiving = 4;

        private readonly IHttpListener _listener;
        private readonly ITickSource _clock;
        private readonly HttpServerConfiguration _config;
        private readonly HttpSession[] _sessions;
        private readonly string[] _routePath;
        private readonly bool[] _routeIsPrefix;
        private readonly bool[] _routeStreamsBody;
        private readonly HttpHandler[] _routeHandler;
        private int _routeCount;
        private bool _polling;

        public HttpServer(IHttpListener listener, ITickSource clock, HttpServerConfiguration configuration)
        {
            if (listener == null || clock == null)
            {
                throw new ArgumentNullException(listener == null ? "listener" : "clock");
            }

            _listener = listener;
            _clock = clock;
            _config = configuration ?? new HttpServerConfiguration();
            if (_config.MaxConnections < 1 || _config.HeaderBufferSize < 64 || _config.MaxBodyLength < 0 || _config.MaxRoutes < 1 || _config.MaxRequestsPerPoll < 1)
            {
                throw new ArgumentException("MaxConnections, MaxRoutes and MaxRequestsPerPoll must be at least 1, HeaderBufferSize at least 64, MaxBodyLength not negative");
            }

            _sessions = new HttpSession[_config.MaxConnections];
            for (int i = 0; i < _sessions.Length; i++)
            {
                _sessions[i] = new HttpSession(this, _config);
            }

            _routePath = new string[_config.MaxRoutes];
            _routeIsPrefix = new bool[_config.MaxRoutes];
            _routeStreamsBody = new bool[_config.MaxRoutes];
            _routeHandler = new HttpHandler[_config.MaxRoutes];
        }

        public HttpServerConfiguration Configuration => _config;

        public HttpCounters Counters { get; } = new HttpCounters();

        public ITickSource Clock => _clock;

        /// <summary>
        /// Null (the default) when <see cref="Poll"/> runs on the firmware's loop: no write ever waits, a response that
        /// does not fit continues from the next polls. When <see cref="Poll"/> runs on an application thread while another
        /// thread polls the stack: the signal a write waits on for send space (the stack's thread sets it after each poll
        /// step), with <see cref="HttpServerConfiguration.WriteTimeoutMilliseconds"/>.
        /// </summary>
        public IWakeSignal SendSpace { get; set; }

        /// <summary>Connections being served now.</summary>
        public int OpenConnections
        {
            get
            {
                int n = 0;
                for (int i = 0; i < _sessions.Length; i++)
                {
                    if (_sessions[i].IsOpen)
                    {
                        n++;
                    }
                }

                return n;
            }
        }

        /// <summary>Routes requests whose path is exactly <paramref name="path"/> to <paramref name="handler"/>.</summary>
        public void Map(string path, HttpHandler handler)
        {
            AddRoute(path, false, false, handler);
        }

        /// <summary>
        /// Routes requests whose path is exactly <paramref name="path"/> to <paramref name="handler"/>, called as soon as the
        /// header is complete: it may answer at once (413, 401, ...: the body is refused, before it is sent when the client
        /// sent "Expect: 100-continue") or accept the body with <see cref="HttpRequest.AcceptBody"/>, which hands it to an
        /// <see cref="IHttpBodyReader"/> as it arrives. No body size limit applies; chunked bodies are decoded.
        /// </summary>
        public void MapStreaming(string path, HttpHandler handler)
        {
            AddRoute(path, false, true, handler);
        }

        /// <summary>Routes requests whose path starts with <paramref name="prefix"/> (exact routes are tried first).</summary>
        public void MapPrefix(string prefix, HttpHandler handler)
        {
            AddRoute(prefix, true, false, handler);
        }

        /// <summary>One step: accepts waiting connections, then serves every open one as far as its data allows. True when anything happened.</summary>
        public bool Poll()
        {
            if (_polling)
            {
                throw new InvalidOperationException("HttpServer.Poll was called from inside a handler; a handler returns and the loop polls again");
            }

            _polling = true;
            try
            {
                return PollSessions();
            }
            finally
            {
                _polling = false;
            }
        }

        private bool PollSessions()
        {
            bool progress = false;
            long now = _clock.Milliseconds;
            for (int i = 0; i < _sessions.Length; i++)
            {
                if (!_sessions[i].IsOpen)
                {
                    IHttpConnection connection = _listener.TryAccept();
                    if (connection == null)
                    {
                        break;
                    }

                    Counters.connectionsAccepted++;
                    _sessions[i].Open(connection, now);
                    progress = true;
                }
            }

            for (int i = 0; i < _sessions.Length; i++)
            {
                // A fresh time per session: on an application thread a handler before it may have waited for send space.
                if (_sessions[i].IsOpen && _sessions[i].Step(_clock.Milliseconds))
                {
                    progress = true;
                }
            }

            return progress;
        }

        /// <summary>Closes every open connection (orderly).</summary>
        public void CloseAll()
        {
            for (int i = 0; i < _sessions.Length; i++)
            {
                _sessions[i].Close();
            }
        }

        /// <summary>
        /// Runs the handler of <paramref name="route"/> (-1: none, 404) for a complete request, or, on a streaming route,
        /// for its header; returns KeepConnection, CloseConnection, ConnectionLost, Streaming, or Receiving (the handler
        /// accepted a streamed body: <see cref="EndBody"/> finishes the exchange once the body has been read).
        /// </summary>
        internal int Answer(int route, HttpRequest request, HttpResponse response, IHttpConnection connection)
        {
            response.Reset(connection, request, SendSpace, _config.WriteTimeoutMilliseconds, request.Method == HttpMethod.Head, request.KeepAlive, request.VersionMinor);
            try
            {
                if (route < 0)
                {
                    Counters.notFound++;
                    response.SendStatus(HttpStatus.NotFound);
                }
                else
                {
                    try
                    {
                        _routeHandler[route](request, response);
                    }
                    catch (HttpConnectionLostException)
                    {
                        throw;
                    }
                    catch (Exception e)
                    {
                        return HandlerThrew(e, request, response, connection);
                    }

                    if (request.BodyReader != null)
                    {
                        return Receiving;
                    }
                }
            }
            catch (HttpWriteTimeoutException)
            {
                Counters.timeouts++;
                return ConnectionLost;
            }
            catch (HttpConnectionLostException)
            {
                return ConnectionLost;
            }

            return Conclude(request, response, connection);
        }

        /// <summary>A streamed body has been read whole: the reader's <see cref="IHttpBodyReader.End"/>, then as after a handler.</summary>
        internal int EndBody(HttpRequest request, HttpResponse response, IHttpConnection connection)
        {
            try
            {
                try
                {
                    request.BodyReader.End(request, response);
                }
                catch (HttpConnectionLostException)
                {
                    throw;
                }
                catch (Exception e)
                {
                    return HandlerThrew(e, request, response, connection);
                }
            }
            catch (HttpWriteTimeoutException)
            {
                Counters.timeouts++;
                return ConnectionLost;
            }
            catch (HttpConnectionLostException)
            {
                return ConnectionLost;
            }

            return Conclude(request, response, connection);
        }

        /// <summary>A handler or a body reader's End threw: counted (a response over its limit also as such), then 500.</summary>
        private int HandlerThrew(Exception e, HttpRequest request, HttpResponse response, IHttpConnection connection)
        {
            if (e is HttpResponseTooLargeException)
            {
                Counters.responsesTooLarge++;
            }

            Counters.handlerFailures++;
            return Failed(response, connection, request);
        }

        /// <summary>A body reader threw or broke its promise: as a failed handler.</summary>
        internal int ReaderFailed(HttpRequest request, HttpResponse response, IHttpConnection connection)
        {
            Counters.handlerFailures++;
            try
            {
                return Failed(response, connection, request);
            }
            catch (HttpConnectionLostException)
            {
                return ConnectionLost;
            }
        }

        /// <summary>After the handler: completes the response (500 when it is incomplete) and says what comes next.</summary>
        private int Conclude(HttpRequest request, HttpResponse response, IHttpConnection connection)
        {
            try
            {
                if (response.Complete() != ResponseEnd.Complete)
                {
                    // The handler wrote nothing, or less than its Content-Length.
                    Counters.handlerFailures++;
                    return Failed(response, connection, request);
                }
            }
            catch (HttpWriteTimeoutException)
            {
                Counters.timeouts++;
                return ConnectionLost;
            }
            catch (HttpConnectionLostException)
            {
                return ConnectionLost;
            }

            if (response.IsStreaming)
            {
                return Streaming;
            }

            Counters.requestsServed++;
            return response.KeepAlive ? KeepConnection : CloseConnection;
        }

        /// <summary>A handler failed: 500 if nothing went out yet, else the framing is lost and the connection is aborted.</summary>
        private int Failed(HttpResponse response, IHttpConnection connection, HttpRequest request)
        {
            if (response.BytesSent > 0)
            {
                return ConnectionLost;
            }

            response.Discard();
            response.Reset(connection, request, SendSpace, _config.WriteTimeoutMilliseconds, request.Method == HttpMethod.Head, false, request.VersionMinor);
            response.SendStatus(HttpStatus.InternalServerError);
            response.Complete();
            return response.IsStreaming ? Streaming : CloseConnection; // Streaming: the rest goes out from the loop, then close
        }

        /// <summary>The route for <paramref name="request"/>'s path, -1 when none.</summary>
        internal int FindRoute(HttpRequest request)
        {
            for (int i = 0; i < _routeCount; i++)
            {
                if (!_routeIsPrefix[i] && request.PathEquals(_routePath[i]))
                {
                    return i;
                }
            }

            int best = -1;
            for (int i = 0; i < _routeCount; i++)
            {
                if (_routeIsPrefix[i] && request.PathStartsWith(_routePath[i]) && (best < 0 || _routePath[i].Length > _routePath[best].Length))
                {
                    best = i;
                }
            }

            return best;
        }

        /// <summary>True when <paramref name="route"/> was mapped with <see cref="MapStreaming"/>.</summary>
        internal bool StreamsBody(int route)
        {
            return route >= 0 && _routeStreamsBody[route];
        }

        private void AddRoute(string path, bool prefix, bool streamsBody, HttpHandler handler)
        {
            if (path == null || path.Length == 0 || path[0] != '/' || handler == null)
            {
                throw new ArgumentException("a route needs a path starting with '/' and a handler");
            }

            for (int i = 0; i < _routeCount; i++)
            {
                if (_routeIsPrefix[i] == prefix && _routePath[i] == path)
                {
                    _routeHandler[i] = handler;
                    _routeStreamsBody[i] = streamsBody;
                    return;
                }
            }

            if (_routeCount == _routePath.Length)
            {
                throw new InvalidOperationException("all " + _routePath.Length.ToString() + " routes are in use; raise HttpServerConfiguration.MaxRoutes");
            }

            _routePath[_routeCount] = path;
            _routeIsPrefix[_routeCount] = prefix;
            _routeHandler[_routeCount] = handler;
            _routeStreamsBody[_routeCount] = streamsBody;
            _routeCount++;
        }
    }
}
