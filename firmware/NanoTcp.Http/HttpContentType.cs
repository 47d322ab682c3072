namespace NanoTcp.Http
{
    /// <summary>Media types for <see cref="HttpResponse.Start"/>, encoded once.</summary>
    public static class HttpContentType
    {
        public static readonly byte[] TextPlain = HttpAscii.Encode("text/plain; charset=us-ascii");
        public static readonly byte[] TextHtml = HttpAscii.Encode("text/html; charset=us-ascii");
        public static readonly byte[] ApplicationJson = HttpAscii.Encode("application/json");
        public static readonly byte[] ApplicationOctetStream = HttpAscii.Encode("application/octet-stream");
    }
}
