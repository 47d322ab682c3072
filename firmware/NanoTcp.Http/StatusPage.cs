namespace NanoTcp.Http
{
    /// <summary>
    /// The status page at "/": small HTML with no external resources. The tables are filled on the board when the
    /// page is served and refreshed every two seconds by a few lines of script from /api/status (<see cref="StatusJson"/>).
    /// </summary>
    public static class StatusPage
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

        /// <summary>Writes the whole page; <paramref name="scratch"/> needs 6 bytes (the MAC address).</summary>
        public static void Write(IStatusSource source, HttpResponse response, byte[] scratch)
        {
            response.Write(Head, 0, Head.Length);
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

            response.WriteAscii("<h2>Connections</h2><table id=\"connections\"><thead><tr><th>slot</th><th>state</th><th>local port</th><th>remote</th></tr></thead><tbody>");
            int slots = source.ConnectionSlotCount;
            for (int i = 0; i < slots; i++)
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

            response.WriteAscii("</tbody></table><h2>TIME-WAIT</h2><table id=\"timewait\"><thead><tr><th>local port</th><th>remote</th><th>remaining ms</th></tr></thead><tbody>");
            int records = source.TimeWaitCapacity;
            for (int i = 0; i < records; i++)
            {
                if (!source.TimeWaitInUse(i))
                {
                    continue;
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

            response.WriteAscii("</tbody></table><h2>ARP cache</h2><table id=\"arp\"><thead><tr><th>address</th><th>mac</th><th>state</th><th>age ms</th></tr></thead><tbody>");
            int entries = source.ArpEntryCapacity;
            for (int i = 0; i < entries; i++)
            {
                string state = source.ArpEntryState(i);
                if (state == null)
                {
                    continue;
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

            response.WriteAscii("</tbody></table><h2>Counters</h2><table id=\"counters\"><thead><tr><th>layer</th><th>counter</th><th>value</th></tr></thead><tbody>");
            int count = source.CounterCount;
            for (int i = 0; i < count; i++)
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

            response.WriteAscii("</tbody></table>");
            response.Write(Script, 0, Script.Length);
        }
    }
}
