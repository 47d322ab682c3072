using NanoTcp.Wire;

namespace NanoTcp.Arp
{
    /// <summary>
    /// ARP for IPv4 over Ethernet (RFC 826): a fixed cache of next hops with aging and eviction of the oldest entry,
    /// answers to requests for our address, resolution on demand with bounded retries that holds one outgoing frame
    /// per unresolved entry (sent as soon as the reply comes), gratuitous ARP and address-conflict detection, and the
    /// ARP probe (RFC 5227) the DHCP client uses before it takes an offered address.
    /// </summary>
    public sealed class ArpCache
    {
        private const byte Free = 0;
        private const byte Incomplete = 1;
        private const byte Reachable = 2;

        private readonly NetworkStack _stack;
        private readonly int _capacity;
        private readonly int _lifetime;
        private readonly int _interval;
        private readonly int _attemptsAllowed;
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

        internal ArpCache(NetworkStack stack, NetworkConfiguration configuration)
        {
            _stack = stack;
            _capacity = configuration.ArpCacheEntries;
            _lifetime = configuration.ArpEntryLifetimeMilliseconds;
            _interval = configuration.ArpRequestIntervalMilliseconds;
            _attemptsAllowed = configuration.ArpRequestAttempts;
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

        /// <summary>True when some host answered for, or probed, the address given to <see cref="StartProbe"/>.</summary>
        public bool ProbeConflict => _probeConflict;

        /// <summary>Number of entries in use (resolved or resolving).</summary>
        public int Count
        {
            get
            {
                int count = 0;
                for (int i = 0; i < _capacity; i++)
                {
                    if (_state[i] != Free)
                    {
                        count++;
                    }
                }

                return count;
            }
        }

        /// <summary>
        /// Copies the MAC address of <paramref name="address"/> to <paramref name="mac"/> and returns true when the cache
        /// holds a resolved, unexpired entry for it.
        /// </summary>
        public bool TryGet(uint address, byte[] mac, int macOffset)
        {
            int i = Find(address);
            if (i < 0 || _state[i] != Reachable || _stack.Now - _updated[i] >= _lifetime)
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
        public void StartProbe(uint address)
        {
            _probeAddress = address;
            _probeConflict = false;
            SendArp(ArpPacket.OperationRequest, 0, null, 0, address, true);
        }

        /// <summary>Stops watching the probed address.</summary>
        public void StopProbe()
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
        /// <paramref name="nextHop"/>, or holds it and sends an ARP request when the MAC is not known yet.
        /// </summary>
        internal bool SendOrHold(byte[] frame, int offset, int length, uint nextHop)
        {
            long now = _stack.Now;
            int i = Find(nextHop);
            if (i >= 0 && _state[i] == Reachable && now - _updated[i] < _lifetime)
            {
                System.Array.Copy(_mac, i * EthernetHeader.AddressLength, frame, offset, EthernetHeader.AddressLength);
                _stack.SendFrame(frame, offset, length);
                return true;
            }

            if (i >= 0 && _state[i] == Incomplete)
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
            _state[i] = Incomplete;
            _updated[i] = now;
            _attempts[i] = 1;
            _nextRequest[i] = now + _interval;
            Hold(i, frame, offset, length);
            SendArp(ArpPacket.OperationRequest, _stack.Ipv4.LocalAddress, null, 0, nextHop, true);
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
            bool fromUs = Bytes.Equal(buffer, senderMac, _stack.MacAddress, 0, EthernetHeader.AddressLength);
            if (fromUs)
            {
                _stack.Drops.Add(DropReason.EthernetNotForUs);
                return;
            }

            if (_probeAddress != 0 && (sender == _probeAddress || (sender == 0 && target == _probeAddress && operation == ArpPacket.OperationRequest)))
            {
                _probeConflict = true;
            }

            if (local != 0 && sender == local)
            {
                // Someone else uses our address (RFC 5227 §2.4): count it, never learn it.
                _conflicts++;
                _stack.Drops.Add(DropReason.ArpAddressConflict);
                return;
            }

            if ((buffer[senderMac] & 0x01) != 0 || sender == Ipv4.Ipv4Layer.BroadcastAddress)
            {
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

            // RFC 826 "merge": refresh an entry we already have, whoever the packet is for.
            int i = Find(sender);
            if (i >= 0)
            {
                Learn(i, buffer, senderMac);
            }

            if (local == 0 || target != local)
            {
                return;
            }

            if (i < 0)
            {
                i = Allocate();
                _address[i] = sender;
                Learn(i, buffer, senderMac);
            }

            if (operation == ArpPacket.OperationRequest)
            {
                SendArp(ArpPacket.OperationReply, local, buffer, senderMac, sender, false);
            }
        }

        /// <summary>Retries and expires entries due at <paramref name="now"/>; returns when the next one is due.</summary>
        internal long Poll(long now)
        {
            long next = long.MaxValue;
            for (int i = 0; i < _capacity; i++)
            {
                if (_state[i] == Incomplete)
                {
                    if (now >= _nextRequest[i])
                    {
                        if (_attempts[i] >= _attemptsAllowed)
                        {
                            if (_heldLength[i] != 0)
                            {
                                _stack.Drops.Add(DropReason.ArpUnresolved);
                            }

                            Clear(i);
                            continue;
                        }

                        _attempts[i]++;
                        _nextRequest[i] = now + _interval;
                        SendArp(ArpPacket.OperationRequest, _stack.Ipv4.LocalAddress, null, 0, _address[i], true);
                    }

                    if (_nextRequest[i] < next)
                    {
                        next = _nextRequest[i];
                    }
                }
                else if (_state[i] == Reachable)
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
            for (int i = 0; i < _capacity; i++)
            {
                Clear(i);
            }
        }

        private void Learn(int i, byte[] buffer, int macOffset)
        {
            System.Array.Copy(buffer, macOffset, _mac, i * EthernetHeader.AddressLength, EthernetHeader.AddressLength);
            _state[i] = Reachable;
            _updated[i] = _stack.Now;
            int held = _heldLength[i];
            if (held != 0)
            {
                int start = i * _frameLength;
                _heldLength[i] = 0;
                System.Array.Copy(_mac, i * EthernetHeader.AddressLength, _held, start, EthernetHeader.AddressLength);
                _stack.SendFrame(_held, start, held);
            }
        }

        private void Hold(int i, byte[] frame, int offset, int length)
        {
            System.Array.Copy(frame, offset, _held, i * _frameLength, length);
            _heldLength[i] = length;
        }

        private int Find(uint address)
        {
            for (int i = 0; i < _capacity; i++)
            {
                if (_state[i] != Free && _address[i] == address)
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
                if (_state[i] == Free)
                {
                    return i;
                }

                if (_updated[i] < _updated[oldest])
                {
                    oldest = i;
                }
            }

            if (_heldLength[oldest] != 0)
            {
                _stack.Drops.Add(DropReason.ArpEvicted);
            }

            Clear(oldest);
            return oldest;
        }

        private void Clear(int i)
        {
            _state[i] = Free;
            _address[i] = 0;
            _heldLength[i] = 0;
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
