using System;
using System.Collections;
using NanoTcp.Hardware.Simulation;
using NanoTcp.Wire;

namespace NanoTcp.Tests.Ipv4
{
    /// <summary>Changes a stack's configuration before the stack is made.</summary>
    internal delegate void ConfigurationStep(NetworkConfiguration configuration);

    /// <summary>Stacks and scripted hosts on one in-memory wire with a manual clock.</summary>
    internal sealed class Network
    {
        public const uint Subnet = 0x0A000000;

        private readonly ArrayList _stacks = new ArrayList();

        public Network()
            : this(1)
        {
        }

        public Network(int seed)
        {
            Clock = new ManualClock(1000);
            Wire = new EthernetWire(Clock, seed);
            Responders = new ArrayList();
        }

        public ManualClock Clock { get; }

        public EthernetWire Wire { get; }

        /// <summary>A stack with MAC 02:00:5e:00:00:n and (unless 0) the address 10.0.0.n/24, gateway 10.0.0.254.</summary>
        public NetworkStack AddStack(int n, ConfigurationStep configure = null, bool address = true)
        {
            var configuration = new NetworkConfiguration
            {
                Address = address ? Subnet + (uint)n : 0,
                PrefixLength = 24,
                Gateway = Subnet + 254,
            };
            if (configure != null)
            {
                configure(configuration);
            }
            var stack = new NetworkStack(Wire.CreatePort(Frames.Mac(n)), Clock, configuration);
            _stacks.Add(stack);
            return stack;
        }

        /// <summary>Scripted peers' reactions, run in every settle round.</summary>
        public ArrayList Responders { get; }

        /// <summary>Adds a scripted peer's reaction to every settle round.</summary>
        public void AddResponder(Action responder)
        {
            Responders.Add(responder);
        }

        public ScriptedHost AddHost(int n) => new ScriptedHost(Wire.CreatePort(Frames.Mac(n)), Frames.Mac(n), Subnet + (uint)n);

        /// <summary>Polls every stack until the wire is quiet (bounded).</summary>
        public void Settle()
        {
            for (int round = 0; round < 50; round++)
            {
                foreach (NetworkStack stack in _stacks)
                {
                    stack.Poll();
                }

                foreach (Action responder in Responders)
                {
                    responder();
                }
            }
        }

        /// <summary>Advances the clock in steps, settling after each.</summary>
        public void Run(long milliseconds, long step = 100)
        {
            for (long t = 0; t < milliseconds; t += step)
            {
                Clock.Advance(step);
                Settle();
            }
        }
    }

    /// <summary>A raw port a test drives frame by frame.</summary>
    internal sealed class ScriptedHost
    {
        private readonly WirePort _port;
        private readonly byte[] _buffer = new byte[2000];

        public ScriptedHost(WirePort port, byte[] mac, uint address)
        {
            _port = port;
            Mac = mac;
            Address = address;
        }

        public byte[] Mac { get; }

        public uint Address { get; }

        public FrameList Received { get; } = new FrameList();

        public void Send(byte[] frame) => _port.Send(frame, 0, frame.Length);

        /// <summary>Moves every frame waiting at the port into <see cref="Received"/> and returns them.</summary>
        public FrameList Drain()
        {
            var fresh = new FrameList();
            for (int i = 0; i < 10000; i++)
            {
                int length = _port.Receive(_buffer, 0, _buffer.Length);
                if (length <= 0)
                {
                    break;
                }

                var frame = new byte[length];
                Array.Copy(_buffer, frame, length);
                fresh.Add(frame);
                Received.Add(frame);
            }

            return fresh;
        }

        public static bool IsArp(byte[] frame, ushort operation) => EthernetHeader.EtherType(frame, 0) == EthernetHeader.EtherTypeArp && ArpPacket.Operation(frame, 14) == operation;

        public static bool IsIpv4(byte[] frame, byte protocol) => EthernetHeader.EtherType(frame, 0) == EthernetHeader.EtherTypeIpv4 && Ipv4Header.Protocol(frame, 14) == protocol;
    }
}
