namespace NanoTcp.Http
{
    /// <summary>
    /// The /api/status document, written straight into a response from an <see cref="IStatusSource"/>:
    /// {"link":{…},"ipv4":{…},"uptimeMs":n,"counters":{"layer":{"name":n,…},…},"connections":[…],"timeWait":[…],"arp":[{"address","mac","state","ageMs"},…]}.
    /// Written in pieces from the firmware's loop like the status page (<see cref="StatusPage"/>).
    /// </summary>
    internal static class StatusJson
    {
        private static readonly byte[] Hex = HttpAscii.Encode("0123456789abcdef");

        private const int StepHead = 0;
        private const int StepCounters = 1;
        private const int StepConnections = 2;
        private const int StepTimeWait = 3;
        private const int StepArp = 4;

        /// <summary>
        /// Writes the next part of the document (see <see cref="IHttpBodyWriter"/>): as many members as fit
        /// <see cref="HttpResponse.Room"/>, resuming where the last call stopped. True when the document is complete.
        /// <paramref name="scratch"/> needs 6 bytes (a MAC address).
        /// </summary>
        public static bool WriteNext(IStatusSource source, HttpResponse response, byte[] scratch)
        {
            for (;;)
            {
                if (response.Room < StatusPage.ItemRoom)
                {
                    return false;
                }

                int step = response.WriterStep;
                int i = response.WriterOffset;
                if (step == StepHead)
                {
                    WriteHead(source, response, scratch);
                    StatusPage.Next(response, StepCounters);
                }
                else if (step == StepCounters)
                {
                    if (i < source.CounterCount)
                    {
                        WriteCounter(source, response, i);
                        response.WriterOffset = i + 1;
                    }
                    else
                    {
                        response.WriteAscii(i > 0 ? "}},\"connections\":[" : "},\"connections\":[");
                        StatusPage.Next(response, StepConnections);
                    }
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
                        response.WriteAscii("],\"timeWait\":[");
                        StatusPage.Next(response, StepTimeWait);
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
                        response.WriteAscii("],\"arp\":[");
                        StatusPage.Next(response, StepArp);
                    }
                }
                else
                {
                    if (i < source.ArpEntryCapacity)
                    {
                        WriteArpEntry(source, response, i, scratch);
                        response.WriterOffset = i + 1;
                    }
                    else
                    {
                        response.WriteAscii("]}");
                        return true;
                    }
                }
            }
        }

        private static void WriteHead(IStatusSource source, HttpResponse response, byte[] scratch)
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
        }

        /// <summary>One counter; consecutive counters of one layer form one object.</summary>
        private static void WriteCounter(IStatusSource source, HttpResponse response, int i)
        {
            string layer = source.CounterLayer(i);
            if (i == 0 || source.CounterLayer(i - 1) != layer)
            {
                if (i > 0)
                {
                    response.WriteAscii("},");
                }

                WriteString(response, layer);
                response.WriteAscii(":{");
            }
            else
            {
                response.WriteByte((byte)',');
            }

            WriteString(response, source.CounterName(i));
            response.WriteByte((byte)':');
            response.WriteDecimal(source.CounterValue(i));
        }

        private static void WriteConnection(IStatusSource source, HttpResponse response, int i)
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

        private static void WriteTimeWait(IStatusSource source, HttpResponse response, int i)
        {
            if (!source.TimeWaitInUse(i))
            {
                return;
            }

            response.WriteAscii(AnyBefore(source, i, false) ? ",{\"localPort\":" : "{\"localPort\":");
            response.WriteDecimal(source.TimeWaitLocalPort(i));
            response.WriteAscii(",\"remoteAddress\":\"");
            response.WriteIpv4(source.TimeWaitRemoteAddress(i));
            response.WriteAscii("\",\"remotePort\":");
            response.WriteDecimal(source.TimeWaitRemotePort(i));
            response.WriteAscii(",\"remainingMs\":");
            response.WriteDecimal(source.TimeWaitRemainingMilliseconds(i));
            response.WriteByte((byte)'}');
        }

        private static void WriteArpEntry(IStatusSource source, HttpResponse response, int i, byte[] scratch)
        {
            string state = source.ArpEntryState(i);
            if (state == null)
            {
                return;
            }

            response.WriteAscii(AnyBefore(source, i, true) ? ",{\"address\":\"" : "{\"address\":\"");
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

        /// <summary>True when a TIME-WAIT record (or, with <paramref name="arp"/>, an ARP entry) before <paramref name="i"/> is in use: a comma goes first.</summary>
        private static bool AnyBefore(IStatusSource source, int i, bool arp)
        {
            for (int j = 0; j < i; j++)
            {
                if (arp ? source.ArpEntryState(j) != null : source.TimeWaitInUse(j))
                {
                    return true;
                }
            }

            return false;
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
