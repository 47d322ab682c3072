using System;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using NanoTcp.Hardware.Host.Wire;
using NanoTcp.Hardware.Simulation;

namespace NanoTcp.Tests.Host.Wire
{
    [TestClass]
    public class LinkPairTests
    {
        private static readonly byte[] MacA = { 0x02, 0, 0, 0, 0, 0x0A };
        private static readonly byte[] MacB = { 0x02, 0, 0, 0, 0, 0x0B };

        [TestMethod]
        public void FramesCrossInOrderAndByteExact()
        {
            var pair = new LinkPair(MacA, MacB, slots: 4);
            var first = EthernetWireTests.Frame(MacB, MacA, 100, 0x11, tag: 1);
            var second = EthernetWireTests.Frame(MacB, MacA, 1500, 0x22, tag: 2);
            pair.A.Send(first, 0, first.Length);
            pair.A.Send(second, 0, second.Length);

            var buffer = new byte[1514];
            Assert.AreEqual(first.Length, pair.B.Receive(buffer, 0, buffer.Length));
            CollectionAssert.AreEqual(first, buffer.AsSpan(0, first.Length).ToArray());
            Assert.AreEqual(second.Length, pair.B.Receive(buffer, 0, buffer.Length));
            CollectionAssert.AreEqual(second, buffer);
            Assert.AreEqual(0, pair.B.Receive(buffer, 0, buffer.Length));
            Assert.AreEqual(0, pair.A.Receive(buffer, 0, buffer.Length), "nothing comes back to the sender");
        }

        [TestMethod]
        public void AFullEndDropsAndCounts()
        {
            var pair = new LinkPair(MacA, MacB, slots: 2);
            var frame = EthernetWireTests.Frame(MacB, MacA, 46);
            for (int i = 0; i < 3; i++)
            {
                pair.A.Send(frame, 0, frame.Length);
            }

            Assert.AreEqual(2, pair.B.FramesWaiting);
            Assert.AreEqual(1, pair.A.FramesDropped);
        }

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
