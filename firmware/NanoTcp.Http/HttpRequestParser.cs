namespace NanoTcp.Http
{
    /// <summary>
    /// The request line and header section (RFC 9112 §2–§6) parsed in place: bytes in, a filled
    /// <see cref="HttpRequest"/> or a status code out. Lines end in CRLF; a bare LF is accepted too (RFC 9112 §2.2).
    /// </summary>
    internal static class HttpRequestParser
    {
        /// <summary>
        /// How many CR/LF bytes precede the request line at <paramref name="offset"/> (RFC 9112 §2.2: a server
        /// SHOULD ignore empty lines received before the request-line).
        /// </summary>
        public static int LeadingEmptyLineBytes(byte[] buffer, int offset, int length)
        {
            int n = 0;
            while (n < length && (buffer[offset + n] == (byte)'\r' || buffer[offset + n] == (byte)'\n'))
            {
                n++;
            }

            return n;
        }

        /// <summary>
        /// Looks for the empty line that ends the header section in <paramref name="buffer"/>[0..<paramref name="length"/>),
        /// starting the scan at <paramref name="scanFrom"/> (bytes before it were scanned already). Returns the offset just
        /// after the empty line, or -1 when it has not arrived yet.
        /// </summary>
        public static int FindHeaderEnd(byte[] buffer, int length, int scanFrom)
        {
            int i = scanFrom < 1 ? 1 : scanFrom;
            for (; i < length; i++)
            {
                if (buffer[i] != (byte)'\n')
                {
                    continue;
                }

                // An empty line is "\n\n" or "\n\r\n".
                if (buffer[i - 1] == (byte)'\n' || (i >= 2 && buffer[i - 1] == (byte)'\r' && buffer[i - 2] == (byte)'\n'))
                {
                    return i + 1;
                }
            }

            return -1;
        }

        /// <summary>
        /// Parses the request line and header fields in <paramref name="buffer"/>[0..<paramref name="end"/>) (end as given by
        /// <see cref="FindHeaderEnd"/>) into <paramref name="request"/>. Returns 0, or the status to answer: 400 for a
        /// malformed line or field, 505 for an HTTP major version other than 1, 501 for a method other than GET, HEAD
        /// and POST or for a Transfer-Encoding other than "chunked" alone (400 with Content-Length or in HTTP/1.0).
        /// </summary>
        public static int Parse(byte[] buffer, int end, HttpRequest request)
        {
            request.Clear();
            int lineEnd = LineEnd(buffer, 0, end);

            // request-line = method SP request-target SP HTTP-version (RFC 9112 §3)
            int p = 0;
            while (p < lineEnd && HttpAscii.IsTokenChar(buffer[p]))
            {
                p++;
            }

            int methodLength = p;
            if (methodLength == 0 || p >= lineEnd || buffer[p] != (byte)' ')
            {
                return HttpStatus.BadRequest;
            }

            int target = ++p;
            int query = -1;
            while (p < lineEnd && buffer[p] != (byte)' ')
            {
                int b = buffer[p];
                if (b < 0x21 || b == 0x7F)
                {
                    return HttpStatus.BadRequest;
                }

                if (b == '?' && query < 0)
                {
                    query = p;
                }

                p++;
            }

            if (p == target || p >= lineEnd)
            {
                return HttpStatus.BadRequest;
            }

            int targetEnd = p;

            // RFC 9112 §3.2.2: the absolute-form ("http://host/path?query") must be accepted too; its path is served.
            if (buffer[target] != (byte)'/' && targetEnd - target > 7 && HttpAscii.EqualsIgnoreCase(buffer, target, 7, "http://"))
            {
                int slash = target + 7;
                while (slash < targetEnd && buffer[slash] != (byte)'/' && buffer[slash] != (byte)'?')
                {
                    slash++;
                }

                target = slash;
                if (query >= 0 && query < target)
                {
                    return HttpStatus.BadRequest;
                }
            }

            // Otherwise only the origin-form ("/path?query", RFC 9112 §3.2.1) is served.
            if (target == targetEnd || buffer[target] != (byte)'/')
            {
                return HttpStatus.BadRequest;
            }

            p++;
            if (lineEnd - p != 8 || !HttpAscii.StartsWith(buffer, p, 5, "HTTP/") || !IsDigit(buffer[p + 5])
                || buffer[p + 6] != (byte)'.' || !IsDigit(buffer[p + 7]))
            {
                return HttpStatus.BadRequest;
            }

            if (buffer[p + 5] != (byte)'1')
            {
                return HttpStatus.HttpVersionNotSupported;
            }

            request.VersionMinor = buffer[p + 7] - '0';
            request.PathOffset = target;
            if (query < 0)
            {
                request.PathLength = targetEnd - target;
                request.QueryOffset = targetEnd;
                request.QueryLength = 0;
            }
            else
            {
                request.PathLength = query - target;
                request.QueryOffset = query + 1;
                request.QueryLength = targetEnd - query - 1;
            }

            // Header fields (RFC 9112 §5): field-name ":" OWS field-value OWS, up to the empty line.
            int headers = NextLine(buffer, lineEnd, end);
            request.HeadersOffset = headers;
            request.HeadersEnd = end;
            int hosts = 0;
            bool close = false;
            bool expectContinue = false;
            bool chunkedOnly = true;
            p = headers;
            while (p < end)
            {
                lineEnd = LineEnd(buffer, p, end);
                if (lineEnd == p)
                {
                    break; // the empty line
                }

                int name = p;
                while (p < lineEnd && HttpAscii.IsTokenChar(buffer[p]))
                {
                    p++;
                }

                // An empty name covers obs-fold (a line starting with SP or HTAB, RFC 9112 §5.2) and whitespace before
                // the colon (RFC 9112 §5.1): both are rejected with 400.
                if (p == name || p >= lineEnd || buffer[p] != (byte)':')
                {
                    return HttpStatus.BadRequest;
                }

                int nameLength = p - name;
                for (int i = p + 1; i < lineEnd; i++)
                {
                    int b = buffer[i];
                    if ((b < 0x20 && b != '\t') || b == 0x7F)
                    {
                        return HttpStatus.BadRequest;
                    }
                }

                int value;
                int valueLength;
                TrimValue(buffer, p + 1, lineEnd, out value, out valueLength);
                if (HttpAscii.EqualsIgnoreCase(buffer, name, nameLength, "content-length"))
                {
                    long length;
                    if (!HttpAscii.TryParseDecimal(buffer, value, valueLength, out length)
                        || (request.ContentLength >= 0 && request.ContentLength != length))
                    {
                        return HttpStatus.BadRequest;
                    }

                    request.ContentLength = length;
                }
                else if (HttpAscii.EqualsIgnoreCase(buffer, name, nameLength, "transfer-encoding"))
                {
                    // Only "chunked" alone is decoded (RFC 9112 §7); a second field or any other coding is 501.
                    chunkedOnly &= !request.HasTransferEncoding && HttpAscii.EqualsIgnoreCase(buffer, value, valueLength, "chunked");
                    request.HasTransferEncoding = true;
                }
                else if (HttpAscii.EqualsIgnoreCase(buffer, name, nameLength, "expect"))
                {
                    expectContinue = HttpAscii.EqualsIgnoreCase(buffer, value, valueLength, "100-continue");
                }
                else if (HttpAscii.EqualsIgnoreCase(buffer, name, nameLength, "host"))
                {
                    hosts++;
                }
                else if (HttpAscii.EqualsIgnoreCase(buffer, name, nameLength, "connection"))
                {
                    close |= HasToken(buffer, value, valueLength, "close");
                }

                p = NextLine(buffer, lineEnd, end);
            }

            // RFC 9112 §3.2: an HTTP/1.1 request without exactly one Host field is answered 400.
            if (request.VersionMinor >= 1 && hosts != 1)
            {
                return HttpStatus.BadRequest;
            }

            // RFC 9112 §6.1: a request with both may be rejected, so may Transfer-Encoding in HTTP/1.0 (faulty framing);
            // one with a coding the server does not know gets 501.
            if (request.HasTransferEncoding)
            {
                if (request.ContentLength >= 0 || request.VersionMinor == 0)
                {
                    return HttpStatus.BadRequest;
                }

                if (!chunkedOnly)
                {
                    return HttpStatus.NotImplemented;
                }

                request.IsChunked = true;
            }

            // RFC 9110 §10.1.1: the client waits for "100 Continue" before a body (HTTP/1.1 only).
            request.ExpectsContinue = expectContinue && request.VersionMinor >= 1 && (request.IsChunked || request.ContentLength > 0);

            HttpMethod method = HttpMethod.None;
            if (HttpAscii.EqualsExactly(buffer, 0, methodLength, "GET"))
            {
                method = HttpMethod.Get;
            }
            else if (HttpAscii.EqualsExactly(buffer, 0, methodLength, "HEAD"))
            {
                method = HttpMethod.Head;
            }
            else if (HttpAscii.EqualsExactly(buffer, 0, methodLength, "POST"))
            {
                method = HttpMethod.Post;
            }
            else
            {
                return HttpStatus.NotImplemented;
            }

            request.Method = method;

            // HTTP/1.1 is persistent unless "close" (RFC 9112 §9.3); HTTP/1.0 is closed after the response (this server
            // does not implement the 1.0 keep-alive extension).
            request.KeepAlive = request.VersionMinor >= 1 && !close;
            return 0;
        }

        /// <summary>The offset of the line terminator (CR of CRLF, or a bare LF) at or after <paramref name="p"/>; <paramref name="end"/> if none.</summary>
        internal static int LineEnd(byte[] buffer, int p, int end)
        {
            int lf = p;
            while (lf < end && buffer[lf] != (byte)'\n')
            {
                lf++;
            }

            return lf < end && lf > p && buffer[lf - 1] == (byte)'\r' ? lf - 1 : lf;
        }

        /// <summary>The start of the line after the terminator at <paramref name="lineEnd"/>.</summary>
        internal static int NextLine(byte[] buffer, int lineEnd, int end)
        {
            if (lineEnd < end && buffer[lineEnd] == (byte)'\r')
            {
                lineEnd++;
            }

            return lineEnd < end ? lineEnd + 1 : end;
        }

        /// <summary>The field value between <paramref name="from"/> and <paramref name="to"/> without leading and trailing SP/HTAB.</summary>
        internal static void TrimValue(byte[] buffer, int from, int to, out int offset, out int length)
        {
            while (from < to && (buffer[from] == (byte)' ' || buffer[from] == (byte)'\t'))
            {
                from++;
            }

            while (to > from && (buffer[to - 1] == (byte)' ' || buffer[to - 1] == (byte)'\t'))
            {
                to--;
            }

            offset = from;
            length = to - from;
        }

        private static bool HasToken(byte[] buffer, int offset, int length, string token)
        {
            int p = offset;
            int end = offset + length;
            while (p < end)
            {
                int itemEnd = p;
                while (itemEnd < end && buffer[itemEnd] != (byte)',')
                {
                    itemEnd++;
                }

                int item;
                int itemLength;
                TrimValue(buffer, p, itemEnd, out item, out itemLength);
                if (HttpAscii.EqualsIgnoreCase(buffer, item, itemLength, token))
                {
                    return true;
                }

                p = itemEnd + 1;
            }

            return false;
        }

        private static bool IsDigit(int b)
        {
            return b >= '0' && b <= '9';
        }
    }
}
