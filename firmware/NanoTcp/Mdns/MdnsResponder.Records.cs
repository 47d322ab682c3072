using NanoTcp.Wire;

namespace NanoTcp.Mdns
{
    /// <summary>
    /// Writing and sending the responder's records: the host's A record and, with a service, its SRV, TXT and two PTR
    /// records, chosen by a bit set. Names are written in full (no compression): the largest response, every record
    /// of a 55-character instance, is under 400 bytes.
    /// </summary>
    public sealed partial class MdnsResponder
    {
        // The records, as bits of a set.
        private const int RecordA = 1;
        private const int RecordSrv = 2;
        private const int RecordTxt = 4;
        private const int RecordServicePtr = 8;
        private const int RecordEnumerationPtr = 16;
        private const int ServiceRecords = RecordSrv | RecordTxt | RecordServicePtr | RecordEnumerationPtr;
        private const int RecordCount = 5;

        // How records are written: for port 5353 (cache-flush bit on unique records), a goodbye (TTL 0), a one-shot
        // answer (§6.7: no cache-flush bit, TTL at most 10 s), a probe's proposal (§8.1: no cache-flush bit).
        private const int Multicast = 0;
        private const int Goodbye = 1;
        private const int Legacy = 2;
        private const int Proposal = 3;

        // Which of our names a name in a message is.
        private const int NameNone = 0;
        private const int NameHost = 1;
        private const int NameInstance = 2;
        private const int NameServiceType = 3;
        private const int NameEnumeration = 4;

        /// <summary>Every record we own: the A record, and the service's when there is one.</summary>
        private int AllRecords()
        {
            return _service == null ? RecordA : RecordA | ServiceRecords;
        }

        /// <summary>Records the set <paramref name="records"/> as multicast at <paramref name="now"/> (§6: once a second each).</summary>
        private void MarkMulticast(int records, long now)
        {
            for (int i = 0; i < RecordCount; i++)
            {
                if ((records & (1 << i)) != 0)
                {
                    _lastMulticast[i] = now;
                }
            }
        }

        private void ForgetMulticasts()
        {
            for (int i = 0; i < RecordCount; i++)
            {
                _lastMulticast[i] = long.MinValue;
            }
        }

        /// <summary>The records of <paramref name="records"/> multicast less than <paramref name="interval"/> ago.</summary>
        private int RecentlyMulticast(int records, long now, int interval)
        {
            int recent = 0;
            for (int i = 0; i < RecordCount; i++)
            {
                long last = _lastMulticast[i];
                if ((records & (1 << i)) != 0 && last != long.MinValue && now - last < interval)
                {
                    recent |= 1 << i;
                }
            }

            return recent;
        }

        /// <summary>
        /// A probe (§8.1): a QU question of type ANY for each unique name (host, instance), with our proposed records
        /// (A, SRV, TXT) in the authority section.
        /// </summary>
        private void SendProbe()
        {
            byte[] tx = _stack.TransmitBuffer;
            int msg = _stack.Udp.PayloadOffset;
            int questions = _service == null ? 1 : 2;
            int records = _service == null ? RecordA : RecordA | RecordSrv | RecordTxt;
            int at = DnsMessage.WriteHeader(tx, msg, 0, 0, questions, 0, questions == 1 ? 1 : 3, 0);
            at = WriteQuestion(tx, at, NameHost, MdnsMessage.TypeAny, DnsMessage.ClassInternet | MdnsMessage.ClassUnicastResponse);
            if (_service != null)
            {
                at = WriteQuestion(tx, at, NameInstance, MdnsMessage.TypeAny, DnsMessage.ClassInternet | MdnsMessage.ClassUnicastResponse);
            }

            at = WriteRecords(tx, at, records, Proposal);
            _counters.probesSent++;
            Send(MdnsMessage.GroupAddress, MdnsMessage.Port, at - msg);
        }

        /// <summary>A response with the <paramref name="answers"/> and the <paramref name="additionals"/>, sent as <paramref name="mode"/> says.</summary>
        private void SendResponse(uint destination, ushort port, int answers, int additionals, int mode)
        {
            byte[] tx = _stack.TransmitBuffer;
            int msg = _stack.Udp.PayloadOffset;
            int at = DnsMessage.WriteHeader(tx, msg, 0, MdnsMessage.FlagsResponse, 0, Count(answers), 0, Count(additionals));
            at = WriteRecords(tx, at, answers, mode);
            at = WriteRecords(tx, at, additionals, mode);
            Send(destination, port, at - msg);
        }

        /// <summary>§6.7: the answer to a one-shot query: its ID, its question again, no cache-flush bit, TTLs at most 10 s.</summary>
        private void SendLegacyResponse(uint destination, ushort port, ushort id, int questionName, ushort questionType, int answers, int additionals)
        {
            byte[] tx = _stack.TransmitBuffer;
            int msg = _stack.Udp.PayloadOffset;
            int at = DnsMessage.WriteHeader(tx, msg, id, MdnsMessage.FlagsResponse, 1, Count(answers), 0, Count(additionals));
            at = WriteQuestion(tx, at, questionName, questionType, DnsMessage.ClassInternet);
            at = WriteRecords(tx, at, answers, Legacy);
            at = WriteRecords(tx, at, additionals, Legacy);
            Send(destination, port, at - msg);
        }

        private void Send(uint destination, ushort port, int length)
        {
            _stack.Udp.SendPrepared(destination, MdnsMessage.Port, port, length, MdnsMessage.IpTtl);
        }

        private static int Count(int records)
        {
            int count = 0;
            for (int bits = records; bits != 0; bits >>= 1)
            {
                count += bits & 1;
            }

            return count;
        }

        private int WriteQuestion(byte[] tx, int at, int name, ushort type, ushort questionClass)
        {
            at = WriteName(tx, at, name);
            Bytes.WriteUInt16(tx, at, type);
            Bytes.WriteUInt16(tx, at + 2, questionClass);
            return at + DnsMessage.QuestionFixedLength;
        }

        private int WriteName(byte[] tx, int at, int name)
        {
            byte[] source;
            int length;
            switch (name)
            {
                case NameHost:
                    source = _name;
                    length = _nameLength;
                    break;
                case NameInstance:
                    source = _service.Name;
                    length = _service.NameLength;
                    break;
                case NameServiceType:
                    source = MdnsService.TypeName;
                    length = source.Length;
                    break;
                default:
                    source = MdnsService.EnumerationName;
                    length = source.Length;
                    break;
            }

            System.Array.Copy(source, 0, tx, at, length);
            return at + length;
        }

        /// <summary>Writes the records of the set in a fixed order (A, SRV, TXT, PTR, PTR) as <paramref name="mode"/> says.</summary>
        private int WriteRecords(byte[] tx, int at, int records, int mode)
        {
            for (int i = 0; i < RecordCount; i++)
            {
                int record = 1 << i;
                if ((records & record) != 0)
                {
                    at = WriteRecord(tx, at, record, mode);
                }
            }

            return at;
        }

        private int WriteRecord(byte[] tx, int at, int record, int mode)
        {
            bool unique = record == RecordA || record == RecordSrv || record == RecordTxt;
            uint ttl = record == RecordA || record == RecordSrv ? _ttl : MdnsService.SharedTtlSeconds;
            if (mode == Goodbye)
            {
                ttl = 0;
            }
            else if (mode == Legacy && ttl > LegacyTtlSeconds)
            {
                ttl = LegacyTtlSeconds;
            }

            ushort recordClass = unique && (mode == Multicast || mode == Goodbye) ? (ushort)(DnsMessage.ClassInternet | MdnsMessage.ClassCacheFlush) : DnsMessage.ClassInternet;
            if (record == RecordA)
            {
                at = WriteName(tx, at, NameHost);
                return MdnsMessage.WriteAddressFields(tx, at, recordClass, ttl, _address);
            }

            int owner = record == RecordServicePtr ? NameServiceType : record == RecordEnumerationPtr ? NameEnumeration : NameInstance;
            at = WriteName(tx, at, owner);
            ushort type = record == RecordSrv ? MdnsService.TypeSrv : record == RecordTxt ? MdnsService.TypeTxt : MdnsService.TypePtr;
            Bytes.WriteUInt16(tx, at + MdnsMessage.RecordTypeOffset, type);
            Bytes.WriteUInt16(tx, at + MdnsMessage.RecordClassOffset, recordClass);
            Bytes.WriteUInt32(tx, at + MdnsMessage.RecordTtlOffset, ttl);
            int data = at + DnsMessage.RecordFixedLength;
            int end;
            if (record == RecordSrv)
            {
                // RFC 2782: priority 0, weight 0, the port, the target host.
                Bytes.WriteUInt16(tx, data, 0);
                Bytes.WriteUInt16(tx, data + 2, 0);
                Bytes.WriteUInt16(tx, data + 4, _service.Port);
                end = WriteName(tx, data + 6, NameHost);
            }
            else if (record == RecordTxt)
            {
                byte[] txt = _service.Txt;
                System.Array.Copy(txt, 0, tx, data, txt.Length);
                end = data + txt.Length;
            }
            else
            {
                end = WriteName(tx, data, record == RecordServicePtr ? NameInstance : NameServiceType);
            }

            Bytes.WriteUInt16(tx, at + MdnsMessage.RecordDataLengthOffset, (ushort)(end - data));
            return end;
        }
    }
}
