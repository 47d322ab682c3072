using NanoTcp.Wire;

namespace NanoTcp.Mdns
{
    /// <summary>
    /// The one service the responder advertises by DNS-SD (RFC 6763): "instance._http._tcp.local" with its SRV record
    /// (port, target host) and TXT record, found through the PTR records of "_http._tcp.local" and of the service type
    /// enumeration "_services._dns-sd._udp.local" (§9). Holds the names in wire form and the TXT data, built once; a
    /// conflict renames the instance "instance (2)", "instance (3)"... (RFC 6762 §9). Memory: the instance name (at most
    /// 82 bytes), the label and the TXT data.
    /// </summary>
    internal sealed class MdnsService
    {
        /// <summary>RFC 6762 §10: records without a host name in their data (PTR, TXT) live 75 minutes.</summary>
        internal const uint SharedTtlSeconds = 4500;

        /// <summary>The longest instance label configured: the label limit (63) less room for " (99999)".</summary>
        internal const int MaxInstanceLength = 55;

        /// <summary>The longest TXT data (its strings with their length bytes), kept to one small response.</summary>
        internal const int MaxTxtLength = 200;

        internal const ushort TypePtr = 12;
        internal const ushort TypeTxt = 16;
        internal const ushort TypeSrv = 33;

        private const int MaxSuffix = 99999;

        /// <summary>"_http._tcp.local" in wire form.</summary>
        internal static readonly byte[] TypeName = Wire("_http._tcp.local");

        /// <summary>"_services._dns-sd._udp.local" in wire form (RFC 6763 §9).</summary>
        internal static readonly byte[] EnumerationName = Wire("_services._dns-sd._udp.local");

        private readonly byte[] _label;
        private readonly byte[] _name;
        private readonly byte[] _txt;
        private readonly ushort _port;
        private int _nameLength;
        private int _suffix = 1;
        private string _instance;

        internal MdnsService(string instance, int port, string[] txt)
        {
            if (!IsInstanceLabel(instance) || port < 1 || port > 65535)
            {
                throw new System.ArgumentException("MdnsConfiguration.ServiceName: 1 to 55 printable ASCII characters, no '.' or '\\'; ServicePort 1..65535");
            }

            _port = (ushort)port;
            _label = new byte[instance.Length];
            for (int i = 0; i < instance.Length; i++)
            {
                _label[i] = (byte)instance[i];
            }

            _txt = BuildTxt(txt);
            _name = new byte[1 + DnsMessage.MaxLabelLength + TypeName.Length];
            Build();
        }

        /// <summary>The instance label advertised now ("nanotcp", "nanotcp (2)" after a conflict).</summary>
        internal string Instance => _instance;

        internal bool Renamed => _suffix > 1;

        internal ushort Port => _port;

        /// <summary>"instance._http._tcp.local" in wire form (<see cref="NameLength"/> bytes).</summary>
        internal byte[] Name => _name;

        internal int NameLength => _nameLength;

        /// <summary>The TXT record's data: length-prefixed strings ("path=/").</summary>
        internal byte[] Txt => _txt;

        /// <summary>§9: the next instance name.</summary>
        internal void Rename()
        {
            _suffix = _suffix >= MaxSuffix ? 2 : _suffix + 1;
            Build();
        }

        /// <summary>True when the TXT data at <paramref name="data"/> equals ours.</summary>
        internal bool SameTxt(byte[] buf, int data, int dataLength)
        {
            if (dataLength != _txt.Length)
            {
                return false;
            }

            for (int i = 0; i < dataLength; i++)
            {
                if (buf[data + i] != _txt[i])
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>Label, then " (n)" after a rename, then "_http._tcp.local".</summary>
        private void Build()
        {
            int at = 1;
            System.Array.Copy(_label, 0, _name, at, _label.Length);
            at += _label.Length;
            string text = new string(ToChars(_label));
            if (_suffix > 1)
            {
                string suffix = " (" + _suffix.ToString() + ")";
                for (int i = 0; i < suffix.Length; i++)
                {
                    _name[at++] = (byte)suffix[i];
                }

                text += suffix;
            }

            _name[0] = (byte)(at - 1);
            System.Array.Copy(TypeName, 0, _name, at, TypeName.Length);
            _nameLength = at + TypeName.Length;
            _instance = text;
        }

        private static char[] ToChars(byte[] bytes)
        {
            char[] chars = new char[bytes.Length];
            for (int i = 0; i < bytes.Length; i++)
            {
                chars[i] = (char)bytes[i];
            }

            return chars;
        }

        /// <summary>RFC 6763 §6: each string with its length byte; no strings is one empty string.</summary>
        private static byte[] BuildTxt(string[] strings)
        {
            int length = 0;
            for (int i = 0; strings != null && i < strings.Length; i++)
            {
                length += 1 + strings[i].Length;
            }

            if (length == 0)
            {
                return new byte[1];
            }

            if (length > MaxTxtLength)
            {
                throw new System.ArgumentException("MdnsConfiguration.ServiceTxt: at most 200 bytes with a length byte per string");
            }

            byte[] txt = new byte[length];
            int at = 0;
            for (int i = 0; i < strings.Length; i++)
            {
                string text = strings[i];
                if (text.Length == 0 || !IsPrintable(text, false))
                {
                    throw new System.ArgumentException("MdnsConfiguration.ServiceTxt: each string 1 or more printable ASCII characters (\"key=value\")");
                }

                txt[at++] = (byte)text.Length;
                for (int k = 0; k < text.Length; k++)
                {
                    txt[at++] = (byte)text[k];
                }
            }

            return txt;
        }

        private static bool IsInstanceLabel(string text)
        {
            return text != null && text.Length >= 1 && text.Length <= MaxInstanceLength && IsPrintable(text, true);
        }

        private static bool IsPrintable(string text, bool label)
        {
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (c < ' ' || c > '~' || (label && (c == '.' || c == '\\')))
                {
                    return false;
                }
            }

            return true;
        }

        private static byte[] Wire(string name)
        {
            byte[] buffer = new byte[DnsMessage.MaxNameLength];
            int length = DnsMessage.WriteName(name, buffer, 0);
            byte[] wire = new byte[length];
            System.Array.Copy(buffer, wire, length);
            return wire;
        }
    }
}
