namespace NanoTcp.Http
{
    /// <summary>
    /// Answers one request: read <paramref name="request"/> (path, query, headers, body), then call
    /// <see cref="HttpResponse.Start"/> once and write the body into <paramref name="response"/>. An exception before
    /// the response started becomes a 500; after it started, the connection is aborted (the framing is lost).
    /// </summary>
    public delegate void HttpHandler(HttpRequest request, HttpResponse response);
}
