#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using NanoTcp.Tcp;
using NanoTcp.Wire;

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

        [TestMethod]
        public void FourTupleReopenedWithinOneMillisecondGetsALaterIsn()
        {
            // Caught by the unpredictability check (Host/Reliability): the millisecond tick gave a four-tuple opened,
            // reset and opened again within one millisecond the same ISN.
            var h = new TcpHarness(new TcpConfiguration { SecretSeed = 13 });
            new TcpListener(h.Layer, 80, 4).Start();
            h.Inject(1000, 0, TcpHeader.Syn, 8192, null, 1460);
            uint first = h.Next().Seq;
            h.Inject(1001, 0, TcpHeader.Rst, 0);
            h.Inject(1000, 0, TcpHeader.Syn, 8192, null, 1460);
            Assert.AreEqual(first + 1, h.Next().Seq, "the second ISN follows the first within the same millisecond");
            h.Inject(1001, 0, TcpHeader.Rst, 0);
            h.Advance(1);
            h.Inject(1000, 0, TcpHeader.Syn, 8192, null, 1460);
            Assert.AreEqual(first + 250, h.Next().Seq, "one millisecond later the 4 µs clock leads again");
        }
    }
}
