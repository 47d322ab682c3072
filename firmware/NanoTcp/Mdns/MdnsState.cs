namespace NanoTcp.Mdns
{
    /// <summary>Where the responder stands with its name (RFC 6762 §8).</summary>
    public enum MdnsState
    {
        /// <summary>Not running: disabled, or stopped after its goodbye.</summary>
        Off,

        /// <summary>Waiting for an IPv4 address.</summary>
        Waiting,

        /// <summary>Asking whether the name is taken (three probes 250 ms apart, §8.1).</summary>
        Probing,

        /// <summary>The name is ours; the two announcements are going out (§8.3).</summary>
        Announcing,

        /// <summary>Announced: answering queries and defending the name.</summary>
        Announced,
    }
}
