using NanoTcp.Wire;

namespace NanoTcp.Arp
{
    /// <summary>
    /// ARP for IPv4 over Ethernet (RFC 826): a fixed cache of next hops with aging and eviction of the oldest entry,
    /// answers to requests for our address, resolution on demand with bounded retries that holds one outgoing frame
    /// per unresolved entry (sent as soon as the reply comes), gratuitous ARP and address-conflict detection, and the
    /// ARP probe (RFC 5227) the DHCP client uses before it takes an offered address. Senders no host may be (zero,
    /// group or our own MAC; our, zero, broadcast, multicast or loopback address) are never learned. Entries whose
    /// MAC is in doubt are re-validated by unicast requests (ArpCache.Reachability.cs).
    /// </summary>
    public sealed partial class ArpCache
    {
        private const uint MulticastAndClassE = 0xE0000000;
        private const uint LoopbackNetwork = 0x7F000000;
        private const uint ClassAMask = 0xFF000000;

        private readonly NetworkStack _stack;
        private readonly int _capacity;
        private readonly int _lifetime;
        private readonly int _interval;
        private readonly int _attemptsAllowed;
        private readonly int _unicastProbes;
        private readonly int _frameLength;
        private readonly uint[] _address;
        private readonly byte[] _mac;
        private readonly byte[] _state;
        private readonly long[] _updated;
        private readonly long[] _nextRequest;
        private readonly int[] _attempts;
        private readonly byte[] _held;
        private readonly int[] _heldLength;
        private uint _probeAddress;
        private bool _probeConflict;
        private int _conflicts;
        private int _replaced;
        private int _revalidations;
        private int _unicastRequestsSent;
        private readonly int _defendInterval;
        private bool _defended;
        private long _lastDefenceAt;
        private int _defences;
        private int _conflictsNotDefended;

        internal ArpCache(NetworkStack stack, NetworkConfiguration configuration)
        {
            _stack = stack;
            _capacity = configuration.ArpCacheEntries;
            _lifetime = configuration.ArpEntryLifetimeMilliseconds;
            _interval = configuration.ArpRequestIntervalMilliseconds;
            _attemptsAllowed = configuration.ArpRequestAttempts;
            _unicastProbes = configuration.ArpUnicastProbes;
            _defendInterval = configuration.ArpDefendIntervalMilliseconds;
            _frameLength = configuration.FrameBufferLength;
            _address = new uint[_capacity];
            _mac = new byte[_capacity * EthernetHeader.AddressLength];
            _state = new byte[_capacity];
            _updated = new long[_capacity];
            _nextRequest = new long[_capacity];
            _attempts = new int[_capacity];
            _held = new byte[_capacity * _frameLength];
            _heldLength = new int[_capacity];
        }

        /// <summary>Number of ARP packets from another host that claimed our own address.</summary>
        public int Conflicts => _conflicts;

        /// <summary>Gratuitous ARPs sent to defend our address against a conflicting host (RFC 5227 §2.4 (b)/(c)).</summary>
        public int Defences => _defences;

        /// <summary>
        /// Conflicts that came within the defend interval of the last defence, so were not defended but reported: with
        /// DHCP the lease is declined and the address given up; a static address is kept (RFC 5227 §2.4 (c)).
        /// </summary>
        public int ConflictsNotDefended => _conflictsNotDefended;

        /// <summary>Number of times an entry's MAC changed to another one (a host moved, or a forged packet).</summary>
        public int Replaced => _replaced;

        /// <summary>Number of times an entry went into <see cref="ArpEntryState.Probe"/> to re-validate its MAC.</summary>
        public int Revalidations => _revalidations;

        /// <summary>Number of unicast requests sent to re-validate an entry (RFC 1122 §2.3.2.1 unicast poll).</summary>
        public int UnicastRequestsSent => _unicastRequestsSent;

        /// <summary>True when some host answered for, or probed, the address given to <see cref="StartProbe"/>.</summary>
        public bool ProbeConflict => _probeConflict;

        /// <summary>Number of entry slots (<see cref="NetworkConfiguration.ArpCacheEntries"/>).</summary>
        public int Capacity => _capacity;

        /// <summary>Number of entries in use (resolved or resolving).</summary>
        public int Count
        {
            get
            {
                int count = 0;
                for (int i = 0; i < _capacity; i++)
                {
                    if (_state[i] != (byte)ArpEntryState.Free)
                    {
                        count++;
                    }
                }

                return count;
            }
        }

        /// <summary>The state of slot <paramref name="slot"/> (0 .. <see cref="Capacity"/> − 1).</summary>
        public ArpEntryState EntryState(int slot) => (ArpEntryState)_state[slot];

        /// <summary>The IPv4 address of slot <paramref name="slot"/> (0 when free).</summary>
        public uint EntryAddress(int slot) => _address[slot];

        /// <summary>Copies the MAC of slot <paramref name="slot"/> (zero while incomplete) to <paramref name="buffer"/>.</summary>
        public void GetEntryMac(int slot, byte[] buffer, int offset)
        {
            if (_state[slot] == (byte)ArpEntryState.Incomplete || _state[slot] == (byte)ArpEntryState.Free)
            {
                System.Array.Clear(buffer, offset, EthernetHeader.AddressLength);
                return;
            }

            System.Array.Copy(_mac, slot * EthernetHeader.AddressLength, buffer, offset, EthernetHeader.AddressLength);
        }

        /// <summary>Time since slot <paramref name="slot"/> was created, learned or last confirmed, at the last poll.</summary>
        public long EntryAgeMilliseconds(int slot) => _stack.Now - _updated[slot];

        /// <summary>
        /// Copies the MAC address of <paramref name="address"/> to <paramref name="mac"/> and returns true when the cache
        /// holds a resolved, unexpired entry for it (one being re-validated included).
        /// </summary>
        public bool TryGet(uint address, byte[] mac, int macOffset)
        {
            int i = Find(address);
            if (i < 0 || !HasMac(i) || _stack.Now - _updated[i] >= _lifetime)
            {
                return false;
            }

            System.Array.Copy(_mac, i * EthernetHeader.AddressLength, mac, macOffset, EthernetHeader.AddressLength);
            return true;
        }

        /// <summary>
        /// Sends an RFC 5227 probe for <paramref name="address"/> (sender address 0) and watches for any host using it
        /// until <see cref="StopProbe"/>.
        /// </summary>
        internal void StartProbe(uint address)
        {
            _probeAddress = address;
            _probeConflict = false;
            SendArp(ArpPacket.OperationRequest, 0, null, 0, address, true);
        }

        /// <summary>Stops watching the probed address.</summary>
        internal void StopProbe()
        {
            _probeAddress = 0;
        }

        /// <summary>Announces <paramref name="address"/> as ours: a request with sender and target both our address.</summary>
        internal void SendGratuitous(uint address)
        {
            SendArp(ArpPacket.OperationRequest, address, null, 0, address, true);
        }

        /// <summary>
        /// Sends the Ethernet frame at <paramref name="offset"/> (its destination MAC still to be filled in) to
        /// <paramref name="nextHop"/>, or holds it and sends an ARP request when the MAC is not known yet. While the
        /// entry is re-validated the frame goes to the MAC in doubt and a copy is kept, sent again if the MAC changes.
        /// </summary>
        internal bool SendOrHold(byte[] frame, int offset, int length, uint nextHop)
        {
            long now = _stack.Now;
            int i = Find(nextHop);
            if (i >= 0 && HasMac(i) && now - _updated[i] < _lifetime)
            {
                System.Array.Copy(_mac, i * EthernetHeader.AddressLength, frame, offset, EthernetHeader.AddressLength);
                if (_state[i] == (byte)ArpEntryState.Probe)
                {
                    Hold(i, frame, offset, length);
                }

                _stack.SendFrame(frame, offset, length);
                return true;
            }

            if (i >= 0 && _state[i] == (byte)ArpEntryState.Incomplete)
            {
                if (_heldLength[i] != 0)
                {
                    // One held packet per entry: the first one waits, later ones are the transport's to repeat.
                    _stack.Drops.Add(DropReason.ArpQueueFull);
                    return false;
                }

                Hold(i, frame, offset, length);
                return true;
            }

            if (i < 0)
            {
                i = Allocate();
            }

            _address[i] = nextHop;
            _heldLength[i] = 0;
            StartResolving(i, now);
            Hold(i, frame, offset, length);
            return true;
        }

        /// <summary>Handles one received ARP packet at <paramref name="offset"/> (after the Ethernet header).</summary>
        internal void Receive(byte[] buffer, int offset, int length)
        {
            if (!ArpPacket.IsValid(buffer, offset, length))
            {
                _stack.Drops.Add(DropReason.ArpMalformed);
                return;
            }

            ushort operation = ArpPacket.Operation(buffer, offset);
            int senderMac = ArpPacket.SenderHardwareAddressOffset(offset);
            uint sender = ArpPacket.SenderProtocolAddress(buffer, offset);
            uint target = ArpPacket.TargetProtocolAddress(buffer, offset);
            uint local = _stack.Ipv4.LocalAddress;
            if (Bytes.Equal(buffer, senderMac, _stack.MacAddress, 0, EthernetHeader.AddressLength))
            {
                _stack.Drops.Add(DropReason.EthernetNotForUs);
                return;
            }

            if (!IsHostMac(buffer, senderMac))
            {
                // RFC 826 would store it and send every later frame for the address nowhere (or to everyone).
                _stack.Drops.Add(DropReason.ArpBadSenderHardwareAddress);
                return;
            }

            if (_probeAddress != 0 && (sender == _probeAddress || (sender == 0 && target == _probeAddress && operation == ArpPacket.OperationRequest)))
            {
                _probeConflict = true;
            }

            if (local != 0 && sender == local)
            {
                // Someone else uses our address (RFC 5227 §2.4): count it, never learn it, defend or report.
                _conflicts++;
                _stack.Drops.Add(DropReason.ArpAddressConflict);
                DefendOrReport(local);
                return;
            }

            if (sender == 0)
            {
                // An RFC 5227 probe: answer one for our address, so the prober learns it is taken; learn nothing.
                if (local != 0 && target == local && operation == ArpPacket.OperationRequest)
                {
                    SendArp(ArpPacket.OperationReply, local, buffer, senderMac, 0, false);
                }

                return;
            }

            if (!IsHostAddress(sender))
            {
                _stack.Drops.Add(DropReason.ArpBadSenderProtocolAddress);
                return;
            }

            // RFC 826 "merge": an entry we already have takes the sender's MAC, whoever the packet is for.
            bool forUs = local != 0 && target == local;
            int i = Find(sender);
            if (i >= 0)
            {
                Merge(i, buffer, senderMac, forUs && operation == ArpPacket.OperationReply);
            }

            if (!forUs)
            {
                return;
            }

            if (i < 0)
            {
                i = Allocate();
                _address[i] = sender;
                _heldLength[i] = 0;
                _state[i] = (byte)ArpEntryState.Incomplete;
                Merge(i, buffer, senderMac, false);
            }

            if (operation == ArpPacket.OperationRequest)
            {
                SendArp(ArpPacket.OperationReply, local, buffer, senderMac, sender, false);
            }
        }

        /// <summary>Retries, re-validates and expires entries due at <paramref name="now"/>; returns when the next one is due.</summary>
        internal long Poll(long now)
        {
            long next = long.MaxValue;
            for (int i = 0; i < _capacity; i++)
            {
                byte state = _state[i];
                if (state == (byte)ArpEntryState.Incomplete || state == (byte)ArpEntryState.Probe)
                {
                    if (now >= _nextRequest[i] && !RequestAgain(i, now))
                    {
                        continue;
                    }

                    if (_nextRequest[i] < next)
                    {
                        next = _nextRequest[i];
                    }
                }

                state = _state[i];
                if (state == (byte)ArpEntryState.Reachable || state == (byte)ArpEntryState.Probe)
                {
                    long expires = _updated[i] + _lifetime;
                    if (now >= expires)
                    {
                        Clear(i);
                    }
                    else if (expires < next)
                    {
                        next = expires;
                    }
                }
            }

            return next;
        }

        /// <summary>Forgets every entry (the address changed) and drops the frames held.</summary>
        internal void Flush()
        {
            _defended = false;
            for (int i = 0; i < _capacity; i++)
            {
                Clear(i);
            }
        }

        /// <summary>
        /// RFC 5227 §2.4: one gratuitous ARP (an announcement) when we have not defended within DEFEND_INTERVAL; a
        /// conflict inside the interval is not answered (two hosts must not trade announcements) but reported.
        /// </summary>
        private void DefendOrReport(uint local)
        {
            long now = _stack.Now;
            if (!_defended || now - _lastDefenceAt >= _defendInterval)
            {
                _defended = true;
                _lastDefenceAt = now;
                _defences++;
                SendGratuitous(local);
                return;
            }

            _conflictsNotDefended++;
            _stack.AddressConflictNotDefended(now);
        }

        /// <summary>A MAC a host can own: not zero, not a group address (the I/G bit, broadcast included).</summary>
        private static bool IsHostMac(byte[] buffer, int offset)
        {
            return (buffer[offset] & 0x01) == 0 && !IsZeroMac(buffer, offset);
        }

        /// <summary>
        /// An address a host on the link can own (RFC 1122 §3.2.1.3): not limited or this subnet's broadcast, not
        /// multicast or class E, not loopback. Zero and our own address are decided before.
        /// </summary>
        private bool IsHostAddress(uint address)
        {
            return address < MulticastAndClassE && (address & ClassAMask) != LoopbackNetwork && !_stack.Ipv4Layer.IsBroadcast(address);
        }

        private static bool IsZeroMac(byte[] buffer, int offset)
        {
            return (buffer[offset] | buffer[offset + 1] | buffer[offset + 2] | buffer[offset + 3] | buffer[offset + 4] | buffer[offset + 5]) == 0;
        }

        private bool HasMac(int i) => _state[i] == (byte)ArpEntryState.Reachable || _state[i] == (byte)ArpEntryState.Probe;

        private void Hold(int i, byte[] frame, int offset, int length)
        {
            System.Array.Copy(frame, offset, _held, i * _frameLength, length);
            _heldLength[i] = length;
        }

        /// <summary>Sends the frame held for entry <paramref name="i"/> to its MAC and forgets it.</summary>
        private void SendHeld(int i)
        {
            int held = _heldLength[i];
            if (held == 0)
            {
                return;
            }

            int start = i * _frameLength;
            _heldLength[i] = 0;
            System.Array.Copy(_mac, i * EthernetHeader.AddressLength, _held, start, EthernetHeader.AddressLength);
            _stack.SendFrame(_held, start, held);
        }

        private int Find(uint address)
        {
            for (int i = 0; i < _capacity; i++)
            {
                if (_state[i] != (byte)ArpEntryState.Free && _address[i] == address)
                {
                    return i;
                }
            }

            return -1;
        }

        private int Allocate()
        {
            int oldest = 0;
            for (int i = 0; i < _capacity; i++)
            {
                if (_state[i] == (byte)ArpEntryState.Free)
                {
                    return i;
                }

                if (_updated[i] < _updated[oldest])
                {
                    oldest = i;
                }
            }

            if (_heldLength[oldest] != 0 && _state[oldest] == (byte)ArpEntryState.Incomplete)
            {
                _stack.Drops.Add(DropReason.ArpEvicted);
            }

            Clear(oldest);
            return oldest;
        }

        private void Clear(int i)
        {
            _state[i] = (byte)ArpEntryState.Free;
            _address[i] = 0;
            _heldLength[i] = 0;
            _nextRequest[i] = 0;
            System.Array.Clear(_mac, i * EthernetHeader.AddressLength, EthernetHeader.AddressLength);
        }

        private void SendArp(ushort operation, uint senderAddress, byte[] targetMac, int targetMacOffset, uint targetAddress, bool broadcast)
        {
            byte[] frame = _stack.ControlBuffer;
            if (broadcast)
            {
                EthernetHeader.SetBroadcastDestination(frame, 0);
            }
            else
            {
                EthernetHeader.SetDestination(frame, 0, targetMac, targetMacOffset);
            }

            EthernetHeader.SetSource(frame, 0, _stack.MacAddress, 0);
            EthernetHeader.SetEtherType(frame, 0, EthernetHeader.EtherTypeArp);
            ArpPacket.Write(frame, EthernetHeader.Length, operation, _stack.MacAddress, 0, senderAddress, targetMac, targetMacOffset, targetAddress);
            _stack.SendFrame(frame, 0, EthernetHeader.Length + ArpPacket.Length);
        }
    }
}
