using NanoTcp.Hardware.Simulation;
using NanoTcp.Tcp;
using NanoTcp.Tests.Ipv4;
using NanoTcp.Wire;

using NanoTcp.Tests.Firmware;
using NanoTcp.Tests.Http;

namespace NanoTcp.Tests.Host.Reliability
{
    /// <summary>
    /// A connection from the client (10.0.0.2) the fuzzer may break: captured TCP frames from the client to port 80
    /// are rewritten onto it (its port, the board's RCV.NXT give or take a little, an ACK near the board's SND.NXT),
    /// so mutants reach ESTABLISHED and the states after it, and the HTTP parser, instead of a closed port. A new one
    /// is opened whenever the last has gone.
    /// </summary>
    internal sealed class LiveConnectionTarget
    {
        private const int Ethernet = 14;

        private readonly FuzzBoard _board;
        private TcpConnection _connection;

        public LiveConnectionTarget(FuzzBoard board)
        {
            _board = board;
        }

        public int Opened { get; private set; }

        /// <summary>Opens a new connection when the last one is gone (closed or in TIME-WAIT).</summary>
        public void Keep()
        {
            if (_connection == null || _connection.State == TcpState.Closed || _connection.State == TcpState.TimeWait)
            {
                if (_connection != null)
                {
                    _connection.Abort();
                }

                try
                {
                    _connection = TcpConnection.BeginConnect(_board.ClientTcp, FuzzBoard.BoardAddress, 80);
                    Opened++;
                }
                catch (TableFullException)
                {
                    _connection = null; // the client's slots are still closing; the next step tries again
                }
            }
        }

        /// <summary>A copy of <paramref name="frame"/> moved onto the live connection, or the frame itself when it is not the client's TCP to port 80.</summary>
        public byte[] Retarget(byte[] frame, SeededRandom random)
        {
            if (_connection == null || frame.Length < Ethernet + Ipv4Header.MinLength + TcpHeader.MinLength
                || EthernetHeader.EtherType(frame, 0) != EthernetHeader.EtherTypeIpv4 || Ipv4Header.Protocol(frame, Ethernet) != Ipv4Header.ProtocolTcp
                || Ipv4Header.Source(frame, Ethernet) != _board.Client.LocalAddress)
            {
                return frame;
            }

            int tcp = Ethernet + Ipv4Header.HeaderLength(frame, Ethernet);
            Tcb tcb = BoardSide(_connection.LocalPort);
            if (tcb == null || tcp + TcpHeader.MinLength > frame.Length || TcpHeader.DestinationPort(frame, tcp) != 80)
            {
                return frame;
            }

            byte[] copy = (byte[])frame.Clone();
            TcpHeader.SetSourcePort(copy, tcp, (ushort)_connection.LocalPort);
            TcpHeader.SetSequenceNumber(copy, tcp, tcb.RcvNxt + (uint)(random.Next(8) == 0 ? random.Next(-3000, 3000) : 0));
            TcpHeader.SetAcknowledgmentNumber(copy, tcp, tcb.SndUna + (uint)random.Next((int)(tcb.SndNxt - tcb.SndUna) + 2));
            FrameMutator.FixChecksums(copy);
            return copy;
        }

        private Tcb BoardSide(int clientPort)
        {
            TcpLayer tcp = _board.Firmware.Tcp;
            for (int i = 0; i < tcp.SlotCount; i++)
            {
                Tcb tcb = tcp.Slot(i);
                if (tcb.State != TcpState.Closed && tcb.RemoteAddress == _board.Client.LocalAddress && tcb.RemotePort == clientPort)
                {
                    return tcb;
                }
            }

            return null;
        }
    }
}
