using System;
using System.IO;
using System.Security.Cryptography;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using NanoTcp.Hardware.Host.Tap;
using NanoTcp.Interop.Tests.Support;
using NanoTcp.Tcp;

namespace NanoTcp.Interop.Tests.Enc28j60
{
    /// <summary>
    /// The Linux kernel against the NanoTcp stack running on the ENC28J60 driver and the chip model (every errata switch
    /// on), the model's wire bridged to a TAP device in a namespace: ping, and 1 MB both ways over TCP byte-exact.
    /// </summary>
    [TestClass]
    public class KernelOverEnc28j60Tests
    {
        private const int Megabyte = 1 << 20;

        /// <summary>
        /// The window the stack offers: at most three full frames in flight from the kernel, so that a window the TAP hands
        /// over at once fits the chip's 6.5 KB receive ring (the bridge does not pace frames at 10 Mb/s).
        /// </summary>
        private const int ReceiveWindow = 4096;

        public TestContext TestContext { get; set; }

        private static void RequireTools()
        {
            Requirements.RequireNamespacesAndTap();
            Requirements.RequireCommand("ping", "iputils-ping");
            Requirements.RequireCommand("python3", "python3");
        }

        private static string WriteScript(string name, string text)
        {
            string path = Path.Combine(Path.GetTempPath(), "nanotcp-enc-" + name + "-" + Guid.NewGuid().ToString("N").Substring(0, 8) + ".py");
            File.WriteAllText(path, text);
            return path;
        }

        private static string Hex(byte[] bytes) => Convert.ToHexString(bytes).ToLowerInvariant();

        [TestMethod]
        [DataRow(true)]
        [DataRow(false)]
        public void KernelPingsTheStackOnTheChipFiveTimesAndGetsEveryReply(bool useInterruptPin)
        {
            RequireTools();
            using var board = new ChipOnTap("encping", useInterruptPin, ReceiveWindow);
            CommandResult ping = board.Kernel.Namespace.Run("ping -n -c 5 -i 0.2 -W 2 " + KernelOverTap.StackAddress, 30_000);
            TestContext.WriteLine(ping.StandardOutput);
            TestContext.WriteLine(board.Describe());
            Assert.AreEqual(0, ping.ExitCode, ping.ToString());
            StringAssert.Contains(ping.StandardOutput, "5 packets transmitted, 5 received");
            int answered = 0;
            board.Invoke(() => answered = board.Stack.Icmp.EchoRequestsAnswered);
            Assert.AreEqual(5, answered);
        }

        [TestMethod]
        [DataRow(true)]
        [DataRow(false)]
        public void KernelClientSendsOneMegabyteAndGetsItEchoedByteExactThroughTheChip(bool useInterruptPin)
        {
            RequireTools();
            using var board = new ChipOnTap("encecho", useInterruptPin, ReceiveWindow);

            // The stack: an echo server on port 7 (what it reads it writes back; at the end of the stream, FIN).
            var listener = new TcpListener(board.Tcp, 7, 1);
            TcpConnection connection = null;
            var pending = new byte[4096];
            int pendingOffset = 0, pendingLength = 0;
            long echoed = 0;
            bool shut = false;
            board.Invoke(() => listener.Start());
            board.Step = () =>
            {
                if (connection == null)
                {
                    connection = listener.TryAccept();
                    return;
                }

                if (pendingLength == 0)
                {
                    pendingOffset = 0;
                    pendingLength = connection.TryReceive(pending, 0, pending.Length);
                }

                if (pendingLength > 0)
                {
                    int sent = connection.TrySend(pending, pendingOffset, pendingLength);
                    pendingOffset += sent;
                    pendingLength -= sent;
                    echoed += sent;
                }
                else if (connection.EndOfStream && !shut)
                {
                    connection.Shutdown();
                    shut = true;
                }
            };

            // The kernel: a client that sends 1 MB (one thread) while it reads the echo (another), then compares.
            string script = WriteScript("echo", string.Join("\n",
                "import hashlib, random, socket, threading, time",
                "data = random.Random(1).randbytes(" + Megabyte + ")",
                "s = socket.create_connection(('" + KernelOverTap.StackAddress + "', 7), timeout=60)",
                "start = time.monotonic()",
                "def send():",
                "    s.sendall(data)",
                "    s.shutdown(socket.SHUT_WR)",
                "t = threading.Thread(target=send)",
                "t.start()",
                "got = bytearray()",
                "while True:",
                "    b = s.recv(65536)",
                "    if not b:",
                "        break",
                "    got += b",
                "t.join()",
                "print(len(got), hashlib.sha256(got).hexdigest() == hashlib.sha256(data).hexdigest(), '%.2f' % (time.monotonic() - start))",
                ""));
            try
            {
                CommandResult run = board.Kernel.Namespace.Run("python3 " + script, 180_000);
                TestContext.WriteLine(run.ToString());
                TestContext.WriteLine(board.Describe());
                Assert.AreEqual(0, run.ExitCode, run.ToString());
                string[] words = run.StandardOutput.Trim().Split(' ');
                Assert.AreEqual(Megabyte.ToString(), words[0], "bytes echoed back to the kernel");
                Assert.AreEqual("True", words[1], "the echo is byte-exact (SHA-256)");
                long total = 0;
                board.Invoke(() => total = echoed);
                Assert.AreEqual((long)Megabyte, total);
            }
            finally
            {
                File.Delete(script);
            }
        }

        [TestMethod]
        public void StackOnTheChipExchangesOneMegabyteEachWayWithAKernelServer()
        {
            RequireTools();
            using var board = new ChipOnTap("encsrv", true, ReceiveWindow);

            // The kernel: a server that sends 1 MB and reads to the end at the same time, then prints both digests.
            string script = WriteScript("server", string.Join("\n",
                "import hashlib, random, socket, threading",
                "data = random.Random(2).randbytes(" + Megabyte + ")",
                "l = socket.socket()",
                "l.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)",
                "l.bind(('" + KernelOverTap.KernelAddress + "', 9000))",
                "l.listen(1)",
                "print('listening', flush=True)",
                "l.settimeout(60)",
                "c, _ = l.accept()",
                "c.settimeout(60)",
                "def send():",
                "    c.sendall(data)",
                "    c.shutdown(socket.SHUT_WR)",
                "t = threading.Thread(target=send)",
                "t.start()",
                "got = bytearray()",
                "while True:",
                "    b = c.recv(65536)",
                "    if not b:",
                "        break",
                "    got += b",
                "t.join()",
                "print('sent', hashlib.sha256(data).hexdigest(), 'received', len(got), hashlib.sha256(got).hexdigest(), flush=True)",
                ""));
            try
            {
                NamespaceProcess server = board.Kernel.Namespace.Start("python3 " + script);
                for (int i = 0; i < 100 && !server.StandardOutput.Contains("listening"); i++)
                {
                    System.Threading.Thread.Sleep(50);
                }

                Assert.IsTrue(server.StandardOutput.Contains("listening"), "the kernel's server did not start: " + server.StandardError);

                byte[] up = new byte[Megabyte];
                new Random(3).NextBytes(up);
                byte[] down = new byte[Megabyte];
                int upSent = 0, downGot = 0;
                bool shut = false;
                TcpConnection client = null;
                board.Invoke(() => client = TcpConnection.BeginConnect(board.Tcp, 0x0A4D0001, 9000));
                board.Step = () =>
                {
                    if (client.State == TcpState.SynSent)
                    {
                        return;
                    }

                    if (upSent < up.Length)
                    {
                        upSent += client.TrySend(up, upSent, Math.Min(4096, up.Length - upSent));
                    }
                    else if (!shut)
                    {
                        client.Shutdown();
                        shut = true;
                    }

                    downGot += client.TryReceive(down, downGot, down.Length - downGot);
                };

                Assert.IsTrue(server.WaitForExit(180_000), "the kernel's server did not finish: " + server.StandardOutput + " " + server.StandardError + "; " + board.Describe());
                TestContext.WriteLine(server.StandardOutput);
                TestContext.WriteLine(board.Describe());
                Assert.AreEqual(0, server.ExitCode, server.StandardError);
                int got = 0;
                board.WaitUntil(() => downGot == Megabyte, 30_000);
                board.Invoke(() => got = downGot);
                Assert.AreEqual(Megabyte, got, "bytes from the kernel");
                string[] words = server.StandardOutput.Trim().Split('\n')[^1].Trim().Split(' ');
                Assert.AreEqual(Hex(SHA256.HashData(down)), words[1], "kernel -> stack bytes differ");
                Assert.AreEqual(Megabyte.ToString(), words[3], "bytes the kernel received");
                Assert.AreEqual(Hex(SHA256.HashData(up)), words[4], "stack -> kernel bytes differ");
            }
            finally
            {
                File.Delete(script);
            }
        }
    }
}
