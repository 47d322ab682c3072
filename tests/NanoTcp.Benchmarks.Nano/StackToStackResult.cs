namespace NanoTcp.Benchmarks.Nano
{
    /// <summary>What <see cref="StackToStackBenchmark"/> measured, and its one-line report.</summary>
    public sealed class StackToStackResult
    {
        /// <summary>Payload bytes the receiving application read.</summary>
        public long PayloadBytes;

        /// <summary>Frames both stacks sent (data one way, ACKs and window updates the other).</summary>
        public long Frames;

        /// <summary>Payload bytes read since the connection opened (warm-up included): what a launcher divides by CPU time.</summary>
        public long TotalPayloadBytes;

        /// <summary>Frames both stacks sent since they started (handshake and warm-up included).</summary>
        public long TotalFrames;

        public long Milliseconds;

        /// <summary>Frames the link dropped (its slots were full).</summary>
        public long Dropped;

        public long Retransmissions;

        public bool StreamIntact;

        public long Rounds;

        /// <summary>Time in the sender's TrySend (queue and send segments).</summary>
        public long SendMilliseconds;

        /// <summary>Time in the sender's stack poll (ACKs in, data out).</summary>
        public long PollAMilliseconds;

        /// <summary>Time in the receiver's stack poll (data in, ACKs out).</summary>
        public long PollBMilliseconds;

        /// <summary>Time in the receiver's TryReceive (ring read, window update).</summary>
        public long ReceiveMilliseconds;

        /// <summary>Payload megabytes (10^6) per second.</summary>
        public double MegabytesPerSecond => Milliseconds <= 0 ? 0 : PayloadBytes / 1000.0 / Milliseconds;

        /// <summary>Wall time per frame on the wire (each frame is sent by one stack and received by the other).</summary>
        public double MicrosecondsPerFrame => Frames <= 0 ? 0 : Milliseconds * 1000.0 / Frames;

        /// <summary>One line: MB/s, µs per frame, counts, and the time split (parsed by the .NET benchmark).</summary>
        public string Report()
        {
            return "stack-to-stack: " + Fixed(MegabytesPerSecond, 2) + " MB/s, " + Fixed(MicrosecondsPerFrame, 1) + " us/frame, "
                + Frames + " frames, " + PayloadBytes + " B in " + Milliseconds + " ms, " + Rounds + " rounds, drops " + Dropped
                + ", retransmissions " + Retransmissions + ", stream " + (StreamIntact ? "intact" : "BROKEN")
                + "; split send " + Share(SendMilliseconds) + " pollA " + Share(PollAMilliseconds) + " pollB " + Share(PollBMilliseconds)
                + " receive " + Share(ReceiveMilliseconds) + "; total " + TotalPayloadBytes + " B, " + TotalFrames + " frames";
        }

        private string Share(long part) => Milliseconds <= 0 ? "0%" : ((part * 100) + (Milliseconds / 2)) / Milliseconds + "%";

        /// <summary>A non-negative number with <paramref name="decimals"/> decimals (no culture, no format strings: same on both runtimes).</summary>
        internal static string Fixed(double value, int decimals)
        {
            long scale = 1;
            for (int i = 0; i < decimals; i++)
            {
                scale *= 10;
            }

            long scaled = (long)((value * scale) + 0.5);
            string fraction = (scaled % scale).ToString();
            while (fraction.Length < decimals)
            {
                fraction = "0" + fraction;
            }

            return (scaled / scale) + (decimals > 0 ? "." + fraction : string.Empty);
        }
    }
}
