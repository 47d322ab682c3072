namespace NanoTcp.Http
{
    /// <summary>How a handler's response ended (<see cref="HttpResponse.Complete"/>).</summary>
    internal enum ResponseEnd
    {
        /// <summary>Complete (what the connection did not take yet goes out from <see cref="HttpResponse.Continue"/>).</summary>
        Complete = 0,

        /// <summary>The handler never called <see cref="HttpResponse.Start"/>.</summary>
        NotStarted = 1,

        /// <summary>Fewer body bytes than the Content-Length promised (a HEAD response need not write its body).</summary>
        ShortBody = 2,
    }
}
