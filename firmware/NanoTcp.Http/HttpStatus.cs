namespace NanoTcp.Http
{
    /// <summary>Status codes the server sends (RFC 9110 §15, RFC 6585 §5) and their status lines, encoded once.</summary>
    public static class HttpStatus
    {
        public const int Ok = 200;
        public const int NoContent = 204;
        public const int BadRequest = 400;
        public const int NotFound = 404;
        public const int MethodNotAllowed = 405;
        public const int RequestTimeout = 408;
        public const int LengthRequired = 411;
        public const int ContentTooLarge = 413;
        public const int RequestHeaderFieldsTooLarge = 431;
        public const int InternalServerError = 500;
        public const int NotImplemented = 501;
        public const int ServiceUnavailable = 503;
        public const int HttpVersionNotSupported = 505;

        private static readonly byte[] Line200 = HttpAscii.Encode("HTTP/1.1 200 OK\r\n");
        private static readonly byte[] Line204 = HttpAscii.Encode("HTTP/1.1 204 No Content\r\n");
        private static readonly byte[] Line400 = HttpAscii.Encode("HTTP/1.1 400 Bad Request\r\n");
        private static readonly byte[] Line404 = HttpAscii.Encode("HTTP/1.1 404 Not Found\r\n");
        private static readonly byte[] Line405 = HttpAscii.Encode("HTTP/1.1 405 Method Not Allowed\r\n");
        private static readonly byte[] Line408 = HttpAscii.Encode("HTTP/1.1 408 Request Timeout\r\n");
        private static readonly byte[] Line411 = HttpAscii.Encode("HTTP/1.1 411 Length Required\r\n");
        private static readonly byte[] Line413 = HttpAscii.Encode("HTTP/1.1 413 Content Too Large\r\n");
        private static readonly byte[] Line431 = HttpAscii.Encode("HTTP/1.1 431 Request Header Fields Too Large\r\n");
        private static readonly byte[] Line500 = HttpAscii.Encode("HTTP/1.1 500 Internal Server Error\r\n");
        private static readonly byte[] Line501 = HttpAscii.Encode("HTTP/1.1 501 Not Implemented\r\n");
        private static readonly byte[] Line503 = HttpAscii.Encode("HTTP/1.1 503 Service Unavailable\r\n");
        private static readonly byte[] Line505 = HttpAscii.Encode("HTTP/1.1 505 HTTP Version Not Supported\r\n");

        /// <summary>"HTTP/1.1 code reason CRLF" for the codes above; null for any other code.</summary>
        internal static byte[] StatusLine(int code)
        {
            switch (code)
            {
                case Ok: return Line200;
                case NoContent: return Line204;
                case BadRequest: return Line400;
                case NotFound: return Line404;
                case MethodNotAllowed: return Line405;
                case RequestTimeout: return Line408;
                case LengthRequired: return Line411;
                case ContentTooLarge: return Line413;
                case RequestHeaderFieldsTooLarge: return Line431;
                case InternalServerError: return Line500;
                case NotImplemented: return Line501;
                case ServiceUnavailable: return Line503;
                case HttpVersionNotSupported: return Line505;
                default: return null;
            }
        }
    }
}
