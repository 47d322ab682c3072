using System;
using System.Collections;
using System.IO;
using System.Text;
using NanoTcp.Firmware;
using NanoTcp.Tcp;
using NanoTcp.Tests.Dns;
using NanoTcp.Tests.Host.Http;
using NanoTcp.Tests.Ipv4;
using NanoTcp.Tests.Mdns;
using NanoTcp.Tests.Sntp;

using NanoTcp.Tests.Firmware;
using NanoTcp.Tests.Http;

using NanoTcp.Tests.Support;

namespace NanoTcp.Tests.Host.Reliability
{
    /// <summary>
    /// The firmware (HTTP, TCP, ARP, ICMP, UDP, DNS and SNTP clients, mDNS responder) on an in-memory wire with a manual
    /// clock, its link open to injected frames, and the peers it talks to: a client stack (10.0.0.2), a scripted DNS
    /// server (.53), NTP server (.123), mDNS peer (.40) and a raw host (.9). <see cref="Step"/> polls everything once.
    /// </summary>
    internal sealed class FuzzBoard
    {
        public const int BoardNumber = 1;
        public const uint BoardAddress = Network.Subnet + BoardNumber;

        private readonly byte[] _drain = new byte[4096];

        public FuzzBoard(int seed)
        {
            Net = new Network(seed);
            Dns = new ScriptedDnsServer(Net, 53);
            Dns.AddA("printer.lan", Network.Subnet + 60, 300);
            Ntp = new ScriptedNtpServer(Net, 123);
            MdnsPeer = new MdnsPeer(Net, 40);
            Raw = Net.AddHost(9);
            Link = new InjectingLink(Net.Wire.CreatePort(Frames.Mac(BoardNumber)));
            var configuration = new FirmwareConfiguration
            {
                MacAddress = Frames.Mac(BoardNumber),
                Address = BoardAddress,
                UseMdns = true,
                NtpServer = Ntp.Address,
            };
            configuration.Network.Dns.Servers = new uint[] { Dns.Address };
            configuration.Tcp.SecretSeed = 5;
            Firmware = new NanoTcpFirmware(Link, Net.Clock, configuration);
            Firmware.Start();
            Client = Net.AddStack(2);
            ClientTcp = new TcpLayer(Client.Ipv4, Net.Clock, new TcpConfiguration { SecretSeed = 6, ConnectionCount = 8 }, null);
            Client.RegisterTransport(6, ClientTcp);
        }

        public Network Net { get; }

        public ScriptedDnsServer Dns { get; }

        public ScriptedNtpServer Ntp { get; }

        public MdnsPeer MdnsPeer { get; }

        public ScriptedHost Raw { get; }

        public InjectingLink Link { get; }

        public NanoTcpFirmware Firmware { get; }

        public NetworkStack Client { get; }

        public TcpLayer ClientTcp { get; }

        /// <summary>Polls the firmware, the client and every scripted peer once, then moves the clock 1 ms.</summary>
        public void Step()
        {
            Firmware.Poll();
            Client.Poll();
            foreach (Action responder in Net.Responders)
            {
                responder();
            }

            Net.Clock.Advance(1);
        }

        public bool RunUntil(Func<bool> done, int maxSteps)
        {
            for (int i = 0; i < maxSteps; i++)
            {
                if (done())
                {
                    return true;
                }

                Step();
            }

            return done();
        }

        /// <summary>Lets <paramref name="milliseconds"/> of quiet pass, stepping to each timer (at most 100 ms at a time).</summary>
        public void Idle(long milliseconds)
        {
            long end = Net.Clock.Milliseconds + milliseconds;
            while (Net.Clock.Milliseconds < end)
            {
                long next = Math.Min(Firmware.Poll(), Client.Poll());
                foreach (Action responder in Net.Responders)
                {
                    responder();
                }

                long now = Net.Clock.Milliseconds;
                Net.Clock.Advance(Math.Clamp(next - now, 1, Math.Min(100, end - now)));
            }
        }

        public TcpConnection Connect()
        {
            TcpConnection connection = TcpConnection.BeginConnect(ClientTcp, BoardAddress, 80);
            if (!RunUntil(() => connection.State == TcpState.Established, 5000))
            {
                throw new InvalidOperationException("no connection to the board: " + connection.State + " " + connection.Error);
            }

            return connection;
        }

        /// <summary>Sends <paramref name="request"/> on <paramref name="connection"/> and returns the one complete reply.</summary>
        public HttpReply Exchange(TcpConnection connection, string request, int maxSteps = 20000)
        {
            byte[] bytes = Encoding.ASCII.GetBytes(request);
            int sent = 0;
            var received = new ByteSink();
            HttpReply reply = null;
            RunUntil(
                () =>
                {
                    if (sent < bytes.Length)
                    {
                        sent += connection.TrySend(bytes, sent, bytes.Length - sent);
                    }

                    int n;
                    while ((n = connection.TryReceive(_drain, 0, _drain.Length)) > 0)
                    {
                        received.Write(_drain, 0, n);
                    }

                    reply = HttpReply.TryTake(received);
                    return reply != null || connection.State == TcpState.Closed;
                },
                maxSteps);
            if (reply == null)
            {
                throw new InvalidOperationException("no complete reply to " + request.Split('\r')[0] + " (connection " + connection.State + ", " + connection.Error + "); got: " + Encoding.ASCII.GetString(received.ToArray()));
            }

            return reply;
        }

        /// <summary>Connects, asks <paramref name="path"/> with Connection: close, and waits for the board's FIN.</summary>
        public HttpReply Get(string path)
        {
            TcpConnection connection = Connect();
            HttpReply reply = Exchange(connection, "GET " + path + " HTTP/1.1\r\nHost: board\r\nConnection: close\r\n\r\n");
            RunUntil(() => connection.EndOfStream || connection.State == TcpState.Closed, 5000);
            connection.Close();
            RunUntil(() => connection.State == TcpState.Closed || connection.State == TcpState.TimeWait, 5000);
            return reply;
        }
    }
}
