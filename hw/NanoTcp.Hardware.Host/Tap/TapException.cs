using System.IO;

namespace NanoTcp.Hardware.Host.Tap
{
    /// <summary>A TAP device could not be opened or created; <see cref="Errno"/> is the Linux error number.</summary>
    public sealed class TapException : IOException
    {
        public TapException(string message, int errno)
            : base(message)
        {
            Errno = errno;
        }

        /// <summary>The errno of the failing call (EPERM 1, ENOENT 2, EBUSY 16, EINVAL 22, …).</summary>
        public int Errno { get; }
    }
}
