namespace NanoTcp.Http
{
    /// <summary>
    /// A request body taken as it arrives (see <see cref="HttpRequest.AcceptBody"/>): the server calls <see cref="Take"/>
    /// from its poll with the bytes that have come in (chunk framing already removed), so a body of any length passes
    /// through the connection's fixed buffers. What the reader leaves is offered again later and, until then, stays in
    /// TCP's receive ring, whose window slows the client down: a reader that answers through the response (an echo)
    /// takes only what the response's buffer has room for, and the body moves as fast as the response drains.
    /// One reader object may serve many requests at once: its state lives in <see cref="HttpRequest.ReaderState"/>,
    /// <see cref="HttpRequest.BodyReceived"/> and the response.
    /// </summary>
    public interface IHttpBodyReader
    {
        /// <summary>
        /// Takes up to <paramref name="count"/> body bytes at <paramref name="buffer"/>[<paramref name="offset"/>]; returns
        /// how many it took. 0 only while the response's output buffer holds unsent bytes (it is offered again once they
        /// went to TCP); 0 with an empty output buffer aborts the connection (the reader would never end).
        /// </summary>
        int Take(HttpRequest request, HttpResponse response, byte[] buffer, int offset, int count);

        /// <summary>The whole body has been taken: finish the response (or start and write it, when not started yet).</summary>
        void End(HttpRequest request, HttpResponse response);
    }
}
