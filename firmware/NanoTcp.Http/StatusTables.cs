using NanoTcp.Tcp;

namespace NanoTcp.Http
{
    /// <summary>
    /// The one description of the status tables (connections, TIME-WAIT, ARP cache). /api/status writes each table as
    /// an array of objects whose members are <see cref="Columns"/> (<see cref="StatusJson"/>); the status page writes
    /// the same names as the tables' column headings (<see cref="StatusPage"/>), and the page's script fills each table
    /// from the JSON by reading its headings back. A new column is one name here and one cell in <see cref="WriteCell"/>.
    /// Only rows in use are listed; <see cref="Capacity"/> tells how many slots there are (idle = capacity - rows).
    /// </summary>
    internal static class StatusTables
    {
        internal const int Connections = 0;
        internal const int TimeWait = 1;
        internal const int Arp = 2;
        internal const int Count = 3;

        /// <summary>The table's member in /api/status and its id on the page.</summary>
        internal static readonly string[] Members = { "connections", "timeWait", "arp" };

        /// <summary>The table's heading on the page.</summary>
        internal static readonly string[] Titles = { "Connections", "TIME-WAIT", "ARP cache" };

        /// <summary>Each row's JSON members, also the page's column headings.</summary>
        internal static readonly string[][] Columns =
        {
            new string[] { "slot", "state", "localPort", "remoteAddress", "remotePort" },
            new string[] { "localPort", "remoteAddress", "remotePort", "remainingMs" },
            new string[] { "address", "mac", "state", "ageMs" },
        };

        /// <summary>The number of slots of the table (in use or not).</summary>
        internal static int Capacity(IStatusSource source, int table)
        {
            switch (table)
            {
                case Connections: return source.ConnectionSlotCount;
                case TimeWait: return source.TimeWaitCapacity;
                default: return source.ArpEntryCapacity;
            }
        }

        /// <summary>True when slot <paramref name="row"/> of the table holds something to show (a CLOSED slot does not).</summary>
        internal static bool InUse(IStatusSource source, int table, int row)
        {
            switch (table)
            {
                case Connections: return source.ConnectionState(row) != TcpState.Closed;
                case TimeWait: return source.TimeWaitInUse(row);
                default: return source.ArpEntryState(row) != null;
            }
        }

        /// <summary>The number of slots in use before <paramref name="end"/>.</summary>
        internal static int InUseBefore(IStatusSource source, int table, int end)
        {
            int n = 0;
            for (int i = 0; i < end; i++)
            {
                if (InUse(source, table, i))
                {
                    n++;
                }
            }

            return n;
        }

        /// <summary>
        /// Writes one cell: numbers as decimal; text, addresses and MAC addresses in quotes when <paramref name="json"/>.
        /// Every text is a constant identifier or a number, so nothing needs escaping. <paramref name="scratch"/>: 6 bytes.
        /// </summary>
        internal static void WriteCell(IStatusSource source, int table, int row, int column, HttpResponse response, byte[] scratch, bool json)
        {
            if (table == Connections)
            {
                switch (column)
                {
                    case 0: response.WriteDecimal(row); return;
                    case 1: Text(response, TcpStateNames.Name(source.ConnectionState(row)), json); return;
                    case 2: response.WriteDecimal(source.ConnectionLocalPort(row)); return;
                    case 3: Ipv4(response, source.ConnectionRemoteAddress(row), json); return;
                    default: response.WriteDecimal(source.ConnectionRemotePort(row)); return;
                }
            }

            if (table == TimeWait)
            {
                switch (column)
                {
                    case 0: response.WriteDecimal(source.TimeWaitLocalPort(row)); return;
                    case 1: Ipv4(response, source.TimeWaitRemoteAddress(row), json); return;
                    case 2: response.WriteDecimal(source.TimeWaitRemotePort(row)); return;
                    default: response.WriteDecimal(source.TimeWaitRemainingMilliseconds(row)); return;
                }
            }

            switch (column)
            {
                case 0: Ipv4(response, source.ArpEntryAddress(row), json); return;
                case 1:
                    source.GetArpEntryMac(row, scratch, 0);
                    Quote(response, json);
                    StatusJson.WriteMac(response, scratch);
                    Quote(response, json);
                    return;
                case 2: Text(response, source.ArpEntryState(row), json); return;
                default: response.WriteDecimal(source.ArpEntryAgeMilliseconds(row)); return;
            }
        }

        private static void Text(HttpResponse response, string text, bool json)
        {
            Quote(response, json);
            response.WriteAscii(text);
            Quote(response, json);
        }

        private static void Ipv4(HttpResponse response, uint address, bool json)
        {
            Quote(response, json);
            response.WriteIpv4(address);
            Quote(response, json);
        }

        private static void Quote(HttpResponse response, bool json)
        {
            if (json)
            {
                response.WriteByte((byte)'"');
            }
        }
    }
}
