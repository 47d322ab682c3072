using NanoTcp.Wire;

namespace NanoTcp.Sntp
{
    /// <summary>
    /// Checking and using one reply (RFC 4330 §5, RFC 5905 §8), called by UDP on the stack's thread for the request's
    /// source port. Checks in order, each failure dropped and counted once and the request left waiting: source address
    /// and port, length and version, mode 4, originate timestamp = our transmit timestamp; then a kiss-o'-death is
    /// acted on; then leap indicator 3, stratum above 15 and zero timestamps are refused. Only then is the offset set.
    /// </summary>
    public sealed partial class SntpClient
    {
        private void ReceiveDatagram(byte[] buffer, int offset, int length, uint sourceAddress, ushort sourcePort, uint destinationAddress, ushort destinationPort)
        {
            lock (SyncRoot)
            {
                if (_port == 0 || destinationPort != _port || sourceAddress != _server || sourcePort != NtpPacket.ServerPort)
                {
                    _counters.droppedWrongSource++;
                    return;
                }

                Receive(buffer, offset, length, _stack.Now);
            }
        }

        private void Receive(byte[] buffer, int offset, int length, long now)
        {
            if (!NtpPacket.IsValid(buffer, offset, length))
            {
                _counters.droppedMalformed++;
                return;
            }

            int version = NtpPacket.Version(buffer, offset);
            if (version < NtpPacket.Version3 || version > NtpPacket.Version4)
            {
                _counters.droppedMalformed++;
                return;
            }

            if (NtpPacket.Mode(buffer, offset) != NtpPacket.ModeServer)
            {
                _counters.droppedWrongMode++;
                return;
            }

            if (NtpPacket.OriginateSeconds(buffer, offset) != _sentSeconds || NtpPacket.OriginateFraction(buffer, offset) != _sentFraction)
            {
                _counters.droppedWrongOrigin++;
                return;
            }

            int stratum = NtpPacket.Stratum(buffer, offset);
            if (stratum == NtpPacket.StratumKissOfDeath)
            {
                Kiss(NtpPacket.ReferenceId(buffer, offset), now);
                return;
            }

            if (NtpPacket.LeapIndicator(buffer, offset) == NtpPacket.LeapNotSynchronized)
            {
                _counters.droppedUnsynchronized++;
                return;
            }

            if (stratum > NtpPacket.MaxStratum)
            {
                _counters.droppedBadStratum++;
                return;
            }

            uint receiveSeconds = NtpPacket.ReceiveSeconds(buffer, offset);
            uint receiveFraction = NtpPacket.ReceiveFraction(buffer, offset);
            uint transmitSeconds = NtpPacket.TransmitSeconds(buffer, offset);
            uint transmitFraction = NtpPacket.TransmitFraction(buffer, offset);
            if ((receiveSeconds == 0 && receiveFraction == 0) || (transmitSeconds == 0 && transmitFraction == 0))
            {
                _counters.droppedZeroTimestamp++;
                return;
            }

            // RFC 5905 §8: offset = ((T2 - T1) + (T3 - T4)) / 2 with T1, T4 read on the board's tick, so the result is
            // UTC minus tick. The era of T2 and T3 is the one nearest our own estimate (or RFC 4330 §3's rule before the first reply).
            long pivot = _synchronized ? now + _offset : NtpTimestamp.Era1UnixMilliseconds;
            long t2 = NtpTimestamp.ToUnixMilliseconds(receiveSeconds, receiveFraction, pivot);
            long t3 = NtpTimestamp.ToUnixMilliseconds(transmitSeconds, transmitFraction, pivot);
            _offset = ((t2 - _sentAt) + (t3 - now)) / 2;
            _delay = (now - _sentAt) - (t3 - t2);
            _synchronized = true;
            _updatedAt = now;
            _misses = 0;
            _counters.replies++;
            ReleasePort();
            _nextAt = now + (long)_pollSeconds * 1000;

            // Last: a thread woken by the event reads the counters and the time, so they must be in place before it.
            _synchronizedEvent.Set();
        }

        /// <summary>RFC 5905 §7.4: RATE polls less often; DENY and RSTR end the use of the server; other codes are not used.</summary>
        private void Kiss(uint code, long now)
        {
            if (code == NtpPacket.KissRate)
            {
                _counters.kissRate++;
                long doubled = (long)_pollSeconds * 2;
                _pollSeconds = doubled > _configuration.MaxPollIntervalSeconds ? _configuration.MaxPollIntervalSeconds : (int)doubled;
                ReleasePort();
                _nextAt = now + (long)_pollSeconds * 1000;
                return;
            }

            if (code == NtpPacket.KissDeny || code == NtpPacket.KissRestricted)
            {
                _counters.kissDeny++;
                if (_deniedCount == _denied.Length)
                {
                    System.Array.Copy(_denied, 1, _denied, 0, _denied.Length - 1);
                    _deniedCount--;
                }

                _denied[_deniedCount++] = _server;
                ReleasePort();
                _serverIndex++;
                _nextAt = now;
                return;
            }

            _counters.droppedUnknownKiss++;
        }
    }
}
