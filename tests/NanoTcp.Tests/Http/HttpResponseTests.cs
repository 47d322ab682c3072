#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using System;
using NanoTcp.Http;
using NanoTcp.Tests.Support;

namespace NanoTcp.Tests.Http
{
    [TestClass]
    public class HttpResponseTests
    {
        /// <summary>A response on a fresh fake connection, as on the firmware's loop (writes never wait).</summary>
        private static HttpResponse NewResponse(FakeHttpConnection connection, int bufferSize, bool head, bool keepAlive, int versionMinor, FakeTicks ticks)
        {
            HttpResponse response = new HttpResponse(bufferSize, ticks == null ? new FakeTicks() : ticks);
            response.Reset(connection, null, null, -1, head, keepAlive, versionMinor);
            return response;
        }

        [TestMethod]
        public void ContentLengthResponseIsStatusLineFieldsEmptyLineAndBody()
        {
            FakeHttpConnection connection = new FakeHttpConnection();
            HttpResponse response = NewResponse(connection, 256, false, true, 1, null);
            response.Start(200, HttpContentType.TextPlain, 5, null);
            response.WriteAscii("hello");
            Assert.AreEqual((int)ResponseEnd.Complete, (int)response.Complete());
            Assert.AreEqual("HTTP/1.1 200 OK\r\nContent-Type: text/plain; charset=us-ascii\r\nContent-Length: 5\r\n\r\nhello", connection.Output());
        }

        [TestMethod]
        public void NotKeepAliveAddsConnectionCloseAndExtraLinesFollow()
        {
            FakeHttpConnection connection = new FakeHttpConnection();
            HttpResponse response = NewResponse(connection, 256, false, false, 1, null);
            response.Start(405, null, 0, HttpAscii.Encode("Allow: POST\r\n"));
            response.Complete();
            Assert.AreEqual("HTTP/1.1 405 Method Not Allowed\r\nContent-Length: 0\r\nConnection: close\r\nAllow: POST\r\n\r\n", connection.Output());
        }

        [TestMethod]
        public void UnknownLengthIsChunkedWithFixedWidthSizesAndALastChunk()
        {
            FakeHttpConnection connection = new FakeHttpConnection();
            HttpResponse response = NewResponse(connection, 128, false, true, 1, null);
            response.Start(200, null, -1, null);
            connection.ClearOutput();
            response.Flush();
            Assert.AreEqual((long)"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n".Length, response.BytesSent);
            connection.ClearOutput();
            response.WriteAscii("abc");
            response.WriteDecimal(-17);
            response.Flush();
            response.WriteAscii("Z");
            response.Complete();
            Assert.AreEqual("0006\r\nabc-17\r\n0001\r\nZ\r\n0\r\n\r\n", connection.Output());
        }

        [TestMethod]
        public void ChunksAreCutAtTheOutputBufferSize()
        {
            FakeHttpConnection connection = new FakeHttpConnection();
            HttpResponse response = NewResponse(connection, 128, false, true, 1, null);
            response.Start(200, null, -1, null);
            response.Flush();
            connection.ClearOutput();
            byte[] body = new byte[300];
            for (int i = 0; i < body.Length; i++)
            {
                body[i] = (byte)('a' + (i % 26));
            }

            response.Write(body, 0, body.Length);
            response.Complete();
            string output = connection.Output();

            // 128-byte buffer: 6 for the size line, 2 for the CRLF after the data, so 120 data bytes per chunk.
            Assert.AreEqual("0078\r\n", output.Substring(0, 6));
            Assert.AreEqual("\r\n0078\r\n", output.Substring(126, 8));
            Assert.AreEqual("\r\n003c\r\n", output.Substring(254, 8));
            Assert.AreEqual("\r\n0\r\n\r\n", output.Substring(output.Length - 7));
            Assert.AreEqual(6 + 120 + 2 + 6 + 120 + 2 + 6 + 60 + 2 + 5, output.Length);
        }

        [TestMethod]
        public void Http10WithUnknownLengthClosesInsteadOfChunking()
        {
            FakeHttpConnection connection = new FakeHttpConnection();
            HttpResponse response = NewResponse(connection, 256, false, false, 0, null);
            response.Start(200, null, -1, null);
            response.WriteAscii("body");
            response.Complete();
            Assert.IsFalse(response.KeepAlive);
            Assert.AreEqual("HTTP/1.1 200 OK\r\nConnection: close\r\n\r\nbody", connection.Output());
        }

        [TestMethod]
        public void HeadGetsTheSameFieldsAndNoBody()
        {
            FakeHttpConnection connection = new FakeHttpConnection();
            HttpResponse response = NewResponse(connection, 256, true, true, 1, null);
            response.Start(200, HttpContentType.TextPlain, 5, null);
            response.WriteAscii("hello");
            Assert.AreEqual((int)ResponseEnd.Complete, (int)response.Complete());
            Assert.AreEqual("HTTP/1.1 200 OK\r\nContent-Type: text/plain; charset=us-ascii\r\nContent-Length: 5\r\n\r\n", connection.Output());
        }

        [TestMethod]
        public void HeadOfAChunkedResponseHasNoLastChunk()
        {
            FakeHttpConnection connection = new FakeHttpConnection();
            HttpResponse response = NewResponse(connection, 256, true, true, 1, null);
            response.Start(200, null, -1, null);
            response.WriteAscii("ignored");
            response.Complete();
            Assert.AreEqual("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n", connection.Output());
        }

        [TestMethod]
        public void WritingPastTheContentLengthThrows()
        {
            FakeHttpConnection connection = new FakeHttpConnection();
            HttpResponse response = NewResponse(connection, 256, false, true, 1, null);
            response.Start(200, null, 2, null);
            response.WriteAscii("ab");
            Expect.Throws(typeof(InvalidOperationException), () => response.WriteByte((byte)'c'));
        }

        [TestMethod]
        public void WritingBeforeStartAndStartingTwiceThrow()
        {
            FakeHttpConnection connection = new FakeHttpConnection();
            HttpResponse response = NewResponse(connection, 256, false, true, 1, null);
            Expect.Throws(typeof(InvalidOperationException), () => response.WriteAscii("x"));
            response.Start(200, null, 0, null);
            Expect.Throws(typeof(InvalidOperationException), () => response.Start(200, null, 0, null));
        }

        [TestMethod]
        public void ShortBodyIsReportedByComplete()
        {
            FakeHttpConnection connection = new FakeHttpConnection();
            HttpResponse response = NewResponse(connection, 256, false, true, 1, null);
            Assert.AreEqual((int)ResponseEnd.NotStarted, (int)response.Complete());
            response.Start(200, null, 3, null);
            response.WriteAscii("ab");
            Assert.AreEqual((int)ResponseEnd.ShortBody, (int)response.Complete());
        }

        [TestMethod]
        public void WhatTheConnectionDoesNotTakeStaysBufferedAndContinueSendsItLater()
        {
            FakeHttpConnection connection = new FakeHttpConnection();
            connection.SendAllowance = 10;
            HttpResponse response = NewResponse(connection, 128, false, true, 1, null);
            response.Start(200, null, 80, null);
            for (int i = 0; i < 8; i++)
            {
                response.WriteAscii("0123456789");
            }

            Assert.AreEqual((int)ResponseEnd.Complete, (int)response.Complete());
            Assert.AreEqual(10, connection.OutputLength, "writes never wait: only what the connection took went out");
            Assert.IsTrue(response.IsStreaming);
            Assert.AreEqual((int)ResponseProgress.Pending, (int)response.Continue(), "still no space: call again, never fail for slowness");
            connection.SendAllowance = int.MaxValue;
            Assert.AreEqual((int)ResponseProgress.Complete, (int)response.Continue());
            Assert.AreEqual("HTTP/1.1 200 OK\r\nContent-Length: 80\r\n\r\n".Length + 80, connection.OutputLength);
            Assert.IsTrue(connection.Output().EndsWith("0123456789"));
            Assert.IsFalse(response.IsStreaming);
        }

        [TestMethod]
        public void LargeWritesGoThroughTheBufferAsTheConnectionTakesThem()
        {
            FakeHttpConnection connection = new FakeHttpConnection();
            HttpResponse response = NewResponse(connection, 128, false, true, 1, null);
            response.Start(200, null, 1000, null);
            byte[] body = new byte[1000];
            body[999] = 7;
            response.Write(body, 0, 1000);
            Assert.AreEqual((int)ResponseEnd.Complete, (int)response.Complete());
            Assert.AreEqual("HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n".Length + 1000, connection.OutputLength);
            Assert.AreEqual((byte)7, connection.OutputBytes()[connection.OutputLength - 1]);
        }

        [TestMethod]
        public void AWriteBeyondTheBufferAndTheSendSpaceFailsAtOnceWithoutWaiting()
        {
            FakeHttpConnection connection = new FakeHttpConnection();
            connection.SendAllowance = 10;
            FakeTicks ticks = new FakeTicks();
            HttpResponse response = NewResponse(connection, 128, false, true, 1, ticks);
            response.Start(200, null, 300, null);
            byte[] body = new byte[300];
            response.Write(body, 0, 50);
            Expect.Throws(typeof(HttpResponseTooLargeException), () => response.Write(body, 0, 100));
            Assert.AreEqual(1000L, ticks.Now, "no time passed: the writer never waited");
            Assert.AreEqual(10, connection.OutputLength);
        }

        [TestMethod]
        public void NoProgressForAnHourDoesNotFailTheResponse()
        {
            FakeHttpConnection connection = new FakeHttpConnection();
            connection.SendAllowance = 0;
            FakeTicks ticks = new FakeTicks();
            HttpResponse response = NewResponse(connection, 128, false, true, 1, ticks);
            response.Start(200, null, 0, null);
            Assert.AreEqual((int)ResponseEnd.Complete, (int)response.Complete());
            ticks.Now += 3600000;
            Assert.AreEqual((int)ResponseProgress.Pending, (int)response.Continue());
            Assert.AreEqual(1000L, response.LastProgress);
            connection.SendAllowance = int.MaxValue;
            Assert.AreEqual((int)ResponseProgress.Complete, (int)response.Continue());
            Assert.AreEqual(3601000L, response.LastProgress);
        }

        [TestMethod]
        public void OnAnApplicationThreadAFullWriteWaitsOnTheSendSpaceSignalUntilRoomFrees()
        {
            FakeHttpConnection connection = new FakeHttpConnection();
            connection.SendAllowance = 10;
            FakeTicks ticks = new FakeTicks();
            SendSpaceSignal signal = new SendSpaceSignal(connection, ticks, 10, 0);
            HttpResponse response = new HttpResponse(128, ticks);
            response.Reset(connection, null, signal, -1, false, true, 1);
            response.Start(200, null, 300, null);
            for (int i = 0; i < 30; i++)
            {
                response.WriteAscii("0123456789");
            }

            Assert.AreEqual((int)ResponseEnd.Complete, (int)response.Complete());
            response.Flush();
            Assert.AreEqual("HTTP/1.1 200 OK\r\nContent-Length: 300\r\n\r\n".Length + 300, connection.OutputLength);
            Assert.AreEqual(33, signal.Waits, "340 bytes at 10 per wake: the first 10 went at once");
        }

        [TestMethod]
        public void OnAnApplicationThreadTheWriteTimeoutIsClockTimeWithoutProgress()
        {
            FakeHttpConnection connection = new FakeHttpConnection();
            connection.SendAllowance = 0;
            FakeTicks ticks = new FakeTicks();
            SendSpaceSignal signal = new SendSpaceSignal(connection, ticks, 0, 100);
            HttpResponse response = new HttpResponse(128, ticks);
            response.Reset(connection, null, signal, 1000, false, true, 1);
            response.Start(200, null, 0, null);
            Expect.Throws(typeof(HttpWriteTimeoutException), () => response.Flush());
            Assert.AreEqual(10, signal.Waits);
            Assert.AreEqual(2000L, ticks.Now);
        }

        [TestMethod]
        public void AFailedConnectionLosesTheResponse()
        {
            FakeHttpConnection connection = new FakeHttpConnection();
            HttpResponse response = NewResponse(connection, 128, false, true, 1, null);
            connection.Failed = true;
            response.Start(200, null, 200, null);
            Expect.Throws(typeof(HttpConnectionLostException), () => response.Write(new byte[200], 0, 200));
        }

        [TestMethod]
        public void WriteIpv4AndWriteDecimalCountAgainstTheContentLength()
        {
            FakeHttpConnection connection = new FakeHttpConnection();
            HttpResponse response = NewResponse(connection, 256, false, true, 1, null);
            response.Start(200, null, 13, null);
            response.WriteIpv4(0x0A000001);
            response.WriteDecimal(12345);
            Assert.AreEqual((int)ResponseEnd.Complete, (int)response.Complete());
            Assert.IsTrue(connection.Output().EndsWith("\r\n\r\n10.0.0.112345"));
        }

        [TestMethod]
        public void SendStatusAnswersWithTheReasonAsText()
        {
            FakeHttpConnection connection = new FakeHttpConnection();
            HttpResponse response = NewResponse(connection, 256, false, true, 1, null);
            response.SendStatus(404);
            response.Complete();
            Assert.AreEqual("HTTP/1.1 404 Not Found\r\nContent-Type: text/plain; charset=us-ascii\r\nContent-Length: 15\r\n\r\n404 Not Found\r\n", connection.Output());
        }

        [TestMethod]
        public void StreamFromNeedsAContentLengthAndEndsTheWrites()
        {
            FakeHttpConnection connection = new FakeHttpConnection();
            HttpResponse response = NewResponse(connection, 256, false, true, 1, null);
            Expect.Throws(typeof(InvalidOperationException), () => response.StreamFrom(new BulkData()));
            response.Start(200, null, -1, null);
            Expect.Throws(typeof(InvalidOperationException), () => response.StreamFrom(new BulkData()));
            response.Reset(connection, null, null, -1, false, true, 1);
            response.Start(200, null, 10, null);
            response.StreamFrom(new BulkData());
            Expect.Throws(typeof(InvalidOperationException), () => response.WriteByte(1));
        }

        [TestMethod]
        public void StreamedBodyGoesOutThroughContinue()
        {
            FakeHttpConnection connection = new FakeHttpConnection();
            connection.SendAllowance = 50;
            HttpResponse response = NewResponse(connection, 128, false, true, 1, null);
            response.Start(200, null, 300, null);
            response.WriteAscii("0123456789");
            response.StreamFrom(new BulkData());
            Assert.AreEqual((int)ResponseEnd.Complete, (int)response.Complete());
            Assert.IsTrue(response.IsStreaming);
            Assert.AreEqual(0, connection.OutputLength, "Complete sends nothing of a streamed response");
            Assert.AreEqual((int)ResponseProgress.Pending, (int)response.Continue());
            Assert.AreEqual(50, connection.OutputLength);
            connection.SendAllowance = int.MaxValue;
            Assert.AreEqual((int)ResponseProgress.Complete, (int)response.Continue());
            Assert.IsFalse(response.IsStreaming);
            string output = connection.Output();
            Assert.AreEqual("HTTP/1.1 200 OK\r\nContent-Length: 300\r\n\r\n0123456789ABCDEFGHIJ", output.Substring(0, 60));
            Assert.AreEqual(40 + 300, output.Length);
        }

        [TestMethod]
        public void StreamFromOnHeadSendsOnlyTheHead()
        {
            FakeHttpConnection connection = new FakeHttpConnection();
            HttpResponse response = NewResponse(connection, 128, true, true, 1, null);
            response.Start(200, null, 300, null);
            response.StreamFrom(new BulkData());
            Assert.AreEqual((int)ResponseEnd.Complete, (int)response.Complete());
            Assert.IsFalse(response.IsStreaming);
            Assert.AreEqual("HTTP/1.1 200 OK\r\nContent-Length: 300\r\n\r\n", connection.Output());
        }

        [TestMethod]
        public void SourceThatEndsBeforeTheContentLengthFailsTheResponse()
        {
            FakeHttpConnection connection = new FakeHttpConnection();
            HttpResponse response = NewResponse(connection, 128, false, true, 1, null);
            response.Start(200, null, 300, null);
            response.StreamFrom(new EmptySource());
            Assert.AreEqual((int)ResponseEnd.Complete, (int)response.Complete());
            Assert.AreEqual((int)ResponseProgress.Failed, (int)response.Continue(), "the promised 300 bytes cannot come: the framing is broken");
        }

        private sealed class EmptySource : IHttpBodySource
        {
            public int Read(long position, byte[] buffer, int offset, int count)
            {
                return 0;
            }
        }

        [TestMethod]
        public void OutputBufferOutsideItsLimitsIsRejected()
        {
            Expect.Throws(typeof(ArgumentOutOfRangeException), () => new HttpResponse(127, new FakeTicks()));
            Expect.Throws(typeof(ArgumentOutOfRangeException), () => new HttpResponse(65536, new FakeTicks()));
        }
    }
}
