#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using NanoTcp.Http;

namespace NanoTcp.Tests.Http
{
    /// <summary>
    /// Request bodies read as they arrive (HttpServer.MapStreaming, IHttpBodyReader): "/echo" and "/upload", chunked
    /// bodies, 100-continue accepted and refused, refused bodies discarded, stalls and closes mid-body.
    /// </summary>
    [TestClass]
    public class HttpStreamingBodyTests
    {
        private const string HelloResponse = "HTTP/1.1 200 OK\r\nContent-Type: text/plain; charset=us-ascii\r\nContent-Length: 6\r\n\r\nhello\n";

        /// <summary>The CRC-32 check value of "123456789" (the catalogue's "check" for CRC-32/ISO-HDLC).</summary>
        private const string CheckUploadAnswer = "9 cbf43926\n";

        private static string UploadResponse(string answer)
        {
            return "HTTP/1.1 200 OK\r\nContent-Type: text/plain; charset=us-ascii\r\nContent-Length: " + answer.Length.ToString() + "\r\n\r\n" + answer;
        }

        private static string ErrorResponse(string statusAndReason)
        {
            string body = statusAndReason + "\r\n";
            return "HTTP/1.1 " + statusAndReason + "\r\nContent-Type: text/plain; charset=us-ascii\r\nContent-Length: "
                + body.Length.ToString() + "\r\nConnection: close\r\n\r\n" + body;
        }

        private static byte[] Pattern(int length)
        {
            byte[] data = new byte[length];
            for (int i = 0; i < length; i++)
            {
                data[i] = BulkData.ByteAt(i * 7);
            }

            return data;
        }

        /// <summary>A server whose "/limited" streaming route refuses bodies above 100 bytes with 413 and echoes the rest.</summary>
        private static HttpTestServer LimitedServer()
        {
            HttpTestServer test = new HttpTestServer();
            test.Server.MapStreaming("/limited", new HttpHandler(Limited));
            return test;
        }

        private static void Limited(HttpRequest request, HttpResponse response)
        {
            if (request.IsChunked || request.ContentLength > 100)
            {
                response.SendStatus(HttpStatus.ContentTooLarge);
                return;
            }

            new BuiltInRoutes(null).ServeEcho(request, response);
        }

        private static void AssertBodyAfterHead(byte[] output, string head, byte[] body)
        {
            string text = Text.Ascii(output, 0, head.Length < output.Length ? head.Length : output.Length);
            Assert.AreEqual(head, text, "response head");
            Assert.AreEqual(head.Length + body.Length, output.Length, "response length");
            for (int i = 0; i < body.Length; i++)
            {
                if (output[head.Length + i] != body[i])
                {
                    Assert.AreEqual((int)body[i], (int)output[head.Length + i], "echoed byte " + i.ToString());
                }
            }
        }

        [TestMethod]
        public void EchoSendsABodyLargerThanEveryBufferBackByteExact()
        {
            HttpTestServer test = new HttpTestServer();
            byte[] body = Pattern(20000);
            FakeHttpConnection connection = test.Listener.Add();
            connection.Feed("POST /echo HTTP/1.1\r\nHost: h\r\nContent-Length: 20000\r\n\r\n");
            for (int sent = 0; sent < body.Length; sent += 1500)
            {
                connection.Feed(body, sent, body.Length - sent < 1500 ? body.Length - sent : 1500);
                test.PollUntilQuiet();
            }

            AssertBodyAfterHead(connection.OutputBytes(), "HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nContent-Length: 20000\r\n\r\n", body);
            Assert.AreEqual(1, test.Server.Counters.BodiesStreamed);
            Assert.IsFalse(connection.Closed);
            Assert.AreEqual(HelloResponse, Next(test, connection));
        }

        [TestMethod]
        public void EchoReadsOnlyAsFastAsItsResponseDrains()
        {
            HttpTestServer test = new HttpTestServer();
            byte[] body = Pattern(20000);
            FakeHttpConnection connection = test.Listener.Add();
            connection.SendAllowance = 0;
            connection.Feed("POST /echo HTTP/1.1\r\nHost: h\r\nContent-Length: 20000\r\n\r\n");
            connection.Feed(body);
            test.PollUntilQuiet();

            // Nothing can be sent: the server holds at most its output buffer and its body buffer, the rest stays unread.
            int held = test.Configuration.OutputBufferSize + test.Configuration.MaxBodyLength;
            Assert.IsTrue(connection.Unread >= body.Length - held, "the server read " + (body.Length - connection.Unread).ToString() + " body bytes with no send space");
            connection.SendAllowance = int.MaxValue;
            test.PollUntilQuiet();
            AssertBodyAfterHead(connection.OutputBytes(), "HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nContent-Length: 20000\r\n\r\n", body);
        }

        [TestMethod]
        public void UploadAnswersTheLengthAndTheCrc32OfTheBody()
        {
            HttpTestServer test = new HttpTestServer();
            FakeHttpConnection connection = test.Exchange("POST /upload HTTP/1.1\r\nHost: h\r\nContent-Length: 9\r\n\r\n123456789");
            Assert.AreEqual(UploadResponse(CheckUploadAnswer), connection.Output());
        }

        [TestMethod]
        public void UploadOfAnEmptyBodyIsZeroAndTheCrcOfNothing()
        {
            HttpTestServer test = new HttpTestServer();
            FakeHttpConnection connection = test.Exchange("POST /upload HTTP/1.1\r\nHost: h\r\nContent-Length: 0\r\n\r\n");
            Assert.AreEqual(UploadResponse("0 00000000\n"), connection.Output());
        }

        [TestMethod]
        public void UploadHasNoSizeLimitOfTheServer()
        {
            HttpTestServer test = new HttpTestServer();
            byte[] body = Pattern(30000);
            FakeHttpConnection connection = test.Listener.Add();
            connection.Feed("POST /upload HTTP/1.1\r\nHost: h\r\nContent-Length: 30000\r\n\r\n");
            connection.Feed(body);
            test.PollUntilQuiet();
            string crc = Crc(body, 0, body.Length);
            Assert.AreEqual(UploadResponse("30000 " + crc + "\n"), connection.Output());
        }

        [TestMethod]
        public void ChunkedUploadIsDecodedAtEveryByteBoundaryAndThePipelinedRequestAfterItIsServed()
        {
            string request = "POST /upload HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "4;name=\"v\"\r\n1234\r\n5\r\n56789\r\n0\r\nX-Trailer: t\r\n\r\n"
                + "GET /hello HTTP/1.1\r\nHost: h\r\n\r\n";
            byte[] bytes = HttpAscii.Encode(request);
            for (int split = 1; split < bytes.Length; split++)
            {
                HttpTestServer test = new HttpTestServer();
                FakeHttpConnection connection = test.Listener.Add();
                connection.Feed(bytes, 0, split);
                test.PollUntilQuiet();
                connection.Feed(bytes, split, bytes.Length - split);
                test.PollUntilQuiet();
                Assert.AreEqual(UploadResponse(CheckUploadAnswer) + HelloResponse, connection.Output(), "split at " + split.ToString());
            }
        }

        [TestMethod]
        public void ChunkedEchoIsAnsweredChunked()
        {
            HttpTestServer test = new HttpTestServer();
            FakeHttpConnection connection = test.Exchange("POST /echo HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n");
            Assert.AreEqual("HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nTransfer-Encoding: chunked\r\n\r\n0003\r\nabc\r\n0\r\n\r\n", connection.Output());
        }

        [TestMethod]
        public void MalformedChunkFramingIs400AndCountedNeverThrown()
        {
            string[] bodies = new string[]
            {
                "x\r\nabc\r\n0\r\n\r\n",            // no hex digit
                "3x\r\nabc\r\n0\r\n\r\n",           // junk after the size
                "3\r\nabcd\r\n0\r\n\r\n",           // data longer than the size: no CRLF after it
                "1000000000000000\r\n",             // size of 16 hex digits
                "3;a\u0001b\r\nabc\r\n0\r\n\r\n",   // control byte in an extension
                "3\rabc\r\n0\r\n\r\n",              // CR without LF
                "0\r\nX: a\u0001\r\n\r\n",          // control byte in a trailer field
            };
            for (int i = 0; i < bodies.Length; i++)
            {
                HttpTestServer test = new HttpTestServer();
                FakeHttpConnection connection = test.Exchange("POST /upload HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n" + bodies[i]);
                Assert.AreEqual(ErrorResponse("400 Bad Request"), connection.Output(), "body " + i.ToString());
                Assert.IsTrue(connection.Closed, "closed after body " + i.ToString());
                Assert.AreEqual(1, test.Server.Counters.BadChunks, "counted, body " + i.ToString());
            }
        }

        [TestMethod]
        public void OverlongChunkExtensionIs400()
        {
            HttpTestServer test = new HttpTestServer();
            FakeHttpConnection connection = test.Exchange("POST /upload HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n3;" + new string('e', 300) + "\r\nabc\r\n0\r\n\r\n");
            Assert.AreEqual(ErrorResponse("400 Bad Request"), connection.Output());
            Assert.AreEqual(1, test.Server.Counters.BadChunks);
        }

        [TestMethod]
        public void ChunkedBodyToARouteThatReadsWholeBodiesIs411()
        {
            HttpTestServer test = new HttpTestServer();
            FakeHttpConnection connection = test.Exchange("POST /buffered HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n");
            Assert.AreEqual(ErrorResponse("411 Length Required"), connection.Output());
            Assert.AreEqual(1, test.Server.Counters.LengthRequired);
        }

        [TestMethod]
        public void ExpectContinueAcceptedSends100BeforeTheBodyAndThenTheAnswer()
        {
            HttpTestServer test = new HttpTestServer();
            FakeHttpConnection connection = test.Exchange("POST /upload HTTP/1.1\r\nHost: h\r\nExpect: 100-continue\r\nContent-Length: 9\r\n\r\n");
            Assert.AreEqual("HTTP/1.1 100 Continue\r\n\r\n", connection.Output());
            connection.Feed("123456789");
            test.PollUntilQuiet();
            Assert.AreEqual("HTTP/1.1 100 Continue\r\n\r\n" + UploadResponse(CheckUploadAnswer), connection.Output());
            Assert.IsFalse(connection.Closed);
        }

        [TestMethod]
        public void ExpectContinueRefusedFromTheHeaderGetsTheFinalAnswerOnlyAndClosesWhenTheClientDoes()
        {
            HttpTestServer test = LimitedServer();
            FakeHttpConnection connection = test.Exchange("POST /limited HTTP/1.1\r\nHost: h\r\nExpect: 100-continue\r\nContent-Length: 5000\r\n\r\n");
            Assert.AreEqual(ErrorResponse("413 Content Too Large"), connection.Output(), "no 100 Continue, and Connection: close");
            Assert.IsFalse(connection.Closed, "the server waits for the client to close or send the body");
            connection.PeerClosed = true;
            test.PollUntilQuiet();
            Assert.IsTrue(connection.Closed);
            Assert.IsFalse(connection.Aborted);
        }

        [TestMethod]
        public void RefusedBodyWithoutExpectIsDiscardedAndTheConnectionServesTheNextRequest()
        {
            HttpTestServer test = LimitedServer();
            string body = new string('z', 3000);
            FakeHttpConnection connection = test.Exchange("POST /limited HTTP/1.1\r\nHost: h\r\nContent-Length: 3000\r\n\r\n" + body + "GET /hello HTTP/1.1\r\nHost: h\r\n\r\n");
            string refusal = "HTTP/1.1 413 Content Too Large\r\nContent-Type: text/plain; charset=us-ascii\r\nContent-Length: 23\r\n\r\n413 Content Too Large\r\n";
            Assert.AreEqual(refusal + HelloResponse, connection.Output());
            Assert.IsFalse(connection.Closed);
        }

        [TestMethod]
        public void RefusedChunkedBodyIsDiscardedAndTheConnectionServesTheNextRequest()
        {
            HttpTestServer test = LimitedServer();
            FakeHttpConnection connection = test.Exchange("POST /limited HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\nGET /hello HTTP/1.1\r\nHost: h\r\n\r\n");
            string refusal = "HTTP/1.1 413 Content Too Large\r\nContent-Type: text/plain; charset=us-ascii\r\nContent-Length: 23\r\n\r\n413 Content Too Large\r\n";
            Assert.AreEqual(refusal + HelloResponse, connection.Output());
        }

        [TestMethod]
        public void UploadStalledForAMinuteByRetransmissionBackOffIsNotTimedOutAndGetsItsAnswer()
        {
            // Caught by the fault mix on the real-peer path (KernelFaultMixTests): the client's TCP backed off for more
            // than 5 s after losses in a row, and the former default body time-out answered 408 mid-upload.
            HttpTestServer test = new HttpTestServer();
            FakeHttpConnection connection = test.Exchange("POST /upload HTTP/1.1\r\nHost: h\r\nContent-Length: 9\r\n\r\n1234");
            for (int second = 0; second < 60; second++)
            {
                test.Ticks.Now += 1000;
                test.PollUntilQuiet();
            }

            Assert.AreEqual(0, connection.OutputLength, "no answer while the body is stalled");
            Assert.IsFalse(connection.Closed || connection.Aborted, "the HTTP layer never ends a connection TCP still keeps");
            connection.Feed("56789");
            test.PollUntilQuiet();
            Assert.AreEqual(UploadResponse(CheckUploadAnswer), connection.Output());
            Assert.AreEqual(0, test.Server.Counters.Timeouts);
        }

        [TestMethod]
        public void PeerStallingMidBodyBeforeTheAnswerGets408()
        {
            HttpTestServer test = new HttpTestServer(WithBodyTimeout());
            FakeHttpConnection connection = test.Exchange("POST /upload HTTP/1.1\r\nHost: h\r\nContent-Length: 100\r\n\r\n0123456789");
            test.Ticks.Now += 4999;
            test.PollUntilQuiet();
            Assert.AreEqual(0, connection.OutputLength, "not before the body time-out");
            connection.Feed("0123456789");
            test.PollUntilQuiet();
            test.Ticks.Now += 4999;
            test.PollUntilQuiet();
            Assert.AreEqual(0, connection.OutputLength, "each body byte restarts the time-out");
            test.Ticks.Now += 1;
            test.PollUntilQuiet();
            Assert.AreEqual(ErrorResponse("408 Request Timeout"), connection.Output());
            Assert.AreEqual(1, test.Server.Counters.Timeouts);
        }

        [TestMethod]
        public void PeerStallingMidBodyAfterTheEchoBeganIsAborted()
        {
            HttpTestServer test = new HttpTestServer(WithBodyTimeout());
            FakeHttpConnection connection = test.Exchange("POST /echo HTTP/1.1\r\nHost: h\r\nContent-Length: 100\r\n\r\n0123456789");
            test.Ticks.Now += 5000;
            test.PollUntilQuiet();
            Assert.IsTrue(connection.Aborted, "the response's framing cannot be kept");
            Assert.AreEqual(1, test.Server.Counters.Timeouts);
        }

        [TestMethod]
        public void ClientClosingMidBodyAbortsAndIsCountedAsLost()
        {
            HttpTestServer test = new HttpTestServer();
            FakeHttpConnection connection = test.Exchange("POST /upload HTTP/1.1\r\nHost: h\r\nContent-Length: 100\r\n\r\n0123456789");
            connection.PeerClosed = true;
            test.PollUntilQuiet();
            Assert.IsTrue(connection.Aborted);
            Assert.AreEqual(0, connection.OutputLength, "no answer for an incomplete body");
            Assert.AreEqual(1, test.Server.Counters.ConnectionsLost);
            Assert.AreEqual(0, test.Server.Counters.BodiesStreamed);
        }

        [TestMethod]
        public void EchoAndUploadRefuseOtherMethodsWith405AndKeepTheConnection()
        {
            HttpTestServer test = new HttpTestServer();
            FakeHttpConnection connection = test.Exchange("GET /upload HTTP/1.1\r\nHost: h\r\n\r\n");
            Assert.AreEqual("HTTP/1.1 405 Method Not Allowed\r\nContent-Type: text/plain; charset=us-ascii\r\nContent-Length: 0\r\nAllow: POST\r\n\r\n", connection.Output());
            Assert.AreEqual(HelloResponse, Next(test, connection));
        }

        [TestMethod]
        public void AcceptBodyOnARouteThatReadsWholeBodiesIsRefusedWith500()
        {
            HttpTestServer test = new HttpTestServer();
            test.Server.Map("/wrong", new HttpHandler(new BuiltInRoutes(null).ServeUpload));
            FakeHttpConnection connection = test.Exchange("POST /wrong HTTP/1.1\r\nHost: h\r\nContent-Length: 1\r\n\r\nx");
            Assert.AreEqual(ErrorResponse("500 Internal Server Error"), connection.Output());
            Assert.AreEqual(1, test.Server.Counters.HandlerFailures);
        }

        /// <summary>The body time-out of 5 s that an application may set (the default is none).</summary>
        private static HttpServerConfiguration WithBodyTimeout()
        {
            HttpServerConfiguration configuration = new HttpServerConfiguration();
            configuration.BodyTimeoutMilliseconds = 5000;
            return configuration;
        }

                private static string Next(HttpTestServer test, FakeHttpConnection connection)
        {
            connection.ClearOutput();
            connection.Feed("GET /hello HTTP/1.1\r\nHost: h\r\n\r\n");
            test.PollUntilQuiet();
            return connection.Output();
        }

        private static string Crc(byte[] data, int offset, int count)
        {
            uint crc = Crc32.Finish(Crc32.Update(Crc32.Initial, data, offset, count));
            byte[] hex = new byte[8];
            HttpAscii.WriteHexFixed(hex, 0, (int)crc, 8);
            return Text.Ascii(hex, 0, 8);
        }
    }
}
