using NanoTcp.Wire;

namespace NanoTcp.Arp
{
    /// <summary>
    /// The part of <see cref="ArpCache"/> that keeps entries right (RFC 1122 §2.3.2.1, in the spirit of Linux's
    /// neighbour states). A MAC comes into doubt when an ARP packet changes it, when the transport retransmits to the
    /// host (<see cref="Revalidate"/>, called through <c>IIpv4Sender.NextHopInDoubt</c>), or when IPv4 frames from the
    /// host arrive from another MAC (<see cref="Confirm"/>, called by the IPv4 layer for every on-link source). The
    /// entry then goes to <see cref="ArpEntryState.Probe"/>: frames still go to the MAC in doubt, unicast requests
    /// ask it to answer, and without an answer broadcast requests find whoever owns the address now. Frames from the
    /// host that do come from the cached MAC confirm it, so a healthy entry in use is never probed on a timer.
    /// </summary>
    public sealed partial class ArpCache
    {
        /// <summary>"FREE", "INCOMPLETE", "REACHABLE" or "PROBE".</summary>
        public static string StateName(ArpEntryState state)
        {
            switch (state)
            {
                case ArpEntryState.Incomplete: return "INCOMPLETE";
                case ArpEntryState.Reachable: return "REACHABLE";
                case ArpEntryState.Probe: return "PROBE";
                default: return "FREE";
            }
        }

        /// <summary>
        /// The transport suspects the frames it sends to <paramref name="nextHop"/> are lost (its retransmission timer
        /// fired): a resolved entry goes to <see cref="ArpEntryState.Probe"/> unless it was probed within the last
        /// request interval.
        /// </summary>
        internal void Revalidate(uint nextHop)
        {
            int i = Find(nextHop);
            if (i >= 0 && _state[i] == (byte)ArpEntryState.Reachable && _stack.Now >= _nextRequest[i])
            {
                StartProbing(i);
            }
        }

        /// <summary>
        /// An IPv4 frame from <paramref name="address"/> (an on-link host, or the gateway for an off-link source) came
        /// from the MAC at <paramref name="macOffset"/>. The entry's own MAC confirms it. Another MAC, when
        /// <paramref name="mayDoubt"/>, puts a reachable entry in doubt, and ends the unicast requests of an entry in
        /// doubt (the host is alive at another MAC, so ask everyone now).
        /// </summary>
        internal void Confirm(uint address, byte[] frame, int macOffset, bool mayDoubt)
        {
            int i = Find(address);
            if (i < 0 || !HasMac(i))
            {
                return;
            }

            if (Bytes.Equal(frame, macOffset, _mac, i * EthernetHeader.AddressLength, EthernetHeader.AddressLength))
            {
                MarkReachable(i);
            }
            else if (!mayDoubt)
            {
                return;
            }
            else if (_state[i] == (byte)ArpEntryState.Probe)
            {
                _attempts[i] = _unicastProbes;
                _nextRequest[i] = _stack.Now;
            }
            else if (_stack.Now >= _nextRequest[i])
            {
                StartProbing(i);
            }
        }

        /// <summary>
        /// RFC 826 merge of the sender's MAC into entry <paramref name="i"/>. The first MAC of an incomplete entry, the
        /// same MAC again, or the answer to our own requests is taken as confirmed; a different MAC offered unasked
        /// (a host moved, or a forged packet) is taken but probed at once.
        /// </summary>
        private void Merge(int i, byte[] buffer, int macOffset, bool replyToUs)
        {
            int at = i * EthernetHeader.AddressLength;
            byte state = _state[i];
            if (state == (byte)ArpEntryState.Incomplete)
            {
                if (!IsZeroMac(_mac, at) && !Bytes.Equal(buffer, macOffset, _mac, at, EthernetHeader.AddressLength))
                {
                    // The broadcast after unanswered unicast requests found the host at another MAC.
                    _replaced++;
                }

                System.Array.Copy(buffer, macOffset, _mac, at, EthernetHeader.AddressLength);
                MarkReachable(i);
                SendHeld(i);
                return;
            }

            if (Bytes.Equal(buffer, macOffset, _mac, at, EthernetHeader.AddressLength))
            {
                MarkReachable(i);
                return;
            }

            _replaced++;
            System.Array.Copy(buffer, macOffset, _mac, at, EthernetHeader.AddressLength);
            if (state == (byte)ArpEntryState.Probe && replyToUs)
            {
                // Our probe found the host at a new MAC: what was sent to the old one goes again.
                MarkReachable(i);
                SendHeld(i);
                return;
            }

            StartProbing(i);
        }

        /// <summary>Entry <paramref name="i"/> is known good now; the copy kept while probing was sent to this MAC already.</summary>
        private void MarkReachable(int i)
        {
            if (_state[i] == (byte)ArpEntryState.Probe)
            {
                // No new doubt for one interval: a lossy path would otherwise probe at every retransmission.
                _nextRequest[i] = _stack.Now + _interval;
                _heldLength[i] = 0;
            }

            _state[i] = (byte)ArpEntryState.Reachable;
            _updated[i] = _stack.Now;
        }

        /// <summary>Reachable → Probe: the first unicast request goes now.</summary>
        private void StartProbing(int i)
        {
            _revalidations++;
            _state[i] = (byte)ArpEntryState.Probe;
            _heldLength[i] = 0;
            _attempts[i] = 0;
            if (_unicastProbes > 0)
            {
                SendUnicastRequest(i);
                _nextRequest[i] = _stack.Now + _interval;
            }
            else
            {
                _nextRequest[i] = _stack.Now;
            }
        }

        /// <summary>A new entry (or one whose unicast requests went unanswered) asks everyone, first request now.</summary>
        private void StartResolving(int i, long now)
        {
            _state[i] = (byte)ArpEntryState.Incomplete;
            _updated[i] = now;
            _attempts[i] = 1;
            _nextRequest[i] = now + _interval;
            SendArp(ArpPacket.OperationRequest, _stack.Ipv4.LocalAddress, null, 0, _address[i], true);
        }

        /// <summary>
        /// The request timer of entry <paramref name="i"/> fired: the next unicast request, the switch to broadcast, a
        /// broadcast retry, or giving up. Returns false when the entry was cleared.
        /// </summary>
        private bool RequestAgain(int i, long now)
        {
            if (_state[i] == (byte)ArpEntryState.Probe)
            {
                if (_attempts[i] < _unicastProbes)
                {
                    SendUnicastRequest(i);
                    _nextRequest[i] = now + _interval;
                    return true;
                }

                // No answer from the MAC in doubt: whoever owns the address now answers a broadcast. The copy of the
                // last frame stays, to go out with the answer.
                StartResolving(i, now);
                return true;
            }

            if (_attempts[i] >= _attemptsAllowed)
            {
                if (_heldLength[i] != 0)
                {
                    _stack.Drops.Add(DropReason.ArpUnresolved);
                }

                Clear(i);
                return false;
            }

            _attempts[i]++;
            _nextRequest[i] = now + _interval;
            SendArp(ArpPacket.OperationRequest, _stack.Ipv4.LocalAddress, null, 0, _address[i], true);
            return true;
        }

        /// <summary>RFC 1122 §2.3.2.1 unicast poll: a request sent to the cached MAC only.</summary>
        private void SendUnicastRequest(int i)
        {
            _attempts[i]++;
            _unicastRequestsSent++;
            SendArp(ArpPacket.OperationRequest, _stack.Ipv4.LocalAddress, _mac, i * EthernetHeader.AddressLength, _address[i], false);
        }
    }
}
