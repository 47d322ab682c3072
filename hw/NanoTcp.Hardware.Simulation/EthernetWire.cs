using System;
using NanoTcp.Hardware;

namespace NanoTcp.Hardware.Simulation
{
    /// <summary>
    /// An in-memory Ethernet switch joining any number of endpoints: ports it creates for stacks
    /// (<see cref="CreatePort"/>) and outside links it bridges (<see cref="Attach"/>: a chip model's cable side, a
    /// TAP device). It learns which endpoint owns a source MAC, forwards unicast to the owner, and floods
    /// broadcast, multicast and unknown destinations to every other endpoint. Frames take
    /// <see cref="WireFaults.DelayMilliseconds"/> of the wire's clock to arrive, so with a manual clock a test
    /// decides when anything moves. Faults come from one <see cref="SeededRandom"/>: the same seed and the same
    /// frames give the same run, on .NET and on nanoCLR. Safe to use from several threads (one lock).
    /// </summary>
    public sealed class EthernetWire
    {
        /// <summary>Frames an endpoint may have waiting before further ones are lost, like a switch's port buffer.</summary>
        public const int DefaultQueueLimit = 4096;

        private const int MaxFramesPulledPerLink = 256;
        private const int MacLength = 6;
        private const int SourceMacOffset = 6;

        private readonly ITickSource _clock;
        private readonly SeededRandom _random;
        private readonly object _gate = new object();
        private readonly byte[] _pullBuffer = new byte[EthernetFrameLimits.MaxFrameLength + 4];
        private WireEndpoint[] _endpoints = new WireEndpoint[4];
        private int _endpointCount;
        private long _sequence;

        public EthernetWire(ITickSource clock)
            : this(clock, 1)
        {
        }

        public EthernetWire(ITickSource clock, int seed)
        {
            if (clock == null)
            {
                throw new ArgumentNullException(nameof(clock));
            }

            _clock = clock;
            _random = new SeededRandom(seed);
            Faults = new WireFaults();
            Statistics = new WireStatistics();
            QueueLimit = DefaultQueueLimit;
        }

        public WireFaults Faults { get; }

        public WireStatistics Statistics { get; }

        /// <summary>When set, every frame entering the wire is written here (before faults are applied).</summary>
        public IFrameCapture Capture { get; set; }

        public ITickSource Clock => _clock;

        /// <summary>Set whenever a frame is queued for an endpoint, so a loop waiting on it moves the frame on (null: none).</summary>
        public IWakeSignal Wake { get; set; }

        /// <summary>Frames each endpoint may hold undelivered.</summary>
        public int QueueLimit { get; set; }

        /// <summary>Creates a port with the given MAC: an <see cref="IEthernetLink"/> a stack can run on.</summary>
        public WirePort CreatePort(byte[] macAddress)
        {
            if (macAddress == null || macAddress.Length != MacLength)
            {
                throw new ArgumentException("a MAC address is 6 bytes", nameof(macAddress));
            }

            byte[] mac = new byte[MacLength];
            Array.Copy(macAddress, mac, MacLength);
            WirePort port = new WirePort(this, mac);
            lock (_gate)
            {
                port.Endpoint.Own(MacKey(mac, 0));
                AddEndpoint(port.Endpoint);
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
                AddEndpoint(new WireEndpoint(link, null));
            }
        }

        /// <summary>Removes an attached link or a port; frames waiting for it are discarded.</summary>
        public void Detach(IEthernetLink link)
        {
            lock (_gate)
            {
                int kept = 0;
                for (int i = 0; i < _endpointCount; i++)
                {
                    WireEndpoint e = _endpoints[i];
                    if (!ReferenceEquals(e.External, link) && !ReferenceEquals(e.Port, link))
                    {
                        _endpoints[kept++] = e;
                    }
                }

                for (int i = kept; i < _endpointCount; i++)
                {
                    _endpoints[i] = null;
                }

                _endpointCount = kept;
            }
        }

        /// <summary>Pulls frames from attached links into the wire and pushes due frames out to them.</summary>
        public void Pump()
        {
            lock (_gate)
            {
                for (int e = 0; e < _endpointCount; e++)
                {
                    WireEndpoint endpoint = _endpoints[e];
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
                for (int e = 0; e < _endpointCount; e++)
                {
                    WireEndpoint endpoint = _endpoints[e];
                    while (endpoint.External != null)
                    {
                        byte[] frame = endpoint.TakeDue(now);
                        if (frame == null)
                        {
                            break;
                        }

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
                for (int e = 0; e < _endpointCount; e++)
                {
                    long due = _endpoints[e].EarliestDue();
                    if (due < earliest)
                    {
                        earliest = due;
                    }
                }

                if (earliest == long.MaxValue)
                {
                    return -1;
                }

                long delay = earliest - _clock.Milliseconds;
                return delay < 0 ? 0 : delay;
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
                while (true)
                {
                    byte[] frame = port.Endpoint.TakeDue(_clock.Milliseconds);
                    if (frame == null)
                    {
                        return 0;
                    }

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
            }
        }

        private void AddEndpoint(WireEndpoint endpoint)
        {
            if (_endpointCount == _endpoints.Length)
            {
                WireEndpoint[] larger = new WireEndpoint[_endpoints.Length * 2];
                Array.Copy(_endpoints, larger, _endpointCount);
                _endpoints = larger;
            }

            _endpoints[_endpointCount++] = endpoint;
        }

        private void TransmitLocked(WireEndpoint from, byte[] buffer, int offset, int length)
        {
            if (length < EthernetFrameLimits.HeaderLength)
            {
                Statistics.FramesDropped++;
                return;
            }

            Statistics.FramesSent++;
            long now = _clock.Milliseconds;
            if (Capture != null)
            {
                Capture.Write(now * 1000, buffer, offset, length);
            }

            if (from.External != null)
            {
                from.Own(MacKey(buffer, offset + SourceMacOffset));
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
                byte[] frame = new byte[length];
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

        private void Forward(WireEndpoint from, byte[] frame, long due)
        {
            bool groupAddress = (frame[0] & 1) != 0;
            long destination = MacKey(frame, 0);
            if (!groupAddress)
            {
                for (int e = 0; e < _endpointCount; e++)
                {
                    WireEndpoint endpoint = _endpoints[e];
                    if (endpoint != from && endpoint.Owns(destination))
                    {
                        Enqueue(endpoint, frame, due);
                        return;
                    }
                }
            }

            for (int e = 0; e < _endpointCount; e++)
            {
                WireEndpoint endpoint = _endpoints[e];

                // A port is a NIC on the cable: it filters unicast for other MACs. Attached links filter themselves.
                bool wanted = endpoint.External != null || groupAddress || endpoint.Owns(destination);
                if (endpoint != from && wanted)
                {
                    Enqueue(endpoint, frame, due);
                }
            }
        }

        private void Enqueue(WireEndpoint endpoint, byte[] frame, long due)
        {
            if (endpoint.Count >= QueueLimit)
            {
                Statistics.FramesOverflowed++;
                return;
            }

            endpoint.Add(due, _sequence++, frame);
            Wake?.Set();
        }

        private bool Draw(double rate)
        {
            return rate > 0 && _random.NextDouble() < rate;
        }

        private static long MacKey(byte[] buffer, int offset)
        {
            long key = 0;
            for (int i = 0; i < MacLength; i++)
            {
                key = (key << 8) | buffer[offset + i];
            }

            return key;
        }
    }
}
