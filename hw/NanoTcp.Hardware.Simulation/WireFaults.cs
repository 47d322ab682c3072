namespace NanoTcp.Hardware.Simulation
{
    /// <summary>
    /// Faults the <see cref="EthernetWire"/> injects, drawn from its seeded random generator so that a run repeats
    /// exactly for the same seed and the same sequence of frames. Rates are probabilities per frame, 0 to 1.
    /// </summary>
    public sealed class WireFaults
    {
        /// <summary>Share of frames lost.</summary>
        public double DropRate { get; set; }

        /// <summary>Share of frames delivered twice.</summary>
        public double DuplicateRate { get; set; }

        /// <summary>Share of frames held back by <see cref="ReorderDelayMilliseconds"/>, so later frames overtake them.</summary>
        public double ReorderRate { get; set; }

        /// <summary>Share of frames with one payload byte (after the 14-byte header) flipped.</summary>
        public double CorruptRate { get; set; }

        /// <summary>Delay of every frame, in milliseconds of the wire's clock.</summary>
        public int DelayMilliseconds { get; set; }

        /// <summary>Extra delay of a reordered frame.</summary>
        public int ReorderDelayMilliseconds { get; set; } = 5;
    }
}
