#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using NanoTcp.Http;
using NanoTcp.Tcp;

namespace NanoTcp.Tests.Http
{
    /// <summary>
    /// Streamed request bodies over the stack's own TCP on a manual clock (the firmware's loop in miniature): a body
    /// larger than every ring and buffer of the board goes through "/echo" and "/upload" byte-exact, with the client's
    /// sending held back by the board's receive window while the echo's response drains.
    /// </summary>
    [TestClass]
    public class HttpStreamingLoopTests
    {
        private const int BodyLength = 40000;

        private static byte[] Pattern(int length)
        {
            byte[] data = new byte[length];
            for (int i = 0; i < length; i++)
            {
                data[i] = BulkData.ByteAt(i * 13);
            }

            return data;
        }

        /// <summary>Sends <paramref name="body"/> while reading up to <paramref name="readPerStep"/> bytes a turn, until <paramref name="expected"/> bytes were read.</summary>
        private static void SendAndRead(HttpLoopNetwork net, TcpConnection client, byte[] body, int readPerStep, int expected)
        {
            int sent = 0;
            for (int i = 0; i < 200000 && (sent < body.Length || net.ReceivedLength < expected); i++)
            {
                if (sent < body.Length)
                {
                    int n = client.TrySend(body, sent, body.Length - sent);
                    if (n > 0)
                    {
                        sent += n;
                    }
                }

                net.Read(client, readPerStep);
                net.Step();
            }

            Assert.AreEqual(body.Length, sent, "body bytes the client could send");
            Assert.AreEqual(expected, net.ReceivedLength, "response bytes the client read");
        }

        [TestMethod]
        public void EchoOfABodyLargerThanEveryRingComesBackByteExactAtThePaceOfItsReader()
        {
            HttpLoopNetwork net = new HttpLoopNetwork(1024, 1000, new FakeStatusSource());
            string head = "HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nContent-Length: 40000\r\n\r\n";
            TcpConnection client = net.Request("POST /echo HTTP/1.1\r\nHost: b\r\nContent-Length: 40000\r\n\r\n");
            byte[] body = Pattern(BodyLength);
            SendAndRead(net, client, body, 300, head.Length + BodyLength);

            Assert.AreEqual(head, net.ReceivedText().Substring(0, head.Length));
            for (int i = 0; i < BodyLength; i++)
            {
                if (net.ReceivedAt(head.Length + i) != body[i])
                {
                    Assert.AreEqual((int)body[i], (int)net.ReceivedAt(head.Length + i), "echoed byte " + i.ToString());
                }
            }

            Assert.AreEqual(1, net.Server.Counters.BodiesStreamed);
            Assert.AreEqual(0, net.Server.Counters.ConnectionsLost);
            Assert.AreEqual(0, net.ReentrantPolls);
        }

        [TestMethod]
        public void UploadOfABodyLargerThanEveryRingAnswersItsLengthAndCrc32()
        {
            HttpLoopNetwork net = new HttpLoopNetwork(1024, 1000, new FakeStatusSource());
            TcpConnection client = net.Request("POST /upload HTTP/1.1\r\nHost: b\r\nTransfer-Encoding: chunked\r\n\r\n");
            byte[] data = Pattern(BodyLength);

            // The same bytes as chunks of 1000 (size line "3e8"), then the last chunk.
            byte[] body = new byte[BodyLength + ((BodyLength / 1000) * 7) + 5];
            int p = 0;
            for (int chunk = 0; chunk < BodyLength; chunk += 1000)
            {
                body[p++] = (byte)'3';
                body[p++] = (byte)'e';
                body[p++] = (byte)'8';
                body[p++] = (byte)'\r';
                body[p++] = (byte)'\n';
                System.Array.Copy(data, chunk, body, p, 1000);
                p += 1000;
                body[p++] = (byte)'\r';
                body[p++] = (byte)'\n';
            }

            body[p++] = (byte)'0';
            body[p++] = (byte)'\r';
            body[p++] = (byte)'\n';
            body[p++] = (byte)'\r';
            body[p++] = (byte)'\n';
            Assert.AreEqual(body.Length, p);

            uint crc = Crc32.Finish(Crc32.Update(Crc32.Initial, data, 0, data.Length));
            byte[] hex = new byte[8];
            HttpAscii.WriteHexFixed(hex, 0, (int)crc, 8);
            string answer = "40000 " + Text.Ascii(hex, 0, 8) + "\n";
            string expected = "HTTP/1.1 200 OK\r\nContent-Type: text/plain; charset=us-ascii\r\nContent-Length: " + answer.Length.ToString() + "\r\n\r\n" + answer;
            SendAndRead(net, client, body, 4096, expected.Length);
            Assert.AreEqual(expected, net.ReceivedText());
            Assert.AreEqual(0, net.ReentrantPolls);
        }
    }
}
