namespace NanoTcp.Wire
{
    /// <summary>What <see cref="TcpHeader.Read"/> found: a segment to process, or why it is dropped (each counted by the layer).</summary>
    internal enum TcpHeaderCheck
    {
        /// <summary>Read into the segment record.</summary>
        Valid = 0,

        /// <summary>Shorter than the fixed header, or a data offset below 5 words or past the segment.</summary>
        Malformed = 1,

        /// <summary>The checksum (pseudo-header included) does not add up.</summary>
        BadChecksum = 2,

        /// <summary>The option list is not well formed (see <see cref="TcpOptions.IsValid"/>).</summary>
        BadOptions = 3,
    }
}
