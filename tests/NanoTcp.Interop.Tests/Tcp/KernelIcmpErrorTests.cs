using Microsoft.VisualStudio.TestTools.UnitTesting;
using NanoTcp.Hardware.Host.Tap;
using NanoTcp.Interop.Tests.Support;
using NanoTcp.Tcp;

namespace NanoTcp.Interop.Tests.Tcp
{
    /// <summary>ICMP errors from the Linux kernel, acting as the stack's router, handed to NanoTcp's TCP (RFC 1122 §4.2.3.9).</summary>
    [TestClass]
    public class KernelIcmpErrorTests
    {
        private const uint Unroutable = 0x0A630005; // 10.99.0.5, behind an "unreachable" route in the namespace

        public TestContext TestContext { get; set; }

        [TestMethod]
        public void ConnectToAKernelPortRejectedWithIcmpPortUnreachableIsRefusedAtOnce()
        {
            Requirements.RequireCommand("nft", "nftables");
            using var session = new TcpKernelSession("reject", new TcpConfiguration(), ServerMode.None, false);
            CommandResult setup = session.Run(
                "nft add table inet nanotcp && nft add chain inet nanotcp input '{ type filter hook input priority 0; }'"
                + " && nft add rule inet nanotcp input tcp dport 9 reject with icmp type port-unreachable", 10_000);
            Assert.AreEqual(0, setup.ExitCode, setup.ToString());
            var watch = System.Diagnostics.Stopwatch.StartNew();
            var refused = Assert.ThrowsExactly<ConnectionRefusedException>(() => TcpConnection.Connect(session.Tcp, TcpKernelSession.KernelAddress, 9, 20_000));
            TestContext.WriteLine("refused after " + watch.ElapsedMilliseconds + " ms: " + refused.Message);
            StringAssert.Contains(refused.Message, "ICMP");
            Assert.AreEqual(1, session.Read(() => session.Tcp.Counters.IcmpConnectionsAborted), "the kernel's ICMP port unreachable ended SYN-SENT");
            Assert.AreEqual(0, session.Read(() => session.Tcp.Counters.ResetsReceived), "refused by ICMP, not by a RST");
            Assert.AreEqual(0, session.Read(() => session.Tcp.Counters.Retransmissions), "within the first RTO: no SYN retransmitted");
            Assert.AreEqual(0, session.Read(() => session.Tcp.ConnectionsInUse));
        }

        [TestMethod]
        public void SynThroughAKernelRouterWithAnUnreachableRouteGetsHostUnreachableAsASoftErrorAndKeepsTrying()
        {
            using var session = new TcpKernelSession("icmp", new TcpConfiguration(), ServerMode.None, false);
            CommandResult setup = session.Run("echo 1 > /proc/sys/net/ipv4/ip_forward && ip route add unreachable 10.99.0.0/24", 10_000);
            Assert.AreEqual(0, setup.ExitCode, setup.ToString());
            lock (session.Tcp.SyncRoot)
            {
                session.Stack.SetStaticAddress(TcpKernelSession.StackAddress, KernelOverTap.PrefixLength, TcpKernelSession.KernelAddress);
            }

            TcpConnection c = TcpConnection.BeginConnect(session.Tcp, Unroutable, 80);
            Assert.IsTrue(session.WaitUntil(() => c.SoftError == TcpSoftError.HostUnreachable, 5000), "the kernel's ICMP host unreachable reaches the connection, soft error " + c.SoftError);
            Assert.AreEqual(TcpState.SynSent, c.State, "a soft error does not end SYN-SENT: the SYN is retried");
            Assert.AreEqual(TcpError.None, c.Error);
            Assert.IsTrue(session.Read(() => session.Tcp.Counters.IcmpSoftErrors) >= 1);
            Assert.AreEqual(0, session.Read(() => session.Tcp.Counters.IcmpErrorsOutOfWindow), "the kernel quotes our SYN's own sequence number");
            Assert.AreEqual(0, session.Read(() => session.Stack.Drops.Get(DropReason.IcmpErrorMalformed)));
            c.Abort();
        }
    }
}
