namespace NanoTcp.Http
{
    /// <summary>
    /// The /api/status document, written straight into a response from an <see cref="IStatusSource"/>:
    /// {"link":{"up","mac"},"ipv4":{"address","prefixLength","gateway" (null when none),"origin"},"mdns":{…}|null,"uptimeMs":n,"time":{"synchronized":b,"utc":"…","utcMs":n,"server":"…"},
    /// "counters":{"layer":{"name":n,…},…},"capacity":{"connections":n,"timeWait":n,"arp":n},
    /// "connections":[…],"timeWait":[…],"arp":[…]}. The three tables list only the rows in use, with the members of
    /// <see cref="StatusTables"/>. Written in pieces from the firmware's loop like the status page (<see cref="StatusPage"/>).
    /// </summary>
    internal static class StatusJson
    {
        private static readonly byte[] Hex = HttpAscii.Encode("0123456789abcdef");

        private const int StepHead = 0;
        private const int StepCounters = 1;
        private const int StepCapacity = 2;

        /// <summary>Table t is written at step StepTables + t.</summary>
        private const int StepTables = 3;

        /// <summary>
        /// Writes the next part of the document (see <see cref="IHttpBodyWriter"/>): as many members as fit
        /// <see cref="HttpResponse.Room"/>, resuming where the last call stopped. True when the document is complete.
        /// <paramref name="scratch"/> needs <see cref="StatusPage.ScratchLength"/> bytes.
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
                        response.WriteAscii(i > 0 ? "}}," : "},");
                        StatusPage.Next(response, StepCapacity);
                    }
                }
                else if (step == StepCapacity)
                {
                    response.WriteAscii("\"capacity\":{");
                    for (int t = 0; t < StatusTables.Count; t++)
                    {
                        Member(response, StatusTables.Members[t], t > 0);
                        response.WriteDecimal(StatusTables.Capacity(source, t));
                    }

                    response.WriteAscii("},");
                    StatusPage.Next(response, StepTables);
                }
                else
                {
                    int table = step - StepTables;
                    if (i == 0)
                    {
                        WriteString(response, StatusTables.Members[table]);
                        response.WriteAscii(":[");
                    }

                    if (i < StatusTables.Capacity(source, table))
                    {
                        WriteRow(source, response, table, i, scratch);
                        response.WriterOffset = i + 1;
                        continue;
                    }

                    if (table + 1 < StatusTables.Count)
                    {
                        response.WriteAscii("],");
                        StatusPage.Next(response, step + 1);
                        continue;
                    }

                    response.WriteAscii("]}");
                    return true;
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
            response.WriteAscii(",\"gateway\":");
            if (source.Gateway == 0)
            {
                response.WriteAscii("null");
            }
            else
            {
                response.WriteByte((byte)'"');
                response.WriteIpv4(source.Gateway);
                response.WriteByte((byte)'"');
            }

            response.WriteAscii(",\"origin\":\"");
            response.WriteAscii(OriginName(source.AddressOrigin));
            response.WriteAscii("\"},\"mdns\":");
            WriteMdns(source, response);
            response.WriteAscii(",\"uptimeMs\":");
            response.WriteDecimal(source.UptimeMilliseconds);
            response.WriteAscii(",\"time\":{\"synchronized\":");
            response.WriteAscii(source.TimeSynchronized ? "true" : "false");
            response.WriteAscii(",\"utc\":\"");
            StatusPage.WriteUtc(source, response, scratch);
            response.WriteAscii("\",\"utcMs\":");
            response.WriteDecimal(source.UtcMilliseconds);
            response.WriteAscii(",\"server\":\"");
            response.WriteIpv4(source.TimeServer);
            response.WriteAscii("\"},\"counters\":{");
        }

        /// <summary>The mDNS name and its state, or null when the responder is off.</summary>
        private static void WriteMdns(IStatusSource source, HttpResponse response)
        {
            string name = source.HostName;
            if (name == null)
            {
                response.WriteAscii("null");
                return;
            }

            response.WriteAscii("{\"hostName\":");
            WriteString(response, name);
            response.WriteAscii(",\"state\":");
            WriteString(response, source.HostNameState);
            response.WriteAscii(",\"renamed\":");
            response.WriteAscii(source.HostNameRenamed ? "true" : "false");
            response.WriteAscii(",\"service\":");
            string service = source.ServiceName;
            if (service == null)
            {
                response.WriteAscii("null");
            }
            else
            {
                WriteString(response, service);
            }

            response.WriteByte((byte)'}');
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

        /// <summary>Row <paramref name="i"/> of a table as an object, when that slot is in use.</summary>
        private static void WriteRow(IStatusSource source, HttpResponse response, int table, int i, byte[] scratch)
        {
            if (!StatusTables.InUse(source, table, i))
            {
                return;
            }

            if (StatusTables.InUseBefore(source, table, i) > 0)
            {
                response.WriteByte((byte)',');
            }

            response.WriteByte((byte)'{');
            string[] columns = StatusTables.Columns[table];
            for (int c = 0; c < columns.Length; c++)
            {
                Member(response, columns[c], c > 0);
                StatusTables.WriteCell(source, table, i, c, response, scratch, true);
            }

            response.WriteByte((byte)'}');
        }

        /// <summary>"name": with a comma first when it follows another member.</summary>
        private static void Member(HttpResponse response, string name, bool comma)
        {
            if (comma)
            {
                response.WriteByte((byte)',');
            }

            WriteString(response, name);
            response.WriteByte((byte)':');
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
