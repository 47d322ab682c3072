using NanoTcp.Wire;

namespace NanoTcp.Dns
{
    /// <summary>
    /// Checking and reading one answer (RFC 1035 §4.1, §7.3; RFC 5452 §9.1 acceptance rules), called by UDP on the
    /// stack's thread for a query's source port. Checks in order, each failure dropped and counted once: source address
    /// and port, header length, transaction ID, response flag and opcode, question count, the question itself, TC,
    /// then every answer record's bounds; only then the RCODE and the records are used.
    /// </summary>
    public sealed partial class DnsClient
    {
        private const uint TtlSignBit = 0x80000000;

        private void ReceiveDatagram(byte[] buffer, int offset, int length, uint sourceAddress, ushort sourcePort, uint destinationAddress, ushort destinationPort)
        {
            lock (SyncRoot)
            {
                int slot = -1;
                for (int i = 0; i < _port.Length; i++)
                {
                    if (_port[i] == destinationPort && _state[i] == DnsQueryState.Pending)
                    {
                        slot = i;
                        break;
                    }
                }

                if (slot < 0 || sourceAddress != _server[slot] || sourcePort != DnsMessage.ServerPort)
                {
                    _counters.droppedWrongSource++;
                    return;
                }

                Receive(slot, buffer, offset, length);
            }
        }

        private void Receive(int slot, byte[] buffer, int msg, int length)
        {
            if (!DnsMessage.IsValidHeader(buffer, msg, length))
            {
                _counters.droppedMalformed++;
                return;
            }

            if (DnsMessage.Id(buffer, msg) != _id[slot])
            {
                _counters.droppedWrongId++;
                return;
            }

            ushort flags = DnsMessage.Flags(buffer, msg);
            if ((flags & DnsMessage.FlagResponse) == 0 || (flags & DnsMessage.OpcodeMask) != 0 || DnsMessage.QuestionCount(buffer, msg) != 1)
            {
                _counters.droppedMalformed++;
                return;
            }

            int end;
            int limit = msg + length;
            int at = msg + DnsMessage.HeaderLength;
            int nameLength = DnsMessage.ExpandName(buffer, msg, length, at, _owner, 0, out end);
            if (nameLength < 0)
            {
                _counters.droppedBadName++;
                return;
            }

            if (end + DnsMessage.QuestionFixedLength > limit)
            {
                _counters.droppedMalformed++;
                return;
            }

            if (nameLength != _questionLength[slot] || !DnsMessage.NamesEqual(_owner, 0, _question[slot], 0, nameLength)
                || Bytes.ReadUInt16(buffer, end) != DnsMessage.TypeA || Bytes.ReadUInt16(buffer, end + 2) != DnsMessage.ClassInternet)
            {
                _counters.droppedWrongQuestion++;
                return;
            }

            if ((flags & DnsMessage.FlagTruncated) != 0)
            {
                _counters.droppedTruncated++;
                return;
            }

            int answers = end + DnsMessage.QuestionFixedLength;
            int answerCount = DnsMessage.AnswerCount(buffer, msg);
            int problem = CheckRecords(buffer, msg, length, answers, answerCount);
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

            int code = flags & DnsMessage.ResponseCodeMask;
            if (code == DnsMessage.ResponseNameError)
            {
                Finish(slot, DnsQueryState.NameError);
                return;
            }

            if (code != DnsMessage.ResponseNoError)
            {
                // RFC 1035 §7.3: a server failure or refusal: ask the next server now.
                _counters.serverFailures++;
                _serverFailed[slot] = true;
                _due[slot] = long.MinValue;
                return;
            }

            UseAnswers(slot, buffer, msg, length, answers, answerCount);
        }

        /// <summary>0 when every record's name and data lie inside the message; -1 for a bad name, 1 for a record cut short.</summary>
        private int CheckRecords(byte[] buffer, int msg, int length, int at, int count)
        {
            int limit = msg + length;
            for (int r = 0; r < count; r++)
            {
                int end;
                if (at >= limit)
                {
                    return 1;
                }

                if (DnsMessage.ExpandName(buffer, msg, length, at, null, 0, out end) < 0)
                {
                    return -1;
                }

                if (end + DnsMessage.RecordFixedLength > limit)
                {
                    return 1;
                }

                int dataLength = Bytes.ReadUInt16(buffer, end + 8);
                int data = end + DnsMessage.RecordFixedLength;
                if (dataLength > limit - data)
                {
                    return 1;
                }

                if (Bytes.ReadUInt16(buffer, end + 2) == DnsMessage.ClassInternet && Bytes.ReadUInt16(buffer, end) == DnsMessage.TypeCname
                    && DnsMessage.ExpandName(buffer, msg, length, data, null, 0, out end) < 0)
                {
                    return -1;
                }

                at = data + dataLength;
            }

            return 0;
        }

        /// <summary>
        /// Follows the question's name through CNAME records (in any order) to an A record. A chain that ends without
        /// one is asked for again under its last name (RFC 1034 §5.3.3), within <see cref="DnsConfiguration.MaxCnameChain"/>.
        /// </summary>
        private void UseAnswers(int slot, byte[] buffer, int msg, int length, int answers, int count)
        {
            int currentLength = _questionLength[slot];
            System.Array.Copy(_question[slot], 0, _current, 0, currentLength);
            bool followed = false;
            for (;;)
            {
                bool advanced = false;
                int at = answers;
                for (int r = 0; r < count && !advanced; r++)
                {
                    int end;
                    int ownerLength = DnsMessage.ExpandName(buffer, msg, length, at, _owner, 0, out end);
                    ushort type = Bytes.ReadUInt16(buffer, end);
                    ushort recordClass = Bytes.ReadUInt16(buffer, end + 2);
                    uint ttl = Bytes.ReadUInt32(buffer, end + 4);
                    int dataLength = Bytes.ReadUInt16(buffer, end + 8);
                    int data = end + DnsMessage.RecordFixedLength;
                    at = data + dataLength;
                    if (recordClass != DnsMessage.ClassInternet || ownerLength != currentLength || !DnsMessage.NamesEqual(_owner, 0, _current, 0, currentLength))
                    {
                        continue;
                    }

                    if (type == DnsMessage.TypeA && dataLength == 4)
                    {
                        KeepShortestTtl(slot, ttl);
                        _address[slot] = Bytes.ReadUInt32(buffer, data);
                        Finish(slot, DnsQueryState.Answered);
                        return;
                    }

                    if (type == DnsMessage.TypeCname)
                    {
                        if (_chain[slot] >= _configuration.MaxCnameChain)
                        {
                            Finish(slot, DnsQueryState.NoAddress);
                            return;
                        }

                        _chain[slot]++;
                        _counters.cnamesFollowed++;
                        KeepShortestTtl(slot, ttl);
                        currentLength = DnsMessage.ExpandName(buffer, msg, length, data, _current, 0, out end);
                        advanced = true;
                        followed = true;
                    }
                }

                if (!advanced)
                {
                    break;
                }
            }

            if (!followed)
            {
                Finish(slot, DnsQueryState.NoAddress);
                return;
            }

            // The chain's last name has no A record here: ask for it, from the first server, with fresh attempts.
            System.Array.Copy(_current, 0, _question[slot], 0, currentLength);
            _questionLength[slot] = currentLength;
            _attempt[slot] = 0;
            _due[slot] = long.MinValue;
        }

        private void KeepShortestTtl(int slot, uint ttl)
        {
            // RFC 2181 §8: a TTL with the top bit set is read as 0.
            if ((ttl & TtlSignBit) != 0)
            {
                ttl = 0;
            }

            if (ttl < _ttl[slot])
            {
                _ttl[slot] = ttl;
            }
        }
    }
}
