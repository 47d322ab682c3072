using System;
using System.Threading;
using NanoTcp.Hardware;

namespace NanoTcp.Hardware.Host.Tap
{
    /// <summary>
    /// The firmware loop's wake signal on a PC with a TAP device: <see cref="Wait"/> is one poll(2) on the TAP's file
    /// descriptor and an eventfd that <see cref="Set"/> writes, with the deadline as time-out. The loop's own thread
    /// thus waits for frames itself: no reader thread, no hand-over, no context switch per frame. A frame left unread
    /// keeps the device readable, so the next wait returns at once (level-triggered) until the loop drained it. A
    /// <see cref="Set"/> from the waiting thread itself (the stack's own calls) only marks the signal: that thread is
    /// not in poll(2), and its next wait returns at once without a system call.
    /// </summary>
    public sealed class TapWakeSignal : IWakeSignal, IDisposable
    {
        private readonly TapLink _tap;
        private readonly ITickSource _clock;
        private int _eventFd;
        private int _pending;
        private int _written;
        private int _waiter = -1;
        private bool _tapFailed;

        internal TapWakeSignal(TapLink tap, ITickSource clock)
        {
            _tap = tap;
            _clock = clock;
            _eventFd = LibC.EventFd(0, LibC.EFD_CLOEXEC | LibC.EFD_NONBLOCK);
            if (_eventFd < 0)
            {
                throw new TapException("eventfd failed: " + LibC.Describe(LibC.LastError), LibC.LastError);
            }
        }

        ~TapWakeSignal()
        {
            CloseEventFd();
        }

        /// <summary>Waits that ended because the TAP device had frames (not a <see cref="Set"/> nor the deadline).</summary>
        public long FrameWakes { get; private set; }

        /// <summary>read(2) calls on the eventfd: only after a <see cref="Set"/> from another thread wrote it.</summary>
        public long EventFdReads { get; private set; }

        public unsafe void Set()
        {
            if (Interlocked.Exchange(ref _pending, 1) != 0 || Environment.CurrentManagedThreadId == Volatile.Read(ref _waiter))
            {
                // Already signalled, or the loop's own thread: it looks at the mark before it waits.
                return;
            }

            int fd = Volatile.Read(ref _eventFd);
            if (fd >= 0)
            {
                // Marked before the write: the waiter reads the eventfd only when another thread may have written it.
                Volatile.Write(ref _written, 1);
                ulong one = 1;
                LibC.Write(fd, (byte*)&one, sizeof(ulong));
            }
        }

        /// <summary>
        /// Called on the loop's thread as a step begins: that step polls everything, so a mark the thread's own calls
        /// left (the HTTP server's sends in the previous step) is covered by it, and the wait after the step need not
        /// return at once for it, only to find nothing to do. A <see cref="Set"/> from another thread keeps its effect.
        /// </summary>
        public void StepStarting()
        {
            // A Set from another thread that found the mark taken came before this step; one after it writes the eventfd.
            if (Volatile.Read(ref _written) == 0)
            {
                Interlocked.CompareExchange(ref _pending, 0, 1);
            }
        }

        public unsafe bool Wait(long deadline)
        {
            Volatile.Write(ref _waiter, Environment.CurrentManagedThreadId);
            LibC.PollFd* fds = stackalloc LibC.PollFd[2];
            for (;;)
            {
                if (Interlocked.Exchange(ref _pending, 0) != 0)
                {
                    // A mark from this thread wrote nothing: no read(2) that would only find the eventfd empty.
                    if (Interlocked.Exchange(ref _written, 0) != 0)
                    {
                        DrainEventFd();
                    }

                    return true;
                }

                long left = deadline - _clock.Milliseconds;
                if (left <= 0)
                {
                    return false;
                }

                // A closed (or failed) device is -1: poll(2) ignores a negative descriptor.
                fds[0].Fd = _tapFailed ? -1 : _tap.FileDescriptor;
                fds[0].Events = LibC.POLLIN;
                fds[0].ReturnedEvents = 0;
                fds[1].Fd = Volatile.Read(ref _eventFd);
                fds[1].Events = LibC.POLLIN;
                fds[1].ReturnedEvents = 0;
                int ready = LibC.Poll(fds, 2, left > int.MaxValue ? int.MaxValue : (int)left);
                if (ready <= 0)
                {
                    // Time-out (the loop looks at its clock), or EINTR.
                    continue;
                }

                if (fds[1].ReturnedEvents != 0)
                {
                    Interlocked.Exchange(ref _pending, 0);
                    Interlocked.Exchange(ref _written, 0);
                    DrainEventFd();
                    return true;
                }

                if ((fds[0].ReturnedEvents & (LibC.POLLERR | LibC.POLLHUP | LibC.POLLNVAL)) != 0)
                {
                    // The device failed: stop watching it (it would report the same error at once, forever).
                    _tapFailed = true;
                }

                FrameWakes++;
                return true;
            }
        }

        public void Dispose()
        {
            CloseEventFd();
            GC.SuppressFinalize(this);
        }

        private unsafe void DrainEventFd()
        {
            int fd = Volatile.Read(ref _eventFd);
            if (fd >= 0)
            {
                EventFdReads++;
                ulong count;
                LibC.Read(fd, (byte*)&count, sizeof(ulong));
            }
        }

        private void CloseEventFd()
        {
            int fd = Interlocked.Exchange(ref _eventFd, -1);
            if (fd >= 0)
            {
                LibC.Close(fd);
            }
        }
    }
}
