#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using System;
using NanoTcp.Mdns;
using NanoTcp.Tests.Ipv4;

namespace NanoTcp.Tests.Mdns
{
    /// <summary>Makes a bad message from a good query for nanotcp.local.</summary>
    internal delegate byte[] BadQuery(byte[] good);

    /// <summary>Reads the one counter a bad message must raise.</summary>
    internal delegate int MdnsCounterRead(MdnsCounters counters);

    /// <summary>
    /// Every malformed mDNS message is dropped, counted under exactly one reason and never thrown, and the good query
    /// after it is still answered. The good query: header 0..11, the name "nanotcp.local" 12..26 (7 "nanotcp" 5 "local"
    /// 0), type 27..28, class 29..30.
    /// </summary>
    [TestClass]
    public class MdnsMalformedTests
    {
        private const int NameOffset = 12;
        private const int TypeOffset = 27;

        private static void AssertDroppedThenAnswered(BadQuery bad, MdnsCounterRead counter)
        {
            MdnsFixture f = MdnsFixture.Announced();
            byte[] good = MdnsFixture.QueryFor("nanotcp.local");
            int mark = f.Mark;
            f.Peer.SendToGroup(bad(good));
            f.Settle();
            Assert.AreEqual(mark, f.Mark, "nothing answered to the bad message");
            Assert.AreEqual(1, counter(f.Counters), "counted under its reason");
            Assert.AreEqual(1, f.Counters.Dropped, "counted once");
            Assert.AreEqual(0, f.Board.Drops.Get(DropReason.HandlerFault), "never thrown");
            f.AskOnGroup();
            Assert.AreEqual(mark + 1, f.Mark, "the good query after it is answered");
        }

        private static byte[] Copy(byte[] good)
        {
            return Frames.Slice(good, 0, good.Length);
        }

        [TestMethod]
        public void AnEmptyMessageIsDroppedAsMalformed()
        {
            AssertDroppedThenAnswered(good => new byte[0], c => c.DroppedMalformed);
        }

        [TestMethod]
        public void ATruncatedHeaderIsDroppedAsMalformed()
        {
            AssertDroppedThenAnswered(good => Frames.Slice(good, 0, 11), c => c.DroppedMalformed);
        }

        [TestMethod]
        public void AQuestionCutInItsTypeIsDroppedAsMalformed()
        {
            AssertDroppedThenAnswered(good => Frames.Slice(good, 0, TypeOffset + 3), c => c.DroppedMalformed);
        }

        [TestMethod]
        public void MoreQuestionsCountedThanPresentAreDroppedAsMalformed()
        {
            AssertDroppedThenAnswered(good => { byte[] b = Copy(good); b[5] = 2; return b; }, c => c.DroppedMalformed);
        }

        [TestMethod]
        public void AllCountsAtTheirLargestAreDroppedAsMalformed()
        {
            AssertDroppedThenAnswered(good =>
            {
                byte[] b = Copy(good);
                for (int i = 4; i < 12; i++)
                {
                    b[i] = 0xFF;
                }

                return b;
            }, c => c.DroppedMalformed);
        }

        [TestMethod]
        public void AKnownAnswerRunningPastTheEndIsDroppedAsMalformed()
        {
            AssertDroppedThenAnswered(good =>
            {
                byte[] b = MdnsMessageBuilder.Query().Question("nanotcp.local", 1, 1).Answer("nanotcp.local", 120, MdnsFixture.BoardAddress).ToArray();
                b[b.Length - 5] = 0xFF; // RDLENGTH's low byte
                return b;
            }, c => c.DroppedMalformed);
        }

        [TestMethod]
        public void ACompressionPointerToItselfIsDroppedAsABadName()
        {
            AssertDroppedThenAnswered(good => { byte[] b = Copy(good); b[NameOffset] = 0xC0; b[NameOffset + 1] = NameOffset; return b; }, c => c.DroppedBadName);
        }

        [TestMethod]
        public void TwoCompressionPointersToEachOtherAreDroppedAsABadName()
        {
            AssertDroppedThenAnswered(good =>
            {
                // The second label is replaced by a pointer back to the first name, which becomes a pointer to it.
                byte[] b = Copy(good);
                b[NameOffset] = 0xC0;
                b[NameOffset + 1] = NameOffset + 8;
                b[NameOffset + 8] = 0xC0;
                b[NameOffset + 9] = NameOffset;
                return b;
            }, c => c.DroppedBadName);
        }

        [TestMethod]
        public void ACompressionPointerOutOfTheMessageIsDroppedAsABadName()
        {
            AssertDroppedThenAnswered(good => { byte[] b = Copy(good); b[NameOffset] = 0xFF; b[NameOffset + 1] = 0xF0; return b; }, c => c.DroppedBadName);
        }

        [TestMethod]
        public void ALabelRunningPastTheEndIsDroppedAsABadName()
        {
            AssertDroppedThenAnswered(good => { byte[] b = Copy(good); b[NameOffset] = 60; return b; }, c => c.DroppedBadName);
        }

        [TestMethod]
        public void AReservedLabelTypeIsDroppedAsABadName()
        {
            AssertDroppedThenAnswered(good => { byte[] b = Copy(good); b[NameOffset] = 0x47; return b; }, c => c.DroppedBadName);
        }

        [TestMethod]
        public void ANameLongerThan255BytesIsDroppedAsABadName()
        {
            AssertDroppedThenAnswered(good =>
            {
                byte[] b = new byte[12 + 5 * 64 + 1 + 4];
                Array.Copy(good, b, 12);
                int at = 12;
                for (int label = 0; label < 5; label++)
                {
                    b[at] = 63;
                    for (int i = 1; i <= 63; i++)
                    {
                        b[at + i] = (byte)'a';
                    }

                    at += 64;
                }

                b[at] = 0;
                b[at + 2] = 1;
                b[at + 4] = 1;
                return b;
            }, c => c.DroppedBadName);
        }

        [TestMethod]
        public void AnOpcodeOtherThanZeroIsIgnoredAndCounted()
        {
            AssertDroppedThenAnswered(good => { byte[] b = Copy(good); b[2] = 0x10; return b; }, c => c.DroppedUnsupported);
        }

        [TestMethod]
        public void AResponseCodeOtherThanZeroIsIgnoredAndCounted()
        {
            AssertDroppedThenAnswered(good => { byte[] b = Copy(good); b[3] = 0x03; return b; }, c => c.DroppedUnsupported);
        }

        [TestMethod]
        public void AQueryFromOutsideTheLinkIsDroppedAndCounted()
        {
            MdnsFixture f = MdnsFixture.Announced();
            int mark = f.Mark;
            uint stranger = Frames.Ip(192, 168, 7, 7);
            f.Peer.SendFrame(Frames.Udp(MdnsPeer.GroupMac, f.Peer.Mac, stranger, NanoTcp.Wire.MdnsMessage.GroupAddress, 5353, 5353, MdnsFixture.QueryFor("nanotcp.local")));
            f.Settle();
            Assert.AreEqual(mark, f.Mark);
            Assert.AreEqual(1, f.Counters.DroppedOffLink);
        }
    }
}
