using System;
using System.Globalization;
using System.IO;
using System.Text;
using NanoTcp.Hardware.Host;
using NanoTcp.Hardware.Host.Wire;
using NanoTcp.Hardware.Simulation;
using NanoTcp.Http;
using NanoTcp.Tcp;

namespace NanoTcp.Host
{
    /// <summary>
    /// `nanotcp demo`: one HTTP GET from an emulated PC to the emulated board (ENC28J60 model, driver, firmware), on
    /// a manual clock so that every run prints the same ladder: the three-way handshake, the request and the
    /// response, the four-way close, and the board's TIME-WAIT record until 2·MSL has passed.
    /// </summary>
    public static class DemoCommand
    {
        public const uint BoardAddress = 0x0A004D02;   // 10.0.77.2
        public const uint PcAddress = 0x0A004D01;      // 10.0.77.1
        public const string Path = "/api/status";

        private static readonly byte[] PcMac = { 0x02, 0x4E, 0x54, 0x43, 0x50, 0x10 };

        public static int Run(TextWriter output, int mslSeconds)
        {
            var clock = new ManualClock(0);
            var options = new HostOptions { ForwardPort = 0, Address = BoardAddress, MslSeconds = mslSeconds };
            using var board = new EmulatedBoard(options, clock, seed: 1);
            var pcLink = new PayloadRecorder(board.Wire.CreatePort(PcMac));
            var pc = new NetworkStack(pcLink, clock, new NetworkConfiguration { Address = PcAddress, PrefixLength = 24 });
            var pcTcp = new TcpLayer(pc.Ipv4, clock, new TcpConfiguration { SecretSeed = 2 }, null);
            pc.RegisterTransport(6, pcTcp);
            var response = new MemoryStream();
            var buffer = new byte[4096];
            TcpConnection connection = null;
            board.AddStep(() =>
            {
                long due = pc.Poll();

                // The PC reads whatever arrived at every step.
                int n;
                while (connection != null && connection.State != TcpState.Closed && (n = connection.TryReceive(buffer, 0, buffer.Length)) > 0)
                {
                    response.Write(buffer, 0, n);
                }

                return due;
            });
            board.Firmware.Start();

            var ladder = new LadderPrinter(output, BoardAddress, tagConnections: false) { Payloads = pcLink };
            board.Firmware.Tcp.Trace = ladder.Listener(isBoard: true, drawReceived: false, BoardAddress);
            pcTcp.Trace = ladder.Listener(isBoard: false, drawReceived: false, PcAddress);

            output.WriteLine("nanotcp demo: one HTTP GET from an emulated PC to the emulated board");
            output.WriteLine();
            output.WriteLine("  PC     " + Ipv4Text.Format(PcAddress) + "   a plain NanoTcp stack on the in-memory wire");
            output.WriteLine("  board  " + Ipv4Text.Format(BoardAddress) + "   ENC28J60 chip model " + RunCommand.Revision(board.Firmware.Driver.RevisionId)
                + " + driver + NanoTcp firmware, HTTP on port 80, LISTEN");
            output.WriteLine("  Times are milliseconds of a simulated clock; seq and ack count from each side's initial sequence number.");
            output.WriteLine();

            long start = clock.Milliseconds;
            ladder.TimeOrigin = start;
            ladder.WriteHeader("PC " + Ipv4Text.Format(PcAddress), "board " + Ipv4Text.Format(BoardAddress) + ":80");
            ladder.Note("three-way handshake");
            connection = TcpConnection.BeginConnect(pcTcp, BoardAddress, 80);
            ladder.Flush();
            if (!RunUntil(board, clock, ladder, () => connection.State == TcpState.Established && board.Firmware.Tcp.ConnectionsInUse == 1 && board.Firmware.Tcp.Slot(0).State == TcpState.Established, 5000))
            {
                output.WriteLine("demo: the handshake did not complete (PC " + connection.State + ")");
                return 1;
            }

            ladder.Note("request and response (GET " + Path + ", Connection: close), then the board's FIN");
            byte[] request = Encoding.ASCII.GetBytes("GET " + Path + " HTTP/1.1\r\nHost: " + Ipv4Text.Format(BoardAddress) + "\r\nConnection: close\r\n\r\n");
            int sent = 0;
            int expected = -1;
            bool done = RunUntil(board, clock, ladder, () =>
            {
                if (sent < request.Length)
                {
                    sent += connection.TrySend(request, sent, request.Length - sent);
                }

                expected = expected < 0 ? ExpectedLength(response) : expected;
                return (expected >= 0 && response.Length >= expected) || connection.EndOfStream;
            }, 200000);
            if (!done)
            {
                output.WriteLine("demo: no complete response (" + response.Length + " bytes)");
                return 1;
            }

            ladder.Note("the PC reads to the end and closes: its FIN, the board's ACK, TIME-WAIT on the board");
            RunUntil(board, clock, ladder, () => connection.EndOfStream, 20000);
            connection.Close();
            TimeWaitTable records = board.Firmware.Tcp.TimeWaitRecords;
            bool finWait2Record = HasRecord(records, finWait2: true);
            if (!RunUntil(
                board,
                clock,
                ladder,
                () =>
                {
                    // The board's side now lives in a record (no slot, no trace): show when the FIN turns it into TIME-WAIT.
                    if (finWait2Record && HasRecord(records, finWait2: false))
                    {
                        finWait2Record = false;
                        ladder.BoardNote(clock.Milliseconds, "FIN-WAIT-2 → TIME-WAIT (record)");
                    }

                    return pcTcp.ConnectionsInUse == 0 && board.Firmware.Tcp.ConnectionsInUse == 0 && !HasRecord(records, finWait2: true);
                },
                20000))
            {
                output.WriteLine("demo: the close did not complete");
                return 1;
            }

            ladder.Flush();

            IStatusSource status = board.Firmware.Status;
            output.WriteLine();
            string head = Encoding.ASCII.GetString(response.ToArray(), 0, (int)Math.Min(response.Length, 200)).Split("\r\n")[0];
            output.WriteLine("  response: " + head + ", " + response.Length.ToString(CultureInfo.InvariantCulture) + " bytes");
            for (int i = 0; i < status.TimeWaitCapacity; i++)
            {
                if (status.TimeWaitInUse(i))
                {
                    output.WriteLine("  board TIME-WAIT record: " + Ipv4Text.Format(BoardAddress) + ":" + status.TimeWaitLocalPort(i).ToString(CultureInfo.InvariantCulture)
                        + " ⇄ " + Ipv4Text.Format(status.TimeWaitRemoteAddress(i)) + ":" + status.TimeWaitRemotePort(i).ToString(CultureInfo.InvariantCulture)
                        + ", " + (status.TimeWaitRemainingMilliseconds(i) / 1000.0).ToString("F3", CultureInfo.InvariantCulture) + " s left (2·MSL = "
                        + (2 * mslSeconds).ToString(CultureInfo.InvariantCulture) + " s); it holds no connection slot ("
                        + board.Firmware.Tcp.ConnectionsInUse.ToString(CultureInfo.InvariantCulture) + " of " + status.ConnectionSlotCount.ToString(CultureInfo.InvariantCulture) + " in use)");
                }
            }

            clock.Advance(2L * mslSeconds * 1000);
            board.Firmware.Poll();
            output.WriteLine("  after 2·MSL: " + board.Firmware.Tcp.TimeWaitRecords.Count.ToString(CultureInfo.InvariantCulture) + " TIME-WAIT records; TIME-WAIT → CLOSED");
            output.WriteLine("  segments drawn: " + ladder.SegmentsDrawn.ToString(CultureInfo.InvariantCulture)
                + "; wire frames: " + board.Wire.Statistics.FramesSent.ToString(CultureInfo.InvariantCulture)
                + "; ENC28J60 frames in/out: " + board.Firmware.Driver.Statistics.FramesReceived.ToString(CultureInfo.InvariantCulture)
                + "/" + board.Firmware.Driver.Statistics.FramesSent.ToString(CultureInfo.InvariantCulture));
            output.Flush();
            return 0;
        }

        /// <summary>Steps the firmware (its hook moves the wire, the chip and the PC) until <paramref name="done"/>; time jumps to the next timer when nothing moves.</summary>
        private static bool RunUntil(EmulatedBoard board, ManualClock clock, LadderPrinter ladder, Func<bool> done, int maxSteps)
        {
            for (int i = 0; i < maxSteps; i++)
            {
                if (done())
                {
                    ladder.Flush();
                    return true;
                }

                long frames = board.FramesMoved;
                long next = board.Firmware.Poll();
                long now = clock.Milliseconds;
                long advance = board.FramesMoved != frames ? 1 : Math.Clamp(next - now, 1, 200);
                clock.Advance(advance);
            }

            bool result = done();
            ladder.Flush();
            return result;
        }

        private static bool HasRecord(TimeWaitTable records, bool finWait2)
        {
            for (int i = 0; i < records.Capacity; i++)
            {
                if (records.InUse(i) && records.IsFinWait2(i) == finWait2)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Header length + Content-Length once the header is complete, else -1.</summary>
        private static int ExpectedLength(MemoryStream response)
        {
            string text = Encoding.ASCII.GetString(response.ToArray());
            int end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
            if (end < 0)
            {
                return -1;
            }

            foreach (string line in text.Substring(0, end).Split("\r\n"))
            {
                if (line.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase)
                    && int.TryParse(line.Substring(15).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out int length))
                {
                    return end + 4 + length;
                }
            }

            return -1;
        }
    }
}
