using System;
using System.IO;
using System.Runtime.ExceptionServices;
using System.Text;
using System.Threading;
using NanoTcp.Hardware;

namespace NanoTcp.Hardware.Host.Tap
{
    /// <summary>
    /// A Linux TAP device as an <see cref="IEthernetLink"/>: frames the kernel sends out of the TAP interface are
    /// what <see cref="Receive"/> returns, and frames given to <see cref="Send"/> arrive at the kernel as if
    /// received on that interface. Opened with IFF_TAP | IFF_NO_PI (plain Ethernet frames, no prefix) and
    /// O_NONBLOCK, so <see cref="Receive"/> never waits: it reads the frame straight into the caller's buffer (one
    /// copy, from the kernel). A loop waits for frames instead of polling: on its own thread with
    /// <see cref="CreateWakeSignal"/> (poll(2) on the device), or woken by the thread <see cref="WakeWhenReadable"/>
    /// starts. The device exists while the link is open (not persistent).
    /// </summary>
    public sealed class TapLink : IEthernetLink, IDisposable
    {
        private const string TunPath = "/dev/net/tun";

        /// <summary>A TAP read returns one whole frame; what does not fit the caller's buffer lands here (64 KiB holds any frame even with a raised MTU) and marks the frame too long.</summary>
        private const int OverflowBufferSize = 65536;

        /// <summary>Bounds the frames one <see cref="Receive"/> call discards when they are too long for the caller.</summary>
        private const int MaxFramesSkippedPerReceive = 64;

        private readonly byte[] _mac;
        private readonly byte[] _overflow = new byte[OverflowBufferSize];
        private readonly AutoResetEvent _drained = new AutoResetEvent(false);
        private int _fd;
        private int _stopFd = -1;
        private Thread _watcher;
        private volatile bool _drainedFlag = true;

        /// <summary>Creates (or attaches to an unused) TAP device <paramref name="tapName"/> in this thread's network namespace.</summary>
        /// <param name="tapName">Interface name, 1 to 15 bytes.</param>
        /// <param name="macAddress">The 6-byte MAC this link presents to the stack (the stack's own address, not the kernel's).</param>
        public TapLink(string tapName, byte[] macAddress)
            : this(CheckName(tapName), CheckMac(macAddress), OpenTap(tapName))
        {
        }

        private TapLink(string tapName, byte[] mac, int fd)
        {
            Name = tapName;
            _mac = mac;
            _fd = fd;
        }

        ~TapLink()
        {
            CloseDevice();
        }

        /// <summary>The TAP interface name.</summary>
        public string Name { get; }

        /// <summary>True while the device is open.</summary>
        public bool IsLinkUp => Volatile.Read(ref _fd) >= 0;

        public long FramesReceived { get; private set; }

        public long BytesReceived { get; private set; }

        public long FramesSent { get; private set; }

        public long BytesSent { get; private set; }

        /// <summary>False after a <see cref="Receive"/> that returned a frame, true once one found nothing waiting.</summary>
        public bool Drained => _drainedFlag;

        /// <summary>Received frames dropped because they did not fit the caller's buffer.</summary>
        public long ReceiveDrops { get; private set; }

        /// <summary>Frames not sent: link closed, longer than <see cref="EthernetFrameLimits.MaxFrameLength"/>, shorter than a header, or refused by the kernel.</summary>
        public long SendDrops { get; private set; }

        /// <summary>
        /// Creates the TAP device inside network namespace <paramref name="netns"/> (made by <c>ip netns add</c>) without
        /// it ever existing in this process's namespace. Namespaces belong to threads in Linux: a dedicated thread joins
        /// the namespace with setns(2), opens the device there, and ends; the file descriptor then works from any thread.
        /// </summary>
        public static TapLink OpenInNamespace(string netns, string tapName, byte[] macAddress)
        {
            if (string.IsNullOrEmpty(netns) || netns.Contains('/', StringComparison.Ordinal))
            {
                throw new ArgumentException("a network namespace name such as 'ip netns list' shows", nameof(netns));
            }

            CheckName(tapName);
            byte[] mac = CheckMac(macAddress);
            string path = NamespacePath(netns);

            int fd = -1;
            ExceptionDispatchInfo failure = null;
            var thread = new Thread(() =>
            {
                try
                {
                    fd = OpenTapInNamespace(path, netns, tapName);
                }
                catch (Exception e)
                {
                    failure = ExceptionDispatchInfo.Capture(e);
                }
            });
            thread.Name = "setns " + netns;
            thread.Start();
            thread.Join();
            failure?.Throw();
            return new TapLink(tapName, mac, fd);
        }

        public void GetMacAddress(byte[] buffer, int offset)
        {
            Array.Copy(_mac, 0, buffer, offset, 6);
        }

        public unsafe void Send(byte[] buffer, int offset, int length)
        {
            ArgumentNullException.ThrowIfNull(buffer);
            if (offset < 0 || length < 0 || offset + length > buffer.Length)
            {
                throw new ArgumentOutOfRangeException(nameof(length), "offset and length must lie inside the buffer");
            }

            int fd = Volatile.Read(ref _fd);
            if (fd < 0 || length < EthernetFrameLimits.HeaderLength || length > EthernetFrameLimits.MaxFrameLength)
            {
                SendDrops++;
                return;
            }

            nint written;
            fixed (byte* p = buffer)
            {
                do
                {
                    written = LibC.Write(fd, p + offset, (nuint)length);
                }
                while (written < 0 && LibC.LastError == LibC.EINTR);
            }

            if (written != length)
            {
                SendDrops++;
                return;
            }

            FramesSent++;
            BytesSent += length;
        }

        public unsafe int Receive(byte[] buffer, int offset, int capacity)
        {
            ArgumentNullException.ThrowIfNull(buffer);
            if (offset < 0 || capacity < 0 || offset + capacity > buffer.Length)
            {
                throw new ArgumentOutOfRangeException(nameof(capacity), "offset and capacity must lie inside the buffer");
            }

            for (int skipped = 0; skipped <= MaxFramesSkippedPerReceive; skipped++)
            {
                int fd = Volatile.Read(ref _fd);
                if (fd < 0)
                {
                    return 0;
                }

                nint read;
                fixed (byte* p = buffer)
                fixed (byte* q = _overflow)
                {
                    // The frame goes straight into the caller's buffer; a longer one spills into the overflow and is dropped.
                    LibC.IoVec* vectors = stackalloc LibC.IoVec[2];
                    vectors[0].Base = p + offset;
                    vectors[0].Length = (nuint)capacity;
                    vectors[1].Base = q;
                    vectors[1].Length = OverflowBufferSize;
                    read = LibC.ReadV(fd, vectors, 2);
                }

                if (read < 0)
                {
                    int errno = LibC.LastError;
                    if (errno == LibC.EINTR)
                    {
                        continue;
                    }

                    // EAGAIN: nothing waiting. EIO and others (interface going away): nothing to give either.
                    MarkDrained();
                    return 0;
                }

                if (read == 0)
                {
                    MarkDrained();
                    return 0;
                }

                if (read > capacity)
                {
                    ReceiveDrops++;
                    continue;
                }

                _drainedFlag = false;
                FramesReceived++;
                BytesReceived += read;
                return (int)read;
            }

            return 0;
        }

        /// <summary>
        /// A wake signal whose wait is a poll(2) on this device and an eventfd: the loop that runs a stack straight on this
        /// link waits for its frames on its own thread (see <see cref="TapWakeSignal"/>), instead of being woken by the
        /// thread <see cref="WakeWhenReadable"/> starts. Dispose it after the loop ended.
        /// </summary>
        public TapWakeSignal CreateWakeSignal(ITickSource clock)
        {
            ArgumentNullException.ThrowIfNull(clock);
            return new TapWakeSignal(this, clock);
        }

        /// <summary>The device's file descriptor, -1 once closed.</summary>
        internal int FileDescriptor => Volatile.Read(ref _fd);

        /// <summary>
        /// Starts a thread that waits (poll(2)) for the device to become readable and then sets <paramref name="wake"/>; it
        /// waits again only after a <see cref="Receive"/> found nothing left, so it signals once per burst and never spins.
        /// </summary>
        public void WakeWhenReadable(IWakeSignal wake)
        {
            ArgumentNullException.ThrowIfNull(wake);
            if (_watcher != null)
            {
                throw new InvalidOperationException("the TAP device is already watched");
            }

            _stopFd = LibC.EventFd(0, LibC.EFD_CLOEXEC);
            if (_stopFd < 0)
            {
                throw new TapException("eventfd failed: " + LibC.Describe(LibC.LastError), LibC.LastError);
            }

            _watcher = new Thread(() => Watch(wake)) { IsBackground = true, Name = "tap " + Name };
            _watcher.Start();
        }

        /// <summary>Closes the device; a non-persistent TAP interface disappears with it.</summary>
        public void Dispose()
        {
            StopWatching();
            CloseDevice();
            GC.SuppressFinalize(this);
        }

        private void MarkDrained()
        {
            _drainedFlag = true;
            if (_watcher != null)
            {
                _drained.Set();
            }
        }

        private unsafe void Watch(IWakeSignal wake)
        {
            LibC.PollFd* fds = stackalloc LibC.PollFd[2];
            for (;;)
            {
                int fd = Volatile.Read(ref _fd);
                if (fd < 0)
                {
                    return;
                }

                fds[0].Fd = fd;
                fds[0].Events = LibC.POLLIN;
                fds[0].ReturnedEvents = 0;
                fds[1].Fd = _stopFd;
                fds[1].Events = LibC.POLLIN;
                fds[1].ReturnedEvents = 0;
                int ready = LibC.Poll(fds, 2, -1);
                if (ready < 0)
                {
                    if (LibC.LastError == LibC.EINTR)
                    {
                        continue;
                    }

                    return;
                }

                if (fds[1].ReturnedEvents != 0)
                {
                    return;
                }

                if ((fds[0].ReturnedEvents & (LibC.POLLERR | LibC.POLLHUP | LibC.POLLNVAL)) != 0)
                {
                    wake.Set();
                    return;
                }

                if ((fds[0].ReturnedEvents & LibC.POLLIN) != 0)
                {
                    // Hand over to the loop and wait until it has read everything, else poll would report the same frames again.
                    _drained.Reset();
                    _drainedFlag = false;
                    wake.Set();
                    _drained.WaitOne();
                }
            }
        }

        private unsafe void StopWatching()
        {
            Thread watcher = _watcher;
            if (watcher == null)
            {
                return;
            }

            ulong one = 1;
            LibC.Write(_stopFd, (byte*)&one, sizeof(ulong));
            _drained.Set();
            watcher.Join();
            _watcher = null;
            LibC.Close(_stopFd);
            _stopFd = -1;
        }

        private void CloseDevice()
        {
            int fd = Interlocked.Exchange(ref _fd, -1);
            if (fd >= 0)
            {
                LibC.Close(fd);
            }
        }

        private static string CheckName(string tapName)
        {
            if (string.IsNullOrEmpty(tapName) || Encoding.UTF8.GetByteCount(tapName) >= LibC.IfNameSize
                || tapName.Contains('/', StringComparison.Ordinal) || tapName.Contains(' ', StringComparison.Ordinal))
            {
                throw new ArgumentException("a TAP name is 1 to 15 bytes without '/' or spaces: '" + tapName + "'", nameof(tapName));
            }

            return tapName;
        }

        private static byte[] CheckMac(byte[] macAddress)
        {
            if (macAddress == null || macAddress.Length != 6)
            {
                throw new ArgumentException("a MAC address is exactly 6 bytes", nameof(macAddress));
            }

            return (byte[])macAddress.Clone();
        }

        private static string NamespacePath(string netns)
        {
            string run = "/run/netns/" + netns;
            if (File.Exists(run))
            {
                return run;
            }

            string varRun = "/var/run/netns/" + netns;
            if (File.Exists(varRun))
            {
                return varRun;
            }

            throw new TapException(
                "network namespace '" + netns + "' does not exist (neither " + run + " nor " + varRun + "); create it with 'ip netns add " + netns + "'",
                LibC.ENOENT);
        }

        private static int OpenTapInNamespace(string namespacePath, string netns, string tapName)
        {
            int original = LibC.Open("/proc/thread-self/ns/net", LibC.O_RDONLY | LibC.O_CLOEXEC);
            int target = LibC.Open(namespacePath, LibC.O_RDONLY | LibC.O_CLOEXEC);
            if (target < 0)
            {
                int errno = LibC.LastError;
                if (original >= 0)
                {
                    LibC.Close(original);
                }

                throw new TapException("cannot open " + namespacePath + " for namespace '" + netns + "': " + LibC.Describe(errno), errno);
            }

            try
            {
                if (LibC.SetNs(target, LibC.CLONE_NEWNET) != 0)
                {
                    int errno = LibC.LastError;
                    string why = errno == LibC.EPERM
                        ? "entering a network namespace needs root or CAP_SYS_ADMIN"
                        : LibC.Describe(errno);
                    throw new TapException("cannot enter network namespace '" + netns + "': " + why, errno);
                }

                try
                {
                    return OpenTap(tapName);
                }
                finally
                {
                    // The thread ends right after this, which also leaves the namespace; going back is belt and braces.
                    if (original >= 0)
                    {
                        LibC.SetNs(original, LibC.CLONE_NEWNET);
                    }
                }
            }
            finally
            {
                LibC.Close(target);
                if (original >= 0)
                {
                    LibC.Close(original);
                }
            }
        }

        private static unsafe int OpenTap(string tapName)
        {
            int fd = LibC.Open(TunPath, LibC.O_RDWR | LibC.O_NONBLOCK | LibC.O_CLOEXEC);
            if (fd < 0)
            {
                int errno = LibC.LastError;
                string why = errno switch
                {
                    LibC.ENOENT => TunPath + " does not exist: load the tun module (modprobe tun), or give a container the device (--device /dev/net/tun)",
                    LibC.ENODEV => TunPath + " exists but the tun driver is missing: load it with modprobe tun",
                    LibC.EACCES or LibC.EPERM => "opening " + TunPath + " needs root or CAP_NET_ADMIN",
                    _ => "cannot open " + TunPath + ": " + LibC.Describe(errno),
                };
                throw new TapException("TAP device " + tapName + ": " + why, errno);
            }

            byte* ifreq = stackalloc byte[LibC.IfreqSize];
            new Span<byte>(ifreq, LibC.IfreqSize).Clear();
            Encoding.UTF8.GetBytes(tapName, new Span<byte>(ifreq, LibC.IfNameSize - 1));
            *(short*)(ifreq + LibC.IfNameSize) = (short)(LibC.IFF_TAP | LibC.IFF_NO_PI);

            if (LibC.Ioctl(fd, LibC.TUNSETIFF, ifreq) != 0)
            {
                int errno = LibC.LastError;
                LibC.Close(fd);
                string why = errno switch
                {
                    LibC.EPERM => "creating it needs root or CAP_NET_ADMIN",
                    LibC.EBUSY => "device " + tapName + " exists and is in use (another process or link has it open)",
                    LibC.EINVAL => "device " + tapName + " exists and is not a TAP device, or the name is invalid",
                    _ => "TUNSETIFF failed: " + LibC.Describe(errno),
                };
                throw new TapException("TAP device " + tapName + ": " + why, errno);
            }

            return fd;
        }
    }
}
