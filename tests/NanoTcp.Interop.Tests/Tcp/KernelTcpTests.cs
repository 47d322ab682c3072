using System;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using NanoTcp.Hardware.Host.Tap;
using NanoTcp.Interop.Tests.Support;
using NanoTcp.Tcp;

namespace NanoTcp.Interop.Tests.Tcp
{
    /// <summary>The Linux kernel's TCP (Python sockets in a namespace) against NanoTcp's TCP over a TAP device.</summary>
    [TestClass]
    public class KernelTcpTests
    {
        private const string Stack = "10.77.0.2";

        public TestContext TestContext { get; set; }

        private static void RequireTools(params string[] commandAndPackage)
        {
            for (int i = 0; i < commandAndPackage.Length; i += 2)
            {
                Requirements.RequireCommand(commandAndPackage[i], commandAndPackage[i + 1]);
            }
        }

        private CommandResult RunPython(TcpKernelSession session, string name, string script, int timeoutMilliseconds)
        {
            CommandResult run = session.Run(session.Python(name, script), timeoutMilliseconds);
            TestContext.WriteLine(run.ToString());
            Assert.AreEqual(0, run.ExitCode, run.ToString());
            return run;
        }

        /// <summary>Kernel sockets (ss -tan, no header) that involve the stack's address, one line each.</summary>
        private static string KernelSockets(TcpKernelSession session)
        {
            return session.Run("ss -tanH dst " + Stack, 10_000).StandardOutput.Trim();
        }

        /// <summary>Waits (bounded) until the kernel's only socket towards the stack is in <paramref name="state"/>.</summary>
        private static string WaitForKernelState(TcpKernelSession session, string state, int timeoutMilliseconds)
        {
            var watch = System.Diagnostics.Stopwatch.StartNew();
            string sockets;
            do
            {
                sockets = KernelSockets(session);
                if (sockets.StartsWith(state + " ", StringComparison.Ordinal) && !sockets.Contains('\n', StringComparison.Ordinal))
                {
                    return sockets;
                }

                Thread.Sleep(20);
            }
            while (watch.ElapsedMilliseconds < timeoutMilliseconds);
            return sockets;
        }

        private static void AssertAllSlotsFree(TcpKernelSession session)
        {
            Assert.IsTrue(session.WaitUntil(() => session.Tcp.ConnectionsInUse == 0, 5000), "every slot free afterwards, in use: " + session.Read(() => session.Tcp.ConnectionsInUse));
        }

        [TestMethod]
        public void KernelMakesAThousandSequentialEchoConnectionsAndNoneSticks()
        {
            RequireTools("python3", "python3", "ss", "iproute2");
            using var session = new TcpKernelSession("seq1000", new TcpConfiguration(), ServerMode.Echo, false);
            string script = "import socket, os, time\n"
                + "worst = 0.0\n"
                + "for i in range(1000):\n"
                + "    t = time.monotonic()\n"
                + "    s = socket.create_connection(('" + Stack + "', 7), timeout=5)\n"
                + "    d = os.urandom(100 + i % 200)\n"
                + "    s.sendall(d)\n"
                + "    s.shutdown(socket.SHUT_WR)\n"
                + "    g = b''\n"
                + "    while True:\n"
                + "        b = s.recv(4096)\n"
                + "        if not b: break\n"
                + "        g += b\n"
                + "    s.close()\n"
                + "    if g != d: print('MISMATCH', i, len(g), len(d)); raise SystemExit(1)\n"
                + "    worst = max(worst, time.monotonic() - t)\n"
                + "print('OK', 1000, 'worst %.3f s' % worst)\n";
            CommandResult run = RunPython(session, "seq1000.py", script, 90_000);
            StringAssert.StartsWith(run.StandardOutput, "OK 1000 ");
            Assert.IsTrue(session.WaitUntil(() => session.Served == 1000, 5000), "the server finished 1000 connections, finished " + session.Served);
            Assert.AreEqual(0, session.ServerErrors, session.LastServerError);
            AssertAllSlotsFree(session);
            Assert.AreEqual(0, session.Read(() => session.Tcp.TimeWaitRecords.Count), "the kernel closed first, so it holds TIME-WAIT, not the stack");
            Assert.AreEqual(0, session.KernelCounter("TcpExtTCPSynRetrans"), "no SYN had to be sent twice");
        }

        [TestMethod]
        public void KernelSendsOneMegabyteAndReadsTheSameMegabyteBackWithEqualSha256()
        {
            RequireTools("python3", "python3");
            using var session = new TcpKernelSession("mb", new TcpConfiguration(), ServerMode.Echo, false);
            string script = "import socket, os, hashlib, threading\n"
                + "d = os.urandom(1 << 20)\n"
                + "s = socket.create_connection(('" + Stack + "', 7), timeout=20)\n"
                + "got = []\n"
                + "def reader():\n"
                + "    while True:\n"
                + "        b = s.recv(65536)\n"
                + "        if not b: break\n"
                + "        got.append(b)\n"
                + "t = threading.Thread(target=reader); t.start()\n"
                + "s.sendall(d)\n"
                + "s.shutdown(socket.SHUT_WR)\n"
                + "t.join(60)\n"
                + "s.close()\n"
                + "g = b''.join(got)\n"
                + "print(len(d), hashlib.sha256(d).hexdigest())\n"
                + "print(len(g), hashlib.sha256(g).hexdigest())\n";
            CommandResult run = RunPython(session, "mb.py", script, 90_000);
            string[] lines = run.StandardOutput.Trim().Split('\n');
            Assert.AreEqual(2, lines.Length, run.ToString());
            StringAssert.StartsWith(lines[0], "1048576 ");
            Assert.AreEqual(lines[0], lines[1], "the echoed megabyte has the sent one's SHA-256");
            Assert.IsTrue(session.WaitUntil(() => session.Served == 1, 5000));
            Assert.AreEqual(1L << 20, Interlocked.Read(ref session.BytesEchoed));
            AssertAllSlotsFree(session);
        }

        [TestMethod]
        public void KernelHalfClosesAndStillReadsWhileTheStackSendsFromCloseWait()
        {
            RequireTools("python3", "python3", "ss", "iproute2");
            using var session = new TcpKernelSession("halfk", new TcpConfiguration(), ServerMode.None, false);
            var listener = new TcpListener(session.Tcp, 7, 1);
            listener.Start();
            string script = "import socket, hashlib\n"
                + "s = socket.create_connection(('" + Stack + "', 7), timeout=20)\n"
                + "s.sendall(b'request')\n"
                + "s.shutdown(socket.SHUT_WR)\n"
                + "g = b''\n"
                + "while True:\n"
                + "    b = s.recv(65536)\n"
                + "    if not b: break\n"
                + "    g += b\n"
                + "s.close()\n"
                + "print(len(g), hashlib.sha256(g).hexdigest())\n";
            using NamespaceProcess client = session.Kernel.Namespace.Start("exec " + session.Python("halfk.py", script));
            TcpConnection c = listener.Accept(10_000);
            var buffer = new byte[100];
            int got = 0;
            for (int n; (n = c.Receive(buffer, got, buffer.Length - got, 10_000)) > 0;)
            {
                got += n;
            }

            Assert.AreEqual("request", Encoding.ASCII.GetString(buffer, 0, got));
            Assert.AreEqual(TcpState.CloseWait, c.State);
            StringAssert.StartsWith(WaitForKernelState(session, "FIN-WAIT-2", 5000), "FIN-WAIT-2 ", "the kernel's FIN was ACKed, our side still open");

            byte[] data = new byte[50_000];
            new Random(7).NextBytes(data);
            Assert.AreEqual(data.Length, c.Send(data, 0, data.Length, 20_000));
            c.Close();
            Assert.IsTrue(client.WaitForExit(30_000), "the kernel client ends: " + client.StandardError);
            Assert.AreEqual(data.Length + " " + Convert.ToHexString(SHA256.HashData(data)).ToLowerInvariant(), client.StandardOutput.Trim(), client.StandardError);
            StringAssert.StartsWith(WaitForKernelState(session, "TIME-WAIT", 5000), "TIME-WAIT ", "the kernel closed first, so it waits");
            AssertAllSlotsFree(session);
            Assert.AreEqual(0, session.Read(() => session.Tcp.TimeWaitRecords.Count), "LAST-ACK ends in CLOSED, no TIME-WAIT record");
        }

        [TestMethod]
        public void StackHalfClosesAndStillReadsWhileTheKernelSendsFromCloseWait()
        {
            RequireTools("python3", "python3", "ss", "iproute2");
            using var session = new TcpKernelSession("halfs", new TcpConfiguration(), ServerMode.None, false);
            var listener = new TcpListener(session.Tcp, 7, 1);
            listener.Start();
            string go = System.IO.Path.Combine(session.Directory, "go");
            string script = "import socket, os, time\n"
                + "s = socket.create_connection(('" + Stack + "', 7), timeout=20)\n"
                + "assert s.recv(100) == b''\n"
                + "t = time.monotonic()\n"
                + "while not os.path.exists('" + go + "') and time.monotonic() - t < 15: time.sleep(0.01)\n"
                + "s.sendall(bytes(i % 251 for i in range(50000)))\n"
                + "s.close()\n"
                + "print('sent')\n";
            using NamespaceProcess client = session.Kernel.Namespace.Start("exec " + session.Python("halfs.py", script));
            TcpConnection c = listener.Accept(10_000);
            c.Shutdown();
            Assert.IsTrue(session.WaitUntil(() => c.State == TcpState.FinWait2, 5000), "our FIN ACKed: FIN-WAIT-2, was " + c.State);
            StringAssert.StartsWith(WaitForKernelState(session, "CLOSE-WAIT", 5000), "CLOSE-WAIT ", "the kernel got our FIN and may still send");
            System.IO.File.WriteAllText(go, "go");

            var received = new byte[60_000];
            int got = 0;
            for (int n; (n = c.Receive(received, got, received.Length - got, 20_000)) > 0;)
            {
                got += n;
            }

            Assert.AreEqual(50_000, got);
            for (int i = 0; i < got; i++)
            {
                if (received[i] != (byte)(i % 251))
                {
                    Assert.Fail("byte " + i + " is " + received[i]);
                }
            }

            Assert.IsTrue(client.WaitForExit(10_000));
            Assert.AreEqual("sent", client.StandardOutput.Trim(), client.StandardError);
            // The peer's FIN in FIN-WAIT-2 moved the connection to TIME-WAIT: a compact record, the slot given back
            // when the handle is closed.
            Assert.AreEqual(1, session.Read(() => session.Tcp.TimeWaitRecords.Count), "the stack closed first, so it keeps a TIME-WAIT record");
            c.Close();
            AssertAllSlotsFree(session);
            var watch = System.Diagnostics.Stopwatch.StartNew();
            while (KernelSockets(session).Length > 0 && watch.ElapsedMilliseconds < 3000)
            {
                Thread.Sleep(20);
            }

            Assert.AreEqual(string.Empty, KernelSockets(session), "the kernel passed LAST-ACK to CLOSED");
        }

        [TestMethod]
        public void StackConnectsOutToAKernelServerAndBothSeeTheSameBytes()
        {
            RequireTools("python3", "python3");
            using var session = new TcpKernelSession("active", new TcpConfiguration(), ServerMode.None, false);
            string script = "import socket, hashlib\n"
                + "l = socket.socket(); l.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)\n"
                + "l.bind(('10.77.0.1', 9000)); l.listen(1)\n"
                + "print('listening', flush=True)\n"
                + "l.settimeout(20)\n"
                + "c, a = l.accept()\n"
                + "c.settimeout(20)\n"
                + "g = b''\n"
                + "while True:\n"
                + "    b = c.recv(65536)\n"
                + "    if not b: break\n"
                + "    g += b\n"
                + "c.sendall(bytes(i % 253 for i in range(100000)))\n"
                + "c.sendall(hashlib.sha256(g).hexdigest().encode())\n"
                + "c.close()\n"
                + "print(len(g), a[0])\n";
            using NamespaceProcess server = session.Kernel.Namespace.Start("exec " + session.Python("server.py", script));
            var watch = System.Diagnostics.Stopwatch.StartNew();
            while (!server.StandardOutput.Contains("listening", StringComparison.Ordinal) && watch.ElapsedMilliseconds < 10_000)
            {
                Thread.Sleep(20);
            }

            TcpConnection c = TcpConnection.Connect(session.Tcp, TcpKernelSession.KernelAddress, 9000, 10_000);
            Assert.AreEqual(TcpState.Established, c.State);
            byte[] data = new byte[200_000];
            new Random(5).NextBytes(data);
            Assert.AreEqual(data.Length, c.Send(data, 0, data.Length, 30_000));
            c.Shutdown();
            var received = new byte[100_064 + 100];
            int got = 0;
            for (int n; (n = c.Receive(received, got, received.Length - got, 20_000)) > 0;)
            {
                got += n;
            }

            c.Close();
            Assert.AreEqual(100_064, got, "100,000 bytes, then the 64-character SHA-256");
            for (int i = 0; i < 100_000; i++)
            {
                if (received[i] != (byte)(i % 253))
                {
                    Assert.Fail("byte " + i + " is " + received[i]);
                }
            }

            Assert.AreEqual(Convert.ToHexString(SHA256.HashData(data)).ToLowerInvariant(), Encoding.ASCII.GetString(received, 100_000, 64));
            Assert.IsTrue(server.WaitForExit(10_000));
            Assert.AreEqual("200000 " + Stack, server.StandardOutput.Trim().Split('\n')[^1], server.StandardError);
            AssertAllSlotsFree(session);
            Assert.AreEqual(1, session.Read(() => session.Tcp.TimeWaitRecords.Count), "we sent the first FIN: our TIME-WAIT record");
        }

        [TestMethod]
        public void MoreConcurrentKernelClientsThanSlotsAreServedOrRefusedCleanly()
        {
            RequireTools("python3", "python3");
            using var session = new TcpKernelSession("many", new TcpConfiguration(), ServerMode.Echo, false);
            string script = "import socket, os, threading\n"
                + "ok = [0]; refused = [0]; other = []\n"
                + "lock = threading.Lock()\n"
                + "def run():\n"
                + "    for i in range(3):\n"
                + "        try:\n"
                + "            s = socket.create_connection(('" + Stack + "', 7), timeout=20)\n"
                + "            d = os.urandom(1000)\n"
                + "            s.sendall(d); s.shutdown(socket.SHUT_WR)\n"
                + "            g = b''\n"
                + "            while True:\n"
                + "                b = s.recv(65536)\n"
                + "                if not b: break\n"
                + "                g += b\n"
                + "            s.close()\n"
                + "            with lock:\n"
                + "                if g == d: ok[0] += 1\n"
                + "                else: other.append('mismatch %d' % len(g))\n"
                + "        except ConnectionRefusedError:\n"
                + "            with lock: refused[0] += 1\n"
                + "        except Exception as e:\n"
                + "            with lock: other.append(repr(e))\n"
                + "ts = [threading.Thread(target=run) for _ in range(12)]\n"
                + "[t.start() for t in ts]; [t.join(60) for t in ts]\n"
                + "print(ok[0], refused[0], len(other), other[:3])\n";
            CommandResult run = RunPython(session, "many.py", script, 90_000);
            TestContext.WriteLine("cookies sent " + session.Read(() => session.Tcp.Counters.SynCookiesSent) + ", accepted " + session.Read(() => session.Tcp.Counters.SynCookiesAccepted)
                + ", later cookie segments dropped " + session.Read(() => session.Tcp.Counters.DroppedAfterSynCookies)
                + ", resets sent " + session.Read(() => session.Tcp.Counters.ResetsSent) + ", server errors " + session.ServerErrors + " " + session.LastServerError);
            string[] fields = run.StandardOutput.Trim().Split(' ');
            int ok = int.Parse(fields[0], CultureInfo.InvariantCulture);
            int refused = int.Parse(fields[1], CultureInfo.InvariantCulture);
            Assert.AreEqual("0", fields[2], "no client failed other than by refusal: " + run.StandardOutput);
            Assert.AreEqual(36, ok + refused, run.StandardOutput);
            Assert.IsTrue(ok >= 4, "at least one round of slots served: " + run.StandardOutput);
            Assert.AreEqual(0, session.ServerErrors, session.LastServerError);
            Assert.AreEqual(0, session.Read(() => session.Tcp.Counters.ResetsSent), "no connection a client believed open was reset");
            AssertAllSlotsFree(session);
            TestContext.WriteLine("served " + ok + ", refused " + refused + ", SYNs dropped for a full backlog "
                + session.Read(() => session.Tcp.Counters.DroppedListenOverflow) + ", for no slot " + session.Read(() => session.Tcp.Counters.DroppedNoSlot)
                + ", kernel SYN retransmissions " + session.KernelCounter("TcpExtTCPSynRetrans"));
        }

        [TestMethod]
        public void KernelClientsThatNeverCloseDoNotHoldTheSlotsOfAServerThatClosesFirst()
        {
            RequireTools("python3", "python3", "ss", "iproute2");
            using var session = new TcpKernelSession("finwait2", new TcpConfiguration(), ServerMode.EchoOnceAndCloseFirst, false);
            string go = System.IO.Path.Combine(session.Directory, "go");
            string script = "import socket, os, time\n"
                + "held = []\n"
                + "for i in range(8):\n"
                + "    s = socket.create_connection(('" + Stack + "', 7), timeout=10)\n"
                + "    s.sendall(b'hi')\n"
                + "    assert s.recv(100) == b'hi'\n"
                + "    assert s.recv(100) == b''\n"
                + "    held.append(s)\n"
                + "print('held', len(held), flush=True)\n"
                + "t = time.monotonic()\n"
                + "while not os.path.exists('" + go + "') and time.monotonic() - t < 20: time.sleep(0.01)\n"
                + "for s in held: s.close()\n"
                + "print('closed')\n";
            using NamespaceProcess client = session.Kernel.Namespace.Start("exec " + session.Python("finwait2.py", script));
            var watch = System.Diagnostics.Stopwatch.StartNew();
            while (!client.StandardOutput.Contains("held", StringComparison.Ordinal) && !client.HasExited && watch.ElapsedMilliseconds < 30_000)
            {
                Thread.Sleep(20);
            }

            Assert.AreEqual("held 8", client.StandardOutput.Trim(), "8 clients served one after another on 4 slots: " + client.StandardError);
            Assert.IsTrue(session.WaitUntil(() => session.Tcp.TimeWaitRecords.Count == 8 && session.Tcp.ConnectionsInUse == 0, 5000), "8 FIN-WAIT-2 records, no slot held");
            Assert.AreEqual(8, session.Read(() => CountFinWait2(session.Tcp.TimeWaitRecords)));
            string closeWait = session.Run("ss -tanH state close-wait dst " + Stack, 10_000).StandardOutput.Trim();
            Assert.AreEqual(8, closeWait.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length, "the kernel holds 8 sockets in CLOSE-WAIT:\n" + closeWait);

            System.IO.File.WriteAllText(go, "go");
            Assert.IsTrue(client.WaitForExit(10_000));
            Assert.IsTrue(session.WaitUntil(() => CountFinWait2(session.Tcp.TimeWaitRecords) == 0 && session.Tcp.TimeWaitRecords.Count == 8, 5000), "each peer FIN turned its record into TIME-WAIT");
            watch.Restart();
            while (KernelSockets(session).Length > 0 && watch.ElapsedMilliseconds < 3000)
            {
                Thread.Sleep(20);
            }

            Assert.AreEqual(string.Empty, KernelSockets(session), "our ACKs took the kernel from LAST-ACK to CLOSED");
        }

        private static int CountFinWait2(TimeWaitTable records)
        {
            int n = 0;
            for (int i = 0; i < records.Capacity; i++)
            {
                if (records.InUse(i) && records.IsFinWait2(i))
                {
                    n++;
                }
            }

            return n;
        }

        [TestMethod]
        public void FiveThousandConnectionsThroughAHundredKernelPortsNeverStallOnTimeWait()
        {
            RequireTools("python3", "python3", "nstat", "iproute2", "sysctl", "procps");
            // More records than the kernel has ports: every returning port meets its own TIME-WAIT record here.
            var configuration = new TcpConfiguration { TimeWaitRecordCount = 128 };
            using var session = new TcpKernelSession("ports", configuration, ServerMode.EchoOnceAndCloseFirst, false);
            CommandResult sysctl = session.Run("sysctl -w net.ipv4.ip_local_port_range='40000 40100'", 10_000);
            Assert.AreEqual(0, sysctl.ExitCode, sysctl.ToString());
            string script = "import socket, time\n"
                + "worst = 0.0\n"
                + "for i in range(5000):\n"
                + "    t = time.monotonic()\n"
                + "    s = socket.create_connection(('" + Stack + "', 7), timeout=10)\n"
                + "    s.sendall(b'GET / HTTP/1.0\\r\\n\\r\\n')\n"
                + "    g = b''\n"
                + "    while True:\n"
                + "        b = s.recv(4096)\n"
                + "        if not b: break\n"
                + "        g += b\n"
                + "    s.close()\n"
                + "    if g != b'GET / HTTP/1.0\\r\\n\\r\\n': print('BAD', i, g); raise SystemExit(1)\n"
                + "    worst = max(worst, time.monotonic() - t)\n"
                + "print('OK', 5000, 'worst %.3f s' % worst)\n";
            var watch = System.Diagnostics.Stopwatch.StartNew();
            CommandResult run = RunPython(session, "ports.py", script, 90_000);
            TestContext.WriteLine("5000 connections in " + watch.ElapsedMilliseconds + " ms");
            StringAssert.StartsWith(run.StandardOutput, "OK 5000 ");
            Assert.AreEqual(0, session.KernelCounter("TcpExtTCPSynRetrans"), "no connect waited for a SYN retransmission");
            Assert.IsTrue(session.WaitUntil(() => session.Served == 5000, 5000), "served " + session.Served);
            Assert.AreEqual(0, session.ServerErrors, session.LastServerError);
            AssertAllSlotsFree(session);
            int records = session.Read(() => session.Tcp.TimeWaitRecords.Count);
            Assert.IsTrue(records > 0 && records <= 101, "one record per kernel port at most, was " + records);
            Assert.AreEqual(0, session.Read(() => session.Tcp.TimeWaitRecords.Recycled), "no record was recycled: every reused port reopened its own TIME-WAIT");
        }

        [TestMethod]
        public void TsharkFindsNothingWrongInTheStacksSegmentsOfAKernelSession()
        {
            RequireTools("python3", "python3", "tshark", "tshark");
            using var session = new TcpKernelSession("pcap", new TcpConfiguration(), ServerMode.Echo, true);

            // Passive opens, the kernel closing first, data from 1 byte to 100 KB through 2 KB rings (zero windows).
            string script = "import socket, os, threading\n"
                + "for n in (1, 100, 1460, 5000, 100000):\n"
                + "    s = socket.create_connection(('" + Stack + "', 7), timeout=20)\n"
                + "    d = os.urandom(n)\n"
                + "    got = []\n"
                + "    def reader():\n"
                + "        while True:\n"
                + "            b = s.recv(65536)\n"
                + "            if not b: break\n"
                + "            got.append(b)\n"
                + "    t = threading.Thread(target=reader); t.start()\n"
                + "    s.sendall(d); s.shutdown(socket.SHUT_WR); t.join(30); s.close()\n"
                + "    print(n, b''.join(got) == d)\n";
            CommandResult run = RunPython(session, "pcap.py", script, 60_000);
            Assert.AreEqual("1 True\n100 True\n1460 True\n5000 True\n100000 True", run.StandardOutput.Trim());

            // An active open, the stack closing first (FIN-WAIT-1, FIN-WAIT-2, TIME-WAIT on our side).
            string server = "import socket\n"
                + "l = socket.socket(); l.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)\n"
                + "l.bind(('10.77.0.1', 9000)); l.listen(1); l.settimeout(20)\n"
                + "print('listening', flush=True)\n"
                + "c, a = l.accept(); c.settimeout(20)\n"
                + "n = 0\n"
                + "while True:\n"
                + "    b = c.recv(65536)\n"
                + "    if not b: break\n"
                + "    n += len(b)\n"
                + "c.sendall(b'z' * 3000); c.close()\n"
                + "print(n)\n";
            using NamespaceProcess kernelServer = session.Kernel.Namespace.Start("exec " + session.Python("server.py", server));
            var watch = System.Diagnostics.Stopwatch.StartNew();
            while (!kernelServer.StandardOutput.Contains("listening", StringComparison.Ordinal) && watch.ElapsedMilliseconds < 10_000)
            {
                Thread.Sleep(20);
            }

            TcpConnection c = TcpConnection.Connect(session.Tcp, TcpKernelSession.KernelAddress, 9000, 10_000);
            Assert.AreEqual(10_000, c.Send(new byte[10_000], 0, 10_000, 10_000));
            c.Shutdown();
            var buffer = new byte[4000];
            int got = 0;
            for (int n; (n = c.Receive(buffer, got, buffer.Length - got, 10_000)) > 0;)
            {
                got += n;
            }

            c.Close();
            Assert.AreEqual(3000, got);
            Assert.IsTrue(kernelServer.WaitForExit(10_000));
            Assert.AreEqual("10000", kernelServer.StandardOutput.Trim().Split('\n')[^1]);
            Assert.IsTrue(session.WaitUntil(() => session.Tcp.TimeWaitRecords.Count == 1, 5000), "our TIME-WAIT record");

            session.Stop();
            string problems = TsharkProblems(session, out int zeroWindows);
            TestContext.WriteLine("pcap: " + session.PcapPath + "; zero-window segments (benign, not counted): " + zeroWindows);
            TestContext.WriteLine(session.Run("tshark -n -q -r " + session.PcapPath + " -z expert,note,eth.src==02:00:00:77:00:02 2>/dev/null", 60_000).StandardOutput);
            Assert.IsTrue(zeroWindows > 0, "100 KB through a 2 KB ring must close the window at least once");
            Assert.AreEqual(string.Empty, problems, "tshark flags segments the stack sent");
        }

        [TestMethod]
        public void TheTsharkCheckFlagsABadTcpChecksumFromOurMac()
        {
            RequireTools("tshark", "tshark");
            using var session = new TcpKernelSession("pcapself", new TcpConfiguration(), ServerMode.None, true);
            session.Stop();
            using (var capture = new NanoTcp.Hardware.Host.Wire.PcapWriter(session.PcapPath))
            {
                byte[] frame = new byte[54];
                Array.Copy(new byte[] { 0x02, 0, 0, 0x77, 0, 1 }, frame, 6);
                Array.Copy(KernelOverTap.StackMac, 0, frame, 6, 6);
                frame[12] = 0x08;
                NanoTcp.Wire.Ipv4Header.Write(frame, 14, 40, 1, 64, 6, TcpKernelSession.StackAddress, TcpKernelSession.KernelAddress);
                NanoTcp.Wire.TcpHeader.SetSourcePort(frame, 34, 7);
                NanoTcp.Wire.TcpHeader.SetDestinationPort(frame, 34, 40000);
                NanoTcp.Wire.TcpHeader.SetDataOffset(frame, 34, 20);
                NanoTcp.Wire.TcpHeader.SetFlags(frame, 34, (byte)NanoTcp.Wire.TcpHeader.Ack);
                NanoTcp.Wire.TcpHeader.SetWindow(frame, 34, 2048);
                NanoTcp.Wire.TcpHeader.FillChecksum(frame, 34, 20, TcpKernelSession.StackAddress, TcpKernelSession.KernelAddress);
                frame[34 + 16] ^= 0x01;
                capture.Write(0, frame, 0, frame.Length);
            }

            StringAssert.Contains(TsharkProblems(session, out _), "frame 1:", "a wrong TCP checksum must be flagged");
        }

        /// <summary>
        /// What tshark, with IPv4 and TCP checksum validation on, flags as malformed or at warning level or above in
        /// frames from our MAC: one line per expert item, "frame N: message". Zero-window items are counted apart.
        /// </summary>
        private static string TsharkProblems(TcpKernelSession session, out int zeroWindows)
        {
            // One line per flagged frame: number, then every expert message and severity (tshark's numeric PI_*
            // values: 0x600000 warning, 0x800000 error), '|'-separated.
            CommandResult tshark = session.Run(
                "tshark -n -o ip.check_checksum:TRUE -o tcp.check_checksum:TRUE -r " + session.PcapPath
                + " -Y '(_ws.malformed || _ws.expert.severity >= warning) && eth.src == 02:00:00:77:00:02'"
                + " -T fields -E separator=/t -E aggregator='|' -e frame.number -e _ws.expert.message -e _ws.expert.severity 2>/dev/null",
                60_000);
            Assert.AreEqual(0, tshark.ExitCode, tshark.ToString());
            var problems = new StringBuilder();
            zeroWindows = 0;
            foreach (string line in tshark.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                string[] columns = line.Split('\t');
                string[] messages = columns.Length > 1 ? columns[1].Split('|') : new string[0];
                string[] severities = columns.Length > 2 ? columns[2].Split('|') : new string[0];
                for (int i = 0; i < messages.Length; i++)
                {
                    long severity = i < severities.Length && long.TryParse(severities[i], NumberStyles.Integer, CultureInfo.InvariantCulture, out long value) ? value : long.MaxValue;
                    if (severity < 0x600000)
                    {
                        continue;
                    }

                    // Benign by Wireshark's own documentation (TCP Analysis): a zero window is the receiver pausing
                    // the sender, here our 2 KB receive ring full until the echo server reads it. Flow control, not
                    // a defect; every other warning or error counts.
                    if (messages[i] == "TCP Zero Window segment")
                    {
                        zeroWindows++;
                        continue;
                    }

                    problems.Append("frame ").Append(columns[0]).Append(": ").Append(messages[i]).Append('\n');
                }

                if (messages.Length == 0)
                {
                    problems.Append("frame ").Append(columns[0]).Append(": flagged without an expert message\n");
                }
            }

            return problems.ToString();
        }
    }
}
