#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using System;
using NanoTcp.Dns;
using NanoTcp.Tests.Ipv4;

namespace NanoTcp.Tests.Dns
{
    /// <summary>Reads the one counter a bad answer must raise.</summary>
    internal delegate int CounterRead(DnsCounters counters);

    /// <summary>
    /// Every bad answer is dropped, counted under exactly one reason and never thrown; the good answer that follows it
    /// is still used. The good answer for "board.example": header 0..11, question name 12..26, type and class 27..30,
    /// the A record 31..46 (owner pointer 31..32, type, class, TTL, RDLENGTH 39..40, address 41..44... see Build).
    /// </summary>
    [TestClass]
    public class DnsAnswerCheckTests
    {
        private const int AnswerOffset = 31;
        private const int DataLengthOffset = AnswerOffset + 10;
        private static readonly uint Board = Network.Subnet + 80;

        private static void AssertDroppedThenAnswered(BadReply bad, CounterRead counter, bool fromOtherPort, bool fromOtherAddress)
        {
            var net = new Network();
            var server = new ScriptedDnsServer(net, 53);
            server.AddA("board.example", Board, 300);
            server.Corrupt = bad;
            server.CorruptFromPort = fromOtherPort ? (ushort)5353 : (ushort)53;
            server.CorruptFromOtherAddress = fromOtherAddress;
            NetworkStack client = net.AddStack(1, c => c.Dns.Servers = new uint[] { Network.Subnet + 53 });
            int query = client.Dns.BeginQuery("board.example");
            net.Settle();
            DnsCounters counters = client.Dns.Counters;
            Assert.AreEqual(DnsQueryState.Answered, client.Dns.State(query), "the good answer after the bad one is used");
            Assert.AreEqual(Board, client.Dns.Address(query));
            Assert.AreEqual(1, counter(counters), "counted under its reason");
            Assert.AreEqual(1, counters.Dropped, "counted once");
            Assert.AreEqual(0, client.Drops.Get(DropReason.HandlerFault), "never thrown");
        }

        private static void AssertDroppedThenAnswered(BadReply bad, CounterRead counter)
        {
            AssertDroppedThenAnswered(bad, counter, false, false);
        }

        private static byte[] Copy(byte[] good)
        {
            return Frames.Slice(good, 0, good.Length);
        }

        [TestMethod]
        public void ATruncatedHeaderIsDroppedAsMalformed()
        {
            AssertDroppedThenAnswered(good => Frames.Slice(good, 0, 5), c => c.DroppedMalformed);
        }

        [TestMethod]
        public void AnEmptyDatagramIsDroppedAsMalformed()
        {
            AssertDroppedThenAnswered(good => new byte[0], c => c.DroppedMalformed);
        }

        [TestMethod]
        public void TwoQuestionsAreDroppedAsMalformed()
        {
            AssertDroppedThenAnswered(good => { byte[] b = Copy(good); b[5] = 2; return b; }, c => c.DroppedMalformed);
        }

        [TestMethod]
        public void MoreAnswersCountedThanPresentAreDroppedAsMalformed()
        {
            AssertDroppedThenAnswered(good => { byte[] b = Copy(good); b[7] = 3; return b; }, c => c.DroppedMalformed);
        }

        [TestMethod]
        public void RecordDataRunningPastTheEndIsDroppedAsMalformed()
        {
            AssertDroppedThenAnswered(good => { byte[] b = Copy(good); b[DataLengthOffset] = 0xFF; return b; }, c => c.DroppedMalformed);
        }

        [TestMethod]
        public void AQueryInsteadOfAResponseIsDroppedAsMalformed()
        {
            AssertDroppedThenAnswered(good => { byte[] b = Copy(good); b[2] &= 0x7F; return b; }, c => c.DroppedMalformed);
        }

        [TestMethod]
        public void ACompressionPointerToItselfIsDroppedAsABadName()
        {
            AssertDroppedThenAnswered(good => { byte[] b = Copy(good); b[AnswerOffset] = 0xC0; b[AnswerOffset + 1] = AnswerOffset; return b; }, c => c.DroppedBadName);
        }

        [TestMethod]
        public void TwoCompressionPointersToEachOtherAreDroppedAsABadName()
        {
            // The question's name becomes a pointer to the answer's owner, which points back to the question.
            AssertDroppedThenAnswered(good =>
            {
                byte[] b = new byte[good.Length];
                Array.Copy(good, b, good.Length);
                b[AnswerOffset] = 0xC0;
                b[AnswerOffset + 1] = 12;
                b[12] = 0xC0;
                b[13] = AnswerOffset;
                return b;
            }, c => c.DroppedBadName);
        }

        [TestMethod]
        public void ACompressionPointerOutOfTheMessageIsDroppedAsABadName()
        {
            AssertDroppedThenAnswered(good => { byte[] b = Copy(good); b[AnswerOffset] = 0xFF; b[AnswerOffset + 1] = 0xFF; return b; }, c => c.DroppedBadName);
        }

        [TestMethod]
        public void ACompressionPointerCutByTheEndIsDroppedAsABadName()
        {
            AssertDroppedThenAnswered(good => { byte[] b = Frames.Slice(good, 0, AnswerOffset + 1); b[AnswerOffset] = 0xC0; return b; }, c => c.DroppedBadName);
        }

        [TestMethod]
        public void AReservedLabelTypeIsDroppedAsABadName()
        {
            AssertDroppedThenAnswered(good => { byte[] b = Copy(good); b[AnswerOffset] = 0x41; return b; }, c => c.DroppedBadName);
        }

        [TestMethod]
        public void ANameLongerThan255BytesIsDroppedAsABadName()
        {
            AssertDroppedThenAnswered(good =>
            {
                // The answer's owner: five labels of 63 bytes (321 bytes in wire form), then the record.
                byte[] b = new byte[AnswerOffset + 5 * 64 + 1 + 14];
                Array.Copy(good, b, AnswerOffset);
                int at = AnswerOffset;
                for (int label = 0; label < 5; label++)
                {
                    b[at++] = 63;
                    for (int i = 0; i < 63; i++)
                    {
                        b[at++] = (byte)'a';
                    }
                }

                b[at++] = 0;
                Array.Copy(good, AnswerOffset + 2, b, at, 14);
                return b;
            }, c => c.DroppedBadName);
        }

        [TestMethod]
        public void AWrongTransactionIdIsDropped()
        {
            AssertDroppedThenAnswered(good => { byte[] b = Copy(good); b[0] ^= 0xFF; return b; }, c => c.DroppedWrongId);
        }

        [TestMethod]
        public void AnotherQuestionNameIsDropped()
        {
            AssertDroppedThenAnswered(good => { byte[] b = Copy(good); b[13] = (byte)'x'; return b; }, c => c.DroppedWrongQuestion);
        }

        [TestMethod]
        public void AnotherQuestionTypeIsDropped()
        {
            AssertDroppedThenAnswered(good => { byte[] b = Copy(good); b[AnswerOffset - 3] = 28; return b; }, c => c.DroppedWrongQuestion);
        }

        [TestMethod]
        public void ATruncatedAnswerIsDropped()
        {
            AssertDroppedThenAnswered(good => { byte[] b = Copy(good); b[2] |= 0x02; return b; }, c => c.DroppedTruncated);
        }

        [TestMethod]
        public void AnAnswerFromAnotherPortIsDropped()
        {
            AssertDroppedThenAnswered(good => Copy(good), c => c.DroppedWrongSource, true, false);
        }

        [TestMethod]
        public void AnAnswerFromAnotherAddressIsDropped()
        {
            AssertDroppedThenAnswered(good => Copy(good), c => c.DroppedWrongSource, false, true);
        }

        [TestMethod]
        public void RandomBytesOfEveryLengthAreDroppedNeverThrown()
        {
            var random = new Random(7);
            for (int length = 0; length < 80; length += 3)
            {
                int size = length;
                AssertDroppedThenAnswered(good =>
                {
                    byte[] b = Copy(good);
                    if (size < b.Length)
                    {
                        b = Frames.Slice(b, 0, size);
                    }

                    // Keep the ID (else every case is only a wrong ID) and scramble the rest.
                    for (int i = 2; i < b.Length; i++)
                    {
                        b[i] = (byte)random.Next(256);
                    }

                    return b;
                }, c => c.Dropped);
            }
        }
    }
}
