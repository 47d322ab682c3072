using System;
using System.Diagnostics;
using System.Globalization;
using System.Threading;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using NanoTcp.Hardware.Host.Tap;
using NanoTcp.Interop.Tests.Support;

namespace NanoTcp.Interop.Tests.Tap
{
    [TestClass]
    public class TapLinkTests
    {
        private const int EtherTypeArp = 0x0806;

        [TestMethod]
        public void KernelArpRequestIsReadAndOurArpReplyReachesTheKernelNeighbourTable()
        {
            Requirements.RequireCommand("ping", "iputils-ping");
            string namespaceName;
            using (KernelOverTap kernel = KernelOverTap.Create("fnd"))
            {
                namespaceName = kernel.Namespace.Name;
                byte[] kernelMac = KernelOverTap.ParseMac(kernel.KernelMac);
                long rxBefore = ReadCounter(kernel, "rx_packets");

                // ping resolves 10.77.0.2 first: the kernel broadcasts an ARP request out of the TAP.
                NamespaceProcess ping = kernel.Namespace.Start("ping -c1 -W2 " + KernelOverTap.StackAddress);
                var frame = new byte[1514];
                int length = ReceiveArp(kernel.Link, frame, 3000);
                Assert.AreNotEqual(0, length, "no ARP frame from the kernel within 3 s; ping: " + ping.StandardError);

                Assert.AreEqual("ff:ff:ff:ff:ff:ff", FormatMac(frame, 0), "ARP request goes to broadcast");
                Assert.AreEqual(kernel.KernelMac, FormatMac(frame, 6), "source MAC is the TAP's kernel side");
                Assert.AreEqual(1, (frame[20] << 8) | frame[21], "ARP operation 1 (request)");
                Assert.AreEqual(KernelOverTap.KernelAddress, FormatIp(frame, 28), "sender protocol address");
                Assert.AreEqual(KernelOverTap.StackAddress, FormatIp(frame, 38), "target protocol address");

                // Answer as the stack would: 10.77.0.2 is at StackMac.
                byte[] reply = ArpReply(KernelOverTap.StackMac, kernelMac);
                kernel.Link.Send(reply, 0, reply.Length);
                Assert.AreEqual(1L, kernel.Link.FramesSent);
                Assert.AreEqual(42L, kernel.Link.BytesSent);
                Assert.AreEqual(0L, kernel.Link.SendDrops);

                string neighbour = WaitForNeighbour(kernel, 3000);
                Assert.IsTrue(
                    neighbour.Contains("lladdr 02:00:00:77:00:02", StringComparison.Ordinal),
                    "the kernel's neighbour table should hold our MAC for 10.77.0.2, got: '" + neighbour + "'");
                Assert.IsTrue(ReadCounter(kernel, "rx_packets") > rxBefore, "the TAP's RX counter should rise");
                ping.Kill();
            }

            CollectionAssert.DoesNotContain(NetworkNamespace.List(), namespaceName, "the namespace must be gone after Dispose");
        }

        [TestMethod]
        public void FrameLongerThanTheCallersBufferIsDroppedAndCounted()
        {
            Requirements.RequireCommand("ping", "iputils-ping");
            using KernelOverTap kernel = KernelOverTap.Create("fnd");
            NamespaceProcess ping = kernel.Namespace.Start("ping -c1 -W2 " + KernelOverTap.StackAddress);
            var small = new byte[20]; // every Ethernet frame the kernel sends is longer (an ARP request is 42 bytes)
            var watch = Stopwatch.StartNew();
            int returned = 0;
            while (kernel.Link.ReceiveDrops == 0 && watch.ElapsedMilliseconds < 3000)
            {
                returned += kernel.Link.Receive(small, 0, small.Length);
                Thread.Sleep(5);
            }

            Assert.IsTrue(kernel.Link.ReceiveDrops >= 1, "the kernel's ARP request should have been dropped as too long; ping: " + ping.StandardError);
            Assert.AreEqual(0, returned);
            Assert.AreEqual(0L, kernel.Link.FramesReceived);
            ping.Kill();
        }

        [TestMethod]
        public void OpeningATapNameThatIsInUseSaysSo()
        {
            using KernelOverTap kernel = KernelOverTap.Create("fnd");
            TapException e = Assert.ThrowsExactly<TapException>(
                () => TapLink.OpenInNamespace(kernel.Namespace.Name, KernelOverTap.TapName, KernelOverTap.StackMac));
            Assert.AreEqual(16, e.Errno, "EBUSY");
            Assert.AreEqual("TAP device nt0: device nt0 exists and is in use (another process or link has it open)", e.Message);
            Assert.IsTrue(kernel.Link.IsLinkUp, "the first link stays open");
        }

        [TestMethod]
        public void CreatingATapWithoutNetAdminSaysWhatIsNeeded()
        {
            Requirements.RequireNamespacesAndTap();
            using NetworkNamespace ns = NetworkNamespace.Create("fnd");
            TapException e = null;
            ThreadCapabilities.RunWithout(ThreadCapabilities.CapNetAdmin, () =>
                e = Assert.ThrowsExactly<TapException>(() => TapLink.OpenInNamespace(ns.Name, "nt0", KernelOverTap.StackMac)));
            Assert.AreEqual(1, e.Errno, "EPERM");
            Assert.AreEqual("TAP device nt0: creating it needs root or CAP_NET_ADMIN", e.Message);
            Assert.AreEqual(string.Empty, ns.Run("ls /sys/class/net | grep -v '^lo$' || true", 5000).StandardOutput.Trim(), "no device may be left in " + ns.Name);
        }

        [TestMethod]
        public void OpeningInANamespaceThatDoesNotExistNamesIt()
        {
            Requirements.RequireNamespacesAndTap();
            TapException e = Assert.ThrowsExactly<TapException>(
                () => TapLink.OpenInNamespace("fnd-no-such-namespace", "nt0", KernelOverTap.StackMac));
            Assert.AreEqual(2, e.Errno, "ENOENT");
            StringAssert.StartsWith(e.Message, "network namespace 'fnd-no-such-namespace' does not exist");
        }

        [TestMethod]
        public void TapCreatedInANamespaceNeverAppearsInTheRootNamespace()
        {
            using KernelOverTap kernel = KernelOverTap.Create("fnd");
            Assert.IsFalse(System.IO.Directory.Exists("/sys/class/net/" + KernelOverTap.TapName), "nt0 must exist only inside " + kernel.Namespace.Name);
            CommandResult inside = kernel.Namespace.Run("cat /sys/class/net/" + KernelOverTap.TapName + "/carrier", 5000);
            Assert.AreEqual("1", inside.StandardOutput.Trim(), "carrier is on while the link holds the TAP open: " + inside);
        }

        [TestMethod]
        public void QuietKernelSendsNothingUnprovoked()
        {
            using KernelOverTap kernel = KernelOverTap.Create("fnd");
            var frame = new byte[1514];
            var watch = Stopwatch.StartNew();
            int frames = 0;
            while (watch.ElapsedMilliseconds < 1000)
            {
                frames += kernel.Link.Receive(frame, 0, frame.Length) > 0 ? 1 : 0;
                Thread.Sleep(10);
            }

            Assert.AreEqual(0, frames, "with IPv6 off, a fresh TAP carries no kernel chatter (last frame EtherType 0x" + ((frame[12] << 8) | frame[13]).ToString("x4", CultureInfo.InvariantCulture) + ")");
        }

        [TestMethod]
        public void ClosedLinkIsDownAndDropsWhatItIsGiven()
        {
            using KernelOverTap kernel = KernelOverTap.Create("fnd");
            kernel.Link.Dispose();
            var frame = new byte[60];
            kernel.Link.Send(frame, 0, frame.Length);
            Assert.IsFalse(kernel.Link.IsLinkUp);
            Assert.AreEqual(1L, kernel.Link.SendDrops);
            Assert.AreEqual(0L, kernel.Link.FramesSent);
            Assert.AreEqual(0, kernel.Link.Receive(frame, 0, frame.Length));
        }

        [TestMethod]
        public void FrameLongerThanEthernetAllowsIsDroppedNotSent()
        {
            using KernelOverTap kernel = KernelOverTap.Create("fnd");
            var frame = new byte[1515];
            kernel.Link.Send(frame, 0, frame.Length);
            Assert.AreEqual(1L, kernel.Link.SendDrops);
            Assert.AreEqual(0L, kernel.Link.FramesSent);
        }

        private static int ReceiveArp(TapLink link, byte[] frame, int timeoutMilliseconds)
        {
            var watch = Stopwatch.StartNew();
            while (watch.ElapsedMilliseconds < timeoutMilliseconds)
            {
                int length = link.Receive(frame, 0, frame.Length);
                if (length == 0)
                {
                    Thread.Sleep(5);
                    continue;
                }

                // Skip IPv6 router solicitations and other chatter of a fresh interface.
                if (length >= 42 && ((frame[12] << 8) | frame[13]) == EtherTypeArp)
                {
                    return length;
                }
            }

            return 0;
        }

        private static string WaitForNeighbour(KernelOverTap kernel, int timeoutMilliseconds)
        {
            var watch = Stopwatch.StartNew();
            string shown = string.Empty;
            while (watch.ElapsedMilliseconds < timeoutMilliseconds)
            {
                shown = kernel.Namespace.Run("ip neigh show " + KernelOverTap.StackAddress + " dev " + KernelOverTap.TapName, 5000).StandardOutput.Trim();
                if (shown.Contains("lladdr", StringComparison.Ordinal))
                {
                    return shown;
                }

                Thread.Sleep(50);
            }

            return shown;
        }

        private static long ReadCounter(KernelOverTap kernel, string counter)
        {
            CommandResult read = kernel.Namespace.Run("cat /sys/class/net/" + KernelOverTap.TapName + "/statistics/" + counter, 5000);
            Assert.AreEqual(0, read.ExitCode, read.ToString());
            return long.Parse(read.StandardOutput.Trim(), CultureInfo.InvariantCulture);
        }

        private static byte[] ArpReply(byte[] stackMac, byte[] kernelMac)
        {
            var frame = new byte[42];
            Array.Copy(kernelMac, 0, frame, 0, 6);
            Array.Copy(stackMac, 0, frame, 6, 6);
            frame[12] = 0x08;
            frame[13] = 0x06;
            frame[15] = 1;    // hardware type Ethernet
            frame[16] = 0x08; // protocol type IPv4
            frame[18] = 6;
            frame[19] = 4;
            frame[21] = 2;    // reply
            Array.Copy(stackMac, 0, frame, 22, 6);
            WriteIp(frame, 28, KernelOverTap.StackAddress);
            Array.Copy(kernelMac, 0, frame, 32, 6);
            WriteIp(frame, 38, KernelOverTap.KernelAddress);
            return frame;
        }

        private static void WriteIp(byte[] buffer, int offset, string address)
        {
            string[] parts = address.Split('.');
            for (int i = 0; i < 4; i++)
            {
                buffer[offset + i] = byte.Parse(parts[i], CultureInfo.InvariantCulture);
            }
        }

        private static string FormatIp(byte[] buffer, int offset) =>
            buffer[offset] + "." + buffer[offset + 1] + "." + buffer[offset + 2] + "." + buffer[offset + 3];

        private static string FormatMac(byte[] buffer, int offset) =>
            Convert.ToHexString(buffer, offset, 6).ToLowerInvariant().Insert(10, ":").Insert(8, ":").Insert(6, ":").Insert(4, ":").Insert(2, ":");
    }
}
