using System;

namespace NanoTcp.Http
{
    /// <summary>
    /// Thrown out of <see cref="HttpResponse"/> writes when the connection failed or the peer stopped taking data
    /// within the send time-out; the server catches it, aborts the connection and goes on serving the others.
    /// </summary>
    public class HttpConnectionLostException : Exception
    {
        public HttpConnectionLostException(string message)
            : base(message)
        {
        }
    }
}
