using System;
using NanoTcp.Wire;

namespace NanoTcp.Tests.Tcp
{
    /// <summary>Receives a segment a <see cref="FakeIpv4Sender"/> sent (a copy of its bytes).</summary>
    public delegate void SegmentDelivery(uint source, uint destination, byte[] bytes);

    /// <summary>A stand-in for the IPv4 layer: captures every TCP segment sent (a copy), or hands it to <see cref="Deliver"/>.</summary>
    public sealed class FakeIpv4Sender : IIpv4Sender
    {
        private readonly byte[] _transmit = new byte[1514];

        public FakeIpv4Sender(uint localAddress)
        {
            LocalAddress = localAddress;
        }

        public uint LocalAddress { get; set; }

        public byte[] TransmitBuffer => _transmit;

        public int TransportOffset => 34;

        public int MaxTransportLength { get; set; } = 1480;

        /// <summary>Segments captured in order of sending, oldest first.</summary>
        public SentSegmentQueue Sent { get; } = new SentSegmentQueue();

        /// <summary>When set, segments go here (source, destination, bytes) instead of <see cref="Sent"/>.</summary>
        public SegmentDelivery Deliver { get; set; }

        /// <summary>When false, segments are neither captured nor delivered (allocation measurements).</summary>
        public bool Capture { get; set; } = true;

        public int Count { get; private set; }

        /// <summary>How many times the transport reported a destination in doubt (its retransmission timer fired).</summary>
        public int InDoubtCount { get; set; }

        /// <summary>The destination of the latest <see cref="NextHopInDoubt"/>.</summary>
        public uint LastInDoubt { get; private set; }

        public void NextHopInDoubt(uint destination)
        {
            InDoubtCount++;
            LastInDoubt = destination;
        }

        public bool SendTransport(uint destination, byte protocol, int transportLength)
        {
            Count++;
            if (!Capture)
            {
                return true;
            }

            var copy = new byte[transportLength];
            Array.Copy(_transmit, TransportOffset, copy, 0, transportLength);
            if (Deliver != null)
            {
                Deliver(LocalAddress, destination, copy);
            }
            else
            {
                Sent.Enqueue(new SentSegment(LocalAddress, destination, protocol, copy));
            }

            return true;
        }
    }
}
