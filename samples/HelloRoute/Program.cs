using System;
using NanoTcp;
using NanoTcp.Firmware;
using NanoTcp.Hardware.Simulation;
using NanoTcp.Http;
using NanoTcp.Tcp;

namespace HelloRoute
{
    /// <summary>
    /// An app's own HTTP route and its own TCP echo server on NanoTcp, checked without hardware: the "board" (the
    /// firmware composition) and a "client" stack share an in-memory Ethernet cable and a manual clock, in one
    /// thread. The client GETs /hello and makes an echo round trip, then the app prints PASS or FAIL.
    /// On a real board, give NanoTcpFirmware the ENC28J60's SPI bus and INT pin instead of the cable.
    /// </summary>
    public static class Program
    {
        private const uint BoardAddress = 0x0A000002;  // 10.0.0.2
        private const uint ClientAddress = 0x0A000001; // 10.0.0.1
        private const int EchoPort = 7;

        private static ManualClock _clock;
        private static NanoTcpFirmware _board;
        private static NetworkStack _client;
        private static TcpListener _echoListener;
        private static TcpConnection _echo;

        public static void Main()
        {
            _clock = new ManualClock();
            var cable = new LinkPair(new byte[] { 2, 0, 0, 0, 0, 2 }, new byte[] { 2, 0, 0, 0, 0, 1 });

            // The board: the firmware with its built-in routes, plus the app's route and echo server.
            _board = new NanoTcpFirmware(cable.A, _clock, new FirmwareConfiguration { Address = BoardAddress });
            _board.Http.Map("/hello", new HttpHandler(Hello));
            _board.Start();
            _echoListener = new TcpListener(_board.Tcp, EchoPort, 1);
            _echoListener.Start();

            // The client: a bare stack with TCP on the other end of the cable.
            _client = new NetworkStack(cable.B, _clock, new NetworkConfiguration { Address = ClientAddress });
            var clientTcp = new TcpLayer(_client.Ipv4, _clock, new TcpConfiguration(), null);
            _client.RegisterTransport(NanoTcpFirmware.TcpProtocolNumber, clientTcp);

            string page = Exchange(clientTcp, 80, "GET /hello HTTP/1.1\r\nHost: board\r\nConnection: close\r\n\r\n", true);
            Console.WriteLine("HelloRoute: GET /hello -> " + FirstLine(page));
            string echoed = Exchange(clientTcp, EchoPort, "ping", false);
            Console.WriteLine("HelloRoute: echo ping -> " + echoed);

            bool pass = page.IndexOf("HTTP/1.1 200") == 0 && page.IndexOf("Hello from NanoTcp") > 0 && echoed == "ping";
            Console.WriteLine(pass ? "PASS" : "FAIL");
        }

        /// <summary>The app's route: GET /hello answers a line of text.</summary>
        private static void Hello(HttpRequest request, HttpResponse response)
        {
            const string Text = "Hello from NanoTcp\n";
            response.Start(HttpStatus.Ok, HttpContentType.TextPlain, Text.Length, null);
            response.WriteAscii(Text);
        }

        /// <summary>The app's echo server: accepts one connection and sends back what it receives.</summary>
        private static void ServeEcho()
        {
            if (_echo == null)
            {
                _echo = _echoListener.TryAccept();
                return;
            }

            var buffer = new byte[64];
            int n = _echo.TryReceive(buffer, 0, buffer.Length);
            if (n > 0)
            {
                _echo.TrySend(buffer, 0, n);
            }
        }

        /// <summary>
        /// Connects to the board's <paramref name="port"/>, sends <paramref name="request"/> and collects the answer:
        /// until the board closes (<paramref name="untilClosed"/>) or until as many bytes as were sent came back.
        /// </summary>
        private static string Exchange(TcpLayer tcp, int port, string request, bool untilClosed)
        {
            TcpConnection connection = TcpConnection.BeginConnect(tcp, BoardAddress, port);
            byte[] output = Ascii(request);
            var input = new byte[1024];
            int sent = 0, received = 0;
            for (int step = 0; step < 5000; step++)
            {
                if (sent < output.Length && connection.State == TcpState.Established)
                {
                    sent += connection.TrySend(output, sent, output.Length - sent);
                }

                int n = connection.TryReceive(input, received, input.Length - received);
                received += n > 0 ? n : 0;
                if (untilClosed ? connection.EndOfStream : received == output.Length)
                {
                    break;
                }

                // One round: the board (firmware, HTTP, the app's echo server), the client, then a millisecond.
                _board.Poll();
                ServeEcho();
                _client.Poll();
                _clock.Advance(1);
            }

            connection.Close();
            return Text(input, received);
        }

        private static byte[] Ascii(string text)
        {
            var bytes = new byte[text.Length];
            for (int i = 0; i < text.Length; i++)
            {
                bytes[i] = (byte)text[i];
            }

            return bytes;
        }

        private static string Text(byte[] bytes, int length)
        {
            var chars = new char[length];
            for (int i = 0; i < length; i++)
            {
                chars[i] = (char)bytes[i];
            }

            return new string(chars);
        }

        private static string FirstLine(string text)
        {
            int end = text.IndexOf('\r');
            return end < 0 ? text : text.Substring(0, end);
        }
    }
}
