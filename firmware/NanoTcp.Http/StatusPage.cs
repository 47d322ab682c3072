namespace NanoTcp.Http
{
    /// <summary>
    /// The status page at "/": small HTML with no external resources, laid out for a 1366x768 laptop window (the three
    /// tables side by side, the counters in one small table per layer, flowed in columns). The page is filled on the
    /// board when it is served and refreshed every two seconds by a few lines of script from /api/status
    /// (<see cref="StatusJson"/>): the script reads each table's column headings, written from <see cref="StatusTables"/>,
    /// and takes those members from the JSON rows, so the page, its script and the JSON share one description.
    /// Idle slots are not rows: each heading says how many are in use; an empty table shows "none". The script sets the
    /// title to "NanoTcp ADDRESS" last, so a browser test can tell that a refresh ran to the end.
    /// The page is larger than an output buffer and a send ring, so it is written in pieces from the firmware's loop
    /// (<see cref="IHttpBodyWriter"/>): each call writes the rows that fit and the next call resumes at the next row.
    /// </summary>
    internal static class StatusPage
    {
        private static readonly byte[] Head = HttpAscii.Encode(
            "<!DOCTYPE html><html><head><meta charset=\"us-ascii\"><title>NanoTcp</title><style>"
            + "body{font:12px monospace;margin:8px}h1,h2{font-size:14px;margin:8px 0 2px}small{font-weight:normal}"
            + "table{border-collapse:collapse}td,th{border:1px solid #999;padding:0 4px;text-align:left}"
            + ".f{display:flex;flex-wrap:wrap;gap:0 16px}.c{columns:6 170px;column-gap:8px}.c table{break-inside:avoid;margin:0 0 6px;width:100%}"
            + "</style></head><body><h1>NanoTcp</h1><p>link <b id=\"link\">");

        private static readonly byte[] Script = HttpAscii.Encode(
            "<script>function $(i){return document.getElementById(i);}"
            + "function f(b,rows,n){b.innerHTML='';rows.forEach(function(c){var t=b.insertRow();c.forEach(function(v){t.insertCell().textContent=v;});});"
            + "if(!rows.length){var c=b.insertRow().insertCell();c.colSpan=n;c.textContent='none';}}"
            + "function u(){fetch('/api/status').then(function(x){return x.json();}).then(function(s){"
            + "$('link').textContent=s.link.up?'up':'down';$('mac').textContent=s.link.mac;"
            + "$('ip').textContent=s.ipv4.address+'/'+s.ipv4.prefixLength;$('gw').textContent=s.ipv4.gateway||'none';"
            + "$('origin').textContent=s.ipv4.origin;$('uptime').textContent=Math.floor(s.uptimeMs/1000)+' s';"
            + "if(s.mdns&&$('name')){$('name').textContent=s.mdns.hostName;$('nameState').textContent=s.mdns.state+(s.mdns.renamed?', renamed':'');}"
            + "if(s.mdns&&s.mdns.service&&$('service')){$('service').textContent=s.mdns.service;}"
            + "$('utc').textContent=s.time.utc;$('sync').textContent=s.time.synchronized?'synchronized':'not synchronized';$('ntp').textContent=s.time.server;"
            + "for(var k in s.capacity){var t=$(k),h=[].map.call(t.tHead.rows[0].cells,function(c){return c.textContent;});"
            + "f(t.tBodies[0],s[k].map(function(o){return h.map(function(m){return o[m];});}),h.length);"
            + "$(k+'-n').textContent=s[k].length+' of '+s.capacity[k]+' in use';}"
            + "for(var l in s.counters){var c=s.counters[l],b=$('c-'+l);if(b)f(b.tBodies[0],Object.keys(c).filter(function(n){return c[n]||n=='dropped'||n.lastIndexOf('dropped',0);}).map(function(n){return[n,c[n]];}),2);}"
            + "document.title='NanoTcp '+s.ipv4.address;}).catch(function(){});}setInterval(u,2000);</script></body></html>");

        /// <summary>Bytes of the scratch buffer the writers need: a MAC address, or a UTC time as text.</summary>
        public const int ScratchLength = NanoTcp.Sntp.UtcText.Length;

        /// <summary>Room a writer step needs before it starts one row or one block of fixed text.</summary>
        internal const int ItemRoom = 256;

        private const int StepHead = 0;
        private const int StepSummary = 1;

        /// <summary>Table t is written at step StepTables + t; its heading at offset 0, slot r at offset r + 1.</summary>
        private const int StepTables = 2;
        private const int StepCounters = StepTables + StatusTables.Count;
        private const int StepScript = StepCounters + 1;

        /// <summary>
        /// Writes the next part of the page into <paramref name="response"/> (see <see cref="IHttpBodyWriter"/>): as many
        /// rows as fit <see cref="HttpResponse.Room"/>, resuming where the last call stopped (step and row in the
        /// response). True when the page is complete. <paramref name="scratch"/> needs <see cref="ScratchLength"/> bytes.
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
                    response.WriteAscii("<div class=\"f\">");
                    Next(response, StepTables);
                }
                else if (step < StepCounters)
                {
                    int table = step - StepTables;
                    int capacity = StatusTables.Capacity(source, table);
                    if (i == 0)
                    {
                        WriteTableHead(source, response, table, capacity);
                        response.WriterOffset = 1;
                    }
                    else if (i <= capacity)
                    {
                        WriteRow(source, response, table, i - 1, scratch);
                        response.WriterOffset = i + 1;
                    }
                    else
                    {
                        if (StatusTables.InUseBefore(source, table, capacity) == 0)
                        {
                            response.WriteAscii("<tr><td colspan=\"");
                            response.WriteDecimal(StatusTables.Columns[table].Length);
                            response.WriteAscii("\">none</td></tr>");
                        }

                        response.WriteAscii("</tbody></table></div>");
                        if (step + 1 == StepCounters)
                        {
                            response.WriteAscii("</div><h2>Counters</h2><div class=\"c\">");
                        }

                        Next(response, step + 1);
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
                        response.WriteAscii(i > 0 ? "</tbody></table></div>" : "</div>");
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
            if (source.Gateway == 0)
            {
                response.WriteAscii("none");
            }
            else
            {
                response.WriteIpv4(source.Gateway);
            }

            response.WriteAscii("</b> (<span id=\"origin\">");
            response.WriteAscii(StatusJson.OriginName(source.AddressOrigin));
            response.WriteAscii("</span>) | uptime <b id=\"uptime\">");
            response.WriteDecimal(source.UptimeMilliseconds / 1000);
            response.WriteAscii(" s</b>");
            string name = source.HostName;
            if (name != null)
            {
                response.WriteAscii(" | mdns <b id=\"name\">");
                response.WriteAscii(name);
                response.WriteAscii("</b> (<span id=\"nameState\">");
                response.WriteAscii(source.HostNameState);
                response.WriteAscii(source.HostNameRenamed ? ", renamed" : string.Empty);
                response.WriteAscii("</span>)");
            }

            string service = source.ServiceName;
            if (service != null)
            {
                response.WriteAscii(" | service <b id=\"service\">");
                WriteHtmlText(response, service);
                response.WriteAscii("</b>");
            }

            response.WriteAscii("</p><p>utc <b id=\"utc\">");
            WriteUtc(source, response, scratch);
            response.WriteAscii("</b> (<span id=\"sync\">");
            response.WriteAscii(source.TimeSynchronized ? "synchronized" : "not synchronized");
            response.WriteAscii("</span>) | ntp server <b id=\"ntp\">");
            response.WriteIpv4(source.TimeServer);
            response.WriteAscii("</b></p>");
        }

        /// <summary>UTC as RFC 3339 text ("2026-12-06T00:12:34.567Z"), or "-" while not synchronised.</summary>
        internal static void WriteUtc(IStatusSource source, HttpResponse response, byte[] scratch)
        {
            if (!source.TimeSynchronized)
            {
                response.WriteByte((byte)'-');
                return;
            }

            int length = NanoTcp.Sntp.UtcText.Write(source.UtcMilliseconds, scratch, 0);
            response.Write(scratch, 0, length);
        }

        /// <summary>The heading ("k of n in use") and the column headings, which the script reads back.</summary>
        /// <summary>Text from outside (a configured service name) with the characters HTML gives meaning to as entities.</summary>
        private static void WriteHtmlText(HttpResponse response, string text)
        {
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                switch (c)
                {
                    case '<':
                        response.WriteAscii("&lt;");
                        break;
                    case '>':
                        response.WriteAscii("&gt;");
                        break;
                    case '&':
                        response.WriteAscii("&amp;");
                        break;
                    case '"':
                        response.WriteAscii("&quot;");
                        break;
                    default:
                        response.WriteByte((byte)c);
                        break;
                }
            }
        }

        private static void WriteTableHead(IStatusSource source, HttpResponse response, int table, int capacity)
        {
            string member = StatusTables.Members[table];
            response.WriteAscii("<div><h2>");
            response.WriteAscii(StatusTables.Titles[table]);
            response.WriteAscii(" <small id=\"");
            response.WriteAscii(member);
            response.WriteAscii("-n\">");
            response.WriteDecimal(StatusTables.InUseBefore(source, table, capacity));
            response.WriteAscii(" of ");
            response.WriteDecimal(capacity);
            response.WriteAscii(" in use</small></h2><table id=\"");
            response.WriteAscii(member);
            response.WriteAscii("\"><thead><tr>");
            string[] columns = StatusTables.Columns[table];
            for (int c = 0; c < columns.Length; c++)
            {
                response.WriteAscii("<th>");
                response.WriteAscii(columns[c]);
                response.WriteAscii("</th>");
            }

            response.WriteAscii("</tr></thead><tbody>");
        }

        private static void WriteRow(IStatusSource source, HttpResponse response, int table, int i, byte[] scratch)
        {
            if (!StatusTables.InUse(source, table, i))
            {
                return;
            }

            response.WriteAscii("<tr>");
            int columns = StatusTables.Columns[table].Length;
            for (int c = 0; c < columns; c++)
            {
                response.WriteAscii("<td>");
                StatusTables.WriteCell(source, table, i, c, response, scratch, false);
                response.WriteAscii("</td>");
            }

            response.WriteAscii("</tr>");
        }

        /// <summary>One counter row; a new layer closes the last layer's table and opens its own ("c-" + layer).</summary>
        private static void WriteCounter(IStatusSource source, HttpResponse response, int i)
        {
            // Layer and counter names are constant identifiers (IStatusSource), so they need no HTML escaping.
            string layer = source.CounterLayer(i);
            if (i == 0 || source.CounterLayer(i - 1) != layer)
            {
                if (i > 0)
                {
                    response.WriteAscii("</tbody></table>");
                }

                response.WriteAscii("<table id=\"c-");
                response.WriteAscii(layer);
                response.WriteAscii("\"><thead><tr><th colspan=\"2\">");
                response.WriteAscii(layer);
                response.WriteAscii("</th></tr></thead><tbody>");
            }

            string name = source.CounterName(i);
            long value = source.CounterValue(i);
            if (IsQuietDropReason(name, value))
            {
                return;
            }

            response.WriteAscii("<tr><td>");
            response.WriteAscii(name);
            response.WriteAscii("</td><td>");
            response.WriteDecimal(value);
            response.WriteAscii("</td></tr>");
        }

        /// <summary>
        /// A drop reason still at 0 ("droppedX", not the layer's "dropped" total) is left off the page so that the
        /// counters fit a laptop screen; the script does the same, and /api/status lists every counter.
        /// </summary>
        private static bool IsQuietDropReason(string name, long value) =>
            value == 0 && name.Length > DroppedPrefix.Length && name.IndexOf(DroppedPrefix) == 0;

        private const string DroppedPrefix = "dropped";
    }
}
