namespace NanoTcp.Http
{
    /// <summary>
    /// The routes every board serves: "/" the status page, "/api/status" its JSON, "/bulk/N" N bytes of generated
    /// data (throughput tests; byte k is <see cref="BulkData.ByteAt"/>(k)), streamed from <see cref="BulkData"/> by the
    /// server's poll so a long download does not hold up the other connections, "/echo" the POST body back. Every body
    /// is streamed from the loop (a source or a writer), so no route depends on the free send space when it answers.
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
        private readonly EchoWriter _echo = new EchoWriter();

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
            server.Map("/echo", new HttpHandler(ServeEcho));
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

        /// <summary>POST /echo: the request body back as application/octet-stream.</summary>
        public void ServeEcho(HttpRequest request, HttpResponse response)
        {
            if (request.Method != HttpMethod.Post)
            {
                response.Start(HttpStatus.MethodNotAllowed, HttpContentType.TextPlain, 0, AllowPost);
                return;
            }

            response.Start(HttpStatus.Ok, HttpContentType.ApplicationOctetStream, request.BodyLength, null);
            response.StreamFrom(_echo);
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
            private readonly byte[] _scratch = new byte[6];

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
            private readonly byte[] _scratch = new byte[6];

            public JsonWriter(IStatusSource status)
            {
                _status = status;
            }

            public bool WriteNext(HttpRequest request, HttpResponse response)
            {
                return StatusJson.WriteNext(_status, response, _scratch);
            }
        }

        /// <summary>The request body back, as much as fits per call (the body stays put until the response is complete).</summary>
        private sealed class EchoWriter : IHttpBodyWriter
        {
            public bool WriteNext(HttpRequest request, HttpResponse response)
            {
                int offset = response.WriterOffset;
                int n = request.BodyLength - offset;
                int room = response.Room;
                if (n > room)
                {
                    n = room;
                }

                response.Write(request.Body, offset, n);
                response.WriterOffset = offset + n;
                return offset + n == request.BodyLength;
            }
        }
    }
}
