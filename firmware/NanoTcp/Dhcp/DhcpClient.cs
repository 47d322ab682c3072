using NanoTcp.Ipv4;
using NanoTcp.Wire;

namespace NanoTcp.Dhcp
{
    /// <summary>
    /// DHCP client (RFC 2131): DISCOVER, OFFER, REQUEST, ACK; an ARP probe of the offered address with DECLINE on a
    /// conflict; DNS (option 6) and NTP (option 42) servers kept; renewal at T1 by unicast to the server and rebinding at T2 by broadcast; the address dropped at
    /// expiry; NAK starts over. Retransmissions back off from 4 s to 64 s with random jitter (RFC 2131 §4.1). A static
    /// fallback address may be applied when no server answers in time.
    /// </summary>
    public sealed class DhcpClient
    {
        private const uint InfiniteLease = 0xFFFFFFFF;

        private readonly NetworkStack _stack;
        private readonly NetworkConfiguration _configuration;
        private readonly System.Random _random;
        private DhcpState _state;
        private uint _transactionId;
        private long _startedAt;
        private long _nextSendAt;
        private int _timeout;
        private int _attempts;
        private bool _fallbackApplied;
        private uint _offeredAddress;
        private uint _serverIdentifier;
        private uint _subnetMask;
        private uint _router;
        private readonly uint[] _domainNameServers = new uint[MaxDomainNameServers];
        private int _domainNameServerCount;
        private readonly uint[] _ntpServers = new uint[MaxNtpServers];
        private int _ntpServerCount;
        private uint _leaseSeconds;
        private long _t1At;
        private long _t2At;
        private long _expiresAt;
        private long _probeEndsAt;
        private int _leasesObtained;
        private int _declines;
        private int _naks;
        private int _releases;

        internal DhcpClient(NetworkStack stack, NetworkConfiguration configuration)
        {
            _stack = stack;
            _configuration = configuration;
            byte[] mac = new byte[EthernetHeader.AddressLength];
            stack.GetMacAddress(mac, 0);
            _random = new System.Random((mac[2] << 24) | (mac[3] << 16) | (mac[4] << 8) | mac[5]);
            stack.Udp.Bind(DhcpMessage.ClientPort, ReceiveDatagram);
        }

        /// <summary>The state of RFC 2131 figure 5 the client is in.</summary>
        public DhcpState State => _state;

        /// <summary>The leased (or offered) address, 0 when none.</summary>
        public uint LeasedAddress => _offeredAddress;

        /// <summary>The server that granted the lease (option 54).</summary>
        public uint ServerIdentifier => _serverIdentifier;

        /// <summary>DNS servers kept from option 6 at most.</summary>
        public const int MaxDomainNameServers = 3;

        /// <summary>The first DNS server the server named (option 6), or 0.</summary>
        public uint DomainNameServer => _domainNameServerCount > 0 ? _domainNameServers[0] : 0;

        /// <summary>DNS servers named in option 6 (at most <see cref="MaxDomainNameServers"/>, in the server's order).</summary>
        public int DomainNameServerCount => _domainNameServerCount;

        /// <summary>DNS server <paramref name="index"/> of option 6 (0..<see cref="DomainNameServerCount"/>-1).</summary>
        public uint DomainNameServerAt(int index) => _domainNameServers[index];

        /// <summary>NTP servers kept from option 42 at most.</summary>
        public const int MaxNtpServers = 3;

        /// <summary>NTP servers named in option 42 (at most <see cref="MaxNtpServers"/>, in the server's order).</summary>
        public int NtpServerCount => _ntpServerCount;

        /// <summary>NTP server <paramref name="index"/> of option 42 (0..<see cref="NtpServerCount"/>-1).</summary>
        public uint NtpServerAt(int index) => _ntpServers[index];

        /// <summary>The router (option 3), or 0.</summary>
        public uint Router => _router;

        /// <summary>The subnet mask (option 1).</summary>
        public uint SubnetMask => _subnetMask;

        /// <summary>The lease time granted, in seconds (0xFFFFFFFF: infinite).</summary>
        public uint LeaseSeconds => _leaseSeconds;

        /// <summary>Clock time (ms) of T1, T2 and the lease's expiry.</summary>
        public long RenewAt => _t1At;

        public long RebindAt => _t2At;

        public long ExpiresAt => _expiresAt;

        /// <summary>Leases bound (first ones and renewals).</summary>
        public int LeasesObtained => _leasesObtained;

        /// <summary>DECLINEs sent because the ARP probe found the address in use, or a bound address was taken over.</summary>
        public int Declines => _declines;

        /// <summary>DHCPRELEASEs sent (<see cref="Release"/>).</summary>
        public int Releases => _releases;

        /// <summary>NAKs received.</summary>
        public int Naks => _naks;

        /// <summary>True when the configured fallback address is in use.</summary>
        public bool FallbackApplied => _fallbackApplied;

        /// <summary>Starts (or restarts) acquisition: the first DISCOVER goes out at the next poll.</summary>
        internal void Start(long now)
        {
            Restart(now);
        }

        /// <summary>Runs what is due at <paramref name="now"/>; returns when the client next needs a poll.</summary>
        internal long Poll(long now)
        {
            if (_state == DhcpState.Stopped)
            {
                return long.MaxValue;
            }

            long next = long.MaxValue;
            if (!_fallbackApplied && _configuration.DhcpFallbackMilliseconds > 0 && _configuration.Address != 0
                && (_state == DhcpState.Init || _state == DhcpState.Selecting || _state == DhcpState.Requesting))
            {
                long fallbackAt = _startedAt + _configuration.DhcpFallbackMilliseconds;
                if (now >= fallbackAt)
                {
                    _fallbackApplied = true;
                    _stack.Ipv4Layer.Configure(_configuration.Address, Ipv4Layer.MaskOfPrefix(_configuration.PrefixLength), _configuration.Gateway);
                }
                else
                {
                    next = fallbackAt;
                }
            }

            switch (_state)
            {
                case DhcpState.Init:
                    if (now >= _nextSendAt)
                    {
                        _transactionId = (uint)_random.Next() ^ ((uint)_random.Next() << 16);
                        _timeout = _configuration.DhcpInitialRetransmitMilliseconds;
                        _state = DhcpState.Selecting;
                        SendDiscover(now);
                    }

                    break;

                case DhcpState.Selecting:
                    if (now >= _nextSendAt)
                    {
                        SendDiscover(now);
                    }

                    break;

                case DhcpState.Requesting:
                    if (now >= _nextSendAt)
                    {
                        if (_attempts >= _configuration.DhcpRequestAttempts)
                        {
                            Restart(now);
                            return now;
                        }

                        SendRequest(now);
                    }

                    break;

                case DhcpState.Probing:
                    if (_stack.Arp.ProbeConflict)
                    {
                        Decline(now);
                    }
                    else if (now >= _probeEndsAt)
                    {
                        _stack.Arp.StopProbe();
                        Bind(now);
                    }
                    else
                    {
                        return Earliest(next, _probeEndsAt);
                    }

                    break;

                case DhcpState.Bound:
                    if (now >= _t1At)
                    {
                        _state = DhcpState.Renewing;
                        _transactionId = (uint)_random.Next() ^ ((uint)_random.Next() << 16);
                        SendRenewal(now);
                    }
                    else
                    {
                        return Earliest(next, _t1At);
                    }

                    break;

                case DhcpState.Renewing:
                    if (now >= _t2At)
                    {
                        _state = DhcpState.Rebinding;
                        SendRenewal(now);
                    }
                    else if (now >= _nextSendAt)
                    {
                        SendRenewal(now);
                    }

                    break;

                case DhcpState.Rebinding:
                    if (now >= _expiresAt)
                    {
                        // RFC 2131 §4.4.5: the lease expired without an ACK: stop using the address.
                        _stack.Ipv4Layer.Configure(0, 0, 0);
                        _offeredAddress = 0;
                        Restart(now);
                        return now;
                    }

                    if (now >= _nextSendAt)
                    {
                        SendRenewal(now);
                    }

                    break;
            }

            long due = _nextSendAt;
            if (_state == DhcpState.Renewing && _t2At < due)
            {
                due = _t2At;
            }
            else if (_state == DhcpState.Rebinding && _expiresAt < due)
            {
                due = _expiresAt;
            }
            else if (_state == DhcpState.Bound)
            {
                due = _t1At;
            }
            else if (_state == DhcpState.Probing)
            {
                due = _probeEndsAt;
            }

            return Earliest(next, due);
        }

        /// <summary>Handles one datagram for port 68.</summary>
        internal void Receive(byte[] buffer, int offset, int length, uint source)
        {
            if (!DhcpMessage.IsValid(buffer, offset, length))
            {
                _stack.Drops.Add(DropReason.DhcpMalformed);
                return;
            }

            int options = offset + DhcpMessage.OptionsOffset;
            int optionsLength = length - DhcpMessage.OptionsOffset;
            int type = DhcpOptions.FindByte(buffer, options, optionsLength, DhcpOptions.MessageType);
            if (DhcpMessage.Op(buffer, offset) != DhcpMessage.OpBootReply || DhcpMessage.TransactionId(buffer, offset) != _transactionId
                || !Bytes.Equal(buffer, DhcpMessage.ClientHardwareAddressOffset(offset), _stack.MacAddress, 0, EthernetHeader.AddressLength))
            {
                _stack.Drops.Add(DropReason.DhcpNotOurs);
                return;
            }

            long now = _stack.Now;
            uint server = DhcpOptions.FindUInt32(buffer, options, optionsLength, DhcpOptions.ServerIdentifier, source);
            if (_state == DhcpState.Selecting && type == DhcpMessage.TypeOffer)
            {
                uint offered = DhcpMessage.YourAddress(buffer, offset);
                if (offered == 0 || offered == Ipv4Layer.BroadcastAddress || offered >= 0xE0000000)
                {
                    _stack.Drops.Add(DropReason.DhcpMalformed);
                    return;
                }

                _offeredAddress = offered;
                _serverIdentifier = server;
                _state = DhcpState.Requesting;
                _attempts = 0;
                _timeout = _configuration.DhcpInitialRetransmitMilliseconds;
                SendRequest(now);
                return;
            }

            bool waitingForAck = _state == DhcpState.Requesting || _state == DhcpState.Renewing || _state == DhcpState.Rebinding;
            if (waitingForAck && type == DhcpMessage.TypeAck)
            {
                uint assigned = DhcpMessage.YourAddress(buffer, offset);
                if (assigned == 0 || (_state == DhcpState.Requesting && assigned != _offeredAddress))
                {
                    _stack.Drops.Add(DropReason.DhcpNotOurs);
                    return;
                }

                ReadLease(buffer, options, optionsLength, server, now);
                _offeredAddress = assigned;
                if (_state == DhcpState.Requesting && _stack.Ipv4Layer.LocalAddress != assigned)
                {
                    _state = DhcpState.Probing;
                    _probeEndsAt = now + _configuration.DhcpProbeWaitMilliseconds;
                    _stack.Arp.StartProbe(assigned);
                }
                else
                {
                    Bind(now);
                }

                return;
            }

            if (waitingForAck && type == DhcpMessage.TypeNak)
            {
                // RFC 2131 §3.1.4 / §4.4.5: a NAK means start over without the address.
                _naks++;
                if (_stack.Ipv4Layer.LocalAddress == _offeredAddress && _offeredAddress != 0)
                {
                    _stack.Ipv4Layer.Configure(0, 0, 0);
                }

                _offeredAddress = 0;
                Restart(now);
                return;
            }

            _stack.Drops.Add(DropReason.DhcpNotOurs);
        }

        /// <summary>
        /// Gives the lease back (RFC 2131 §4.4.6): a DHCPRELEASE unicast to the server, the address removed, and the
        /// client stopped (no DISCOVER follows). Returns false, sending nothing, when no lease is held. The message
        /// may wait for ARP like any unicast: poll the stack for a moment before the link goes away.
        /// </summary>
        public bool Release()
        {
            bool leased = _state == DhcpState.Bound || _state == DhcpState.Renewing || _state == DhcpState.Rebinding;
            if (!leased || _offeredAddress == 0 || _serverIdentifier == 0)
            {
                _state = DhcpState.Stopped;
                return false;
            }

            // RFC 2131 table 5: ciaddr set, a new xid, server identifier required, no requested address.
            _transactionId = (uint)_random.Next() ^ ((uint)_random.Next() << 16);
            int at = Begin(_offeredAddress);
            at = DhcpOptions.WriteByte(_stack.TransmitBuffer, at, DhcpOptions.MessageType, DhcpMessage.TypeRelease);
            at = DhcpOptions.WriteUInt32(_stack.TransmitBuffer, at, DhcpOptions.ServerIdentifier, _serverIdentifier);
            at = WriteClientIdentifier(at);
            Finish(at, _serverIdentifier, _stack.Now, false);
            _releases++;
            _state = DhcpState.Stopped;
            _offeredAddress = 0;

            // The address goes after the message (its source address); ARP is kept so a held RELEASE still goes out.
            _stack.Ipv4Layer.RemoveKeepingNeighbours();
            return true;
        }

        /// <summary>
        /// Another host keeps using our leased address although we defended it (RFC 5227 §2.4 (b)): stop using it,
        /// tell the server with DHCPDECLINE (RFC 2131 §3.1.5, §4.4.1) and start over after the back-off.
        /// </summary>
        internal void AddressConflict(long now)
        {
            bool leased = _state == DhcpState.Bound || _state == DhcpState.Renewing || _state == DhcpState.Rebinding;
            if (!leased || _offeredAddress == 0 || _stack.Ipv4Layer.LocalAddress != _offeredAddress)
            {
                return;
            }

            _stack.Ipv4Layer.Configure(0, 0, 0);
            Decline(now);
        }

        private void ReceiveDatagram(byte[] buffer, int offset, int length, uint sourceAddress, ushort sourcePort, uint destinationAddress, ushort destinationPort)
        {
            Receive(buffer, offset, length, sourceAddress);
        }

        private static long Earliest(long a, long b)
        {
            return a < b ? a : b;
        }

        private void Restart(long now)
        {
            // The fallback delay and the secs field count from each new start (first start, NAK, expiry, DECLINE).
            _startedAt = now;
            _state = DhcpState.Init;
            _nextSendAt = now;
            _attempts = 0;
            _stack.Arp.StopProbe();
        }

        private void ReadLease(byte[] buffer, int options, int optionsLength, uint server, long now)
        {
            _serverIdentifier = server;
            _subnetMask = DhcpOptions.FindUInt32(buffer, options, optionsLength, DhcpOptions.SubnetMask, 0xFFFFFF00);
            _router = DhcpOptions.FindUInt32(buffer, options, optionsLength, DhcpOptions.Router, 0);
            _domainNameServerCount = ReadAddresses(buffer, options, optionsLength, DhcpOptions.DomainNameServer, _domainNameServers);
            _ntpServerCount = ReadAddresses(buffer, options, optionsLength, DhcpOptions.NtpServers, _ntpServers);
            uint lease = DhcpOptions.FindUInt32(buffer, options, optionsLength, DhcpOptions.IpAddressLeaseTime, 3600);
            _leaseSeconds = lease;
            if (lease == InfiniteLease)
            {
                _t1At = long.MaxValue;
                _t2At = long.MaxValue;
                _expiresAt = long.MaxValue;
                return;
            }

            // RFC 2131 §4.4.5: T1 defaults to 0.5 of the lease, T2 to 0.875; kept in milliseconds so 7/8 is exact.
            long leaseMs = (long)lease * 1000;
            long t1 = DhcpOptions.FindUInt32(buffer, options, optionsLength, DhcpOptions.RenewalTime, InfiniteLease);
            long t2 = DhcpOptions.FindUInt32(buffer, options, optionsLength, DhcpOptions.RebindingTime, InfiniteLease);
            long t2Ms = t2 == InfiniteLease ? (long)lease * 875 : t2 * 1000;
            long t1Ms = t1 == InfiniteLease ? (long)lease * 500 : t1 * 1000;
            if (t2Ms > leaseMs)
            {
                t2Ms = leaseMs;
            }

            if (t1Ms > t2Ms)
            {
                t1Ms = t2Ms;
            }

            _expiresAt = now + leaseMs;
            _t2At = now + t2Ms;
            _t1At = now + t1Ms;
        }

        /// <summary>
        /// An option holding a list of addresses (6: DNS servers, RFC 2132 §3.8; 42: NTP servers, §8.3) into
        /// <paramref name="into"/>; zero, broadcast and multicast ones are skipped. Returns the number kept.
        /// </summary>
        private static int ReadAddresses(byte[] buffer, int options, int optionsLength, byte code, uint[] into)
        {
            int kept = 0;
            int at = DhcpOptions.Find(buffer, options, optionsLength, code);
            if (at < 0)
            {
                return 0;
            }

            int count = buffer[at - 1] / 4;
            for (int i = 0; i < count && kept < into.Length; i++)
            {
                uint address = Bytes.ReadUInt32(buffer, at + 4 * i);
                if (address != 0 && address < 0xE0000000)
                {
                    into[kept++] = address;
                }
            }

            return kept;
        }

        private void Bind(long now)
        {
            _state = DhcpState.Bound;
            _leasesObtained++;
            _fallbackApplied = false;
            Ipv4Layer ipv4 = _stack.Ipv4Layer;
            if (ipv4.LocalAddress != _offeredAddress || ipv4.SubnetMask != _subnetMask || ipv4.Gateway != _router)
            {
                ipv4.Configure(_offeredAddress, _subnetMask, _router);
            }

            _nextSendAt = _t1At;
        }

        private void Decline(long now)
        {
            _declines++;
            _stack.Arp.StopProbe();
            int at = Begin(0);
            at = DhcpOptions.WriteByte(_stack.TransmitBuffer, at, DhcpOptions.MessageType, DhcpMessage.TypeDecline);
            at = DhcpOptions.WriteUInt32(_stack.TransmitBuffer, at, DhcpOptions.RequestedIpAddress, _offeredAddress);
            at = DhcpOptions.WriteUInt32(_stack.TransmitBuffer, at, DhcpOptions.ServerIdentifier, _serverIdentifier);
            Finish(at, Ipv4Layer.BroadcastAddress, now, false);
            _offeredAddress = 0;
            Restart(now);
            _nextSendAt = now + _configuration.DhcpDeclineBackoffMilliseconds;
        }

        private void SendDiscover(long now)
        {
            int at = Begin(0);
            at = DhcpOptions.WriteByte(_stack.TransmitBuffer, at, DhcpOptions.MessageType, DhcpMessage.TypeDiscover);
            at = WriteCommonOptions(at);
            Finish(at, Ipv4Layer.BroadcastAddress, now, true);
            Backoff(now);
        }

        private void SendRequest(long now)
        {
            // RFC 2131 §4.3.2 SELECTING: ciaddr 0, requested address and server identifier options.
            _attempts++;
            int at = Begin(0);
            at = DhcpOptions.WriteByte(_stack.TransmitBuffer, at, DhcpOptions.MessageType, DhcpMessage.TypeRequest);
            at = DhcpOptions.WriteUInt32(_stack.TransmitBuffer, at, DhcpOptions.RequestedIpAddress, _offeredAddress);
            at = DhcpOptions.WriteUInt32(_stack.TransmitBuffer, at, DhcpOptions.ServerIdentifier, _serverIdentifier);
            at = WriteCommonOptions(at);
            Finish(at, Ipv4Layer.BroadcastAddress, now, true);
            Backoff(now);
        }

        private void SendRenewal(long now)
        {
            // RFC 2131 §4.3.2 RENEWING / REBINDING: ciaddr set, no requested address or server identifier;
            // unicast to the server while renewing, broadcast while rebinding.
            int at = Begin(_offeredAddress);
            at = DhcpOptions.WriteByte(_stack.TransmitBuffer, at, DhcpOptions.MessageType, DhcpMessage.TypeRequest);
            at = WriteCommonOptions(at);
            bool renewing = _state == DhcpState.Renewing;
            Finish(at, renewing ? _serverIdentifier : Ipv4Layer.BroadcastAddress, now, false);

            // RFC 2131 §4.4.5: wait half the time left until T2 (or expiry), at least 60 s, but not past that moment.
            long until = renewing ? _t2At : _expiresAt;
            long wait = (until - now) / 2;
            if (wait < _configuration.DhcpMinRenewRetransmitMilliseconds)
            {
                wait = _configuration.DhcpMinRenewRetransmitMilliseconds;
            }

            _nextSendAt = now + wait;
            if (_nextSendAt > until)
            {
                _nextSendAt = until;
            }
        }

        private void Backoff(long now)
        {
            int jitter = _configuration.DhcpJitterMilliseconds;
            int randomized = _timeout + (jitter > 0 ? _random.Next(2 * jitter + 1) - jitter : 0);
            _nextSendAt = now + (randomized > 0 ? randomized : 1);
            _timeout *= 2;
            if (_timeout > _configuration.DhcpMaxRetransmitMilliseconds)
            {
                _timeout = _configuration.DhcpMaxRetransmitMilliseconds;
            }
        }

        private int Begin(uint clientAddress)
        {
            ushort flags = clientAddress == 0 ? DhcpMessage.FlagBroadcast : (ushort)0;
            return DhcpMessage.WriteFixed(_stack.TransmitBuffer, _stack.Udp.PayloadOffset, DhcpMessage.OpBootRequest, _transactionId, 0, flags, clientAddress, 0, _stack.MacAddress, 0);
        }

        private int WriteClientIdentifier(int at)
        {
            byte[] buf = _stack.TransmitBuffer;
            buf[at] = DhcpOptions.ClientIdentifier;
            buf[at + 1] = 7;
            buf[at + 2] = (byte)ArpPacket.HardwareTypeEthernet;
            System.Array.Copy(_stack.MacAddress, 0, buf, at + 3, EthernetHeader.AddressLength);
            return at + 9;
        }

        private int WriteCommonOptions(int at)
        {
            byte[] buf = _stack.TransmitBuffer;
            at = WriteClientIdentifier(at);
            buf[at] = DhcpOptions.MaximumMessageSize;
            buf[at + 1] = 2;
            Bytes.WriteUInt16(buf, at + 2, (ushort)(_stack.Ipv4.MaxTransportLength + Ipv4Header.MinLength));
            at += 4;
            buf[at] = DhcpOptions.ParameterRequestList;
            buf[at + 1] = 7;
            buf[at + 2] = DhcpOptions.SubnetMask;
            buf[at + 3] = DhcpOptions.Router;
            buf[at + 4] = DhcpOptions.DomainNameServer;
            buf[at + 5] = DhcpOptions.IpAddressLeaseTime;
            buf[at + 6] = DhcpOptions.RenewalTime;
            buf[at + 7] = DhcpOptions.RebindingTime;
            buf[at + 8] = DhcpOptions.NtpServers;
            return at + 9;
        }

        private void Finish(int at, uint destination, long now, bool fromStart)
        {
            byte[] buf = _stack.TransmitBuffer;
            buf[at++] = DhcpOptions.End;
            int start = _stack.Udp.PayloadOffset;

            // Pad to the 300-byte BOOTP minimum (RFC 1542 §2.1) that some relays and servers expect.
            int length = at - start;
            if (length < 300)
            {
                System.Array.Clear(buf, at, 300 - length);
                length = 300;
            }

            long elapsed = (now - _startedAt) / 1000;
            Bytes.WriteUInt16(buf, start + 8, (ushort)(!fromStart ? 0 : elapsed > 0xFFFF ? 0xFFFF : elapsed));
            _stack.Udp.SendPrepared(destination, DhcpMessage.ClientPort, DhcpMessage.ServerPort, length);
        }
    }
}
