using NanoTcp.Tcp;
using NanoTcp.Wire;

namespace NanoTcp.Benchmarks.Nano
{
    /// <summary>
    /// Two NanoTcp stacks on a <see cref="MemoryLinkPair"/> with the default configuration (2 KB TCP rings, 1514-byte
    /// frames) and the board tick: one connection sends as fast as the stacks move it, one way, for a given time.
    /// Portable: the same source runs on nanoCLR (tests/NanoTcp.Benchmarks.Nano) and on .NET (the `nano` command of
    /// tests/NanoTcp.Benchmarks). The time is split by the four calls of a round (the application's send, each stack's
    /// poll, the application's receive): the clock is read between them, milliseconds whose rounding averages out
    /// over thousands of rounds. The work is fixed (not the time) so that a launcher can divide it by the process's
    /// CPU time: on a loaded machine the wall clock also counts other processes.
    /// </summary>
    public static class StackToStackBenchmark
    {
        private const uint AddressA = 0x0A000001;
        private const uint AddressB = 0x0A000002;
        private const int Port = 5001;
        private const int Chunk = 2048;

        /// <summary>
        /// Connects, moves a 64 KB warm-up, then <paramref name="payloadBytes"/> (or what fits in
        /// <paramref name="limitMilliseconds"/>); null when it could not connect.
        /// </summary>
        public static StackToStackResult Run(long payloadBytes, int limitMilliseconds)
        {
            var clock = new BoardTickSource();
            var pair = new MemoryLinkPair(new byte[] { 2, 0, 0, 0, 0, 1 }, new byte[] { 2, 0, 0, 0, 0, 2 }, 16);
            var a = new NetworkStack(pair.A, clock, new NetworkConfiguration { Address = AddressA });
            var b = new NetworkStack(pair.B, clock, new NetworkConfiguration { Address = AddressB });
            var tcpA = new TcpLayer(a.Ipv4, clock, new TcpConfiguration { SecretSeed = 1 }, null);
            var tcpB = new TcpLayer(b.Ipv4, clock, new TcpConfiguration { SecretSeed = 2 }, null);
            a.RegisterTransport(Ipv4Header.ProtocolTcp, tcpA);
            b.RegisterTransport(Ipv4Header.ProtocolTcp, tcpB);
            var listener = new TcpListener(tcpB, Port, 1);
            listener.Start();
            TcpConnection client = TcpConnection.BeginConnect(tcpA, AddressB, Port);
            TcpConnection server = null;
            for (int i = 0; i < 1000 && server == null; i++)
            {
                a.Poll();
                b.Poll();
                server = listener.TryAccept();
            }

            if (server == null)
            {
                return null;
            }

            // The stream carries byte (position mod 256): each read's first byte is checked, so lost or reordered
            // data fails the run.
            var data = new byte[Chunk + 256];
            for (int i = 0; i < data.Length; i++)
            {
                data[i] = (byte)i;
            }

            var sink = new byte[Chunk];
            var result = new StackToStackResult();
            var progress = new long[2];
            if (!Move(client, server, a, b, data, sink, progress, 64 * 1024, 60000, clock, null))
            {
                return null;
            }

            long sent = progress[0];
            long received = progress[1];
            int framesBefore = a.FramesSent + b.FramesSent;
            long start = clock.Milliseconds;
            bool ok = Move(client, server, a, b, data, sink, progress, payloadBytes, limitMilliseconds, clock, result);
            result.Milliseconds = clock.Milliseconds - start;
            result.PayloadBytes = progress[1] - received;
            result.Frames = a.FramesSent + b.FramesSent - framesBefore;
            result.TotalPayloadBytes = progress[1];
            result.TotalFrames = a.FramesSent + b.FramesSent;
            result.Dropped = pair.A.FramesDropped + pair.B.FramesDropped;
            result.Retransmissions = tcpA.Counters.Retransmissions;
            result.StreamIntact = ok && progress[0] >= sent;
            return result;
        }

        /// <summary>
        /// Rounds of send, poll A, poll B, receive until <paramref name="bytes"/> arrived or the time is up; false
        /// when the stream was broken. progress = { sent, received }.
        /// </summary>
        private static bool Move(TcpConnection client, TcpConnection server, NetworkStack a, NetworkStack b, byte[] data, byte[] sink, long[] progress, long bytes, int milliseconds, BoardTickSource clock, StackToStackResult split)
        {
            long sent = progress[0];
            long received = progress[1];
            long t0 = clock.Milliseconds;
            long end = t0 + milliseconds;
            long target = received + bytes;
            bool intact = true;
            while (received < target && t0 < end)
            {
                int n = client.TrySend(data, (int)(sent & 0xFF), Chunk);
                long t1 = clock.Milliseconds;
                a.Poll();
                long t2 = clock.Milliseconds;
                b.Poll();
                long t3 = clock.Milliseconds;
                int got = server.TryReceive(sink, 0, sink.Length);
                long t4 = clock.Milliseconds;
                if (n < 0 || got < 0)
                {
                    intact = false;
                    break;
                }

                if (got > 0 && sink[0] != (byte)received)
                {
                    intact = false;
                    break;
                }

                sent += n;
                received += got;
                if (split != null)
                {
                    split.SendMilliseconds += t1 - t0;
                    split.PollAMilliseconds += t2 - t1;
                    split.PollBMilliseconds += t3 - t2;
                    split.ReceiveMilliseconds += t4 - t3;
                    split.Rounds++;
                }

                t0 = t4;
            }

            progress[0] = sent;
            progress[1] = received;
            return intact;
        }
    }
}
