#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using NanoTcp.Wire;

namespace NanoTcp.Tests.Dns
{
    [TestClass]
    public class DnsMessageTests
    {
        [TestMethod]
        public void WriteNameMakesLabelsAtAnOffset()
        {
            var buf = new byte[300];
            int length = DnsMessage.WriteName("ab.c.", buf, 3);
            Assert.AreEqual(6, length);
            byte[] expected = { 2, (byte)'a', (byte)'b', 1, (byte)'c', 0 };
            for (int i = 0; i < expected.Length; i++)
            {
                Assert.AreEqual(expected[i], buf[3 + i]);
            }
        }

        [TestMethod]
        public void WriteNameTakesA253CharacterNameAndRefusesA254CharacterOne()
        {
            var buf = new byte[300];
            string label = new string('a', 62);
            string name = label + "." + label + "." + label + "." + label + ".a";
            Assert.AreEqual(253, name.Length);
            Assert.AreEqual(255, DnsMessage.WriteName(name, buf, 0));
            Assert.AreEqual(-1, DnsMessage.WriteName(name + "a", buf, 0));
        }

        [TestMethod]
        public void ExpandNameFollowsAPointerBackwardAndReportsWhereTheNameEnds()
        {
            // "c" at 12, then at 15: label "x" + pointer to 12.
            byte[] msg = new byte[20];
            msg[12] = 1;
            msg[13] = (byte)'c';
            msg[14] = 0;
            msg[15] = 1;
            msg[16] = (byte)'x';
            msg[17] = 0xC0;
            msg[18] = 12;
            var name = new byte[256];
            int end;
            Assert.AreEqual(5, DnsMessage.ExpandName(msg, 0, 19, 15, name, 0, out end));
            Assert.AreEqual(19, end);
            Assert.AreEqual("x.c", DnsMessage.NameToString(name, 0));
        }

        [TestMethod]
        public void ExpandNameRefusesAForwardPointer()
        {
            byte[] msg = new byte[20];
            msg[12] = 0xC0;
            msg[13] = 14;
            int end;
            Assert.AreEqual(-1, DnsMessage.ExpandName(msg, 0, 20, 12, null, 0, out end));
        }

        [TestMethod]
        public void ExpandNameRefusesMoreThanSixteenPointers()
        {
            // 17 pointers, each to the one before it, the first to a root name at 0.
            byte[] msg = new byte[2 + 17 * 2];
            msg[0] = 0;
            for (int i = 0; i < 17; i++)
            {
                int at = 2 + i * 2;
                msg[at] = 0xC0;
                msg[at + 1] = (byte)(i == 0 ? 0 : at - 2);
            }

            int end;
            Assert.AreEqual(-1, DnsMessage.ExpandName(msg, 0, msg.Length, msg.Length - 2, null, 0, out end));
            Assert.AreEqual(1, DnsMessage.ExpandName(msg, 0, msg.Length, msg.Length - 4, null, 0, out end), "16 pointers are followed");
        }

        [TestMethod]
        public void NamesCompareWithoutCase()
        {
            var a = new byte[20];
            var b = new byte[20];
            int length = DnsMessage.WriteName("Board.EXAMPLE", a, 0);
            DnsMessage.WriteName("board.example", b, 0);
            Assert.IsTrue(DnsMessage.NamesEqual(a, 0, b, 0, length));
            b[1] = (byte)'c';
            Assert.IsFalse(DnsMessage.NamesEqual(a, 0, b, 0, length));
        }
    }
}
