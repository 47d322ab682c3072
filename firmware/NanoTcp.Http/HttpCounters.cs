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
        public int Timeouts;
        public int ConnectionsLost;
    }
}
