#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using NanoTcp.Tcp;

namespace NanoTcp.Tests.Tcp
{
    [TestClass]
    public class SynCookieTests
    {
        [TestMethod]
        public void CookieCarriesTimeCounterMssIndexAndIsValidForTwoPeriods()
        {
            var hash = new KeyedHash(7);
            uint cookie = SynCookie.Make(hash, 130000, 1, 80, 2, 40000, 5000, 1460);
            Assert.AreEqual(2u, cookie >> 27, "t = 130000 / 64000");
            Assert.AreEqual(7u, (cookie >> 24) & 7, "index of 1460");
            Assert.AreEqual(1460, SynCookie.Check(hash, 130000, 1, 80, 2, 40000, 5000, cookie));
            Assert.AreEqual(1460, SynCookie.Check(hash, 255999, 1, 80, 2, 40000, 5000, cookie));
            Assert.AreEqual(-1, SynCookie.Check(hash, 256000, 1, 80, 2, 40000, 5000, cookie), "two counter steps later");
        }

        [TestMethod]
        public void CookieIsBoundToTheFourTupleAndTheClientIsn()
        {
            var hash = new KeyedHash(7);
            uint cookie = SynCookie.Make(hash, 0, 1, 80, 2, 40000, 5000, 536);
            Assert.AreEqual(536, SynCookie.Check(hash, 0, 1, 80, 2, 40000, 5000, cookie));
            Assert.AreEqual(-1, SynCookie.Check(hash, 0, 1, 80, 2, 40001, 5000, cookie));
            Assert.AreEqual(-1, SynCookie.Check(hash, 0, 1, 80, 3, 40000, 5000, cookie));
            Assert.AreEqual(-1, SynCookie.Check(hash, 0, 1, 80, 2, 40000, 5001, cookie));
            Assert.AreEqual(-1, SynCookie.Check(new KeyedHash(8), 0, 1, 80, 2, 40000, 5000, cookie));
        }

        [TestMethod]
        public void MssIsRoundedDownToTheTable()
        {
            Assert.AreEqual(1400, SynCookie.DecodeMss(SynCookie.EncodeMss(1439)));
            Assert.AreEqual(536, SynCookie.DecodeMss(SynCookie.EncodeMss(100)));
            Assert.AreEqual(1460, SynCookie.DecodeMss(SynCookie.EncodeMss(9000)));
        }
    }
}
