using System.Runtime.InteropServices;

namespace NanoTcp.Hardware.Host.Tap
{
    /// <summary>The few Linux libc calls a TAP device needs (open(2), ioctl(2), read(2), readv(2), write(2), close(2), setns(2), poll(2), eventfd(2)).</summary>
    internal static unsafe partial class LibC
    {
        internal const int O_RDONLY = 0x0;
        internal const int O_RDWR = 0x2;
        internal const int O_NONBLOCK = 0x800;
        internal const int O_CLOEXEC = 0x80000;

        internal const int EPERM = 1;
        internal const int ENOENT = 2;
        internal const int EINTR = 4;
        internal const int EIO = 5;
        internal const int EAGAIN = 11;
        internal const int EACCES = 13;
        internal const int EBUSY = 16;
        internal const int ENODEV = 19;
        internal const int EINVAL = 22;

        /// <summary>poll.h: data to read; error; hang-up; fd not open.</summary>
        internal const short POLLIN = 0x001, POLLERR = 0x008, POLLHUP = 0x010, POLLNVAL = 0x020;

        /// <summary>sys/eventfd.h.</summary>
        internal const int EFD_CLOEXEC = 0x80000, EFD_NONBLOCK = 0x800;

        /// <summary>linux/if_tun.h: TUNSETIFF = _IOW('T', 202, int).</summary>
        internal const uint TUNSETIFF = 0x400454ca;

        /// <summary>linux/if_tun.h: a layer-2 device (Ethernet frames).</summary>
        internal const short IFF_TAP = 0x0002;

        /// <summary>linux/if_tun.h: no 4-byte packet-information prefix on reads and writes.</summary>
        internal const short IFF_NO_PI = 0x1000;

        /// <summary>linux/sched.h: the namespace type given to setns(2) for a network namespace.</summary>
        internal const int CLONE_NEWNET = 0x40000000;

        /// <summary>struct ifreq on 64-bit Linux: 16-byte name, then a 24-byte union whose first member is the short flags.</summary>
        internal const int IfreqSize = 40;

        /// <summary>IFNAMSIZ: names hold at most 15 bytes plus the terminating zero.</summary>
        internal const int IfNameSize = 16;

        [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial int Open(string path, int flags);

        [LibraryImport("libc", EntryPoint = "ioctl", SetLastError = true)]
        internal static partial int Ioctl(int fd, nuint request, byte* argument);

        [LibraryImport("libc", EntryPoint = "read", SetLastError = true)]
        internal static partial nint Read(int fd, byte* buffer, nuint count);

        [LibraryImport("libc", EntryPoint = "readv", SetLastError = true)]
        internal static partial nint ReadV(int fd, IoVec* vectors, int count);

        [LibraryImport("libc", EntryPoint = "poll", SetLastError = true)]
        internal static partial int Poll(PollFd* fds, nuint count, int timeoutMilliseconds);

        [LibraryImport("libc", EntryPoint = "eventfd", SetLastError = true)]
        internal static partial int EventFd(uint initialValue, int flags);

        [LibraryImport("libc", EntryPoint = "write", SetLastError = true)]
        internal static partial nint Write(int fd, byte* buffer, nuint count);

        [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
        internal static partial int Close(int fd);

        [LibraryImport("libc", EntryPoint = "setns", SetLastError = true)]
        internal static partial int SetNs(int fd, int namespaceType);

        internal static int LastError => Marshal.GetLastPInvokeError();

        /// <summary>struct iovec.</summary>
        [StructLayout(LayoutKind.Sequential)]
        internal struct IoVec
        {
            public byte* Base;
            public nuint Length;
        }

        /// <summary>struct pollfd.</summary>
        [StructLayout(LayoutKind.Sequential)]
        internal struct PollFd
        {
            public int Fd;
            public short Events;
            public short ReturnedEvents;
        }

        internal static string Describe(int errno) => Marshal.GetPInvokeErrorMessage(errno) + " (errno " + errno + ")";
    }
}
