using System;

namespace NanoTcp.Http
{
    /// <summary>
    /// Thrown out of a <see cref="HttpResponse"/> write on the firmware's loop when the output buffer is full and the
    /// connection has no send space: a handler may write at most the buffer plus the free send ring before it
    /// returns; longer bodies stream from the loop (<see cref="HttpResponse.StreamFrom(IHttpBodyWriter)"/>). The
    /// server answers 500 when nothing went out yet, else aborts the connection, and counts it.
    /// </summary>
    public class HttpResponseTooLargeException : Exception
    {
        public HttpResponseTooLargeException(string message)
            : base(message)
        {
        }
    }
}
