namespace NanoTcp.Http
{
    /// <summary>
    /// The /api/status document, written straight into a response from an <see cref="IStatusSource"/>:
    /// {"link":{…},"ipv4":{…},"uptimeMs":n,"counters":{"layer":{"name":n,…},…},"connections":[…],"timeWait":[…],"arp":[{"address","mac","state","ageMs"},…]}.
    /// </summary>
    public static class StatusJson
    {
        private static readonly byte[] Hex = HttpAscii.Encode("0123456789abcdef");

        /// <summary>Writes the whole document; <paramref name="scratch"/> needs 6 bytes (the MAC address).</summary>
        public static void Write(IStatusSource source, HttpResponse response, byte[] scratch)
        {
            response.WriteAscii("{\"link\":{\"up\":");
            response.WriteAscii(source.LinkUp ? "true" : "false");
            response.WriteAscii(",\"mac\":\"");
            source.GetMacAddress(scratch, 0);
            WriteMac(response, scratch);
            response.WriteAscii("\"},\"ipv4\":{\"address\":\"");
            response.WriteIpv4(source.Address);
            response.WriteAscii("\",\"prefixLength\":");
            response.WriteDecimal(source.PrefixLength);
            response.WriteAscii(",\"gateway\":\"");
            response.WriteIpv4(source.Gateway);
            response.WriteAscii("\",\"origin\":\"");
            response.WriteAscii(OriginName(source.AddressOrigin));
            response.WriteAscii("\"},\"uptimeMs\":");
            response.WriteDecimal(source.UptimeMilliseconds);

            response.WriteAscii(",\"counters\":{");
            string layer = null;
            int count = source.CounterCount;
            for (int i = 0; i < count; i++)
            {
                string thisLayer = source.CounterLayer(i);
                if (layer == null || thisLayer != layer)
                {
                    if (layer != null)
                    {
                        response.WriteAscii("},");
                    }

                    WriteString(response, thisLayer);
                    response.WriteAscii(":{");
                    layer = thisLayer;
                }
                else
                {
                    response.WriteByte((byte)',');
                }

                WriteString(response, source.CounterName(i));
                response.WriteByte((byte)':');
                response.WriteDecimal(source.CounterValue(i));
            }

            response.WriteAscii(layer != null ? "}}," : "},");

            response.WriteAscii("\"connections\":[");
            int slots = source.ConnectionSlotCount;
            for (int i = 0; i < slots; i++)
            {
                if (i > 0)
                {
                    response.WriteByte((byte)',');
                }

                response.WriteAscii("{\"slot\":");
                response.WriteDecimal(i);
                response.WriteAscii(",\"state\":\"");
                response.WriteAscii(TcpStateNames.Name(source.ConnectionState(i)));
                response.WriteAscii("\",\"localPort\":");
                response.WriteDecimal(source.ConnectionLocalPort(i));
                response.WriteAscii(",\"remoteAddress\":\"");
                response.WriteIpv4(source.ConnectionRemoteAddress(i));
                response.WriteAscii("\",\"remotePort\":");
                response.WriteDecimal(source.ConnectionRemotePort(i));
                response.WriteByte((byte)'}');
            }

            response.WriteAscii("],\"timeWait\":[");
            bool first = true;
            int records = source.TimeWaitCapacity;
            for (int i = 0; i < records; i++)
            {
                if (!source.TimeWaitInUse(i))
                {
                    continue;
                }

                response.WriteAscii(first ? "{\"localPort\":" : ",{\"localPort\":");
                first = false;
                response.WriteDecimal(source.TimeWaitLocalPort(i));
                response.WriteAscii(",\"remoteAddress\":\"");
                response.WriteIpv4(source.TimeWaitRemoteAddress(i));
                response.WriteAscii("\",\"remotePort\":");
                response.WriteDecimal(source.TimeWaitRemotePort(i));
                response.WriteAscii(",\"remainingMs\":");
                response.WriteDecimal(source.TimeWaitRemainingMilliseconds(i));
                response.WriteByte((byte)'}');
            }

            response.WriteAscii("],\"arp\":[");
            first = true;
            int entries = source.ArpEntryCapacity;
            for (int i = 0; i < entries; i++)
            {
                string state = source.ArpEntryState(i);
                if (state == null)
                {
                    continue;
                }

                response.WriteAscii(first ? "{\"address\":\"" : ",{\"address\":\"");
                first = false;
                response.WriteIpv4(source.ArpEntryAddress(i));
                response.WriteAscii("\",\"mac\":\"");
                source.GetArpEntryMac(i, scratch, 0);
                WriteMac(response, scratch);
                response.WriteAscii("\",\"state\":\"");
                response.WriteAscii(state);
                response.WriteAscii("\",\"ageMs\":");
                response.WriteDecimal(source.ArpEntryAgeMilliseconds(i));
                response.WriteByte((byte)'}');
            }

            response.WriteAscii("]}");
        }

        /// <summary>"none", "static", "dhcp" or "static-fallback".</summary>
        public static string OriginName(AddressOrigin origin)
        {
            switch (origin)
            {
                case AddressOrigin.Static: return "static";
                case AddressOrigin.Dhcp: return "dhcp";
                case AddressOrigin.StaticFallback: return "static-fallback";
                default: return "none";
            }
        }

        /// <summary>Six bytes as "02:00:5e:00:00:01".</summary>
        public static void WriteMac(HttpResponse response, byte[] mac)
        {
            for (int i = 0; i < 6; i++)
            {
                if (i > 0)
                {
                    response.WriteByte((byte)':');
                }

                response.WriteByte(Hex[mac[i] >> 4]);
                response.WriteByte(Hex[mac[i] & 0xF]);
            }
        }

        /// <summary>A JSON string (RFC 8259 §7): quotes, backslashes and control characters escaped.</summary>
        public static void WriteString(HttpResponse response, string text)
        {
            response.WriteByte((byte)'"');
            if (!NeedsEscape(text))
            {
                response.WriteAscii(text);
                response.WriteByte((byte)'"');
                return;
            }

            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (c == '"' || c == '\\')
                {
                    response.WriteByte((byte)'\\');
                    response.WriteByte((byte)c);
                }
                else if (c < (char)0x20)
                {
                    response.WriteAscii("\\u00");
                    response.WriteByte(Hex[c >> 4]);
                    response.WriteByte(Hex[c & 0xF]);
                }
                else
                {
                    response.WriteByte(c < (char)128 ? (byte)c : (byte)'?');
                }
            }

            response.WriteByte((byte)'"');
        }

        private static bool NeedsEscape(string text)
        {
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (c == '"' || c == '\\' || c < (char)0x20)
                {
                    return true;
                }
            }

            return false;
        }
    }
}
