#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using NanoTcp.Drivers.Enc28j60;

namespace NanoTcp.Tests.Enc28j60Driver
{
    /// <summary>Validation of the 6-byte receive header (DS §7.2.2) against a ring 0000h–19FFh.</summary>
    [TestClass]
    public class ReceiveHeaderTests
    {
        private const int RingEnd = 0x19FF;

        private static byte[] Header(int next, int byteCount, int status)
        {
            var header = new byte[8];
            header[2] = (byte)next;
            header[3] = (byte)(next >> 8);
            header[4] = (byte)byteCount;
            header[5] = (byte)(byteCount >> 8);
            header[6] = (byte)status;
            header[7] = (byte)(status >> 8);
            return header;
        }

        [TestMethod]
        public void FieldsAreLittleEndian()
        {
            byte[] header = Header(0x0146, 0x05EE, 0x0280);
            Assert.AreEqual(0x0146, ReceiveHeader.NextPacketPointer(header, 2));
            Assert.AreEqual(0x05EE, ReceiveHeader.ByteCount(header, 2));
            Assert.AreEqual(0x0280, ReceiveHeader.Status(header, 2));
        }

        [TestMethod]
        public void AHeaderWhoseNextPointerFollowsThePacketIsValid()
        {
            // 64-byte frame + FCS = 68 bytes, + 6 header = 74 → next at 0x004A.
            Assert.AreEqual(ReceiveHeader.Valid, ReceiveHeader.Check(Header(0x004A, 68, 0x0080), 2, 0x0000, 0, RingEnd));
        }

        [TestMethod]
        public void AnOddByteCountIsFollowedByOnePadByte()
        {
            // 6 + 65 = 71 bytes from 0x0100, padded to 72 → 0x0148.
            Assert.AreEqual(ReceiveHeader.Valid, ReceiveHeader.Check(Header(0x0148, 65, 0x0080), 2, 0x0100, 0, RingEnd));
            Assert.AreEqual(ReceiveHeader.NextPointerMismatch, ReceiveHeader.Check(Header(0x0146, 65, 0x0080), 2, 0x0100, 0, RingEnd));
        }

        [TestMethod]
        public void APacketCrossingTheRingEndWrapsToTheStart()
        {
            // From 0x19C0: 6 + 1518 = 1524 bytes; 0x19C0 + 1524 = 0x1FB4 → wraps by 0x1A00 to 0x05B4.
            Assert.AreEqual(ReceiveHeader.Valid, ReceiveHeader.Check(Header(0x05B4, 1518, 0x0080), 2, 0x19C0, 0, RingEnd));
        }

        [TestMethod]
        public void ANextPointerBeyondTheRingIsCorruption()
        {
            int result = ReceiveHeader.Check(Header(0x1A00, 68, 0x0080), 2, 0x0000, 0, RingEnd);
            Assert.AreEqual(ReceiveHeader.NextPointerOutsideRing, result);
            Assert.IsTrue(ReceiveHeader.IsCorrupt(result));
        }

        [TestMethod]
        public void AnOddNextPointerIsCorruption()
        {
            int result = ReceiveHeader.Check(Header(0x004B, 68, 0x0080), 2, 0x0000, 0, RingEnd);
            Assert.AreEqual(ReceiveHeader.NextPointerOdd, result);
            Assert.IsTrue(ReceiveHeader.IsCorrupt(result));
        }

        [TestMethod]
        public void AByteCountAbove1518IsCorruption()
        {
            Assert.AreEqual(ReceiveHeader.ByteCountOutOfRange, ReceiveHeader.Check(Header(0x0600, 1519, 0x0080), 2, 0x0000, 0, RingEnd));
        }

        [TestMethod]
        public void AByteCountBelow18IsCorruption()
        {
            Assert.AreEqual(ReceiveHeader.ByteCountOutOfRange, ReceiveHeader.Check(Header(0x0016, 16, 0x0080), 2, 0x0000, 0, RingEnd));
        }

        [TestMethod]
        public void StatusBit31SetIsCorruption()
        {
            int result = ReceiveHeader.Check(Header(0x004A, 68, 0x8080), 2, 0x0000, 0, RingEnd);
            Assert.AreEqual(ReceiveHeader.ZeroBitSet, result);
            Assert.IsTrue(ReceiveHeader.IsCorrupt(result));
        }

        [TestMethod]
        public void ACrcErrorDropsOnlyTheFrame()
        {
            int result = ReceiveHeader.Check(Header(0x004A, 68, 0x0090), 2, 0x0000, 0, RingEnd);
            Assert.AreEqual(ReceiveHeader.CrcError, result);
            Assert.IsFalse(ReceiveHeader.IsCorrupt(result));
        }

        [TestMethod]
        public void AMissingReceivedOkDropsOnlyTheFrame()
        {
            int result = ReceiveHeader.Check(Header(0x004A, 68, 0x0200), 2, 0x0000, 0, RingEnd);
            Assert.AreEqual(ReceiveHeader.NotReceivedOk, result);
            Assert.IsFalse(ReceiveHeader.IsCorrupt(result));
        }
    }
}
