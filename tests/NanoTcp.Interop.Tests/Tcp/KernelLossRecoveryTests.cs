using System;
using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using NanoTcp.Hardware.Host.Tap;
using NanoTcp.Interop.Tests.Support;
using NanoTcp.Tcp;

namespace NanoTcp.Interop.Tests.Tcp
{
    /// <summary>
    /// The kernel's TCP against NanoTcp with the board's 8 KB rings while a user-space injector between the TAP and the
    /// stack drops every 20th full-size frame each way: a megabyte each way (one direction at a time, so ACKs carry no
    /// data and count as duplicates) arrives byte-exact, and both sides repair the losses by fast retransmit, not timers.
    /// </summary>
    [TestClass]
    public class KernelLossRecoveryTests
    {
        private const string Stack = "10.77.0.2";

        public TestContext TestContext { get; set; }

        [TestMethod]
        public void MegabyteEachWayThroughAWireDroppingEveryTwentiethFullFrameIsByteExactAndRepairedByFastRetransmits()
        {
            Requirements.RequireCommand("python3", "python3");
            Requirements.RequireCommand("nstat", "iproute2");
            var configuration = new TcpConfiguration { SendBufferSize = 8192, ReceiveBufferSize = 8192 };
            using var session = new TcpKernelSession("loss", configuration, ServerMode.None, false, 20);
            long kernelFastBefore = session.KernelCounter("TcpExtTCPFastRetrans");
            long kernelTimeoutsBefore = session.KernelCounter("TcpExtTCPTimeouts");

            // The kernel reads the stack's megabyte to its end, then sends one back (a pattern) and the first one's SHA-256.
            string script = "import socket, hashlib\n"
                + "l = socket.socket(); l.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)\n"
                + "l.bind(('10.77.0.1', 9000)); l.listen(1)\n"
                + "print('listening', flush=True)\n"
                + "l.settimeout(20)\n"
                + "c, a = l.accept()\n"
                + "c.settimeout(30)\n"
                + "h = hashlib.sha256(); n = 0\n"
                + "while True:\n"
                + "    b = c.recv(65536)\n"
                + "    if not b: break\n"
                + "    h.update(b); n += len(b)\n"
                + "c.sendall(bytes(i % 253 for i in range(1 << 20)))\n"
                + "c.sendall(h.hexdigest().encode())\n"
                + "c.close()\n"
                + "print(n)\n";
            using NamespaceProcess server = session.Kernel.Namespace.Start("exec " + session.Python("server.py", script));
            var watch = Stopwatch.StartNew();
            while (!server.StandardOutput.Contains("listening", StringComparison.Ordinal) && watch.ElapsedMilliseconds < 10_000)
            {
                Thread.Sleep(20);
            }

            watch.Restart();
            TcpConnection c = TcpConnection.Connect(session.Tcp, TcpKernelSession.KernelAddress, 9000, 10_000);
            byte[] data = new byte[1 << 20];
            new Random(5).NextBytes(data);
            Assert.AreEqual(data.Length, c.Send(data, 0, data.Length, 60_000));
            c.Shutdown();
            long upMilliseconds = watch.ElapsedMilliseconds;
            TcpCounters counters = session.Tcp.Counters;
            int stackFast = session.Read(() => counters.FastRetransmits + counters.PartialAckRetransmits);
            int stackTimeouts = session.Read(() => counters.RetransmissionTimeouts);
            var received = new byte[(1 << 20) + 64 + 100];
            int got = 0;
            for (int n; (n = c.Receive(received, got, received.Length - got, 30_000)) > 0;)
            {
                got += n;
            }

            c.Close();
            long totalMilliseconds = watch.ElapsedMilliseconds;
            long kernelFast = session.KernelCounter("TcpExtTCPFastRetrans") - kernelFastBefore;
            long kernelTimeouts = session.KernelCounter("TcpExtTCPTimeouts") - kernelTimeoutsBefore;
            TestContext.WriteLine("dropped " + session.Loss.DroppedSent + " sent / " + session.Loss.DroppedReceived + " received frames; stack → kernel "
                + upMilliseconds + " ms, " + stackFast + " fast/partial retransmits, " + stackTimeouts + " timeouts; kernel → stack "
                + (totalMilliseconds - upMilliseconds) + " ms, " + kernelFast + " fast retransmits, " + kernelTimeouts + " timeouts");

            Assert.AreEqual((1 << 20) + 64, got, "a megabyte, then the 64-character SHA-256");
            for (int i = 0; i < 1 << 20; i++)
            {
                if (received[i] != (byte)(i % 253))
                {
                    Assert.Fail("byte " + i + " is " + received[i]);
                }
            }

            Assert.AreEqual(Convert.ToHexString(SHA256.HashData(data)).ToLowerInvariant(), Encoding.ASCII.GetString(received, 1 << 20, 64));
            Assert.IsTrue(server.WaitForExit(10_000));
            Assert.IsTrue(session.Loss.DroppedSent > 10 && session.Loss.DroppedReceived > 10, "losses were injected both ways");
            Assert.IsTrue(stackFast > 3 * stackTimeouts, "the stack repairs its losses by fast retransmit: " + stackFast + " against " + stackTimeouts + " timeouts");
            Assert.IsTrue(kernelFast > 3 * kernelTimeouts, "the kernel repairs its losses by fast retransmit on our duplicate ACKs: " + kernelFast + " against " + kernelTimeouts + " timeouts");
        }
    }
}
