namespace NanoTcp.Http
{
    /// <summary>
    /// A response body written in pieces from the firmware's loop (see <see cref="HttpResponse.StreamFrom(IHttpBodyWriter)"/>):
    /// the status page, its JSON, the echo. The server calls <see cref="WriteNext"/> each time the output buffer has
    /// been handed to TCP, so a body of any length never waits inside a handler and never holds up other connections.
    /// One writer object may serve many responses at once: its state lives in the response
    /// (<see cref="HttpResponse.WriterStep"/>, <see cref="HttpResponse.WriterOffset"/>).
    /// </summary>
    public interface IHttpBodyWriter
    {
        /// <summary>
        /// Writes the next piece of the body, at most <see cref="HttpResponse.Room"/> bytes (a write past it may fail the
        /// response), and returns true when the body is complete. It must write something when the buffer is empty.
        /// <paramref name="request"/> is the request being answered (unchanged until the response is complete).
        /// </summary>
        bool WriteNext(HttpRequest request, HttpResponse response);
    }
}
