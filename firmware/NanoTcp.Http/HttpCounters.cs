namespace NanoTcp.Http
{
    /// <summary>What the server has done, for the status page. Read-only for apps; the server increments the internal fields.</summary>
    public sealed class HttpCounters
    {
        public int ConnectionsAccepted => connectionsAccepted;
        internal int connectionsAccepted;
        public int RequestsServed => requestsServed;
        internal int requestsServed;
        public int BadRequests => badRequests;
        internal int badRequests;
        public int HeadersTooLarge => headersTooLarge;
        internal int headersTooLarge;
        public int BodiesTooLarge => bodiesTooLarge;
        internal int bodiesTooLarge;
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
        public int NotFound => notFound;
        internal int notFound;
        public int HandlerFailures => handlerFailures;
        internal int handlerFailures;
        /// <summary>Requests not received in time (header, body, keep-alive idle) and application-thread write time-outs.</summary>
        public int Timeouts => timeouts;
        internal int timeouts;

        /// <summary>Handlers that wrote more than the output buffer and the free send space (see HttpResponseTooLargeException).</summary>
        public int ResponsesTooLarge => responsesTooLarge;
        internal int responsesTooLarge;
        public int ConnectionsLost => connectionsLost;
        internal int connectionsLost;
    }
}
