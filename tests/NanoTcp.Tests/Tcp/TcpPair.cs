using System.Collections;
using NanoTcp.Hardware.Simulation;
using NanoTcp.Tcp;
using NanoTcp.Tests.Support;

namespace NanoTcp.Tests.Tcp
{
    /// <summary>
    /// Two TCP layers back to back through fake IPv4 senders: packets sent by one are queued (copied) and delivered
    /// to the other by <see cref="Step"/>, with seeded loss, duplication and reordering. One manual clock.
    /// </summary>
    public sealed class TcpPair
    {
        public const uint ClientAddress = 0x0A000001;
        public const uint ServerAddress = 0x0A000002;

        private readonly object _gate = new object();
        private readonly SeededRandom _random;
        private readonly ArrayList _inFlight = new ArrayList();

        public TcpPair(int seed, int delayMilliseconds, TcpConfiguration clientConfig = null, TcpConfiguration serverConfig = null)
        {
            _random = new SeededRandom(seed);
            Delay = delayMilliseconds;
            Clock = new ManualClock(1000);
            ClientIp = new FakeIpv4Sender(ClientAddress);
            ServerIp = new FakeIpv4Sender(ServerAddress);
            ClientIp.Deliver = Enqueue;
            ServerIp.Deliver = Enqueue;
            Client = new TcpLayer(ClientIp, Clock, clientConfig ?? new TcpConfiguration { SecretSeed = seed * 2 + 1 }, null);
            Server = new TcpLayer(ServerIp, Clock, serverConfig ?? new TcpConfiguration { SecretSeed = seed * 2 + 2 }, null);
        }

        public ManualClock Clock { get; }

        public FakeIpv4Sender ClientIp { get; }

        public FakeIpv4Sender ServerIp { get; }

        public TcpLayer Client { get; }

        public TcpLayer Server { get; }

        public int Delay { get; }

        public double DropRate { get; set; }

        public double DuplicateRate { get; set; }

        public double ReorderRate { get; set; }

        public int Delivered { get; private set; }

        public int Dropped { get; private set; }

        private void Enqueue(uint source, uint destination, byte[] bytes)
        {
            lock (_gate)
            {
                if (destination != ClientAddress && destination != ServerAddress)
                {
                    return; // to a host that is not on this wire (e.g. a flood's forged source)
                }

                if (_random.NextDouble() < DropRate)
                {
                    Dropped++;
                    return;
                }

                long due = Clock.Milliseconds + Delay;
                if (_random.NextDouble() < ReorderRate)
                {
                    due += 1 + _random.Next(20);
                }

                _inFlight.Add(new Packet(due, destination, source, bytes));
                if (_random.NextDouble() < DuplicateRate)
                {
                    _inFlight.Add(new Packet(due + _random.Next(5), destination, source, bytes));
                }
            }
        }

        /// <summary>Delivers everything due, runs both layers' timers, then advances the clock by <paramref name="milliseconds"/>.</summary>
        public void Step(int milliseconds)
        {
            for (int round = 0; round < 1000; round++)
            {
                Packet next = null;
                lock (_gate)
                {
                    long now = Clock.Milliseconds;
                    for (int i = 0; i < _inFlight.Count; i++)
                    {
                        Packet candidate = (Packet)_inFlight[i];
                        if (candidate.Due <= now)
                        {
                            next = candidate;
                            _inFlight.RemoveAt(i);
                            break;
                        }
                    }
                }

                if (next == null)
                {
                    break;
                }

                Delivered++;
                TcpLayer target = next.Destination == ServerAddress ? Server : Client;
                target.Receive(next.Bytes, 0, next.Bytes.Length, next.Source, next.Destination);
            }

            Client.Poll(Clock.Milliseconds);
            Server.Poll(Clock.Milliseconds);
            Clock.Advance(milliseconds);
        }

        /// <summary>Steps 1 ms at a time until <paramref name="done"/> or <paramref name="limitMilliseconds"/> of simulated time.</summary>
        public bool RunUntil(Condition done, long limitMilliseconds)
        {
            long end = Clock.Milliseconds + limitMilliseconds;
            while (Clock.Milliseconds < end)
            {
                if (done())
                {
                    return true;
                }

                Step(1);
            }

            return done();
        }

        private sealed class Packet
        {
            public Packet(long due, uint destination, uint source, byte[] bytes)
            {
                Due = due;
                Destination = destination;
                Source = source;
                Bytes = bytes;
            }

            public long Due { get; }

            public uint Destination { get; }

            public uint Source { get; }

            public byte[] Bytes { get; }
        }
    }
}
