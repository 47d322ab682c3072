using System;
using System.Text;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using NanoTcp.Hardware.Host.Tap;
using NanoTcp.Interop.Tests.Support;
using NanoTcp.Tcp;

namespace NanoTcp.Interop.Tests.Tcp
{
    /// <summary>RFC 1122 §4.2.2.13 against the Linux kernel: data the stack's application will never read ends the connection with a RST.</summary>
    [TestClass]
    public class KernelResetOnCloseTests
    {
        private const string Stack = "10.77.0.2";

        public TestContext TestContext { get; set; }

        [TestMethod]
        public void KernelClientSeesConnectionResetWhenTheStackClosesWithUnreadData()
        {
            Requirements.RequireCommand("python3", "python3");
            using var session = new TcpKernelSession("unread", new TcpConfiguration(), ServerMode.None, false);
            var listener = new TcpListener(session.Tcp, 7, 1);
            listener.Start();
            string script = "import socket\n"
                + "s = socket.create_connection(('" + Stack + "', 7), timeout=10)\n"
                + "s.sendall(b'never read')\n"
                + "try:\n"
                + "    print('data', len(s.recv(100)))\n"
                + "except ConnectionResetError:\n"
                + "    print('reset')\n";
            using NamespaceProcess client = session.Kernel.Namespace.Start("exec " + session.Python("unread.py", script));
            TcpConnection c = listener.Accept(10_000);
            Assert.IsTrue(session.WaitUntil(() => c.Available == 10, 5000), "the request arrives, available " + c.Available);
            c.Close();
            Assert.IsTrue(client.WaitForExit(15_000), "the kernel client ends: " + client.StandardError);
            TestContext.WriteLine(client.StandardOutput + client.StandardError);
            Assert.AreEqual("reset", client.StandardOutput.Trim(), "recv fails with ECONNRESET, not end of stream: " + client.StandardError);
            Assert.AreEqual(1, session.Read(() => session.Tcp.Counters.ResetsOnCloseWithUnreadData));
            Assert.AreEqual(0, session.Read(() => session.Tcp.ConnectionsInUse));
            Assert.AreEqual(0, session.Read(() => session.Tcp.TimeWaitRecords.Count), "a reset leaves no TIME-WAIT record");
        }

        [TestMethod]
        public void KernelDataAfterTheStackClosedIsAnsweredByRstThatEndsTheKernelsCloseWait()
        {
            Requirements.RequireCommand("python3", "python3");
            using var session = new TcpKernelSession("late", new TcpConfiguration(), ServerMode.None, false);
            var listener = new TcpListener(session.Tcp, 7, 1);
            listener.Start();
            string script = "import socket, time, errno\n"
                + "s = socket.create_connection(('" + Stack + "', 7), timeout=10)\n"
                + "assert s.recv(100) == b''\n"
                + "s.sendall(b'late data')\n"
                + "t = time.monotonic()\n"
                + "e = 0\n"
                + "while e == 0 and time.monotonic() - t < 5:\n"
                + "    time.sleep(0.01)\n"
                + "    e = s.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR)\n"
                + "print(errno.errorcode.get(e, e))\n";
            using NamespaceProcess client = session.Kernel.Namespace.Start("exec " + session.Python("late.py", script));
            TcpConnection c = listener.Accept(10_000);
            c.Close();
            Assert.IsTrue(client.WaitForExit(15_000), "the kernel client ends: " + client.StandardError);
            TestContext.WriteLine(client.StandardOutput + client.StandardError);

            // Linux reports a RST received in CLOSE-WAIT as EPIPE (tcp_reset), ECONNRESET elsewhere.
            Assert.AreEqual("EPIPE", client.StandardOutput.Trim(), "the kernel's socket got our RST: " + client.StandardError);
            Assert.AreEqual(1, session.Read(() => session.Tcp.Counters.ResetsOnDataAfterClose));
            Assert.AreEqual(0, session.Read(() => session.Tcp.TimeWaitRecords.Count), "the FIN-WAIT-2 record went with the RST");
        }
    }
}
