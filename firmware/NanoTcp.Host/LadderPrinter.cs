using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using NanoTcp.Http;
using NanoTcp.Tcp;
using NanoTcp.Wire;

namespace NanoTcp.Host
{
    /// <summary>
    /// Draws TCP as a ladder diagram: the client on the left, the board on the right, one line per segment (an arrow
    /// with flags, relative seq and ack, window and data length) and one per state change (on its side). Fed by the
    /// TCP trace of the board and, when the client is ours too, of the client; segments are drawn from the side that
    /// sent them, or from the board's receive events when the peer is not traced (the kernel over TAP).
    /// Lines are collected and written by <see cref="Flush"/>, so that data segments can be labelled with the payload's
    /// first line once the frame has passed a <see cref="PayloadRecorder"/>.
    /// </summary>
    public sealed class LadderPrinter
    {
        private const int TimeWidth = 9;
        private const int ArrowWidth = 58;
        private const int SideWidth = 24;

        private readonly TextWriter _out;
        private readonly uint _board;
        private readonly bool _tagConnections;
        private readonly Dictionary<string, uint> _isn = new Dictionary<string, uint>(StringComparer.Ordinal);
        private readonly Dictionary<string, int> _connectionIds = new Dictionary<string, int>(StringComparer.Ordinal);
        private readonly List<Func<string>> _pending = new List<Func<string>>();
        private readonly object _gate = new object();

        /// <param name="output">Where the ladder goes.</param>
        /// <param name="boardAddress">The board's IPv4 address: its side is drawn on the right.</param>
        /// <param name="tagConnections">Prefix every line with a connection number (several connections interleave).</param>
        public LadderPrinter(TextWriter output, uint boardAddress, bool tagConnections)
        {
            _out = output;
            _board = boardAddress;
            _tagConnections = tagConnections;
        }

        /// <summary>Payload first lines by (source address, source port, seq); optional.</summary>
        public PayloadRecorder Payloads { get; set; }

        /// <summary>The board's address (it may change when DHCP binds).</summary>
        public uint BoardAddress { get; set; }

        /// <summary>Clock time shown as 0.</summary>
        public long TimeOrigin { get; set; }

        /// <summary>Segments drawn so far.</summary>
        public int SegmentsDrawn { get; private set; }

        /// <summary>A trace listener for one TCP layer. <paramref name="isBoard"/>: its states go on the right.</summary>
        public ITcpTraceListener Listener(bool isBoard, bool drawReceived, uint localAddress) => new Side(this, isBoard, drawReceived, localAddress);

        /// <summary>The header with the two column titles.</summary>
        public void WriteHeader(string left, string right)
        {
            lock (_gate)
            {
                string tag = _tagConnections ? "    " : string.Empty;
                _out.WriteLine(tag + Pad("time ms", TimeWidth) + "  " + left.PadRight(ArrowWidth - right.Length) + right);
                _out.WriteLine(tag + new string(' ', TimeWidth) + "  " + new string('─', left.Length).PadRight(ArrowWidth - right.Length) + new string('─', right.Length));
            }
        }

        /// <summary>A line across the ladder (a phase of the exchange).</summary>
        public void Note(string text)
        {
            lock (_gate)
            {
                _pending.Add(() => new string(' ', (_tagConnections ? 4 : 0) + TimeWidth + 2) + "· " + text);
            }
        }

        /// <summary>A line in the board's column (what happens in a TIME-WAIT-table record, which has no trace of its own).</summary>
        public void BoardNote(long now, string text)
        {
            string time = Pad((now - TimeOrigin).ToString("N0", CultureInfo.InvariantCulture), TimeWidth);
            lock (_gate)
            {
                _pending.Add(() => (_tagConnections ? "    " : string.Empty) + time + "  " + new string(' ', ArrowWidth + 2) + text);
            }
        }

        /// <summary>Writes the collected lines.</summary>
        public void Flush()
        {
            lock (_gate)
            {
                foreach (Func<string> line in _pending)
                {
                    _out.WriteLine(line());
                }

                _pending.Clear();
                _out.Flush();
            }
        }

        private static string Pad(string text, int width) => text.PadLeft(width);

        private static string Key(uint address, int port) => Ipv4Text.Format(address) + ":" + port.ToString(CultureInfo.InvariantCulture);

        private string Tag(uint a, int ap, uint b, int bp)
        {
            if (!_tagConnections)
            {
                return string.Empty;
            }

            string k1 = Key(a, ap);
            string k2 = Key(b, bp);
            string key = string.CompareOrdinal(k1, k2) < 0 ? k1 + "-" + k2 : k2 + "-" + k1;
            if (!_connectionIds.TryGetValue(key, out int id))
            {
                id = _connectionIds.Count + 1;
                _connectionIds[key] = id;
            }

            return ("#" + id.ToString(CultureInfo.InvariantCulture)).PadRight(4);
        }

        private void AddState(long now, bool boardSide, uint local, int localPort, uint remote, int remotePort, TcpState from, TcpState to)
        {
            // The stack frees a slot on entering TIME-WAIT and keeps a small record instead (firmware/NanoTcp/Tcp/README.md).
            string text = from == TcpState.TimeWait && to == TcpState.Closed
                ? "(slot freed; a TIME-WAIT record stays 2·MSL)"
                : from == TcpState.FinWait2 && to == TcpState.Closed
                    ? "(slot freed; a FIN-WAIT-2 record awaits the FIN)"
                    : TcpStateNames.Name(from) + " → " + TcpStateNames.Name(to);
            string tag = Tag(local, localPort, remote, remotePort);
            string time = Pad((now - TimeOrigin).ToString("N0", CultureInfo.InvariantCulture), TimeWidth);
            lock (_gate)
            {
                _pending.Add(() => boardSide
                    ? tag + time + "  " + new string(' ', ArrowWidth + 2) + text
                    : tag + time + "  " + text);
            }
        }

        private void AddSegment(long now, uint source, int sourcePort, uint destination, int destinationPort, uint seq, uint ack, int flags, int window, int length)
        {
            bool fromBoard = source == _board || source == BoardAddress;
            string sourceKey = Key(source, sourcePort);
            string destinationKey = Key(destination, destinationPort);
            string tag = Tag(source, sourcePort, destination, destinationPort);
            string time = Pad((now - TimeOrigin).ToString("N0", CultureInfo.InvariantCulture), TimeWidth);
            lock (_gate)
            {
                if ((flags & TcpHeader.Syn) != 0)
                {
                    _isn[sourceKey] = seq;
                }

                uint relSeq = _isn.TryGetValue(sourceKey, out uint isn) ? seq - isn : seq;
                bool haveAck = (flags & TcpHeader.Ack) != 0;
                uint relAck = haveAck && _isn.TryGetValue(destinationKey, out uint peerIsn) ? ack - peerIsn : ack;
                var label = new StringBuilder();
                label.Append(FlagNames(flags)).Append(' ');
                label.Append("seq=").Append(relSeq.ToString(CultureInfo.InvariantCulture));
                if (haveAck)
                {
                    label.Append(" ack=").Append(relAck.ToString(CultureInfo.InvariantCulture));
                }

                label.Append(" win=").Append(window.ToString(CultureInfo.InvariantCulture));
                if (length > 0)
                {
                    label.Append(" len=").Append(length.ToString(CultureInfo.InvariantCulture));
                }

                string text = label.ToString();
                SegmentsDrawn++;
                PayloadRecorder payloads = Payloads;
                _pending.Add(() =>
                {
                    string arrow = fromBoard ? Arrow(text, leftward: true) : Arrow(text, leftward: false);
                    string payload = length > 0 && payloads != null ? payloads.FirstLine(source, sourcePort, seq) : null;
                    string line = tag + time + "  " + arrow;
                    return payload == null ? line : line + "  " + payload;
                });
            }
        }

        private static string Arrow(string label, bool leftward)
        {
            string body = " " + label + " ";
            int dashes = ArrowWidth - 1 - body.Length;
            if (dashes < 4)
            {
                dashes = 4;
            }

            int before = leftward ? dashes - 3 : 3;
            int after = dashes - before;
            return leftward
                ? "◀" + new string('─', before) + body + new string('─', after)
                : new string('─', before) + body + new string('─', after) + "▶";
        }

        /// <summary>"SYN", "SYN,ACK", "FIN,ACK", "PSH,ACK", "RST" …</summary>
        public static string FlagNames(int flags)
        {
            var names = new List<string>();
            if ((flags & TcpHeader.Syn) != 0)
            {
                names.Add("SYN");
            }

            if ((flags & TcpHeader.Fin) != 0)
            {
                names.Add("FIN");
            }

            if ((flags & TcpHeader.Rst) != 0)
            {
                names.Add("RST");
            }

            if ((flags & TcpHeader.Psh) != 0)
            {
                names.Add("PSH");
            }

            if ((flags & TcpHeader.Urg) != 0)
            {
                names.Add("URG");
            }

            if ((flags & TcpHeader.Ack) != 0)
            {
                names.Add("ACK");
            }

            return names.Count == 0 ? "(none)" : string.Join(",", names);
        }

        private sealed class Side : ITcpTraceListener
        {
            private readonly LadderPrinter _printer;
            private readonly bool _isBoard;
            private readonly bool _drawReceived;
            private readonly uint _localAddress;

            public Side(LadderPrinter printer, bool isBoard, bool drawReceived, uint localAddress)
            {
                _printer = printer;
                _isBoard = isBoard;
                _drawReceived = drawReceived;
                _localAddress = localAddress;
            }

            public void StateChanged(long now, int slot, int localPort, uint remoteAddress, int remotePort, TcpState from, TcpState to)
            {
                uint local = _isBoard ? (_printer.BoardAddress != 0 ? _printer.BoardAddress : _printer._board) : _localAddress;
                _printer.AddState(now, _isBoard, local, localPort, remoteAddress, remotePort, from, to);
            }

            public void Segment(long now, bool sent, uint source, int sourcePort, uint destination, int destinationPort, uint seq, uint ack, int flags, int window, int length)
            {
                if (sent || _drawReceived)
                {
                    _printer.AddSegment(now, source, sourcePort, destination, destinationPort, seq, ack, flags, window, length);
                }
            }

            // Drops by the board's stack get a line in its column; the PC side's stack is scaffolding.
            public void SegmentDropped(long now, TcpDropReason reason, uint source, int sourcePort, uint destination, int destinationPort, uint seq, int flags)
            {
                if (_isBoard)
                {
                    _printer.BoardNote(now, "dropped: " + reason + " seq=" + seq);
                }
            }
        }
    }
}
