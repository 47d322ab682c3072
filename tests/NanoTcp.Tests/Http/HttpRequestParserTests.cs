#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using NanoTcp.Http;

namespace NanoTcp.Tests.Http
{
    [TestClass]
    public class HttpRequestParserTests
    {
        /// <summary>Parses <paramref name="text"/> (a complete header section) and returns the status (0 = valid).</summary>
        private static int Parse(string text, HttpRequest request)
        {
            return Parse(HttpAscii.Encode(text), request);
        }

        /// <summary>Parses a header section given as bytes (nanoCLR strings end at the first NUL, so binary input is built as byte[]).</summary>
        private static int Parse(byte[] bytes, HttpRequest request)
        {
            System.Array.Copy(bytes, request.Buffer, bytes.Length);
            int end = HttpRequestParser.FindHeaderEnd(request.Buffer, bytes.Length, 0);
            Assert.AreEqual(bytes.Length, end, "the test text must be exactly one header section");
            return HttpRequestParser.Parse(request.Buffer, end, request);
        }

        private static int Parse(string text)
        {
            return Parse(text, NewRequest());
        }

        private static HttpRequest NewRequest()
        {
            return new HttpRequest(new byte[1024], 16);
        }

        [TestMethod]
        public void GetRequestLineGivesMethodPathQueryAndVersion()
        {
            HttpRequest request = NewRequest();
            Assert.AreEqual(0, Parse("GET /a/b?x=1&y HTTP/1.1\r\nHost: h\r\n\r\n", request));
            Assert.AreEqual(HttpMethod.Get, request.Method);
            Assert.AreEqual("/a/b", Text.Ascii(request.Buffer, request.PathOffset, request.PathLength));
            Assert.AreEqual("x=1&y", Text.Ascii(request.Buffer, request.QueryOffset, request.QueryLength));
            Assert.AreEqual(1, request.VersionMinor);
            Assert.AreEqual(-1L, request.ContentLength);
            Assert.IsTrue(request.KeepAlive);
        }

        [TestMethod]
        public void AbsoluteFormServesItsPathAndQuery()
        {
            HttpRequest request = NewRequest();
            Assert.AreEqual(0, Parse("GET HTTP://board.local:80/api/status?x=1 HTTP/1.1\r\nHost: board.local\r\n\r\n", request));
            Assert.IsTrue(request.PathEquals("/api/status"));
            Assert.AreEqual("x=1", Text.Ascii(request.Buffer, request.QueryOffset, request.QueryLength));
            Assert.AreEqual(400, Parse("GET http://board.local HTTP/1.1\r\nHost: h\r\n\r\n"));
            Assert.AreEqual(400, Parse("GET http://board.local?x=/ HTTP/1.1\r\nHost: h\r\n\r\n"));
            Assert.AreEqual(400, Parse("GET ftp://board.local/ HTTP/1.1\r\nHost: h\r\n\r\n"));
        }

        [TestMethod]
        public void PathWithoutQueryHasEmptyQuery()
        {
            HttpRequest request = NewRequest();
            Assert.AreEqual(0, Parse("HEAD /x HTTP/1.1\r\nHost: h\r\n\r\n", request));
            Assert.AreEqual(HttpMethod.Head, request.Method);
            Assert.IsTrue(request.PathEquals("/x"));
            Assert.AreEqual(0, request.QueryLength);
        }

        [TestMethod]
        public void PostCarriesItsContentLength()
        {
            HttpRequest request = NewRequest();
            Assert.AreEqual(0, Parse("POST /echo HTTP/1.1\r\nHost: h\r\nContent-Length:  42 \r\n\r\n", request));
            Assert.AreEqual(HttpMethod.Post, request.Method);
            Assert.AreEqual(42L, request.ContentLength);
        }

        [TestMethod]
        public void RepeatedEqualContentLengthIsAccepted()
        {
            HttpRequest request = NewRequest();
            Assert.AreEqual(0, Parse("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\ncontent-length: 3\r\n\r\n", request));
            Assert.AreEqual(3L, request.ContentLength);
        }

        [TestMethod]
        public void BareLineFeedsEndLinesToo()
        {
            HttpRequest request = NewRequest();
            Assert.AreEqual(0, Parse("GET /lf HTTP/1.1\nHost: h\n\n", request));
            Assert.IsTrue(request.PathEquals("/lf"));
            int offset;
            int length;
            Assert.IsTrue(request.TryGetHeader("host", out offset, out length));
            Assert.AreEqual("h", Text.Ascii(request.Buffer, offset, length));
        }

        [TestMethod]
        public void FindHeaderEndWaitsForTheEmptyLine()
        {
            byte[] bytes = HttpAscii.Encode("GET / HTTP/1.1\r\nHost: h\r\n\r\nNEXT");
            Assert.AreEqual(-1, HttpRequestParser.FindHeaderEnd(bytes, 26, 0));
            Assert.AreEqual(27, HttpRequestParser.FindHeaderEnd(bytes, 27, 0));
            Assert.AreEqual(27, HttpRequestParser.FindHeaderEnd(bytes, bytes.Length, 26));
        }

        [TestMethod]
        public void LeadingEmptyLinesAreCounted()
        {
            byte[] bytes = HttpAscii.Encode("\r\n\r\nGET");
            Assert.AreEqual(4, HttpRequestParser.LeadingEmptyLineBytes(bytes, 0, bytes.Length));
        }

        [TestMethod]
        public void TryGetHeaderFindsAnyFieldIgnoringCaseAndTrimsTheValue()
        {
            HttpRequest request = NewRequest();
            Assert.AreEqual(0, Parse("GET / HTTP/1.1\r\nHost: h\r\nX-Thing: \t some value \t\r\n\r\n", request));
            int offset;
            int length;
            Assert.IsTrue(request.TryGetHeader("x-thing", out offset, out length));
            Assert.AreEqual("some value", Text.Ascii(request.Buffer, offset, length));
            Assert.IsFalse(request.TryGetHeader("x-other", out offset, out length));
        }

        [TestMethod]
        public void TryGetQueryParameterFindsNamedAndBareParameters()
        {
            HttpRequest request = NewRequest();
            Assert.AreEqual(0, Parse("GET /q?a=1&bb=two&c HTTP/1.1\r\nHost: h\r\n\r\n", request));
            int offset;
            int length;
            Assert.IsTrue(request.TryGetQueryParameter("bb", out offset, out length));
            Assert.AreEqual("two", Text.Ascii(request.Buffer, offset, length));
            Assert.IsTrue(request.TryGetQueryParameter("c", out offset, out length));
            Assert.AreEqual(0, length);
            Assert.IsFalse(request.TryGetQueryParameter("b", out offset, out length));
        }

        [TestMethod]
        public void ConnectionCloseEndsPersistence()
        {
            HttpRequest request = NewRequest();
            Assert.AreEqual(0, Parse("GET / HTTP/1.1\r\nHost: h\r\nConnection: keep-alive, Close\r\n\r\n", request));
            Assert.IsFalse(request.KeepAlive);
        }

        [TestMethod]
        public void Http10IsNotPersistentEvenWithKeepAliveAndNeedsNoHost()
        {
            HttpRequest request = NewRequest();
            Assert.AreEqual(0, Parse("GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n", request));
            Assert.AreEqual(0, request.VersionMinor);
            Assert.IsFalse(request.KeepAlive);
        }

        [TestMethod]
        public void MalformedRequestLinesAre400()
        {
            Assert.AreEqual(400, Parse("GET\r\nHost: h\r\n\r\n"));
            Assert.AreEqual(400, Parse("GET /\r\nHost: h\r\n\r\n"));
            Assert.AreEqual(400, Parse("GET  / HTTP/1.1\r\nHost: h\r\n\r\n"));
            Assert.AreEqual(400, Parse("GET / HTTP/1.1 \r\nHost: h\r\n\r\n"));
            Assert.AreEqual(400, Parse("GET x HTTP/1.1\r\nHost: h\r\n\r\n"));
            Assert.AreEqual(400, Parse("GET / http/1.1\r\nHost: h\r\n\r\n"));
            Assert.AreEqual(400, Parse("GET / HTTP/1.10\r\nHost: h\r\n\r\n"));
            Assert.AreEqual(400, Parse("G(T / HTTP/1.1\r\nHost: h\r\n\r\n"));
            Assert.AreEqual(400, Parse("GET /\u0001 HTTP/1.1\r\nHost: h\r\n\r\n"));
        }

        [TestMethod]
        public void MalformedHeaderFieldsAre400()
        {
            Assert.AreEqual(400, Parse("GET / HTTP/1.1\r\nHost : h\r\n\r\n"));
            Assert.AreEqual(400, Parse("GET / HTTP/1.1\r\nHost: h\r\n folded\r\n\r\n"));
            Assert.AreEqual(400, Parse("GET / HTTP/1.1\r\nHost: h\r\nNoColon\r\n\r\n"));
            string withNul = "GET / HTTP/1.1\r\nHost: h\r\nX: a_b\r\n\r\n";
            byte[] nulInValue = HttpAscii.Encode(withNul);
            nulInValue[withNul.IndexOf('_')] = 0;
            Assert.AreEqual(400, Parse(nulInValue, NewRequest()));
            Assert.AreEqual(400, Parse("GET / HTTP/1.1\r\nHost: h\r\nX: a\rb\r\n\r\n"));
        }

        [TestMethod]
        public void BadOrConflictingContentLengthIs400()
        {
            Assert.AreEqual(400, Parse("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: -1\r\n\r\n"));
            Assert.AreEqual(400, Parse("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 1,1\r\n\r\n"));
            Assert.AreEqual(400, Parse("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 99999999999999999999\r\n\r\n"));
            Assert.AreEqual(400, Parse("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n"));
        }

        [TestMethod]
        public void Http11WithoutExactlyOneHostIs400()
        {
            Assert.AreEqual(400, Parse("GET / HTTP/1.1\r\n\r\n"));
            Assert.AreEqual(400, Parse("GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n"));
        }

        [TestMethod]
        public void UnknownMethodsAre501()
        {
            Assert.AreEqual(501, Parse("PUT / HTTP/1.1\r\nHost: h\r\n\r\n"));
            Assert.AreEqual(501, Parse("get / HTTP/1.1\r\nHost: h\r\n\r\n"));
            Assert.AreEqual(501, Parse("BREW /pot HTTP/1.1\r\nHost: h\r\n\r\n"));
        }

        [TestMethod]
        public void ChunkedAloneIsParsedOtherCodingsAre501AndWithContentLengthOrInHttp10400()
        {
            HttpRequest request = NewRequest();
            Assert.AreEqual(0, Parse("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: Chunked\r\n\r\n", request));
            Assert.IsTrue(request.IsChunked);
            Assert.AreEqual(-1L, request.ContentLength);
            Assert.AreEqual(501, Parse("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: gzip, chunked\r\n\r\n"));
            Assert.AreEqual(501, Parse("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n"));
            Assert.AreEqual(400, Parse("POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n"));
            Assert.AreEqual(400, Parse("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\n"));
        }

        [TestMethod]
        public void ExpectContinueIsNotedOnlyForAnHttp11RequestWithABody()
        {
            Assert.IsTrue(ParseRequest("POST / HTTP/1.1\r\nHost: h\r\nExpect: 100-Continue\r\nContent-Length: 5\r\n\r\n").ExpectsContinue);
            Assert.IsTrue(ParseRequest("POST / HTTP/1.1\r\nHost: h\r\nExpect: 100-continue\r\nTransfer-Encoding: chunked\r\n\r\n").ExpectsContinue);
            Assert.IsFalse(ParseRequest("POST / HTTP/1.1\r\nHost: h\r\nExpect: 100-continue\r\nContent-Length: 0\r\n\r\n").ExpectsContinue);
            Assert.IsFalse(ParseRequest("POST / HTTP/1.0\r\nExpect: 100-continue\r\nContent-Length: 5\r\n\r\n").ExpectsContinue);
            Assert.IsFalse(ParseRequest("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\n\r\n").ExpectsContinue);
        }

        private static HttpRequest ParseRequest(string text)
        {
            HttpRequest request = NewRequest();
            Assert.AreEqual(0, Parse(text, request));
            return request;
        }

        [TestMethod]
        public void OtherMajorVersionsAre505()
        {
            Assert.AreEqual(505, Parse("GET / HTTP/2.0\r\nHost: h\r\n\r\n"));
            Assert.AreEqual(505, Parse("GET / HTTP/0.9\r\n\r\n"));
        }
    }
}
