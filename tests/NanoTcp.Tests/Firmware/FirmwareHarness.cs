using System;
using NanoTcp.Firmware;
using NanoTcp.Hardware.Enc28j60Model;
using NanoTcp.Hardware.Simulation;
using NanoTcp.Http;
using NanoTcp.Tcp;
using NanoTcp.Tests.Support;

namespace NanoTcp.Tests.Firmware
{
    /// <summary>
    /// The firmware composition on the ENC28J60 chip model on a manual clock, and a client stack on the same wire.
    /// <see cref="Step"/> is one poll step of the firmware (its hook moves the wire, the chip and the client).
    /// </summary>
    public sealed class FirmwareHarness
    {
        public const uint BoardAddress = 0x0A000001;
        public const uint ClientAddress = 0x0A000002;

        public FirmwareHarness()
            : this(null, true)
        {
        }

        public FirmwareHarness(FirmwareConfiguration configuration)
            : this(configuration, true)
        {
        }

        public FirmwareHarness(FirmwareConfiguration configuration, bool interruptPin)
            : this(configuration, interruptPin, null, null)
        {
        }

        /// <summary><paramref name="model"/> null: the model's defaults; <paramref name="clientTcp"/> null: the TCP defaults (2 KB rings).</summary>
        public FirmwareHarness(FirmwareConfiguration configuration, bool interruptPin, Enc28j60ModelOptions model, TcpConfiguration clientTcp)
        {
            Clock = new ManualClock(1000);
            Wire = new EthernetWire(Clock, 3);
            Chip = new Enc28j60Chip(Clock, model != null ? model : new Enc28j60ModelOptions());
            Clock.Advance(1);
            Wire.Attach(Chip.WireSide);
            if (configuration == null)
            {
                configuration = new FirmwareConfiguration();
                configuration.Address = BoardAddress;
            }

            Configuration = configuration;
            Configuration.Driver.Delay = ms => Clock.Advance(ms);
            Configuration.Driver.InterruptWait = ms =>
            {
                if (!Chip.WaitForInterrupt(ms))
                {
                    Clock.Advance(ms);
                }
            };
            Configuration.Tcp.SecretSeed = 5;
            Firmware = new NanoTcpFirmware(Chip, interruptPin ? Chip.InterruptPin : null, Clock, Configuration);
            NetworkConfiguration clientNetwork = new NetworkConfiguration();
            clientNetwork.Address = ClientAddress;
            clientNetwork.PrefixLength = 24;
            Client = new NetworkStack(Wire.CreatePort(new byte[] { 2, 0, 0x5E, 0, 0, 2 }), Clock, clientNetwork);
            if (clientTcp == null)
            {
                clientTcp = new TcpConfiguration();
            }

            clientTcp.SecretSeed = 6;
            ClientTcp = new TcpLayer(Client.Ipv4, Clock, clientTcp, null);
            Client.RegisterTransport(6, ClientTcp);
            Firmware.Hook = () =>
            {
                Chip.Update();
                Wire.Pump();
                lock (ClientTcp.SyncRoot)
                {
                    Client.Poll();
                }

                Wire.Pump(); // what the client sent reaches the chip in this same step
                DrainReader();
                return long.MaxValue;
            };
        }

        public ManualClock Clock { get; private set; }

        public EthernetWire Wire { get; private set; }

        public Enc28j60Chip Chip { get; private set; }

        public FirmwareConfiguration Configuration { get; private set; }

        public NanoTcpFirmware Firmware { get; private set; }

        public NetworkStack Client { get; private set; }

        public TcpLayer ClientTcp { get; private set; }

        /// <summary>The client connection whose bytes every step collects into <see cref="Received"/> (also while the board waits to send).</summary>
        public TcpConnection Reader { get; set; }

        public ByteSink Received { get; } = new ByteSink();

        private void DrainReader()
        {
            if (Reader == null)
            {
                return;
            }

            var buffer = new byte[2048];
            try
            {
                int n;
                while ((n = Reader.TryReceive(buffer, 0, buffer.Length)) > 0)
                {
                    Received.Write(buffer, 0, n);
                }
            }
            catch (TcpException)
            {
                // The test sees the state.
            }
        }

        /// <summary>One firmware step; the clock moves 1 ms when frames moved, else to the next timer (at most 200 ms).</summary>
        public void Step()
        {
            long frames = Wire.Statistics.FramesSent;
            long next = Firmware.Poll();
            long now = Clock.Milliseconds;
            long wait = next - now;
            Clock.Advance(Wire.Statistics.FramesSent != frames ? 1 : (wait < 1 ? 1 : (wait > 200 ? 200 : wait)));
        }

        public bool RunUntil(Condition done, int maxSteps)
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

        /// <summary>GET <paramref name="path"/> with Connection: close; returns the whole response text.</summary>
        public string Get(string path)
        {
            TcpConnection connection = TcpConnection.BeginConnect(ClientTcp, Firmware.Stack.LocalAddress, 80);
            byte[] request = HttpAscii.Encode("GET " + path + " HTTP/1.1\r\nHost: board\r\nConnection: close\r\n\r\n");
            int sent = 0;
            Reader = connection;
            Received.Clear();
            bool done = RunUntil(
                () =>
                {
                    if (connection.State == TcpState.Established && sent < request.Length)
                    {
                        sent += connection.TrySend(request, sent, request.Length - sent);
                    }

                    if (connection.State == TcpState.Closed)
                    {
                        throw new InvalidOperationException("the connection failed: " + TcpErrorText(connection.Error) + "; got: " + Received.Text());
                    }

                    return connection.EndOfStream;
                },
                20000);
            connection.Close();
            Reader = null;
            if (!done)
            {
                throw new InvalidOperationException("no complete response to GET " + path + "; got: " + Received.Text());
            }

            return Received.Text();
        }

        /// <summary>The error's number (Enum.ToString gives the number on nanoFramework anyway).</summary>
        private static string TcpErrorText(TcpError error)
        {
            return ((int)error).ToString();
        }
    }
}
