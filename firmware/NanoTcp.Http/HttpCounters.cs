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
        public int NotFound;
        public int HandlerFailures;
        /// <summary>Requests not received in time (header, body, keep-alive idle) and application-thread write time-outs.</summary>
        public int Timeouts;

        /// <summary>Handlers that wrote more than the output buffer and the free send space (see HttpResponseTooLargeException).</summary>
        public int ResponsesTooLarge;
        public int ConnectionsLost;
    }
}
