using System;

namespace NanoTcp.NanoBuild
{
    /// <summary>A build or run failure with a message for the user (no stack trace needed).</summary>
    public sealed class BuildException : Exception
    {
        public BuildException(string message)
            : base(message)
        {
        }
    }
}
