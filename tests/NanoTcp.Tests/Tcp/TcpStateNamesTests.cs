#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using NanoTcp.Tcp;

namespace NanoTcp.Tests.Tcp
{
    [TestClass]
    public class TcpStateNamesTests
    {
        [TestMethod]
        public void EveryStateHasItsRfc9293Spelling()
        {
            Assert.AreEqual("CLOSED", TcpStateNames.Name(TcpState.Closed));
            Assert.AreEqual("LISTEN", TcpStateNames.Name(TcpState.Listen));
            Assert.AreEqual("SYN-SENT", TcpStateNames.Name(TcpState.SynSent));
            Assert.AreEqual("SYN-RECEIVED", TcpStateNames.Name(TcpState.SynReceived));
            Assert.AreEqual("ESTABLISHED", TcpStateNames.Name(TcpState.Established));
            Assert.AreEqual("FIN-WAIT-1", TcpStateNames.Name(TcpState.FinWait1));
            Assert.AreEqual("FIN-WAIT-2", TcpStateNames.Name(TcpState.FinWait2));
            Assert.AreEqual("CLOSE-WAIT", TcpStateNames.Name(TcpState.CloseWait));
            Assert.AreEqual("CLOSING", TcpStateNames.Name(TcpState.Closing));
            Assert.AreEqual("LAST-ACK", TcpStateNames.Name(TcpState.LastAck));
            Assert.AreEqual("TIME-WAIT", TcpStateNames.Name(TcpState.TimeWait));
        }

        [TestMethod]
        public void AValueOutsideTheElevenStatesIsUnknown()
        {
            Assert.AreEqual("UNKNOWN", TcpStateNames.Name((TcpState)11));
        }
    }
}
