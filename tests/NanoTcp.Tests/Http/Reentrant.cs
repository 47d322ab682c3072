using NanoTcp.Http;

namespace NanoTcp.Tests.Http
{
    /// <summary>A handler that wrongly polls the server it runs in.</summary>
    public sealed class Reentrant
    {
        private readonly HttpServer _server;

        public Reentrant(HttpServer server)
        {
            _server = server;
        }

        public void Handle(HttpRequest request, HttpResponse response)
        {
            _server.Poll();
        }
    }
}
