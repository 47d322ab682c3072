#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using System;
using NanoTcp.Hardware.Simulation;
using NanoTcp.Tests.Support;

namespace NanoTcp.Tests.Simulation
{
    [TestClass]
    public class LinkPairTests
    {
        private static readonly byte[] MacA = { 0x02, 0, 0, 0, 0, 0x0A };
        private static readonly byte[] MacB = { 0x02, 0, 0, 0, 0, 0x0B };

        [TestMethod]
        public void FramesCrossInOrderAndByteExact()
        {
            var pair = new LinkPair(MacA, MacB, 4);
            var first = EthernetWireTests.Frame(MacB, MacA, 100, 0x11, 1);
            var second = EthernetWireTests.Frame(MacB, MacA, 1500, 0x22, 2);
            pair.A.Send(first, 0, first.Length);
            pair.A.Send(second, 0, second.Length);

            var buffer = new byte[1514];
            Assert.AreEqual(first.Length, pair.B.Receive(buffer, 0, buffer.Length));
            var received = new byte[first.Length];
            Array.Copy(buffer, 0, received, 0, received.Length);
            Expect.SameBytes(first, received);
            Assert.AreEqual(second.Length, pair.B.Receive(buffer, 0, buffer.Length));
            Expect.SameBytes(second, buffer);
            Assert.AreEqual(0, pair.B.Receive(buffer, 0, buffer.Length));
            Assert.AreEqual(0, pair.A.Receive(buffer, 0, buffer.Length), "nothing comes back to the sender");
        }

        [TestMethod]
        public void AFullEndDropsAndCounts()
        {
            var pair = new LinkPair(MacA, MacB, 2);
            var frame = EthernetWireTests.Frame(MacB, MacA, 46);
            for (int i = 0; i < 3; i++)
            {
                pair.A.Send(frame, 0, frame.Length);
            }

            Assert.AreEqual(2, pair.B.FramesWaiting);
            Assert.AreEqual(1, pair.A.FramesDropped);
        }
    }
}
