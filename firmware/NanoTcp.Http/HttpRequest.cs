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

        /// <summary>A Transfer-Encoding field was present (the server does not implement any transfer coding).</summary>
        public bool HasTransferEncoding { get; internal set; }

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
            KeepAlive = false;
            HeadersOffset = 0;
            HeadersEnd = 0;
            BodyLength = 0;
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
