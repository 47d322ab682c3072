namespace NanoTcp.Http
{
    /// <summary>
    /// The status page at "/": small HTML with no external resources. The tables are filled on the board when the
    /// page is served and refreshed every two seconds by a few lines of script from /api/status (<see cref="StatusJson"/>).
    /// The page is larger than an output buffer and a send ring, so it is written in pieces from the firmware's loop
    /// (<see cref="IHttpBodyWriter"/>): each call writes the rows that fit and the next call resumes at the next row.
    /// </summary>
    internal static class StatusPage
    {
        private static readonly byte[] Head = HttpAscii.Encode(
            "<!DOCTYPE html><html><head><meta charset=\"us-ascii\"><title>NanoTcp</title><style>"
            + "body{font:14px monospace;margin:1em}table{border-collapse:collapse;margin:.5em 0}"
            + "td,th{border:1px solid #999;padding:2px 6px;text-align:left}</style></head><body><h1>NanoTcp</h1><p>link <b id=\"link\">");

        private static readonly byte[] Script = HttpAscii.Encode(
            "<script>function $(i){return document.getElementById(i);}"
            + "function r(i,rows){var b=$(i).tBodies[0];b.innerHTML='';rows.forEach(function(c){var t=b.insertRow();c.forEach(function(v){t.insertCell().textContent=v;});});}"
            + "function u(){fetch('/api/status').then(function(x){return x.json();}).then(function(s){"
            + "$('link').textContent=s.link.up?'up':'down';$('mac').textContent=s.link.mac;"
            + "$('ip').textContent=s.ipv4.address+'/'+s.ipv4.prefixLength;$('gw').textContent=s.ipv4.gateway;"
            + "$('origin').textContent=s.ipv4.origin;$('uptime').textContent=Math.floor(s.uptimeMs/1000)+' s';"
            + "r('connections',s.connections.map(function(c){return[c.slot,c.state,c.localPort,c.remoteAddress+':'+c.remotePort];}));"
            + "r('timewait',s.timeWait.map(function(t){return[t.localPort,t.remoteAddress+':'+t.remotePort,t.remainingMs];}));"
            + "r('arp',s.arp.map(function(a){return[a.address,a.mac,a.state,a.ageMs];}));"
            + "var k=[];for(var l in s.counters)for(var n in s.counters[l])k.push([l,n,s.counters[l][n]]);r('counters',k);"
            + "}).catch(function(){});}setInterval(u,2000);</script></body></html>");

        /// <summary>Room a writer step needs before it starts one row or one block of fixed text.</summary>
        internal const int ItemRoom = 256;

        private const int StepHead = 0;
        private const int StepSummary = 1;
        private const int StepConnections = 2;
        private const int StepTimeWait = 3;
        private const int StepArp = 4;
        private const int StepCounters = 5;
        private const int StepScript = 6;

        /// <summary>
        /// Writes the next part of the page into <paramref name="response"/> (see <see cref="IHttpBodyWriter"/>): as many
        /// rows as fit <see cref="HttpResponse.Room"/>, resuming where the last call stopped (step and row in the
        /// response). True when the page is complete. <paramref name="scratch"/> needs 6 bytes (a MAC address).
        /// </summary>
        public static bool WriteNext(IStatusSource source, HttpResponse response, byte[] scratch)
        {
            for (;;)
            {
                int step = response.WriterStep;
                if (step == StepHead || step == StepScript)
                {
                    byte[] text = step == StepHead ? Head : Script;
                    if (!WritePart(response, text))
                    {
                        return false;
                    }

                    if (step == StepScript)
                    {
                        return true;
                    }

                    response.WriterStep = StepSummary;
                    continue;
                }

                if (response.Room < ItemRoom)
                {
                    return false;
                }

                int i = response.WriterOffset;
                if (step == StepSummary)
                {
                    WriteSummary(source, response, scratch);
                    response.WriteAscii("<h2>Connections</h2><table id=\"connections\"><thead><tr><th>slot</th><th>state</th><th>local port</th><th>remote</th></tr></thead><tbody>");
                    Next(response, StepConnections);
                }
                else if (step == StepConnections)
                {
                    if (i < source.ConnectionSlotCount)
                    {
                        WriteConnection(source, response, i);
                        response.WriterOffset = i + 1;
                    }
                    else
                    {
                        response.WriteAscii("</tbody></table><h2>TIME-WAIT</h2><table id=\"timewait\"><thead><tr><th>local port</th><th>remote</th><th>remaining ms</th></tr></thead><tbody>");
                        Next(response, StepTimeWait);
                    }
                }
                else if (step == StepTimeWait)
                {
                    if (i < source.TimeWaitCapacity)
                    {
                        WriteTimeWait(source, response, i);
                        response.WriterOffset = i + 1;
                    }
                    else
                    {
                        response.WriteAscii("</tbody></table><h2>ARP cache</h2><table id=\"arp\"><thead><tr><th>address</th><th>mac</th><th>state</th><th>age ms</th></tr></thead><tbody>");
                        Next(response, StepArp);
                    }
                }
                else if (step == StepArp)
                {
                    if (i < source.ArpEntryCapacity)
                    {
                        WriteArpEntry(source, response, i, scratch);
                        response.WriterOffset = i + 1;
                    }
                    else
                    {
                        response.WriteAscii("</tbody></table><h2>Counters</h2><table id=\"counters\"><thead><tr><th>layer</th><th>counter</th><th>value</th></tr></thead><tbody>");
                        Next(response, StepCounters);
                    }
                }
                else
                {
                    if (i < source.CounterCount)
                    {
                        WriteCounter(source, response, i);
                        response.WriterOffset = i + 1;
                    }
                    else
                    {
                        response.WriteAscii("</tbody></table>");
                        Next(response, StepScript);
                    }
                }
            }
        }

        /// <summary>Writes as much of a constant as fits; true when all of it is written.</summary>
        internal static bool WritePart(HttpResponse response, byte[] text)
        {
            int offset = response.WriterOffset;
            int n = text.Length - offset;
            int room = response.Room;
            if (n > room)
            {
                n = room;
            }

            if (n > 0)
            {
                response.Write(text, offset, n);
            }

            if (offset + n < text.Length)
            {
                response.WriterOffset = offset + n;
                return false;
            }

            response.WriterOffset = 0;
            return true;
        }

        internal static void Next(HttpResponse response, int step)
        {
            response.WriterStep = step;
            response.WriterOffset = 0;
        }

        private static void WriteSummary(IStatusSource source, HttpResponse response, byte[] scratch)
        {
            response.WriteAscii(source.LinkUp ? "up" : "down");
            response.WriteAscii("</b> mac <b id=\"mac\">");
            source.GetMacAddress(scratch, 0);
            StatusJson.WriteMac(response, scratch);
            response.WriteAscii("</b> | ipv4 <b id=\"ip\">");
            response.WriteIpv4(source.Address);
            response.WriteByte((byte)'/');
            response.WriteDecimal(source.PrefixLength);
            response.WriteAscii("</b> gateway <b id=\"gw\">");
            response.WriteIpv4(source.Gateway);
            response.WriteAscii("</b> (<span id=\"origin\">");
            response.WriteAscii(StatusJson.OriginName(source.AddressOrigin));
            response.WriteAscii("</span>) | uptime <b id=\"uptime\">");
            response.WriteDecimal(source.UptimeMilliseconds / 1000);
            response.WriteAscii(" s</b></p>");
        }

        private static void WriteConnection(IStatusSource source, HttpResponse response, int i)
        {
            response.WriteAscii("<tr><td>");
            response.WriteDecimal(i);
            response.WriteAscii("</td><td>");
            response.WriteAscii(TcpStateNames.Name(source.ConnectionState(i)));
            response.WriteAscii("</td><td>");
            response.WriteDecimal(source.ConnectionLocalPort(i));
            response.WriteAscii("</td><td>");
            response.WriteIpv4(source.ConnectionRemoteAddress(i));
            response.WriteByte((byte)':');
            response.WriteDecimal(source.ConnectionRemotePort(i));
            response.WriteAscii("</td></tr>");
        }

        private static void WriteTimeWait(IStatusSource source, HttpResponse response, int i)
        {
            if (!source.TimeWaitInUse(i))
            {
                return;
            }

            response.WriteAscii("<tr><td>");
            response.WriteDecimal(source.TimeWaitLocalPort(i));
            response.WriteAscii("</td><td>");
            response.WriteIpv4(source.TimeWaitRemoteAddress(i));
            response.WriteByte((byte)':');
            response.WriteDecimal(source.TimeWaitRemotePort(i));
            response.WriteAscii("</td><td>");
            response.WriteDecimal(source.TimeWaitRemainingMilliseconds(i));
            response.WriteAscii("</td></tr>");
        }

        private static void WriteArpEntry(IStatusSource source, HttpResponse response, int i, byte[] scratch)
        {
            string state = source.ArpEntryState(i);
            if (state == null)
            {
                return;
            }

            response.WriteAscii("<tr><td>");
            response.WriteIpv4(source.ArpEntryAddress(i));
            response.WriteAscii("</td><td>");
            source.GetArpEntryMac(i, scratch, 0);
            StatusJson.WriteMac(response, scratch);
            response.WriteAscii("</td><td>");
            response.WriteAscii(state);
            response.WriteAscii("</td><td>");
            response.WriteDecimal(source.ArpEntryAgeMilliseconds(i));
            response.WriteAscii("</td></tr>");
        }

        private static void WriteCounter(IStatusSource source, HttpResponse response, int i)
        {
            // Layer and counter names are constant identifiers (IStatusSource), so they need no HTML escaping.
            response.WriteAscii("<tr><td>");
            response.WriteAscii(source.CounterLayer(i));
            response.WriteAscii("</td><td>");
            response.WriteAscii(source.CounterName(i));
            response.WriteAscii("</td><td>");
            response.WriteDecimal(source.CounterValue(i));
            response.WriteAscii("</td></tr>");
        }
    }
}
