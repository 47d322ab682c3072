using NanoTcp.Dns;

namespace NanoTcp.Sntp
{
    /// <summary>
    /// The server given by name (<see cref="SntpConfiguration.ServerName"/>): one DNS query before each request, on the
    /// stack's thread. The DNS client does the retries over its servers and keeps the answer for its TTL, so most
    /// requests find it in the cache at once.
    /// </summary>
    public sealed partial class SntpClient
    {
        private int _query = -1;
        private uint _resolved;

        /// <summary>
        /// Starts or follows the query for the server name. Returns 0 when the name has just resolved (send now);
        /// otherwise when to look again: at once after starting a query (the DNS client sends it at the next poll),
        /// never while it is pending (its answer or time-out comes in a poll of the stack, which runs DNS before SNTP),
        /// the back-off after a failure.
        /// </summary>
        private long Resolve(long now)
        {
            DnsClient dns = _stack.Dns;
            if (_query < 0)
            {
                _query = dns.BeginQuery(_serverName);
                if (_query < 0)
                {
                    // Every DNS query slot is taken by the application: try again after the back-off.
                    _counters.nameNotResolved++;
                    BackOff(now);
                    return _nextAt;
                }

                if (dns.State(_query) == DnsQueryState.Pending)
                {
                    return now;
                }
            }

            DnsQueryState state = dns.State(_query);
            if (state == DnsQueryState.Pending)
            {
                return long.MaxValue;
            }

            uint address = dns.Address(_query);
            dns.EndQuery(_query);
            _query = -1;
            if (state == DnsQueryState.Answered && address != 0)
            {
                _resolved = address;
                return 0;
            }

            _counters.nameNotResolved++;
            BackOff(now);
            return _nextAt;
        }
    }
}
