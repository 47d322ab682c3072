namespace NanoTcp.Http
{
    /// <summary>
    /// Thrown out of a <see cref="HttpResponse"/> write on an application thread when the peer took no data for
    /// <see cref="HttpServerConfiguration.WriteTimeoutMilliseconds"/> (only when that is set: by default the writer
    /// waits until TCP gives up). Counted as a time-out.
    /// </summary>
    public class HttpWriteTimeoutException : HttpConnectionLostException
    {
        public HttpWriteTimeoutException(string message)
            : base(message)
        {
        }
    }
}
