#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using NanoTcp.Drivers.Enc28j60;

namespace NanoTcp.Tests.Enc28j60Driver
{
    /// <summary>Fields of the 7-byte transmit status vector (DS Table 7-1).</summary>
    [TestClass]
    public class TransmitStatusVectorTests
    {
        [TestMethod]
        public void LateCollisionIsBit29ThatIsByte3Bit5()
        {
            var tsv = new byte[] { 0x00, 0x40, 0x00, 0x20, 0x00, 0x00, 0x00 };
            Assert.IsTrue(TransmitStatusVector.IsLateCollision(tsv, 0));
            Assert.IsFalse(TransmitStatusVector.IsExcessiveCollision(tsv, 0));
            tsv[3] = 0x10;
            Assert.IsFalse(TransmitStatusVector.IsLateCollision(tsv, 0));
            Assert.IsTrue(TransmitStatusVector.IsExcessiveCollision(tsv, 0));
        }

        [TestMethod]
        public void ByteCountCollisionsAndDoneAreReadLittleEndian()
        {
            var tsv = new byte[] { 0x00, 0xEA, 0x05, 0x83, 0x00, 0x00, 0x00, 0x00 };
            Assert.AreEqual(0x05EA, TransmitStatusVector.ByteCount(tsv, 1));
            Assert.AreEqual(3, TransmitStatusVector.CollisionCount(tsv, 1));
            Assert.IsTrue(TransmitStatusVector.IsDone(tsv, 1));
            Assert.IsFalse(TransmitStatusVector.IsGiant(tsv, 1));
        }
    }
}
