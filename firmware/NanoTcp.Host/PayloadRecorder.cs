using System.Collections.Generic;
using System.Globalization;
using System.Text;
using NanoTcp.Hardware;

namespace NanoTcp.Host
{
    /// <summary>
    /// An <see cref="IEthernetLink"/> in front of another that remembers the first text line of every TCP segment's
    /// data going either way, so the ladder can show "GET / HTTP/1.1" beside the arrow. PC only (it allocates).
    /// </summary>
    public sealed class PayloadRecorder : IEthernetLink
    {
        private const int MaxLineLength = 32;
        private const int MaxEntries = 4096;

        private readonly IEthernetLink _inner;
        private readonly Dictionary<(uint, int, uint), string> _lines = new Dictionary<(uint, int, uint), string>();

        public PayloadRecorder(IEthernetLink inner)
        {
            _inner = inner;
        }

        public bool IsLinkUp => _inner.IsLinkUp;

        public void GetMacAddress(byte[] buffer, int offset) => _inner.GetMacAddress(buffer, offset);

        public void Send(byte[] buffer, int offset, int length)
        {
            Record(buffer, offset, length);
            _inner.Send(buffer, offset, length);
        }

        public int Receive(byte[] buffer, int offset, int capacity)
        {
            int length = _inner.Receive(buffer, offset, capacity);
            if (length > 0)
            {
                Record(buffer, offset, length);
            }

            return length;
        }

        /// <summary>The quoted first line of the data of the segment from (address, port) with this seq, or a byte count when it is not text.</summary>
        public string FirstLine(uint source, int sourcePort, uint seq)
        {
            lock (_lines)
            {
                return _lines.TryGetValue((source, sourcePort, seq), out string line) ? line : null;
            }
        }

        private void Record(byte[] b, int o, int length)
        {
            // Ethernet II + IPv4 + TCP, checked just enough to read safely.
            if (length < 14 + 20 + 20 || b[o + 12] != 0x08 || b[o + 13] != 0x00 || (b[o + 14] >> 4) != 4 || b[o + 23] != 6)
            {
                return;
            }

            int ip = o + 14;
            int ipHeader = (b[ip] & 0x0F) * 4;
            int total = (b[ip + 2] << 8) | b[ip + 3];
            int tcp = ip + ipHeader;
            if (total > length - 14 || tcp + 20 > o + length)
            {
                return;
            }

            int tcpHeader = (b[tcp + 12] >> 4) * 4;
            int data = tcp + tcpHeader;
            int dataLength = ip + total - data;
            if (dataLength <= 0)
            {
                return;
            }

            uint source = (uint)((b[ip + 12] << 24) | (b[ip + 13] << 16) | (b[ip + 14] << 8) | b[ip + 15]);
            int sourcePort = (b[tcp] << 8) | b[tcp + 1];
            uint seq = (uint)((b[tcp + 4] << 24) | (b[tcp + 5] << 16) | (b[tcp + 6] << 8) | b[tcp + 7]);
            var line = new StringBuilder();
            for (int i = 0; i < dataLength && i < MaxLineLength; i++)
            {
                byte c = b[data + i];
                if (c == '\r' || c == '\n')
                {
                    break;
                }

                if (c < 0x20 || c > 0x7E)
                {
                    line.Clear();
                    break;
                }

                line.Append((char)c);
            }

            string text = line.Length > 0 ? "\"" + line + (line.Length == MaxLineLength ? "…" : string.Empty) + "\"" : "(" + dataLength.ToString(CultureInfo.InvariantCulture) + " bytes)";
            lock (_lines)
            {
                if (_lines.Count >= MaxEntries)
                {
                    _lines.Clear();
                }

                _lines[(source, sourcePort, seq)] = text;
            }
        }
    }
}
