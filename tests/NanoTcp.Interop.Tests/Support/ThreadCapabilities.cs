using System;
using System.Runtime.ExceptionServices;
using System.Runtime.InteropServices;
using System.Threading;

namespace NanoTcp.Interop.Tests.Support
{
    /// <summary>
    /// Runs code on a thread without one Linux capability. Capabilities belong to threads (capset(2) with pid 0 changes
    /// only the calling thread) and threads it creates inherit them, so the rest of the test host keeps root's rights.
    /// </summary>
    public static class ThreadCapabilities
    {
        /// <summary>linux/capability.h: CAP_NET_ADMIN.</summary>
        public const int CapNetAdmin = 12;

        private const int LinuxCapabilityVersion3 = 0x20080522;

        /// <summary>Runs <paramref name="action"/> on a new thread whose effective set lacks <paramref name="capability"/>; rethrows what it throws.</summary>
        public static void RunWithout(int capability, Action action)
        {
            ExceptionDispatchInfo failure = null;
            var thread = new Thread(() =>
            {
                try
                {
                    var header = new int[] { LinuxCapabilityVersion3, 0 };
                    var data = new int[6]; // two __user_cap_data_struct: effective, permitted, inheritable
                    if (CapGet(header, data) != 0)
                    {
                        throw new InvalidOperationException("capget failed: errno " + Marshal.GetLastPInvokeError());
                    }

                    data[(capability / 32) * 3] &= ~(1 << (capability % 32));
                    if (CapSet(header, data) != 0)
                    {
                        throw new InvalidOperationException("capset failed: errno " + Marshal.GetLastPInvokeError());
                    }

                    action();
                }
                catch (Exception e)
                {
                    failure = ExceptionDispatchInfo.Capture(e);
                }
            });
            thread.Start();
            thread.Join();
            failure?.Throw();
        }

        [DllImport("libc", EntryPoint = "capget", SetLastError = true)]
        private static extern int CapGet(int[] header, int[] data);

        [DllImport("libc", EntryPoint = "capset", SetLastError = true)]
        private static extern int CapSet(int[] header, int[] data);
    }
}
