namespace NanoTcp.Http
{
    /// <summary>What the server has done, for the status page. Read-only for apps; the server increments the internal fields.</summary>
    public sealed class HttpCounters
    {
        /// <summary>Connections taken from the listener.</summary>
        public int ConnectionsAccepted => connectionsAccepted;
        internal int connectionsAccepted;

        /// <summary>Responses handed completely to TCP.</summary>
        public int RequestsServed => requestsServed;
        internal int requestsServed;

        /// <summary>Malformed requests, answered by 400 Bad Request.</summary>
        public int BadRequests => badRequests;
        internal int badRequests;

        /// <summary>Requests whose line and header fields did not fit the input buffer, answered by 431.</summary>
        public int HeadersTooLarge => headersTooLarge;
        internal int headersTooLarge;

        /// <summary>Request bodies longer than a route that reads whole bodies takes, answered by 413.</summary>
        public int BodiesTooLarge => bodiesTooLarge;
        internal int bodiesTooLarge;

        /// <summary>Requests with a method or transfer coding the server does not implement, answered by 501.</summary>
        public int NotImplemented => notImplemented;
        internal int notImplemented;

        /// <summary>Chunked bodies sent to routes that read whole bodies (411: only streaming routes decode chunked bodies).</summary>
        public int LengthRequired => lengthRequired;
        internal int lengthRequired;

        /// <summary>Chunked request bodies with malformed framing (400, or the connection closed when the answer had begun).</summary>
        public int BadChunks => badChunks;
        internal int badChunks;

        /// <summary>Request bodies handed whole to a streaming route's reader.</summary>
        public int BodiesStreamed => bodiesStreamed;
        internal int bodiesStreamed;

        /// <summary>Requests for a path no route serves, answered by 404.</summary>
        public int NotFound => notFound;
        internal int notFound;

        /// <summary>Routes that threw or left their response incomplete (answered by 500 when nothing had gone out, else the connection closed).</summary>
        public int HandlerFailures => handlerFailures;
        internal int handlerFailures;

        /// <summary>Requests not received in time (header, body, keep-alive idle) and application-thread write time-outs.</summary>
        public int Timeouts => timeouts;
        internal int timeouts;

        /// <summary>Handlers that wrote more than the output buffer and the free send space (see HttpResponseTooLargeException).</summary>
        public int ResponsesTooLarge => responsesTooLarge;
        internal int responsesTooLarge;

        /// <summary>Connections aborted because TCP failed or a streamed body broke its framing.</summary>
        public int ConnectionsLost => connectionsLost;
        internal int connectionsLost;
    }
}
