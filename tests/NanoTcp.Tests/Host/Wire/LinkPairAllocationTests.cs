using System;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using NanoTcp.Hardware.Simulation;
using NanoTcp.Tests.Simulation;

namespace NanoTcp.Tests.Host.Wire
{
    /// <summary>The allocation check of LinkPair: .NET only (nanoFramework has no per-thread allocation counter).</summary>
    [TestClass]
    public class LinkPairAllocationTests
    {
        private static readonly byte[] MacA = { 0x02, 0, 0, 0, 0, 0x0A };
        private static readonly byte[] MacB = { 0x02, 0, 0, 0, 0, 0x0B };

        [TestMethod]
        public void SendingAndReceivingAllocatesNothing()
        {
            var pair = new LinkPair(MacA, MacB);
            var frame = EthernetWireTests.Frame(MacB, MacA, 1000);
            var buffer = new byte[1514];
            pair.A.Send(frame, 0, frame.Length);
            pair.B.Receive(buffer, 0, buffer.Length);

            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 10_000; i++)
            {
                pair.A.Send(frame, 0, frame.Length);
                pair.B.Receive(buffer, 0, buffer.Length);
            }

            Assert.AreEqual(0L, GC.GetAllocatedBytesForCurrentThread() - before);
        }
    }
}
