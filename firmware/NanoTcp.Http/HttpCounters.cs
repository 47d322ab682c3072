namespace NanoTcp.Http
{
    /// <summary>What the server has done, for the status page.</summary>
    public sealed class HttpCounters
    {
        public int ConnectionsAccepted;
        public int RequestsServed;
        public int BadRequests;
        public int HeadersTooLarge;
        public int BodiesTooLarge;
        public int NotImplemented;

        /// <summary>Chunked bodies sent to routes that read whole bodies (411: only streaming routes decode chunked bodies).</summary>
        public int LengthRequired;

        /// <summary>Chunked request bodies with malformed framing (400, or the connection closed when the answer had begun).</summary>
        public int BadChunks;

        /// <summary>Request bodies handed whole to a streaming route's reader.</summary>
        public int BodiesStreamed;
        public int NotFound;
        public int HandlerFailures;
        /// <summary>Requests not received in time (header, body, keep-alive idle) and application-thread write time-outs.</summary>
        public int Timeouts;

        /// <summary>Handlers that wrote more than the output buffer and the free send space (see HttpResponseTooLargeException).</summary>
        public int ResponsesTooLarge;
        public int ConnectionsLost;
    }
}
