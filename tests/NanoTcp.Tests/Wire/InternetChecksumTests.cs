#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using System;
using NanoTcp.Wire;

namespace NanoTcp.Tests.Wire
{
    [TestClass]
    public class InternetChecksumTests
    {
        // RFC 1071 by the book: 16-bit big-endian words, end-around carry, odd byte padded with zero.
        private static ushort Reference(byte[] buf, int off, int len, uint initial)
        {
            uint sum = initial;
            for (int i = 0; i < len; i += 2)
            {
                int word = buf[off + i] << 8;
                if (i + 1 < len)
                {
                    word |= buf[off + i + 1];
                }

                sum += (uint)word;
                while ((sum >> 16) != 0)
                {
                    sum = (sum & 0xFFFF) + (sum >> 16);
                }
            }

            while ((sum >> 16) != 0)
            {
                sum = (sum & 0xFFFF) + (sum >> 16);
            }

            return (ushort)(~sum & 0xFFFF);
        }

        [TestMethod]
        public void Rfc1071ExampleSumsToDdf2()
        {
            // RFC 1071 §3: bytes 00 01 f2 03 f4 f5 f6 f7 sum to ddf2, checksum 220d.
            byte[] buf = new byte[] { 0x00, 0x01, 0xF2, 0x03, 0xF4, 0xF5, 0xF6, 0xF7 };
            Assert.AreEqual((uint)0xDDF2, InternetChecksum.Sum(buf, 0, 8, 0));
            Assert.AreEqual((ushort)0x220D, InternetChecksum.Compute(buf, 0, 8));
        }

        [TestMethod]
        public void KnownIpv4HeaderChecksumIsB861()
        {
            // A textbook IPv4 header (Wikipedia's example): checksum b861.
            byte[] buf = new byte[] { 0x45, 0x00, 0x00, 0x73, 0x00, 0x00, 0x40, 0x00, 0x40, 0x11, 0x00, 0x00, 0xC0, 0xA8, 0x00, 0x01, 0xC0, 0xA8, 0x00, 0xC7 };
            Assert.AreEqual((ushort)0xB861, InternetChecksum.Compute(buf, 0, 20));
            buf[10] = 0xB8;
            buf[11] = 0x61;
            Assert.AreEqual((ushort)0, InternetChecksum.Compute(buf, 0, 20));
        }

        [TestMethod]
        public void MatchesTheReferenceForEveryLengthAndOffsetOnRandomData()
        {
            Random random = new Random(1071);
            byte[] buf = new byte[200];
            random.NextBytes(buf);
            for (int off = 0; off < 9; off++)
            {
                for (int len = 0; len <= 150; len++)
                {
                    Assert.AreEqual(Reference(buf, off, len, 0), InternetChecksum.Compute(buf, off, len), "offset " + off + " length " + len);
                }
            }
        }

        [TestMethod]
        public void MatchesTheReferenceOnAllOnesData()
        {
            byte[] buf = new byte[1600];
            for (int i = 0; i < buf.Length; i++)
            {
                buf[i] = 0xFF;
            }

            for (int len = 0; len <= 1514; len += 37)
            {
                Assert.AreEqual(Reference(buf, 1, len, 0), InternetChecksum.Compute(buf, 1, len), "length " + len);
                Assert.AreEqual(Reference(buf, 0, len, 0xFFFF), InternetChecksum.Compute(buf, 0, len, 0xFFFF), "length " + len + " with initial");
            }

            Assert.AreEqual(Reference(buf, 0, 1514, 0), InternetChecksum.Compute(buf, 0, 1514));
        }

        [TestMethod]
        public void FullFrameOfRandomDataWithPseudoHeaderMatchesTheReference()
        {
            Random random = new Random(42);
            byte[] buf = new byte[1514];
            for (int round = 0; round < 20; round++)
            {
                random.NextBytes(buf);
                uint pseudo = InternetChecksum.PseudoHeaderSum(0xC0A80001, 0xFFFFFFFF, 17, 1480 - round);
                Assert.AreEqual(Reference(buf, 34, 1480 - round, pseudo), InternetChecksum.Compute(buf, 34, 1480 - round, pseudo));
            }
        }

        [TestMethod]
        public void PseudoHeaderSumAddsAddressHalvesProtocolAndLength()
        {
            uint expected = 0x0A00u + 0x0001u + 0x0A00u + 0x0002u + 6u + 40u;
            Assert.AreEqual(expected, InternetChecksum.PseudoHeaderSum(0x0A000001, 0x0A000002, 6, 40));
        }

        [TestMethod]
        public void PseudoHeaderFoldedInEqualsAPseudoHeaderBuffer()
        {
            // UDP over IPv4: the same sum as checksumming a real 12-byte pseudo-header followed by the datagram.
            byte[] datagram = new byte[] { 0x30, 0x39, 0x00, 0x35, 0x00, 0x0B, 0x00, 0x00, 0x61, 0x62, 0x63 };
            byte[] withPseudo = new byte[12 + datagram.Length];
            Bytes.WriteUInt32(withPseudo, 0, 0xC0000201);
            Bytes.WriteUInt32(withPseudo, 4, 0xC6336402);
            withPseudo[9] = 17;
            Bytes.WriteUInt16(withPseudo, 10, (ushort)datagram.Length);
            Array.Copy(datagram, 0, withPseudo, 12, datagram.Length);
            ushort expected = Reference(withPseudo, 0, withPseudo.Length, 0);
            Assert.AreEqual(expected, InternetChecksum.Compute(datagram, 0, datagram.Length, InternetChecksum.PseudoHeaderSum(0xC0000201, 0xC6336402, 17, datagram.Length)));
        }

        [TestMethod]
        public void ChainedSumsOverEvenSplitsEqualOneSum()
        {
            Random random = new Random(7);
            byte[] buf = new byte[101];
            random.NextBytes(buf);
            uint first = InternetChecksum.Sum(buf, 0, 40, 0x1234);
            Assert.AreEqual(InternetChecksum.Compute(buf, 0, 101, 0x1234), InternetChecksum.Complement(InternetChecksum.Sum(buf, 40, 61, first)));
        }
    }
}
