using System;
using System.Collections.Generic;
using System.IO;
using System.Text.RegularExpressions;

namespace NanoTcp.Tests.Host.Guard
{
    /// <summary>
    /// The entries of shared/nano/api-allowlist.txt (format at its top) plus the project's supplement file:
    /// <c>Ns.Type</c>, <c>Ns.Type::Member(Param,…)</c>, <c>Ns.Type::Member(*)</c>, <c>Ns.Type::*</c>,
    /// <c>Ns.Type::Field</c>, <c>*</c> as a wildcard in a type name, and <c>!</c> before an entry to forbid it even
    /// where a wider entry allows it. A forbidden type forbids all its members too.
    /// </summary>
    public sealed class ApiAllowlist
    {
        private readonly List<Entry> _allowed = new List<Entry>();
        private readonly List<Entry> _forbidden = new List<Entry>();

        public int Count => _allowed.Count + _forbidden.Count;

        public static ApiAllowlist Load(params string[] paths)
        {
            var list = new ApiAllowlist();
            foreach (string path in paths)
            {
                list.Add(File.ReadAllText(path), path);
            }

            return list;
        }

        public static ApiAllowlist Parse(string text)
        {
            var list = new ApiAllowlist();
            list.Add(text, "text");
            return list;
        }

        /// <summary>Adds the entries of one file; blank lines and lines starting with '#' are skipped.</summary>
        public void Add(string text, string source)
        {
            string[] lines = text.Split('\n');
            for (int i = 0; i < lines.Length; i++)
            {
                string line = lines[i].Trim();
                if (line.Length == 0 || line.StartsWith('#'))
                {
                    continue;
                }

                bool forbid = line.StartsWith('!');
                Entry entry = Entry.Parse(forbid ? line.Substring(1).Trim() : line, source + ":" + (i + 1));
                (forbid ? _forbidden : _allowed).Add(entry);
            }
        }

        /// <summary>
        /// True when code may name <paramref name="type"/> (Ns.Type, nested Ns.Outer/Inner): it is listed itself, or
        /// one of its members is (calling a listed member names its type), and no '!' entry forbids it.
        /// </summary>
        public bool IsTypeAllowed(string type)
        {
            foreach (Entry entry in _forbidden)
            {
                if (entry.IsTypeEntry && entry.MatchesType(type))
                {
                    return false;
                }
            }

            foreach (Entry entry in _allowed)
            {
                if (entry.MatchesType(type))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// True when code may reference member <paramref name="name"/> of <paramref name="type"/>: a method with
        /// <paramref name="parameters"/> ("System.Int32,System.Byte[]"), or a field when it is null.
        /// </summary>
        public bool IsMemberAllowed(string type, string name, string parameters)
        {
            foreach (Entry entry in _forbidden)
            {
                if (entry.MatchesType(type) && (entry.IsTypeEntry || entry.MatchesMember(name, parameters)))
                {
                    return false;
                }
            }

            foreach (Entry entry in _allowed)
            {
                if (!entry.IsTypeEntry && entry.MatchesType(type) && entry.MatchesMember(name, parameters))
                {
                    return true;
                }
            }

            // A field on .NET may be a read-only property on nanoFramework (BitConverter.IsLittleEndian is a static
            // readonly field on .NET and `static extern bool IsLittleEndian { get; }` in mscorlib 1.x): the same
            // source reads either, so a listed getter allows the field.
            return parameters == null && IsMemberAllowed(type, "get_" + name, string.Empty);
        }

        private sealed class Entry
        {
            private Regex _type;
            private string _member;     // null: a type entry; "*": every member
            private string _parameters; // null: no parentheses (a field, or any member of that name); "*": any overload

            public bool IsTypeEntry => _member == null;

            public static Entry Parse(string text, string where)
            {
                var entry = new Entry();
                int separator = text.IndexOf("::", StringComparison.Ordinal);
                string type = separator < 0 ? text : text.Substring(0, separator);
                if (type.Length == 0 || type.Contains(' ', StringComparison.Ordinal))
                {
                    throw new FormatException(where + ": not an allowlist entry: '" + text + "'");
                }

                entry._type = new Regex("^" + Regex.Escape(type).Replace("\\*", ".*", StringComparison.Ordinal) + "$", RegexOptions.CultureInvariant);
                if (separator < 0)
                {
                    return entry;
                }

                string member = text.Substring(separator + 2);
                int open = member.IndexOf('(', StringComparison.Ordinal);
                if (open < 0)
                {
                    entry._member = member;
                }
                else
                {
                    if (!member.EndsWith(')'))
                    {
                        throw new FormatException(where + ": unbalanced parentheses in '" + text + "'");
                    }

                    entry._member = member.Substring(0, open);
                    entry._parameters = member.Substring(open + 1, member.Length - open - 2).Replace(" ", string.Empty, StringComparison.Ordinal);
                }

                if (entry._member.Length == 0)
                {
                    throw new FormatException(where + ": no member after '::' in '" + text + "'");
                }

                return entry;
            }

            public bool MatchesType(string type) => _type.IsMatch(type);

            public bool MatchesMember(string name, string parameters)
            {
                if (_member == "*")
                {
                    return true;
                }

                if (!string.Equals(_member, name, StringComparison.Ordinal))
                {
                    return false;
                }

                return _parameters == null || _parameters == "*" || string.Equals(_parameters, parameters ?? string.Empty, StringComparison.Ordinal);
            }
        }
    }
}
