using System;
using System.Collections.Generic;
using NanoTcp.Hardware;

namespace NanoTcp.Hardware.Host.Wire
{
    /// <summary>
    /// An in-memory Ethernet switch joining any number of endpoints: ports it creates for stacks
    /// (<see cref="CreatePort"/>) and outside links it bridges (<see cref="Attach"/>: a chip model's cable side, a
    /// TAP device). It learns which endpoint owns a source MAC, forwards unicast to the owner, and floods
    /// broadcast, multicast and unknown destinations to every other endpoint. Frames take
    /// <see cref="WireFaults.DelayMilliseconds"/> of the wire's clock to arrive, so with a manual clock a test
    /// decides when anything moves. Faults come from one seeded generator: the same seed and the same frames give
    /// the same run. Safe to use from several threads (one lock).
    /// </summary>
    public sealed class EthernetWire
    {
        /// <summary>Frames an endpoint may have waiting before further ones are lost, like a switch's port buffer.</summary>
        public const int DefaultQueueLimit = 4096;

        private const int MaxFramesPulledPerLink = 256;

        private readonly ITickSource _clock;
        private readonly Random _random;
        private readonly object _gate = new object();
        private readonly List<Endpoint> _endpoints = new List<Endpoint>();
        private readonly byte[] _pullBuffer = new byte[EthernetFrameLimits.MaxFrameLength + 4];
        private long _sequence;

        public EthernetWire(ITickSource clock, int seed = 1)
        {
            _clock = clock ?? throw new ArgumentNullException(nameof(clock));
            _random = new Random(seed);
        }

        public WireFaults Faults { get; } = new WireFaults();

        public WireStatistics Statistics { get; } = new WireStatistics();

        /// <summary>When set, every frame entering the wire is written here (before faults are applied).</summary>
        public PcapWriter Capture { get; set; }

        public ITickSource Clock => _clock;

        /// <summary>Set whenever a frame is queued for an endpoint, so a loop waiting on it moves the frame on (null: none).</summary>
        public IWakeSignal Wake { get; set; }

        /// <summary>Frames each endpoint may hold undelivered.</summary>
        public int QueueLimit { get; set; } = DefaultQueueLimit;

        /// <summary>Creates a port with the given MAC: an <see cref="IEthernetLink"/> a stack can run on.</summary>
        public WirePort CreatePort(byte[] macAddress)
        {
            if (macAddress == null || macAddress.Length != 6)
            {
                throw new ArgumentException("a MAC address is 6 bytes", nameof(macAddress));
            }

            var port = new WirePort(this, (byte[])macAddress.Clone());
            lock (_gate)
            {
                port.Endpoint.Owned.Add(MacKey(macAddress, 0));
                _endpoints.Add(port.Endpoint);
            }

            return port;
        }

        /// <summary>
        /// Bridges an outside link: frames it returns from Receive enter the wire on <see cref="Pump"/>, and frames
        /// for it are handed to its Send. Its MACs are learned from the frames it sends.
        /// </summary>
        public void Attach(IEthernetLink link)
        {
            if (link == null)
            {
                throw new ArgumentNullException(nameof(link));
            }

            lock (_gate)
            {
                _endpoints.Add(new Endpoint(link));
            }
        }

        /// <summary>Removes an attached link or a port; frames waiting for it are discarded.</summary>
        public void Detach(IEthernetLink link)
        {
            lock (_gate)
            {
                _endpoints.RemoveAll(e => ReferenceEquals(e.External, link) || ReferenceEquals(e.Port, link));
            }
        }

        /// <summary>Pulls frames from attached links into the wire and pushes due frames out to them.</summary>
        public void Pump()
        {
            lock (_gate)
            {
                foreach (var endpoint in _endpoints)
                {
                    if (endpoint.External == null)
                    {
                        continue;
                    }

                    for (int i = 0; i < MaxFramesPulledPerLink; i++)
                    {
                        int length = endpoint.External.Receive(_pullBuffer, 0, _pullBuffer.Length);
                        if (length <= 0)
                        {
                            break;
                        }

                        TransmitLocked(endpoint, _pullBuffer, 0, length);
                    }
                }

                long now = _clock.Milliseconds;
                foreach (var endpoint in _endpoints)
                {
                    while (endpoint.External != null && endpoint.TryTakeDue(now, out var frame))
                    {
                        endpoint.External.Send(frame, 0, frame.Length);
                        Statistics.FramesDelivered++;
                    }
                }
            }
        }

        /// <summary>Milliseconds until the earliest queued frame is due (0 if one is due now), or -1 if none waits.</summary>
        public long NextDeliveryDelay()
        {
            lock (_gate)
            {
                long earliest = long.MaxValue;
                foreach (var endpoint in _endpoints)
                {
                    earliest = Math.Min(earliest, endpoint.EarliestDue());
                }

                return earliest == long.MaxValue ? -1 : Math.Max(0, earliest - _clock.Milliseconds);
            }
        }

        internal void Transmit(WirePort from, byte[] buffer, int offset, int length)
        {
            lock (_gate)
            {
                if (!from.IsLinkUp)
                {
                    Statistics.FramesLinkDown++;
                    return;
                }

                TransmitLocked(from.Endpoint, buffer, offset, length);
            }
        }

        internal int Receive(WirePort port, byte[] buffer, int offset, int capacity)
        {
            Pump();
            lock (_gate)
            {
                while (port.Endpoint.TryTakeDue(_clock.Milliseconds, out var frame))
                {
                    if (!port.IsLinkUp)
                    {
                        Statistics.FramesLinkDown++;
                        continue;
                    }

                    if (frame.Length > capacity)
                    {
                        Statistics.FramesOverflowed++;
                        continue;
                    }

                    Array.Copy(frame, 0, buffer, offset, frame.Length);
                    Statistics.FramesDelivered++;
                    return frame.Length;
                }

                return 0;
            }
        }

        private void TransmitLocked(Endpoint from, byte[] buffer, int offset, int length)
        {
            if (length < EthernetFrameLimits.HeaderLength)
            {
                Statistics.FramesDropped++;
                return;
            }

            Statistics.FramesSent++;
            long now = _clock.Milliseconds;
            Capture?.Write(now * 1000, buffer, offset, length);
            if (from.External != null)
            {
                from.Owned.Add(MacKey(buffer, offset + 6));
            }

            // Every decision draws from the generator in a fixed order, so a seed replays the same faults.
            if (Draw(Faults.DropRate))
            {
                Statistics.FramesDropped++;
                return;
            }

            int copies = 1;
            if (Draw(Faults.DuplicateRate))
            {
                copies = 2;
                Statistics.FramesDuplicated++;
            }

            for (int copy = 0; copy < copies; copy++)
            {
                var frame = new byte[length];
                Array.Copy(buffer, offset, frame, 0, length);
                if (Draw(Faults.CorruptRate) && length > EthernetFrameLimits.HeaderLength)
                {
                    int at = EthernetFrameLimits.HeaderLength + _random.Next(length - EthernetFrameLimits.HeaderLength);
                    frame[at] ^= (byte)(1 + _random.Next(255));
                    Statistics.FramesCorrupted++;
                }

                long due = now + Faults.DelayMilliseconds;
                if (Draw(Faults.ReorderRate))
                {
                    due += Faults.ReorderDelayMilliseconds;
                    Statistics.FramesReordered++;
                }

                Forward(from, frame, due);
            }
        }

        private void Forward(Endpoint from, byte[] frame, long due)
        {
            bool groupAddress = (frame[0] & 1) != 0;
            ulong destination = MacKey(frame, 0);
            Endpoint owner = null;
            if (!groupAddress)
            {
                foreach (var endpoint in _endpoints)
                {
                    if (endpoint != from && endpoint.Owned.Contains(destination))
                    {
                        owner = endpoint;
                        break;
                    }
                }
            }

            if (owner != null)
            {
                Enqueue(owner, frame, due);
                return;
            }

            foreach (var endpoint in _endpoints)
            {
                // A port is a NIC on the cable: it filters unicast for other MACs. Attached links filter themselves.
                bool wanted = endpoint.External != null || groupAddress || endpoint.Owned.Contains(destination);
                if (endpoint != from && wanted)
                {
                    Enqueue(endpoint, frame, due);
                }
            }
        }

        private void Enqueue(Endpoint endpoint, byte[] frame, long due)
        {
            if (endpoint.Count >= QueueLimit)
            {
                Statistics.FramesOverflowed++;
                return;
            }

            endpoint.Add(due, _sequence++, frame);
            Wake?.Set();
        }

        private bool Draw(double rate) => rate > 0 && _random.NextDouble() < rate;

        private static ulong MacKey(byte[] buffer, int offset)
        {
            ulong key = 0;
            for (int i = 0; i < 6; i++)
            {
                key = (key << 8) | buffer[offset + i];
            }

            return key;
        }

        /// <summary>One place frames can go: a port of this wire or an attached outside link.</summary>
        internal sealed class Endpoint
        {
            private readonly SortedList<(long Due, long Sequence), byte[]> _queue = new SortedList<(long, long), byte[]>();

            public Endpoint(IEthernetLink external)
            {
                External = external;
            }

            public Endpoint(WirePort port)
            {
                Port = port;
            }

            public IEthernetLink External { get; }

            public WirePort Port { get; }

            /// <summary>MACs this endpoint owns (a port's own) or was seen sending from (learned).</summary>
            public HashSet<ulong> Owned { get; } = new HashSet<ulong>();

            public int Count => _queue.Count;

            public void Add(long due, long sequence, byte[] frame) => _queue.Add((due, sequence), frame);

            public long EarliestDue() => _queue.Count == 0 ? long.MaxValue : _queue.Keys[0].Due;

            public bool TryTakeDue(long now, out byte[] frame)
            {
                if (_queue.Count > 0 && _queue.Keys[0].Due <= now)
                {
                    frame = _queue.Values[0];
                    _queue.RemoveAt(0);
                    return true;
                }

                frame = null;
                return false;
            }
        }
    }
}
