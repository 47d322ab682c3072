#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using NanoTcp.Tcp;

namespace NanoTcp.Tests.Tcp
{
    [TestClass]
    public class InitialSequenceNumberTests
    {
        [TestMethod]
        public void SameFourTupleAdvancesWithAFourMicrosecondClock()
        {
            var hash = new KeyedHash(42);
            uint a = InitialSequenceNumber.Generate(hash, 1000, 0x0A000001, 80, 0x0A000002, 40000);
            uint b = InitialSequenceNumber.Generate(hash, 1001, 0x0A000001, 80, 0x0A000002, 40000);
            Assert.AreEqual(250u, b - a);
        }

        [TestMethod]
        public void DifferentFourTuplesOrSecretsGiveUnrelatedNumbers()
        {
            var hash = new KeyedHash(42);
            uint a = InitialSequenceNumber.Generate(hash, 1000, 0x0A000001, 80, 0x0A000002, 40000);
            uint b = InitialSequenceNumber.Generate(hash, 1000, 0x0A000001, 80, 0x0A000002, 40001);
            uint c = InitialSequenceNumber.Generate(new KeyedHash(43), 1000, 0x0A000001, 80, 0x0A000002, 40000);
            // Not a small step apart: the keyed hash scatters them over the sequence space.
            Assert.IsTrue(b - a > 1000000 && a - b > 1000000);
            Assert.IsTrue(c - a > 1000000 && a - c > 1000000);
        }
    }
}
