#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using NanoTcp.Http;
using NanoTcp.Tests.Support;

namespace NanoTcp.Tests.Http
{
    /// <summary>The status page at "/" and its JSON at /api/status, over <see cref="FakeStatusSource"/>.</summary>
    [TestClass]
    public class StatusPageTests
    {
        [TestMethod]
        public void StatusJsonHasEveryFieldOfTheSourceAndOnlyTheRowsInUse()
        {
            FakeHttpConnection connection = Exchange(new FakeStatusSource(), "/api/status");
            string json = "{\"link\":{\"up\":true,\"mac\":\"02:00:5e:00:ab:01\"},"
                + "\"ipv4\":{\"address\":\"10.0.0.1\",\"prefixLength\":24,\"gateway\":\"10.0.0.254\",\"origin\":\"dhcp\"},"
                + "\"mdns\":{\"hostName\":\"nanotcp-2.local\",\"state\":\"announced\",\"renamed\":true,\"service\":\"Board <1> (2)._http._tcp.local\"},"
                + "\"uptimeMs\":61500,\"time\":{\"synchronized\":true,\"utc\":\"2026-12-06T00:00:00.123Z\",\"utcMs\":1796515200123,\"server\":\"10.0.0.123\"},"
                + "\"counters\":{\"ipv4\":{\"packetsReceived\":12,\"packetsSent\":34},\"tcp\":{\"resetsSent\":5,\"droppedBadChecksum\":0,\"droppedNoSlot\":7,\"dropped\":7}},"
                + "\"capacity\":{\"connections\":2,\"timeWait\":2,\"arp\":2},"
                + "\"connections\":[{\"slot\":0,\"state\":\"ESTABLISHED\",\"localPort\":80,\"remoteAddress\":\"10.0.0.2\",\"remotePort\":40000}],"
                + "\"timeWait\":[{\"localPort\":80,\"remoteAddress\":\"10.0.0.3\",\"remotePort\":40001,\"remainingMs\":59000}],"
                + "\"arp\":[{\"address\":\"10.0.0.2\",\"mac\":\"02:00:5e:00:00:02\",\"state\":\"REACHABLE\",\"ageMs\":1500}]}";
            string head = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nCache-Control: no-store\r\n\r\n";
            string output = connection.Output();
            Assert.IsTrue(output.StartsWith(head), output);
            Assert.AreEqual(json, Dechunk(output));
        }

        [TestMethod]
        public void StatusJsonShowsNoMdnsWhenTheResponderIsOff()
        {
            var source = new FakeStatusSource();
            source.HostName = null;
            string json = Dechunk(Exchange(source, "/api/status").Output());
            Assert.IsTrue(json.IndexOf("\"mdns\":null,") > 0, json);
        }

        [TestMethod]
        public void StatusPageShowsUtcItsSyncStateAndTheServer()
        {
            string page = Dechunk(Exchange(new FakeStatusSource(), "/").Output());
            Assert.IsTrue(page.IndexOf("utc <b id=\"utc\">2026-12-06T00:00:00.123Z</b> (<span id=\"sync\">synchronized</span>) | ntp server <b id=\"ntp\">10.0.0.123</b>") > 0, "UTC, sync state and server");
        }

        [TestMethod]
        public void StatusJsonOfAnIdleBoardHasEmptyTablesAndANullGateway()
        {
            string json = Dechunk(Exchange(new FakeStatusSource(true), "/api/status").Output());
            Assert.IsTrue(json.IndexOf("\"gateway\":null,") > 0, json);
            Assert.IsTrue(json.EndsWith("\"capacity\":{\"connections\":2,\"timeWait\":2,\"arp\":2},\"connections\":[],\"timeWait\":[],\"arp\":[]}"), json);
        }

        [TestMethod]
        public void StatusPageLeavesDropReasonsAtZeroOffButNotTheTotalAndTheJsonKeepsThemAll()
        {
            string page = Dechunk(Exchange(new FakeStatusSource(), "/").Output());
            Assert.AreEqual(-1, page.IndexOf("<td>droppedBadChecksum</td>"), "a drop reason at 0 is left off the page");
            Assert.IsTrue(page.IndexOf("<tr><td>droppedNoSlot</td><td>7</td></tr>") > 0, "a drop reason that counted is shown");
            Assert.IsTrue(page.IndexOf("<tr><td>dropped</td><td>7</td></tr>") > 0, "the total is always shown");
            Assert.IsTrue(page.IndexOf("<tr><td>resetsSent</td><td>5</td></tr>") > 0);
            string json = Dechunk(Exchange(new FakeStatusSource(), "/api/status").Output());
            Assert.IsTrue(json.IndexOf("\"droppedBadChecksum\":0") > 0, "the JSON lists every counter");
        }

        [TestMethod]
        public void StatusPageShowsIdleSlotsAsACountNotAsRows()
        {
            string page = Dechunk(Exchange(new FakeStatusSource(), "/").Output());
            Assert.IsTrue(page.StartsWith("<!DOCTYPE html>"));
            Assert.IsTrue(page.EndsWith("</html>"));
            Assert.IsTrue(page.IndexOf("<tbody><tr><td>0</td><td>ESTABLISHED</td><td>80</td><td>10.0.0.2</td><td>40000</td></tr></tbody>") > 0, page);
            Assert.IsTrue(page.IndexOf("Connections <small id=\"connections-n\">1 of 2 in use</small>") > 0, page);
            Assert.AreEqual(-1, page.IndexOf("CLOSED"), "no row for an idle slot");
            Assert.AreEqual(-1, page.IndexOf("0.0.0.0"), "no empty address");
            Assert.IsTrue(page.IndexOf("<tbody><tr><td>80</td><td>10.0.0.3</td><td>40001</td><td>59000</td></tr></tbody>") > 0, "the TIME-WAIT row");
            Assert.IsTrue(page.IndexOf("<tbody><tr><td>10.0.0.2</td><td>02:00:5e:00:00:02</td><td>REACHABLE</td><td>1500</td></tr></tbody>") > 0, "the ARP cache row");
            Assert.IsTrue(page.IndexOf("<b id=\"ip\">10.0.0.1/24</b> gateway <b id=\"gw\">10.0.0.254</b>") > 0);
            Assert.IsTrue(page.IndexOf("<span id=\"origin\">dhcp</span>") > 0);
            Assert.IsTrue(page.IndexOf("<b id=\"uptime\">61 s</b>") > 0);
            Assert.AreEqual(-1, page.IndexOf("http:"), "no external resources");
            Assert.AreEqual(-1, page.IndexOf("https:"), "no external resources");
            Assert.IsTrue(page.IndexOf("service <b id=\"service\">Board &lt;1&gt; (2)._http._tcp.local</b>") > 0, "the DNS-SD service, escaped");
        }

        [TestMethod]
        public void StatusPageShowsNoneForEmptyTablesAndForAMissingGateway()
        {
            string page = Dechunk(Exchange(new FakeStatusSource(true), "/").Output());
            Assert.IsTrue(page.IndexOf("<b id=\"gw\">none</b>") > 0, page);
            Assert.IsTrue(page.IndexOf("<small id=\"connections-n\">0 of 2 in use</small>") > 0, page);
            Assert.IsTrue(page.IndexOf("</tr></thead><tbody><tr><td colspan=\"5\">none</td></tr></tbody></table>") > 0, "empty connection table");
            Assert.IsTrue(page.IndexOf("<th>remainingMs</th></tr></thead><tbody><tr><td colspan=\"4\">none</td></tr></tbody></table>") > 0, "empty TIME-WAIT table");
            Assert.IsTrue(page.IndexOf("<th>ageMs</th></tr></thead><tbody><tr><td colspan=\"4\">none</td></tr></tbody></table>") > 0, "empty ARP cache");
        }

        [TestMethod]
        public void StatusPageGroupsTheCountersInOneTablePerLayer()
        {
            string page = Dechunk(Exchange(new FakeStatusSource(), "/").Output());
            string counters = "<h2>Counters</h2><div class=\"c\">"
                + "<table id=\"c-ipv4\"><thead><tr><th colspan=\"2\">ipv4</th></tr></thead><tbody><tr><td>packetsReceived</td><td>12</td></tr><tr><td>packetsSent</td><td>34</td></tr></tbody></table>"
                + "<table id=\"c-tcp\"><thead><tr><th colspan=\"2\">tcp</th></tr></thead><tbody><tr><td>resetsSent</td><td>5</td></tr><tr><td>droppedNoSlot</td><td>7</td></tr><tr><td>dropped</td><td>7</td></tr></tbody></table></div><script>";
            Assert.IsTrue(page.IndexOf(counters) > 0, page);
        }

        [TestMethod]
        public void StatusPageColumnHeadingsAreTheMembersOfTheJsonRows()
        {
            string page = Dechunk(Exchange(new FakeStatusSource(), "/").Output());
            string json = Dechunk(Exchange(new FakeStatusSource(), "/api/status").Output());
            Assert.AreEqual("slot,state,localPort,remoteAddress,remotePort", Headings(page, "connections"));
            Assert.AreEqual(Headings(page, "connections"), Members(json, "connections"));
            Assert.AreEqual(Headings(page, "timeWait"), Members(json, "timeWait"));
            Assert.AreEqual(Headings(page, "arp"), Members(json, "arp"));
        }

        [TestMethod]
        public void StatusPageScriptFillsTheTablesFromTheirHeadingsAndTheJson()
        {
            string page = Dechunk(Exchange(new FakeStatusSource(), "/").Output());
            int script = page.IndexOf("<script>");
            Assert.IsTrue(script > 0);
            string code = page.Substring(script);
            Assert.IsTrue(code.IndexOf("fetch('/api/status')") > 0);
            Assert.IsTrue(code.IndexOf("for(var k in s.capacity)") > 0, "one loop over the tables the JSON lists");
            Assert.IsTrue(code.IndexOf("t.tHead.rows[0].cells") > 0, "columns read from the headings the board wrote");
            Assert.IsTrue(code.IndexOf("c.textContent='none'") > 0, "an empty table shows none");
            Assert.IsTrue(code.IndexOf("s.ipv4.gateway||'none'") > 0, "a null gateway shows none");
            Assert.IsTrue(code.IndexOf("$('c-'+l)") > 0, "one counter table per layer");
            Assert.IsTrue(code.IndexOf("document.title='NanoTcp '+s.ipv4.address;})") > 0, "the title is set last, after every table");
        }

        /// <summary>GET <paramref name="path"/> from a server with the built-in routes over <paramref name="source"/>.</summary>
        private static FakeHttpConnection Exchange(FakeStatusSource source, string path)
        {
            FakeHttpListener listener = new FakeHttpListener();
            HttpServer server = new HttpServer(listener, new FakeTicks(), new HttpServerConfiguration());
            new BuiltInRoutes(source).Register(server);
            FakeHttpConnection connection = listener.Add();
            connection.Feed("GET " + path + " HTTP/1.1\r\nHost: h\r\n\r\n");
            for (int i = 0; i < 100 && server.Poll(); i++)
            {
            }

            return connection;
        }

        /// <summary>The column headings of the page's table <paramref name="id"/>, comma-separated.</summary>
        private static string Headings(string page, string id)
        {
            int start = page.IndexOf("<table id=\"" + id + "\"><thead><tr>");
            Assert.IsTrue(start > 0, "table " + id);
            int end = page.IndexOf("</tr>", start);
            string names = string.Empty;
            int p = page.IndexOf("<th>", start);
            while (p > 0 && p < end)
            {
                int close = page.IndexOf("</th>", p);
                names += (names.Length > 0 ? "," : string.Empty) + page.Substring(p + 4, close - p - 4);
                p = page.IndexOf("<th>", close);
            }

            return names;
        }

        /// <summary>The member names of the first row of the JSON table <paramref name="member"/>, comma-separated.</summary>
        private static string Members(string json, string member)
        {
            int p = json.IndexOf("\"" + member + "\":[{");
            Assert.IsTrue(p > 0, "a row in " + member);
            p += member.Length + 5;
            string names = string.Empty;
            while (json[p] != '}')
            {
                int close = json.IndexOf('"', p + 1);
                names += (names.Length > 0 ? "," : string.Empty) + json.Substring(p + 1, close - p - 1);
                p = close + 2;
                if (json[p] == '"')
                {
                    p = json.IndexOf('"', p + 1) + 1;
                }
                else
                {
                    while (json[p] != ',' && json[p] != '}')
                    {
                        p++;
                    }
                }

                if (json[p] == ',')
                {
                    p++;
                }
            }

            return names;
        }

        /// <summary>The body of a chunked response, chunk sizes checked.</summary>
        internal static string Dechunk(string response)
        {
            int p = response.IndexOf("\r\n\r\n") + 4;
            string body = string.Empty;
            for (int guard = 0; guard < 1000; guard++)
            {
                int lineEnd = response.IndexOf("\r\n", p);
                int size = 0;
                for (int i = p; i < lineEnd; i++)
                {
                    char c = response[i];
                    size = (size * 16) + (c <= '9' ? c - '0' : c - 'a' + 10);
                }

                if (size == 0)
                {
                    Assert.AreEqual("\r\n\r\n", response.Substring(lineEnd));
                    return body;
                }

                body += response.Substring(lineEnd + 2, size);
                Assert.AreEqual("\r\n", response.Substring(lineEnd + 2 + size, 2));
                p = lineEnd + 4 + size;
            }

            throw new System.InvalidOperationException("more than 1000 chunks");
        }
    }
}
