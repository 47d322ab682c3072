using Microsoft.VisualStudio.TestTools.UnitTesting;
using NanoTcp.Tcp;
using NanoTcp.Wire;
using NanoTcp.Tests.Host.Support;
using NanoTcp.Tests.Tcp;

namespace NanoTcp.Tests.Host.Tcp
{
    /// <summary>Application calls that must not allocate (measured with the .NET allocation counter, so PC only).</summary>
    [TestClass]
    public class TcpApplicationAllocationTests
    {
        [TestMethod]
        public void TryAcceptWithNothingWaitingAllocatesNothing()
        {
            var h = new TcpHarness();
            var listener = new TcpListener(h.Layer, 80, 2);
            listener.Start();
            Assert.IsNull(listener.TryAccept());
            long allocated = SteadyState.AllocatedBytes(() => listener.TryAccept(), 1000);
            Assert.AreEqual(0L, allocated, "bytes allocated by 1000 TryAccept calls with nothing pending");
        }

        [TestMethod]
        public void TrySendAndTryReceiveReportAResetAsMinusOneWithoutThrowingOrAllocating()
        {
            var h = new TcpHarness();
            TcpConnection c = h.OpenPassive(1000, out uint iss);
            h.Inject(1001, 0, TcpHeader.Rst);
            Assert.AreEqual(TcpState.Closed, c.State);
            Assert.AreEqual(TcpError.Reset, c.Error);
            var buf = new byte[4];
            Assert.AreEqual(-1, c.TrySend(buf, 0, 4));
            Assert.AreEqual(-1, c.TryReceive(buf, 0, 4));
            long allocated = SteadyState.AllocatedBytes(
                () =>
                {
                    c.TrySend(buf, 0, 4);
                    c.TryReceive(buf, 0, 4);
                },
                100);
            Assert.AreEqual(0L, allocated, "bytes allocated by 200 failed Try calls");
            NanoTcp.Tests.Support.Expect.Throws(typeof(ConnectionResetException), () => c.Send(buf, 0, 4, 0));
            NanoTcp.Tests.Support.Expect.Throws(typeof(ConnectionResetException), () => c.Receive(buf, 0, 4, 0));
        }
    }
}
