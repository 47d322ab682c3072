using NanoTcp.Hardware.Host.Tap;

namespace NanoTcp.Interop.Tests.Support
{
    /// <summary>
    /// IPv6 off in a test's network namespace. The stack speaks IPv4 only: without IPv6 the kernel sends no router
    /// solicitations or MLD reports, so the frames and counters a test sees are the ones it provoked.
    /// </summary>
    internal static class NamespaceIpv6
    {
        public static void Disable(NetworkNamespace ns)
        {
            ns.Run("for f in /proc/sys/net/ipv6/conf/all/disable_ipv6 /proc/sys/net/ipv6/conf/default/disable_ipv6; do [ -w $f ] && echo 1 > $f; done; true", 10000);
        }
    }
}
