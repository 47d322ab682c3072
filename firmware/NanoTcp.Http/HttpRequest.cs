using System;

namespace NanoTcp.Http
{
    /// <summary>
    /// One parsed request, as offsets into the connection's fixed header buffer (<see cref="Buffer"/>): nothing is
    /// copied into strings. Allocated once per connection slot and reused for every request on it.
    /// </summary>
    public sealed class HttpRequest
    {
        private readonly byte[] _body;

        internal HttpRequest(byte[] headerBuffer, int bodyCapacity)
        {
            Buffer = headerBuffer;
            _body = new byte[bodyCapacity];
        }

        /// <summary>The header buffer the offsets below point into (valid while the handler runs).</summary>
        public byte[] Buffer { get; }

        public HttpMethod Method { get; internal set; }

        /// <summary>The path: the request-target up to '?' (not percent-decoded).</summary>
        public int PathOffset { get; internal set; }

        public int PathLength { get; internal set; }

        /// <summary>The query after '?' (without it); length 0 when there is none.</summary>
        public int QueryOffset { get; internal set; }

        public int QueryLength { get; internal set; }

        /// <summary>The y of "HTTP/1.y".</summary>
        public int VersionMinor { get; internal set; }

        /// <summary>The Content-Length field, or -1 when the request has none (no body).</summary>
        public long ContentLength { get; internal set; }

        /// <summary>A Transfer-Encoding field was present.</summary>
        public bool HasTransferEncoding { get; internal set; }

        /// <summary>The body is chunked (Transfer-Encoding: chunked, RFC 9112 §7.1): its length is known only at its end.</summary>
        public bool IsChunked { get; internal set; }

        /// <summary>
        /// The client sent "Expect: 100-continue" and waits for "100 Continue" before its body (false once the interim
        /// response went out or body bytes arrived). A final response sent while this is true closes the connection.
        /// </summary>
        public bool ExpectsContinue { get; internal set; }

        /// <summary>Body bytes handed to the route's <see cref="IHttpBodyReader"/> so far (streaming routes, see <see cref="AcceptBody"/>).</summary>
        public long BodyReceived { get; internal set; }

        /// <summary>State an <see cref="IHttpBodyReader"/> keeps between its calls (0 when the body starts), such as a running checksum.</summary>
        public int ReaderState;

        /// <summary>The reader given to <see cref="AcceptBody"/>; null when the body is not wanted (it is then discarded).</summary>
        internal IHttpBodyReader BodyReader;

        /// <summary>The route was mapped with <see cref="HttpServer.MapStreaming"/>: its handler runs before the body.</summary>
        internal bool StreamsBody;

        /// <summary>The response of the same exchange (for the interim 100 Continue).</summary>
        internal HttpResponse Response;

        /// <summary>The connection stays open after this exchange (HTTP/1.1 without "Connection: close").</summary>
        public bool KeepAlive { get; internal set; }

        /// <summary>Where the header fields start in <see cref="Buffer"/> (after the request line).</summary>
        internal int HeadersOffset;

        /// <summary>Where the header section ends (after the empty line) in <see cref="Buffer"/>.</summary>
        internal int HeadersEnd;

        /// <summary>The body bytes (the first <see cref="BodyLength"/>).</summary>
        public byte[] Body => _body;

        public int BodyLength { get; internal set; }

        internal void Clear()
        {
            Method = HttpMethod.None;
            PathOffset = 0;
            PathLength = 0;
            QueryOffset = 0;
            QueryLength = 0;
            VersionMinor = 0;
            ContentLength = -1;
            HasTransferEncoding = false;
            IsChunked = false;
            ExpectsContinue = false;
            BodyReceived = 0;
            ReaderState = 0;
            BodyReader = null;
            StreamsBody = false;
            KeepAlive = false;
            HeadersOffset = 0;
            HeadersEnd = 0;
            BodyLength = 0;
        }

        /// <summary>
        /// For a route mapped with <see cref="HttpServer.MapStreaming"/>: accepts the body, which the server then hands to
        /// <paramref name="reader"/> from its poll as it arrives (any length, Content-Length or chunked). Sends "100 Continue"
        /// first when the client waits for it. Call in the handler, before <see cref="HttpResponse.Start"/>; a handler that
        /// answers without calling it rejects the body (the server discards it).
        /// </summary>
        public void AcceptBody(IHttpBodyReader reader)
        {
            if (reader == null)
            {
                throw new ArgumentNullException(nameof(reader));
            }

            if (!StreamsBody || BodyReader != null || Response == null || Response.Started)
            {
                throw new InvalidOperationException("AcceptBody is for routes mapped with MapStreaming, once, before HttpResponse.Start");
            }

            BodyReader = reader;
            if (ExpectsContinue)
            {
                ExpectsContinue = false;
                Response.SendInterim(HttpResponse.ContinueResponse);
            }
        }

        /// <summary>True when the path is exactly <paramref name="path"/>.</summary>
        public bool PathEquals(string path)
        {
            return HttpAscii.EqualsExactly(Buffer, PathOffset, PathLength, path);
        }

        /// <summary>True when the path starts with <paramref name="prefix"/>.</summary>
        public bool PathStartsWith(string prefix)
        {
            return HttpAscii.StartsWith(Buffer, PathOffset, PathLength, prefix);
        }

        /// <summary>
        /// Finds a header field by name (case-insensitive); its value (without surrounding whitespace) is
        /// <paramref name="valueLength"/> bytes at <paramref name="valueOffset"/> in <see cref="Buffer"/>. First match only.
        /// </summary>
        public bool TryGetHeader(string name, out int valueOffset, out int valueLength)
        {
            int p = HeadersOffset;
            while (p < HeadersEnd)
            {
                int lineEnd = HttpRequestParser.LineEnd(Buffer, p, HeadersEnd);
                int colon = p;
                while (colon < lineEnd && Buffer[colon] != (byte)':')
                {
                    colon++;
                }

                if (colon < lineEnd && HttpAscii.EqualsIgnoreCase(Buffer, p, colon - p, name))
                {
                    HttpRequestParser.TrimValue(Buffer, colon + 1, lineEnd, out valueOffset, out valueLength);
                    return true;
                }

                p = HttpRequestParser.NextLine(Buffer, lineEnd, HeadersEnd);
            }

            valueOffset = 0;
            valueLength = 0;
            return false;
        }

        /// <summary>
        /// Finds "name=value" in the query (pairs split by '&amp;', not percent-decoded); a bare "name" has an empty
        /// value. The value is <paramref name="valueLength"/> bytes at <paramref name="valueOffset"/> in <see cref="Buffer"/>.
        /// </summary>
        public bool TryGetQueryParameter(string name, out int valueOffset, out int valueLength)
        {
            int p = QueryOffset;
            int end = QueryOffset + QueryLength;
            while (p < end)
            {
                int pairEnd = p;
                while (pairEnd < end && Buffer[pairEnd] != (byte)'&')
                {
                    pairEnd++;
                }

                int equals = p;
                while (equals < pairEnd && Buffer[equals] != (byte)'=')
                {
                    equals++;
                }

                if (HttpAscii.EqualsExactly(Buffer, p, equals - p, name))
                {
                    valueOffset = equals < pairEnd ? equals + 1 : pairEnd;
                    valueLength = pairEnd - valueOffset;
                    return true;
                }

                p = pairEnd + 1;
            }

            valueOffset = 0;
            valueLength = 0;
            return false;
        }
    }
}
