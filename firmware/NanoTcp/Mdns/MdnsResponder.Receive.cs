using NanoTcp.Wire;

namespace NanoTcp.Mdns
{
    /// <summary>
    /// Checking and reading one message to port 5353, called by UDP on the stack's thread. The whole message is walked
    /// first (every name expanded with <see cref="DnsMessage.ExpandName"/>, every record's length checked against the
    /// message) and only a message that holds together is used: a malformed one is dropped and counted once, never
    /// half-used. Queries: the questions for our records, the known answers (§7.1) and a probe's proposed records
    /// (§8.2). Responses: records for our unique names with other data (§9).
    /// </summary>
    public sealed partial class MdnsResponder
    {
        private const uint LinkLocalPrefix = 0xA9FE0000;
        private const uint LinkLocalMask = 0xFFFF0000;

        // What the walk over a message found (stack thread only).
        private int _asked;
        private int _known;
        private bool _unicastAsked;
        private int _askedName;
        private ushort _askedType;
        private bool _conflict;
        private bool _serviceConflict;
        private bool _probe;
        private bool _probeWins;

        private void ReceiveDatagram(byte[] buffer, int offset, int length, uint sourceAddress, ushort sourcePort, uint destinationAddress, ushort destinationPort)
        {
            if (_state == MdnsState.Off)
            {
                return;
            }

            if (!DnsMessage.IsValidHeader(buffer, offset, length))
            {
                _counters.droppedMalformed++;
                return;
            }

            ushort flags = DnsMessage.Flags(buffer, offset);
            if ((flags & DnsMessage.OpcodeMask) != 0 || (flags & DnsMessage.ResponseCodeMask) != 0)
            {
                _counters.droppedUnsupported++;
                return;
            }

            if (!IsOnLink(sourceAddress))
            {
                _counters.droppedOffLink++;
                return;
            }

            bool response = (flags & DnsMessage.FlagResponse) != 0;
            int problem = Walk(buffer, offset, length, response);
            if (problem != 0)
            {
                if (problem < 0)
                {
                    _counters.droppedBadName++;
                }
                else
                {
                    _counters.droppedMalformed++;
                }

                return;
            }

            long now = _stack.Now;
            bool claimed = _state == MdnsState.Probing || _state == MdnsState.Announcing || _state == MdnsState.Announced;
            if (response)
            {
                if ((_conflict || _serviceConflict) && claimed)
                {
                    OnConflict(now, !_conflict);
                }

                return;
            }

            if (_state == MdnsState.Probing)
            {
                if (_serviceConflict)
                {
                    // Another host probes for our instance name with other records: take the next name (no tie-break).
                    OnConflict(now, true);
                }
                else if (_probe && _probeWins)
                {
                    DeferProbing(now);
                }
            }

            if (_asked == 0 || (_state != MdnsState.Announcing && _state != MdnsState.Announced))
            {
                return;
            }

            _counters.queriesAnswered++;
            if (sourcePort != MdnsMessage.Port)
            {
                SendLegacyResponse(sourceAddress, sourcePort, DnsMessage.Id(buffer, offset), _askedName, _askedType, _asked, Additionals(_asked, 0));
                _counters.legacyResponses++;
                return;
            }

            int answers = _asked & ~_known;
            if (answers == 0)
            {
                _counters.knownAnswersSuppressed++;
                return;
            }

            int additionals = Additionals(answers, _known);
            if (!_probe && (_unicastAsked || destinationAddress == _address))
            {
                SendResponse(sourceAddress, MdnsMessage.Port, answers, additionals, Multicast);
                _counters.unicastResponses++;
                return;
            }

            int interval = _probe ? ProbeDefenceIntervalMilliseconds : MulticastIntervalMilliseconds;
            answers &= ~RecentlyMulticast(answers, now, interval);
            if (answers == 0)
            {
                _counters.rateLimited++;
                return;
            }

            additionals = Additionals(answers, _known);
            SendResponse(MdnsMessage.GroupAddress, MdnsMessage.Port, answers, additionals, Multicast);
            MarkMulticast(answers | additionals, now);
            _counters.multicastResponses++;
        }

        /// <summary>RFC 6763 §12: a PTR answer brings the SRV, TXT and A records; an SRV answer the A record; none the asker knows.</summary>
        private static int Additionals(int answers, int known)
        {
            int additionals = 0;
            if ((answers & RecordServicePtr) != 0)
            {
                additionals |= RecordSrv | RecordTxt | RecordA;
            }

            if ((answers & RecordSrv) != 0)
            {
                additionals |= RecordA;
            }

            return additionals & ~answers & ~known;
        }

        /// <summary>
        /// Walks the questions and the three record sections. Returns 0 when all hold together, -1 for a bad name, 1 for
        /// a section or record running past the message.
        /// </summary>
        private int Walk(byte[] buf, int msg, int length, bool response)
        {
            _asked = 0;
            _known = 0;
            _unicastAsked = false;
            _askedName = NameNone;
            _conflict = false;
            _serviceConflict = false;
            _probe = false;
            _probeWins = false;
            int limit = msg + length;
            int at = msg + DnsMessage.HeaderLength;
            int questions = DnsMessage.QuestionCount(buf, msg);
            for (int i = 0; i < questions; i++)
            {
                if (at >= limit)
                {
                    return 1;
                }

                int end;
                int nameLength = DnsMessage.ExpandName(buf, msg, length, at, _scratch, 0, out end);
                if (nameLength < 0)
                {
                    return -1;
                }

                if (end + DnsMessage.QuestionFixedLength > limit)
                {
                    return 1;
                }

                ushort type = Bytes.ReadUInt16(buf, end);
                ushort questionClass = Bytes.ReadUInt16(buf, end + 2);
                int plainClass = questionClass & MdnsMessage.ClassMask;
                if (!response && (plainClass == DnsMessage.ClassInternet || plainClass == MdnsMessage.ClassAny))
                {
                    int name = NameOf(_scratch, nameLength);
                    int asked = Asked(name, type);
                    if (asked != 0)
                    {
                        if (_asked == 0)
                        {
                            _askedName = name;
                            _askedType = type;
                        }

                        _asked |= asked;
                        if ((questionClass & MdnsMessage.ClassUnicastResponse) != 0)
                        {
                            _unicastAsked = true;
                        }
                    }
                }

                at = end + DnsMessage.QuestionFixedLength;
            }

            int answers = DnsMessage.AnswerCount(buf, msg);
            int authorities = DnsMessage.AuthorityCount(buf, msg);
            int records = answers + authorities + DnsMessage.AdditionalCount(buf, msg);
            for (int i = 0; i < records; i++)
            {
                if (at >= limit)
                {
                    return 1;
                }

                int end;
                int nameLength = DnsMessage.ExpandName(buf, msg, length, at, _scratch, 0, out end);
                if (nameLength < 0)
                {
                    return -1;
                }

                if (end + DnsMessage.RecordFixedLength > limit)
                {
                    return 1;
                }

                int dataLength = Bytes.ReadUInt16(buf, end + MdnsMessage.RecordDataLengthOffset);
                int data = end + DnsMessage.RecordFixedLength;
                if (dataLength > limit - data)
                {
                    return 1;
                }

                int name = NameOf(_scratch, nameLength);
                if (name == NameHost)
                {
                    Record(buf, end, response, i < answers, i >= answers && i < answers + authorities);
                }
                else if (name != NameNone)
                {
                    int problem = ServiceRecord(buf, msg, length, end, name, response, i < answers, i >= answers && i < answers + authorities);
                    if (problem != 0)
                    {
                        return problem;
                    }
                }

                at = data + dataLength;
            }

            return 0;
        }

        /// <summary>Which of our names the expanded name in <paramref name="name"/> is (NameNone: none).</summary>
        private int NameOf(byte[] name, int nameLength)
        {
            if (nameLength == _nameLength && DnsMessage.NamesEqual(name, 0, _name, 0, nameLength))
            {
                return NameHost;
            }

            if (_service == null)
            {
                return NameNone;
            }

            if (nameLength == _service.NameLength && DnsMessage.NamesEqual(name, 0, _service.Name, 0, nameLength))
            {
                return NameInstance;
            }

            if (nameLength == MdnsService.TypeName.Length && DnsMessage.NamesEqual(name, 0, MdnsService.TypeName, 0, nameLength))
            {
                return NameServiceType;
            }

            if (nameLength == MdnsService.EnumerationName.Length && DnsMessage.NamesEqual(name, 0, MdnsService.EnumerationName, 0, nameLength))
            {
                return NameEnumeration;
            }

            return NameNone;
        }

        /// <summary>The records a question for <paramref name="name"/> of <paramref name="type"/> asks for.</summary>
        private static int Asked(int name, ushort type)
        {
            bool any = type == MdnsMessage.TypeAny;
            switch (name)
            {
                case NameHost:
                    return any || type == DnsMessage.TypeA ? RecordA : 0;
                case NameInstance:
                    return (any || type == MdnsService.TypeSrv ? RecordSrv : 0) | (any || type == MdnsService.TypeTxt ? RecordTxt : 0);
                case NameServiceType:
                    return any || type == MdnsService.TypePtr ? RecordServicePtr : 0;
                case NameEnumeration:
                    return any || type == MdnsService.TypePtr ? RecordEnumerationPtr : 0;
                default:
                    return 0;
            }
        }

        /// <summary>One record for our name at <paramref name="fields"/> (its type): what it means for us.</summary>
        private void Record(byte[] buf, int fields, bool response, bool inAnswers, bool inAuthority)
        {
            ushort type = Bytes.ReadUInt16(buf, fields + MdnsMessage.RecordTypeOffset);
            if (type != DnsMessage.TypeA)
            {
                return;
            }

            int recordClass = Bytes.ReadUInt16(buf, fields + MdnsMessage.RecordClassOffset) & MdnsMessage.ClassMask;
            int dataLength = Bytes.ReadUInt16(buf, fields + MdnsMessage.RecordDataLengthOffset);
            int data = fields + DnsMessage.RecordFixedLength;
            bool ours = recordClass == DnsMessage.ClassInternet && dataLength == MdnsMessage.AddressDataLength
                        && Bytes.ReadUInt32(buf, data) == _address;
            if (response)
            {
                // §9: another host answers for our name with other data.
                if (!ours)
                {
                    _conflict = true;
                }

                return;
            }

            if (inAnswers)
            {
                // §7.1: the asker already holds our record with at least half its TTL.
                if (ours && Bytes.ReadUInt32(buf, fields + MdnsMessage.RecordTtlOffset) >= _ttl / 2)
                {
                    _known |= RecordA;
                }

                return;
            }

            if (inAuthority)
            {
                // §8.2: another host probes for our name; the lexicographically later record wins.
                _probe = true;
                if (CompareToOurs(buf, recordClass, data, dataLength) > 0)
                {
                    _probeWins = true;
                }
            }
        }

        /// <summary>
        /// One record for a service name (SRV or TXT of our instance, PTR of the service type or the enumeration): a
        /// known answer (§7.1), a conflict (§9; shared PTR records never conflict), another host's probe (§8.2).
        /// Returns -1 when a name in its data is bad.
        /// </summary>
        private int ServiceRecord(byte[] buf, int msg, int length, int fields, int name, bool response, bool inAnswers, bool inAuthority)
        {
            ushort type = Bytes.ReadUInt16(buf, fields + MdnsMessage.RecordTypeOffset);
            int recordClass = Bytes.ReadUInt16(buf, fields + MdnsMessage.RecordClassOffset) & MdnsMessage.ClassMask;
            int dataLength = Bytes.ReadUInt16(buf, fields + MdnsMessage.RecordDataLengthOffset);
            int data = fields + DnsMessage.RecordFixedLength;
            int record;
            bool ours;
            if (name == NameInstance && type == MdnsService.TypeSrv)
            {
                record = RecordSrv;
                if (dataLength < 7)
                {
                    return 1;
                }

                int end;
                int targetLength = DnsMessage.ExpandName(buf, msg, length, data + 6, _scratch, 0, out end);
                if (targetLength < 0)
                {
                    return -1;
                }

                ours = Bytes.ReadUInt16(buf, data + 4) == _service.Port && NameOf(_scratch, targetLength) == NameHost;
            }
            else if (name == NameInstance && type == MdnsService.TypeTxt)
            {
                record = RecordTxt;
                ours = _service.SameTxt(buf, data, dataLength);
            }
            else if ((name == NameServiceType || name == NameEnumeration) && type == MdnsService.TypePtr)
            {
                record = name == NameServiceType ? RecordServicePtr : RecordEnumerationPtr;
                int end;
                int targetLength = DnsMessage.ExpandName(buf, msg, length, data, _scratch, 0, out end);
                if (targetLength < 0)
                {
                    return -1;
                }

                ours = NameOf(_scratch, targetLength) == (name == NameServiceType ? NameInstance : NameServiceType);
            }
            else
            {
                return 0;
            }

            ours = ours && recordClass == DnsMessage.ClassInternet;
            bool unique = record == RecordSrv || record == RecordTxt;
            if (response)
            {
                if (unique && !ours)
                {
                    _serviceConflict = true;
                }

                return 0;
            }

            if (inAnswers)
            {
                uint ttl = record == RecordSrv ? _ttl : MdnsService.SharedTtlSeconds;
                if (ours && Bytes.ReadUInt32(buf, fields + MdnsMessage.RecordTtlOffset) >= ttl / 2)
                {
                    _known |= record;
                }

                return 0;
            }

            if (inAuthority && unique)
            {
                _probe = true;
                if (!ours)
                {
                    _serviceConflict = true;
                }
            }

            return 0;
        }

        /// <summary>§8.2.1: class, then type (both A here), then the data byte by byte; longer data wins a tie.</summary>
        private int CompareToOurs(byte[] buf, int recordClass, int data, int dataLength)
        {
            if (recordClass != DnsMessage.ClassInternet)
            {
                return recordClass - DnsMessage.ClassInternet;
            }

            for (int i = 0; i < dataLength && i < MdnsMessage.AddressDataLength; i++)
            {
                int theirs = buf[data + i];
                int ours = (int)((_address >> (8 * (MdnsMessage.AddressDataLength - 1 - i))) & 0xFF);
                if (theirs != ours)
                {
                    return theirs - ours;
                }
            }

            return dataLength - MdnsMessage.AddressDataLength;
        }

        /// <summary>§11: only sources on our subnet or in 169.254/16 are on the link.</summary>
        private bool IsOnLink(uint source)
        {
            uint mask = _stack.Ipv4Layer.SubnetMask;
            return _address == 0 || (source & mask) == (_address & mask) || (source & LinkLocalMask) == LinkLocalPrefix;
        }
    }
}
