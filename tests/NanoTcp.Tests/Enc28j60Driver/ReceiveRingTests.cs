#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using NanoTcp.Drivers.Enc28j60;

namespace NanoTcp.Tests.Enc28j60Driver
{
    /// <summary>Ring arithmetic for the receive buffer 0000h–19FFh, including the errata 14 odd read pointer.</summary>
    [TestClass]
    public class ReceiveRingTests
    {
        private const int RingEnd = 0x19FF;

        [TestMethod]
        public void AddWrapsFromTheEndToTheStart()
        {
            Assert.AreEqual(0x19FF, ReceiveRing.Add(0x19F0, 0x0F, 0, RingEnd));
            Assert.AreEqual(0x0000, ReceiveRing.Add(0x19F0, 0x10, 0, RingEnd));
            Assert.AreEqual(0x0010, ReceiveRing.Add(0x19F0, 0x20, 0, RingEnd));
        }

        [TestMethod]
        public void DistanceGoesForwardAroundTheRing()
        {
            Assert.AreEqual(0x40, ReceiveRing.Distance(0x0100, 0x0140, 0, RingEnd));
            Assert.AreEqual(0x30, ReceiveRing.Distance(0x19F0, 0x0020, 0, RingEnd));
            Assert.AreEqual(0, ReceiveRing.Distance(0x0500, 0x0500, 0, RingEnd));
        }

        [TestMethod]
        public void NextPacketAfterAddsHeaderCountAndPad()
        {
            Assert.AreEqual(0x004A, ReceiveRing.NextPacketAfter(0x0000, 68, 0, RingEnd));
            Assert.AreEqual(0x004C, ReceiveRing.NextPacketAfter(0x0000, 69, 0, RingEnd));
            Assert.AreEqual(0x0036, ReceiveRing.NextPacketAfter(0x19F0, 64, 0, RingEnd));
        }

        [TestMethod]
        public void FreeingPointerIsOneBeforeTheNextPacket()
        {
            Assert.AreEqual(0x0149, ReceiveRing.FreeingPointer(0x014A, 0, RingEnd));
        }

        [TestMethod]
        public void FreeingPointerForAPacketAtTheRingStartIsTheRingEnd()
        {
            // Errata 14: NextPacket − 1 would be FFFFh (the EtherCard #182 bug); the ring end is the odd answer.
            Assert.AreEqual(RingEnd, ReceiveRing.FreeingPointer(0x0000, 0, RingEnd));
        }

        [TestMethod]
        public void PageFreeingPointerStopsAtTheLastWholePage()
        {
            Assert.AreEqual(0x00FF, ReceiveRing.PageFreeingPointer(0x0100, 0, RingEnd));
            Assert.AreEqual(0x00FF, ReceiveRing.PageFreeingPointer(0x01FE, 0, RingEnd));
            Assert.AreEqual(0x18FF, ReceiveRing.PageFreeingPointer(0x19FE, 0, RingEnd));
        }

        [TestMethod]
        public void PageFreeingPointerInTheFirstPageIsTheRingEnd()
        {
            Assert.AreEqual(RingEnd, ReceiveRing.PageFreeingPointer(0x0000, 0, RingEnd));
            Assert.AreEqual(RingEnd, ReceiveRing.PageFreeingPointer(0x00FE, 0, RingEnd));
        }

        [TestMethod]
        public void PageFreeingPointerIsAlwaysOddAndNeverPastTheNextPacket()
        {
            for (int next = 0; next <= RingEnd; next += 2)
            {
                int pointer = ReceiveRing.PageFreeingPointer(next, 0, RingEnd);
                Assert.AreEqual(1, pointer & 1);
                Assert.AreEqual(0xFF, pointer & 0xFF);
                int held = ReceiveRing.Distance(pointer, next, 0, RingEnd);
                Assert.IsTrue(held >= 1 && held <= 256, "ERXRDPT must sit 1..256 bytes before the next packet");
            }
        }
    }
}
