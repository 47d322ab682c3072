using System;
using NanoTcp.Hardware.Simulation;
using NanoTcp.Wire;

using NanoTcp.Tests.Firmware;
using NanoTcp.Tests.Http;

namespace NanoTcp.Tests.Host.Reliability
{
    /// <summary>
    /// Makes a mutant of a captured frame with a seeded random: bit flips, boundary bytes, truncation, length and
    /// offset fields, random TCP options, splicing with another frame, appended junk, or the frame unchanged (a
    /// replay). Half of the mutants get their IPv4, TCP, UDP and ICMP checksums recomputed, so the mutation reaches
    /// the layer above the checksum check instead of dying at it.
    /// </summary>
    internal sealed class FrameMutator
    {
        public const int MaxFrameLength = 1514;

        private const int EthernetLength = 14;
        private static readonly byte[] Boundaries = { 0x00, 0xFF, 0x7F, 0x80, 0x01, 0xFE };

        private readonly SeededRandom _random;

        public FrameMutator(int seed)
        {
            _random = new SeededRandom(seed);
        }

        public SeededRandom Random => _random;

        /// <summary>The kind of the last mutation (for a failure message).</summary>
        public string LastKind { get; private set; }

        /// <summary>A mutant of <paramref name="frame"/>; <paramref name="other"/> is the donor for splicing.</summary>
        public byte[] Mutate(byte[] frame, byte[] other)
        {
            byte[] m;
            switch (_random.Next(9))
            {
                case 0:
                    m = Copy(frame, frame.Length);
                    int flips = 1 + _random.Next(8);
                    for (int i = 0; i < flips; i++)
                    {
                        m[_random.Next(m.Length)] ^= (byte)(1 << _random.Next(8));
                    }

                    LastKind = "bit flips";
                    break;
                case 1:
                    m = Copy(frame, frame.Length);
                    m[_random.Next(m.Length)] = Boundaries[_random.Next(Boundaries.Length)];
                    LastKind = "boundary byte";
                    break;
                case 2:
                    m = Copy(frame, 1 + _random.Next(frame.Length - 1)); // a link never hands over an empty frame
                    LastKind = "truncation";
                    break;
                case 3:
                    m = Copy(frame, frame.Length);
                    MutateLengthField(m);
                    LastKind = "length field";
                    break;
                case 4:
                    m = Copy(frame, frame.Length);
                    m = RandomTcpOptions(m);
                    LastKind = "random TCP options";
                    break;
                case 5:
                    int cut = _random.Next(frame.Length);
                    int from = _random.Next(other.Length);
                    int length = Math.Min(cut + (other.Length - from), MaxFrameLength);
                    m = new byte[length];
                    Array.Copy(frame, m, cut);
                    Array.Copy(other, from, m, cut, length - cut);
                    LastKind = "splice";
                    break;
                case 6:
                    int extra = 1 + _random.Next(64);
                    m = Copy(frame, Math.Min(frame.Length + extra, MaxFrameLength));
                    for (int i = frame.Length; i < m.Length; i++)
                    {
                        m[i] = (byte)_random.Next(256);
                    }

                    LastKind = "appended bytes";
                    break;
                case 7:
                    m = Copy(frame, frame.Length);
                    int at = _random.Next(m.Length);
                    int run = 1 + _random.Next(16);
                    for (int i = at; i < m.Length && i < at + run; i++)
                    {
                        m[i] = (byte)_random.Next(256);
                    }

                    LastKind = "random bytes";
                    break;
                default:
                    m = Copy(frame, frame.Length);
                    LastKind = "replay";
                    break;
            }

            if (_random.Next(2) == 0)
            {
                FixChecksums(m);
                LastKind += ", checksums fixed";
            }

            return m;
        }

        private static byte[] Copy(byte[] frame, int length)
        {
            var m = new byte[length];
            Array.Copy(frame, m, Math.Min(length, frame.Length));
            return m;
        }

        /// <summary>Offset of the IPv4 header's payload, or -1 when the frame holds no readable IPv4 header.</summary>
        private static int TransportOffset(byte[] m)
        {
            if (m.Length < EthernetLength + Ipv4Header.MinLength || EthernetHeader.EtherType(m, 0) != EthernetHeader.EtherTypeIpv4)
            {
                return -1;
            }

            int ihl = Ipv4Header.HeaderLength(m, EthernetLength);
            return ihl < Ipv4Header.MinLength || EthernetLength + ihl > m.Length ? -1 : EthernetLength + ihl;
        }

        private void MutateLengthField(byte[] m)
        {
            int value = _random.Next(4) == 0 ? _random.Next(65536) : Boundaries[_random.Next(Boundaries.Length)] * 257;
            int transport = TransportOffset(m);
            int field = _random.Next(5);
            if (transport < 0 || field == 0)
            {
                if (m.Length >= EthernetLength + 1)
                {
                    m[EthernetLength] = (byte)((m[EthernetLength] & 0xF0) | _random.Next(16)); // IHL (ARP: hardware type)
                }

                return;
            }

            byte protocol = Ipv4Header.Protocol(m, EthernetLength);
            if (field == 1)
            {
                Ipv4Header.SetTotalLength(m, EthernetLength, value);
            }
            else if (field == 2 && protocol == 6 && transport + TcpHeader.MinLength <= m.Length)
            {
                m[transport + 12] = (byte)((_random.Next(16) << 4) | (m[transport + 12] & 0x0F)); // data offset
            }
            else if (field == 2 && protocol == 17 && transport + UdpHeader.Length <= m.Length)
            {
                Bytes.WriteUInt16(m, transport + 4, (ushort)value); // UDP length
            }
            else if (field == 3 && protocol == 17 && transport + UdpHeader.Length + 12 <= m.Length)
            {
                // DNS/mDNS counts (QDCOUNT..ARCOUNT) or DHCP/NTP header bytes at the same place.
                Bytes.WriteUInt16(m, transport + UdpHeader.Length + 4 + (2 * _random.Next(4)), (ushort)value);
            }
            else if (transport < m.Length)
            {
                Ipv4Header.SetFlagsAndFragmentOffset(m, EthernetLength, (ushort)value); // fragment offset and flags
            }
        }

        private byte[] RandomTcpOptions(byte[] m)
        {
            int transport = TransportOffset(m);
            if (transport < 0 || Ipv4Header.Protocol(m, EthernetLength) != 6 || transport + TcpHeader.MinLength > m.Length)
            {
                return m;
            }

            // Replace the options with 4..40 random option-like bytes: known kinds, zero and overlong lengths.
            int optionsLength = 4 * (1 + _random.Next(10));
            int oldHeader = TcpHeader.DataOffset(m, transport);
            if (oldHeader < TcpHeader.MinLength || transport + oldHeader > m.Length)
            {
                oldHeader = TcpHeader.MinLength;
            }

            int payload = m.Length - transport - oldHeader;
            var n = new byte[Math.Min(transport + TcpHeader.MinLength + optionsLength + payload, MaxFrameLength)];
            Array.Copy(m, n, transport + TcpHeader.MinLength);
            int o = transport + TcpHeader.MinLength;
            int end = o + optionsLength;
            while (o < end)
            {
                int kind = _random.Next(4) == 0 ? _random.Next(256) : _random.Next(9);
                n[o++] = (byte)kind;
                if (o < end && kind > 1)
                {
                    n[o++] = (byte)(_random.Next(3) == 0 ? _random.Next(3) : _random.Next(2, 12));
                }
            }

            Array.Copy(m, transport + oldHeader, n, end, n.Length - end);
            TcpHeader.SetDataOffset(n, transport, TcpHeader.MinLength + optionsLength);
            n[transport + 12] |= (byte)(m[transport + 12] & 0x0F);
            if (n.Length >= EthernetLength + Ipv4Header.MinLength)
            {
                Ipv4Header.SetTotalLength(n, EthernetLength, n.Length - EthernetLength);
            }

            return n;
        }

        /// <summary>Recomputes the checksums a receiver checks, where the (claimed) lengths fit in the frame.</summary>
        public static void FixChecksums(byte[] m)
        {
            int transport = TransportOffset(m);
            if (transport < 0)
            {
                return;
            }

            Ipv4Header.SetHeaderChecksum(m, EthernetLength, 0);
            Ipv4Header.SetHeaderChecksum(m, EthernetLength, InternetChecksum.Compute(m, EthernetLength, transport - EthernetLength));
            int total = Ipv4Header.TotalLength(m, EthernetLength);
            int length = Math.Min(total, m.Length - EthernetLength) - (transport - EthernetLength);
            if (length <= 0 || Ipv4Header.IsFragment(m, EthernetLength))
            {
                return;
            }

            uint source = Ipv4Header.Source(m, EthernetLength);
            uint destination = Ipv4Header.Destination(m, EthernetLength);
            byte protocol = Ipv4Header.Protocol(m, EthernetLength);
            int checksumAt = protocol == 6 ? 16 : protocol == 17 ? 6 : protocol == 1 ? 2 : -1;
            if (checksumAt < 0 || checksumAt + 2 > length)
            {
                return;
            }

            Bytes.WriteUInt16(m, transport + checksumAt, 0);
            ushort sum = protocol == 1
                ? InternetChecksum.Compute(m, transport, length)
                : InternetChecksum.Compute(m, transport, length, InternetChecksum.PseudoHeaderSum(source, destination, protocol, length));
            Bytes.WriteUInt16(m, transport + checksumAt, protocol == 17 && sum == 0 ? (ushort)0xFFFF : sum);
        }
    }
}
