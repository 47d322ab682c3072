using NanoTcp.Firmware;
using NanoTcp.Http;
using NanoTcp.Tcp;

namespace NanoTcp.Tests.Host.Docs
{
    /// <summary>
    /// The code that docs/getting-started.md shows, compiled here (DocsTests checks that each of the page's code blocks
    /// is text of a file in the repository). Portable: nothing in it needs more than nanoFramework has.
    /// </summary>
    public sealed class GettingStartedExample
    {
        // docs: route
        private static readonly byte[] Hello = new byte[] { (byte)'h', (byte)'e', (byte)'l', (byte)'l', (byte)'o', (byte)'\n' };

        public static void AddRoute(NanoTcpFirmware firmware)
        {
            // Handlers run on the firmware's thread, inside its poll step.
            firmware.Http.Map("/hello", SayHello);
        }

        private static void SayHello(HttpRequest request, HttpResponse response)
        {
            response.Start(200, HttpContentType.TextPlain, Hello.Length, null);
            response.Write(Hello, 0, Hello.Length);
        }
        // docs: end

        // docs: echo
        private readonly TcpListener _listener;
        private readonly TcpConnection[] _clients = new TcpConnection[2];
        private readonly byte[] _buffer = new byte[512];

        /// <summary>A TCP echo server on PORT, driven from the firmware's loop: no thread of its own.</summary>
        public GettingStartedExample(NanoTcpFirmware firmware, int port)
        {
            _listener = new TcpListener(firmware.Tcp, port, _clients.Length);
            _listener.Start();
            firmware.Hook = Step; // called at the start of every poll step, on the firmware's thread
        }

        private long Step()
        {
            for (int i = 0; i < _clients.Length; i++)
            {
                if (_clients[i] == null)
                {
                    _clients[i] = _listener.TryAccept(); // null when nobody waits; allocates nothing then
                }

                TcpConnection client = _clients[i];
                if (client == null)
                {
                    continue;
                }

                int room = client.SpaceFree < _buffer.Length ? client.SpaceFree : _buffer.Length;
                int read = room > 0 ? client.TryReceive(_buffer, 0, room) : 0;
                if (read > 0)
                {
                    client.TrySend(_buffer, 0, read); // fits: at most SpaceFree bytes were read
                }
                else if (read < 0 || client.EndOfStream)
                {
                    client.Close();
                    _clients[i] = null;
                }
            }

            return long.MaxValue; // no deadline of its own: data and connects wake the loop
        }
        // docs: end
    }
}
