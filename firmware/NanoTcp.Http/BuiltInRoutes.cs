namespace NanoTcp.Http
{
    /// <summary>
    /// The routes every board serves: "/" the status page, "/api/status" its JSON, "/bulk/N" N bytes of generated
    /// data (throughput tests; byte k is <see cref="BulkData.ByteAt"/>(k)), streamed from <see cref="BulkData"/> by the
    /// server's poll so a long download does not hold up the other connections, "/echo" the POST body back as it arrives,
    /// "/upload" the length and CRC-32 of a POST body of any size. Every body is streamed from the loop (a source, a
    /// writer or a body reader), so no route depends on the free send space when it answers.
    /// </summary>
    internal sealed class BuiltInRoutes
    {
        private static readonly byte[] AllowGetHead = HttpAscii.Encode("Allow: GET, HEAD\r\n");
        private static readonly byte[] AllowPost = HttpAscii.Encode("Allow: POST\r\n");
        private static readonly byte[] NoStore = HttpAscii.Encode("Cache-Control: no-store\r\n");

        private readonly IStatusSource _status;
        private readonly BulkData _bulk = new BulkData();
        private readonly PageWriter _page;
        private readonly JsonWriter _json;
        private readonly EchoReader _echo = new EchoReader();
        private readonly UploadReader _upload = new UploadReader();

        /// <summary><paramref name="status"/> may be null: then "/" and "/api/status" are not registered.</summary>
        public BuiltInRoutes(IStatusSource status)
        {
            _status = status;
            _page = new PageWriter(status);
            _json = new JsonWriter(status);
        }

        public void Register(HttpServer server)
        {
            if (_status != null)
            {
                server.Map("/", new HttpHandler(ServeStatusPage));
                server.Map("/api/status", new HttpHandler(ServeStatusJson));
            }

            server.MapPrefix("/bulk/", new HttpHandler(ServeBulk));
            server.MapStreaming("/echo", new HttpHandler(ServeEcho));
            server.MapStreaming("/upload", new HttpHandler(ServeUpload));
        }

        /// <summary>GET /: the status page, chunked (its length is not known before it is written).</summary>
        public void ServeStatusPage(HttpRequest request, HttpResponse response)
        {
            if (RejectUnlessGet(request, response))
            {
                return;
            }

            response.Start(HttpStatus.Ok, HttpContentType.TextHtml, -1, NoStore);
            response.StreamFrom(_page);
        }

        /// <summary>GET /api/status: the status as JSON, chunked.</summary>
        public void ServeStatusJson(HttpRequest request, HttpResponse response)
        {
            if (RejectUnlessGet(request, response))
            {
                return;
            }

            response.Start(HttpStatus.Ok, HttpContentType.ApplicationJson, -1, NoStore);
            response.StreamFrom(_json);
        }

        /// <summary>GET /bulk/N: N bytes (at most 18 decimal digits) streamed with a Content-Length; 400 for a bad N.</summary>
        public void ServeBulk(HttpRequest request, HttpResponse response)
        {
            if (RejectUnlessGet(request, response))
            {
                return;
            }

            int digits = request.PathLength - 6;
            long length;
            if (!HttpAscii.TryParseDecimal(request.Buffer, request.PathOffset + 6, digits, out length))
            {
                response.SendStatus(HttpStatus.BadRequest);
                return;
            }

            response.Start(HttpStatus.Ok, HttpContentType.ApplicationOctetStream, length, null);
            response.StreamFrom(_bulk);
        }

        /// <summary>
        /// POST /echo (a streaming route): the request body back as application/octet-stream while it arrives, with its
        /// Content-Length, or chunked for a chunked body; any length, no more of it held than the output buffer.
        /// </summary>
        public void ServeEcho(HttpRequest request, HttpResponse response)
        {
            if (RejectUnlessPost(request, response))
            {
                return;
            }

            request.AcceptBody(_echo);
            response.Start(HttpStatus.Ok, HttpContentType.ApplicationOctetStream, request.IsChunked ? -1 : (request.ContentLength < 0 ? 0 : request.ContentLength), null);
        }

        /// <summary>
        /// POST /upload (a streaming route): reads a body of any length and answers "&lt;length&gt; &lt;crc32&gt;\n" as
        /// text, the length in decimal and the CRC-32 (<see cref="Crc32"/>) as 8 lower-case hex digits.
        /// </summary>
        public void ServeUpload(HttpRequest request, HttpResponse response)
        {
            if (RejectUnlessPost(request, response))
            {
                return;
            }

            request.AcceptBody(_upload);
        }

        private static bool RejectUnlessPost(HttpRequest request, HttpResponse response)
        {
            if (request.Method == HttpMethod.Post)
            {
                return false;
            }

            response.Start(HttpStatus.MethodNotAllowed, HttpContentType.TextPlain, 0, AllowPost);
            return true;
        }

        private static bool RejectUnlessGet(HttpRequest request, HttpResponse response)
        {
            if (request.Method == HttpMethod.Get || request.Method == HttpMethod.Head)
            {
                return false;
            }

            response.Start(HttpStatus.MethodNotAllowed, HttpContentType.TextPlain, 0, AllowGetHead);
            return true;
        }
    
        /// <summary>The status page in pieces.</summary>
        private sealed class PageWriter : IHttpBodyWriter
        {
            private readonly IStatusSource _status;
            private readonly byte[] _scratch = new byte[StatusPage.ScratchLength];

            public PageWriter(IStatusSource status)
            {
                _status = status;
            }

            public bool WriteNext(HttpRequest request, HttpResponse response)
            {
                return StatusPage.WriteNext(_status, response, _scratch);
            }
        }

        /// <summary>/api/status in pieces.</summary>
        private sealed class JsonWriter : IHttpBodyWriter
        {
            private readonly IStatusSource _status;
            private readonly byte[] _scratch = new byte[StatusPage.ScratchLength];

            public JsonWriter(IStatusSource status)
            {
                _status = status;
            }

            public bool WriteNext(HttpRequest request, HttpResponse response)
            {
                return StatusJson.WriteNext(_status, response, _scratch);
            }
        }

        /// <summary>The body back as it arrives: only as much as the output buffer has room for, so the body moves at the pace the response drains.</summary>
        private sealed class EchoReader : IHttpBodyReader
        {
            public int Take(HttpRequest request, HttpResponse response, byte[] buffer, int offset, int count)
            {
                int room = response.Room;
                int n = count < room ? count : room;
                response.Write(buffer, offset, n);
                return n;
            }

            public void End(HttpRequest request, HttpResponse response)
            {
            }
        }

        /// <summary>Length and CRC-32 of the body; the running CRC lives in the request's ReaderState.</summary>
        private sealed class UploadReader : IHttpBodyReader
        {
            private readonly byte[] _hex = new byte[8];

            public int Take(HttpRequest request, HttpResponse response, byte[] buffer, int offset, int count)
            {
                uint crc = request.BodyReceived == 0 ? Crc32.Initial : (uint)request.ReaderState;
                request.ReaderState = (int)Crc32.Update(crc, buffer, offset, count);
                return count;
            }

            public void End(HttpRequest request, HttpResponse response)
            {
                uint crc = Crc32.Finish(request.BodyReceived == 0 ? Crc32.Initial : (uint)request.ReaderState);
                long length = request.BodyReceived;
                response.Start(HttpStatus.Ok, HttpContentType.TextPlain, HttpAscii.DecimalLength(length) + 10, null);
                response.WriteDecimal(length);
                response.WriteByte((byte)' ');
                HttpAscii.WriteHexFixed(_hex, 0, (int)crc, 8);
                response.Write(_hex, 0, 8);
                response.WriteByte((byte)'\n');
            }
        }
    }
}
