using System;
using NanoTcp.Http;

namespace NanoTcp.Tests.Http
{
    /// <summary>A server on a fake listener and clock with the built-in routes and a few test routes.</summary>
    public sealed class HttpTestServer
    {
        public readonly FakeTicks Ticks = new FakeTicks();
        public readonly FakeHttpListener Listener = new FakeHttpListener();
        public readonly HttpServer Server;
        public readonly HttpServerConfiguration Configuration;
        public readonly FakeStatusSource Status = new FakeStatusSource();

        public HttpTestServer()
            : this(new HttpServerConfiguration())
        {
        }

        public HttpTestServer(HttpServerConfiguration configuration)
        {
            Configuration = configuration;
            Server = new HttpServer(Listener, Ticks, configuration);
            new BuiltInRoutes(Status).Register(Server);
            Server.Map("/hello", new HttpHandler(Hello));
            Server.Map("/query", new HttpHandler(Query));
            Server.Map("/throw", new HttpHandler(Throw));
            Server.Map("/throw-late", new HttpHandler(ThrowLate));
            Server.Map("/silent", new HttpHandler(Silent));
            Server.Map("/short", new HttpHandler(Short));
            Server.Map("/buffered", new HttpHandler(Buffered));
        }

        /// <summary>Opens a connection, feeds <paramref name="request"/>, polls until quiet; returns the connection.</summary>
        public FakeHttpConnection Exchange(string request)
        {
            FakeHttpConnection connection = Listener.Add();
            connection.Feed(request);
            PollUntilQuiet();
            return connection;
        }

        public void PollUntilQuiet()
        {
            for (int i = 0; i < 100 && Server.Poll(); i++)
            {
            }
        }

        public static void Hello(HttpRequest request, HttpResponse response)
        {
            response.Start(HttpStatus.Ok, HttpContentType.TextPlain, 6, null);
            response.WriteAscii("hello\n");
        }

        /// <summary>Answers "path=&lt;path&gt; query=&lt;query&gt; a=&lt;value of a or -&gt;".</summary>
        public static void Query(HttpRequest request, HttpResponse response)
        {
            string path = Text.Ascii(request.Buffer, request.PathOffset, request.PathLength);
            string query = Text.Ascii(request.Buffer, request.QueryOffset, request.QueryLength);
            int offset;
            int length;
            string a = request.TryGetQueryParameter("a", out offset, out length) ? Text.Ascii(request.Buffer, offset, length) : "-";
            string body = "path=" + path + " query=" + query + " a=" + a;
            response.Start(HttpStatus.Ok, HttpContentType.TextPlain, body.Length, null);
            response.WriteAscii(body);
        }

        public static void Throw(HttpRequest request, HttpResponse response)
        {
            response.Start(HttpStatus.Ok, HttpContentType.TextPlain, 5, null);
            throw new InvalidOperationException("handler bug");
        }

        /// <summary>Sends more than the output buffer holds, then fails: the framing is lost.</summary>
        public static void ThrowLate(HttpRequest request, HttpResponse response)
        {
            byte[] data = new byte[4096];
            response.Start(HttpStatus.Ok, HttpContentType.ApplicationOctetStream, 8192, null);
            response.Write(data, 0, data.Length);
            throw new InvalidOperationException("handler bug after sending");
        }

        /// <summary>A route that reads whole bodies (at most MaxBodyLength): the body back.</summary>
        public static void Buffered(HttpRequest request, HttpResponse response)
        {
            response.Start(HttpStatus.Ok, HttpContentType.ApplicationOctetStream, request.BodyLength, null);
            response.Write(request.Body, 0, request.BodyLength);
        }

        public static void Silent(HttpRequest request, HttpResponse response)
        {
        }

        public static void Short(HttpRequest request, HttpResponse response)
        {
            response.Start(HttpStatus.Ok, HttpContentType.TextPlain, 10, null);
            response.WriteAscii("abc");
        }
    }
}
