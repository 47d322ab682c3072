#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using NanoTcp.Http;

namespace NanoTcp.Tests.Http
{
    [TestClass]
    public class Crc32Tests
    {
        [TestMethod]
        public void CheckValuesOfTheIeeeCrc32AreMet()
        {
            byte[] check = HttpAscii.Encode("123456789");
            Assert.AreEqual(0xCBF43926u, Crc32.Finish(Crc32.Update(Crc32.Initial, check, 0, check.Length)));
            byte[] fox = HttpAscii.Encode("The quick brown fox jumps over the lazy dog");
            Assert.AreEqual(0x414FA339u, Crc32.Finish(Crc32.Update(Crc32.Initial, fox, 0, fox.Length)));
            Assert.AreEqual(0u, Crc32.Finish(Crc32.Initial));
        }

        [TestMethod]
        public void CrcOverPiecesAtAnOffsetEqualsTheCrcOverTheWhole()
        {
            byte[] padded = HttpAscii.Encode("xx123456789yy");
            uint crc = Crc32.Update(Crc32.Initial, padded, 2, 4);
            crc = Crc32.Update(crc, padded, 6, 5);
            Assert.AreEqual(0xCBF43926u, Crc32.Finish(crc));
        }
    }
}
