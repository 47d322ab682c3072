namespace NanoTcp.Http
{
    /// <summary>What <see cref="HttpResponse.Continue"/> achieved for a response still being sent.</summary>
    internal enum ResponseProgress
    {
        /// <summary>Bytes still wait for send space, or the body source or writer has more: call again.</summary>
        Pending = 0,

        /// <summary>Every byte of the response was handed to the connection.</summary>
        Complete = 1,

        /// <summary>The connection failed, or the body source or writer broke its promise: the framing cannot be kept.</summary>
        Failed = 2,
    }
}
