using NanoTcp.Wire;

namespace NanoTcp.Mdns
{
    /// <summary>
    /// Checking and reading one message to port 5353, called by UDP on the stack's thread. The whole message is walked
    /// first (every name expanded with <see cref="DnsMessage.ExpandName"/>, every record's length checked against the
    /// message) and only a message that holds together is used: a malformed one is dropped and counted once, never
    /// half-used. Queries: the questions for our name, the known answers (§7.1) and a probe's proposed records (§8.2).
    /// Responses: records for our name with other data (§9).
    /// </summary>
    public sealed partial class MdnsResponder
    {
        private const uint LinkLocalPrefix = 0xA9FE0000;
        private const uint LinkLocalMask = 0xFFFF0000;

        // What the walk over a message found (stack thread only).
        private bool _asked;
        private bool _unicastAsked;
        private ushort _askedType;
        private bool _knownAnswer;
        private bool _conflict;
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
                if (_conflict && claimed)
                {
                    OnConflict(now);
                }

                return;
            }

            if (_probe && _probeWins && _state == MdnsState.Probing)
            {
                DeferProbing(now);
            }

            if (!_asked || (_state != MdnsState.Announcing && _state != MdnsState.Announced))
            {
                return;
            }

            _counters.queriesAnswered++;
            if (sourcePort != MdnsMessage.Port)
            {
                SendLegacyAnswer(sourceAddress, sourcePort, DnsMessage.Id(buffer, offset), _askedType);
                _counters.legacyResponses++;
                return;
            }

            if (_knownAnswer)
            {
                _counters.knownAnswersSuppressed++;
                return;
            }

            if (!_probe && (_unicastAsked || destinationAddress == _address))
            {
                SendAnswer(sourceAddress, MdnsMessage.Port, _ttl, true);
                _counters.unicastResponses++;
                return;
            }

            int interval = _probe ? ProbeDefenceIntervalMilliseconds : MulticastIntervalMilliseconds;
            if (_multicastSent && now - _lastMulticast < interval)
            {
                _counters.rateLimited++;
                return;
            }

            SendAnswer(MdnsMessage.GroupAddress, MdnsMessage.Port, _ttl, true);
            _counters.multicastResponses++;
            _multicastSent = true;
            _lastMulticast = now;
        }

        /// <summary>
        /// Walks the questions and the three record sections. Returns 0 when all hold together, -1 for a bad name, 1 for
        /// a section or record running past the message.
        /// </summary>
        private int Walk(byte[] buf, int msg, int length, bool response)
        {
            _asked = false;
            _unicastAsked = false;
            _knownAnswer = false;
            _conflict = false;
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
                if (!response && IsOurName(nameLength) && (type == DnsMessage.TypeA || type == MdnsMessage.TypeAny)
                    && (plainClass == DnsMessage.ClassInternet || plainClass == MdnsMessage.ClassAny))
                {
                    _asked = true;
                    _askedType = type;
                    if ((questionClass & MdnsMessage.ClassUnicastResponse) != 0)
                    {
                        _unicastAsked = true;
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

                if (IsOurName(nameLength))
                {
                    Record(buf, end, response, i < answers, i >= answers && i < answers + authorities);
                }

                at = data + dataLength;
            }

            return 0;
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
                    _knownAnswer = true;
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

        private bool IsOurName(int nameLength)
        {
            return nameLength == _nameLength && DnsMessage.NamesEqual(_scratch, 0, _name, 0, nameLength);
        }

        /// <summary>§11: only sources on our subnet or in 169.254/16 are on the link.</summary>
        private bool IsOnLink(uint source)
        {
            uint mask = _stack.Ipv4Layer.SubnetMask;
            return _address == 0 || (source & mask) == (_address & mask) || (source & LinkLocalMask) == LinkLocalPrefix;
        }
    }
}
