using System;
using System.Globalization;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using NanoTcp.Hardware.Host.Tap;
using NanoTcp.Interop.Tests.Support;
using NanoTcp.Interop.Tests.Tcp;
using NanoTcp.Tcp;

namespace NanoTcp.Interop.Tests.Ipv4
{
    /// <summary>
    /// Issue 12 item 3 against the Linux kernel over TAP: while a kernel client echoes through the stack, one forged
    /// ARP frame (crafted with an AF_PACKET socket on the kernel's side of the TAP) claims the kernel's address. The
    /// client measures the longest time without echoed bytes after the frame; the target is at most 5 s (it was
    /// 31–35 s before the ARP hardening: the stack kept sending to the forged MAC until the kernel's own ARP entry for
    /// the stack went stale and its probe refreshed ours).
    /// </summary>
    [TestClass]
    public class KernelForgedArpTests
    {
        public TestContext TestContext { get; set; }

        /// <summary>
        /// Runs a ping-pong echo client for <paramref name="seconds"/>, injecting at 3 s a broadcast gratuitous ARP
        /// request "10.77.0.1 is at <paramref name="forgedMac"/>"; returns the longest gap (s) after the frame and the
        /// bytes echoed.
        /// </summary>
        private static (double Gap, long Bytes) EchoThroughForgedArp(TcpKernelSession session, string forgedMac, int seconds)
        {
            string script = "import socket, struct, time\n"
                + "mac = bytes.fromhex('" + forgedMac.Replace(":", string.Empty) + "')\n"
                + "kernel = socket.inet_aton('" + KernelOverTap.KernelAddress + "')\n"
                + "arp = struct.pack('!HHBBH6s4s6s4s', 1, 0x0800, 6, 4, 1, mac, kernel, bytes(6), kernel)\n"
                + "frame = b'\\xff' * 6 + bytes.fromhex('020000770099') + b'\\x08\\x06' + arp + bytes(18)\n"
                + "raw = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)\n"
                + "raw.bind(('" + KernelOverTap.TapName + "', 0))\n"
                + "s = socket.create_connection(('" + KernelOverTap.StackAddress + "', 7), timeout=5)\n"
                + "s.settimeout(0.05)\n"
                + "block = b'x' * 1000\n"
                + "start = time.monotonic(); injected = None; last = start; gap = 0.0; total = 0; outstanding = 0\n"
                + "while time.monotonic() - start < " + seconds + ":\n"
                + "    if outstanding == 0:\n"
                + "        s.sendall(block); outstanding = len(block)\n"
                + "    try:\n"
                + "        d = s.recv(65536)\n"
                + "    except socket.timeout:\n"
                + "        d = b''\n"
                + "    now = time.monotonic()\n"
                + "    if d:\n"
                + "        outstanding -= len(d); total += len(d)\n"
                + "        if injected is not None:\n"
                + "            gap = max(gap, now - last)\n"
                + "        last = now\n"
                + "    if injected is None and now - start >= 3:\n"
                + "        raw.send(frame); injected = now; last = now\n"
                + "gap = max(gap, time.monotonic() - last)\n"
                + "s.close()\n"
                + "print('%.3f %d' % (gap, total))\n";
            CommandResult run = session.Run(session.Python("forged.py", script), (seconds + 30) * 1000);
            Assert.AreEqual(0, run.ExitCode, run.ToString());
            string[] fields = run.StandardOutput.Trim().Split(' ');
            return (double.Parse(fields[0], CultureInfo.InvariantCulture), long.Parse(fields[1], CultureInfo.InvariantCulture));
        }

        [TestMethod]
        public void ForgedArpWithAUnicastMacCutsTheKernelOffForAtMostFiveSecondsAndIsCounted()
        {
            Requirements.RequireCommand("python3", "python3");
            using var session = new TcpKernelSession("forged-arp", new TcpConfiguration(), ServerMode.Echo, false);
            (double gap, long bytes) = EchoThroughForgedArp(session, "02:00:00:77:00:66", 15);
            int replaced = session.Read(() => session.Stack.Arp.Replaced);
            int revalidations = session.Read(() => session.Stack.Arp.Revalidations);
            var mac = new byte[6];
            bool known = session.Read(() => session.Stack.Arp.TryGet(TcpKernelSession.KernelAddress, mac, 0));
            TestContext.WriteLine("forged unicast MAC: longest gap " + gap.ToString("0.000", CultureInfo.InvariantCulture) + " s, " + bytes
                + " bytes echoed, replaced " + replaced + ", revalidations " + revalidations);
            Assert.IsTrue(gap <= 5.0, "the kernel was cut off for " + gap + " s");
            Assert.IsTrue(bytes > 100_000, "echoed only " + bytes + " bytes");
            Assert.IsTrue(replaced >= 2, "the change to the forged MAC and the way back are counted: " + replaced);
            Assert.IsTrue(known, "the kernel's entry is resolved");
            CollectionAssert.AreEqual(KernelOverTap.ParseMac(session.Kernel.KernelMac), mac, "the kernel's MAC is back");
        }

        [TestMethod]
        public void ForgedArpWithAZeroMacIsDroppedCountedAndCostsNothing()
        {
            Requirements.RequireCommand("python3", "python3");
            using var session = new TcpKernelSession("zero-arp", new TcpConfiguration(), ServerMode.Echo, false);
            (double gap, long bytes) = EchoThroughForgedArp(session, "00:00:00:00:00:00", 8);
            int dropped = session.Read(() => session.Stack.Drops.Get(DropReason.ArpBadSenderHardwareAddress));
            int replaced = session.Read(() => session.Stack.Arp.Replaced);
            TestContext.WriteLine("forged zero MAC: longest gap " + gap.ToString("0.000", CultureInfo.InvariantCulture) + " s, " + bytes + " bytes echoed");
            Assert.AreEqual(1, dropped, "counted as a bad sender MAC");
            Assert.AreEqual(0, replaced);
            Assert.IsTrue(gap < 1.0, "the kernel was cut off for " + gap + " s");
        }
    }
}
