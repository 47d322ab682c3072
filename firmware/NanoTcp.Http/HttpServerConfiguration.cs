namespace NanoTcp.Http
{
    /// <summary>Sizes and time-outs of the HTTP server; every buffer is allocated from these once, at construction.</summary>
    public sealed class HttpServerConfiguration
    {
        /// <summary>Connections served at once (one fixed session each); extra ones wait in the TCP accept queue.</summary>
        public int MaxConnections = 4;

        /// <summary>Bytes for the request line and header fields of one request (431 when they do not fit).</summary>
        public int HeaderBufferSize = 1024;

        /// <summary>The largest request body accepted (413 above it); the body buffer per connection has this size.</summary>
        public int MaxBodyLength = 1024;

        /// <summary>The response output buffer per connection (128..65535 bytes).</summary>
        public int OutputBufferSize = 1024;

        /// <summary>Routes that <see cref="HttpServer.Map"/> and <see cref="HttpServer.MapPrefix"/> can register.</summary>
        public int MaxRoutes = 16;

        /// <summary>Time from the first byte of a request to its last header byte (408 and close when exceeded; against slowloris).</summary>
        public int HeaderTimeoutMilliseconds = 5000;

        /// <summary>
        /// Time a request body may go without a byte (408, or an abort once the answer began, when exceeded; -1, the
        /// default: never). Off by default because a lossy wire stalls a body for as long as the client's TCP backs off
        /// (1 + 2 + 4 + 8 s): the HTTP layer never ends a connection that TCP still considers alive. A stalled body
        /// keeps its slot until a new client needs it; TCP then evicts the connection stalled longest.
        /// </summary>
        public int BodyTimeoutMilliseconds = -1;

        /// <summary>Time an open connection may wait for its next request (silently closed when exceeded); also for the first request after accept.</summary>
        public int KeepAliveTimeoutMilliseconds = 5000;

        /// <summary>
        /// Only for a server polled on an application thread (<see cref="HttpServer.SendSpace"/> set): how long a write may
        /// wait for send space without progress before the connection is aborted (-1, the default: until TCP gives up).
        /// On the firmware's loop nothing waits and the HTTP layer never ends a connection for a slow or zero-window
        /// peer; TCP alone gives up (R2, TcpConfiguration).
        /// </summary>
        public int WriteTimeoutMilliseconds = -1;

        /// <summary>Pipelined requests answered per connection in one <see cref="HttpServer.Poll"/> (fairness between connections).</summary>
        public int MaxRequestsPerPoll = 4;
    }
}
