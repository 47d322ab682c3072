using System;
using NanoTcp.Tcp;

namespace NanoTcp.Tests.Host.Tcp
{
    /// <summary>
    /// A fake IPv4 layer that allocates nothing per packet: sent segments are copied into a fixed ring of buffers
    /// and <see cref="Pump"/> hands them to the peer layer. For allocation measurements.
    /// </summary>
    public sealed class LoopbackIpv4Sender : IIpv4Sender
    {
        private const int Slots = 256;
        private readonly byte[] _transmit = new byte[1514];
        private readonly byte[][] _queue = new byte[Slots][];
        private readonly int[] _length = new int[Slots];
        private int _head;
        private int _count;

        public LoopbackIpv4Sender(uint localAddress)
        {
            LocalAddress = localAddress;
            for (int i = 0; i < Slots; i++)
            {
                _queue[i] = new byte[1514];
            }
        }

        public uint LocalAddress { get; }

        public uint PeerAddress { get; set; }

        public TcpLayer Peer { get; set; }

        public byte[] TransmitBuffer => _transmit;

        public int TransportOffset => 34;

        public int MaxTransportLength => 1480;

        public void NextHopInDoubt(uint destination)
        {
        }

        public bool SendTransport(uint destination, byte protocol, int transportLength)
        {
            if (_count == Slots)
            {
                return false;
            }

            int slot = (_head + _count) % Slots;
            Array.Copy(_transmit, TransportOffset, _queue[slot], 0, transportLength);
            _length[slot] = transportLength;
            _count++;
            return true;
        }

        /// <summary>Delivers every queued segment to the peer; returns how many.</summary>
        public int Pump()
        {
            int n = 0;
            while (_count > 0)
            {
                int slot = _head;
                _head = (_head + 1) % Slots;
                _count--;
                Peer.Receive(_queue[slot], 0, _length[slot], LocalAddress, PeerAddress);
                n++;
            }

            return n;
        }
    }
}
