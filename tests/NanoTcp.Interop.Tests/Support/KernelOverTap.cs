using System;
using NanoTcp.Hardware.Host.Tap;

namespace NanoTcp.Interop.Tests.Support
{
    /// <summary>
    /// The Linux kernel as a peer: a fresh network namespace holding a TAP device whose kernel side has
    /// <see cref="KernelAddress"/>/24 and is up, and whose other side is <see cref="Link"/>, the
    /// <see cref="NanoTcp.Hardware.IEthernetLink"/> a stack under test uses with <see cref="StackAddress"/> and
    /// <see cref="StackMac"/>. Dispose removes the TAP and the namespace; use it in a using block.
    /// </summary>
    public sealed class KernelOverTap : IDisposable
    {
        public const string TapName = "nt0";
        public const string KernelAddress = "10.77.0.1";
        public const string StackAddress = "10.77.0.2";
        public const int PrefixLength = 24;

        private KernelOverTap(NetworkNamespace ns, TapLink link, string kernelMac)
        {
            Namespace = ns;
            Link = link;
            KernelMac = kernelMac;
        }

        /// <summary>The stack's MAC: locally administered, unicast.</summary>
        public static byte[] StackMac => new byte[] { 0x02, 0x00, 0x00, 0x77, 0x00, 0x02 };

        public NetworkNamespace Namespace { get; }

        public TapLink Link { get; }

        /// <summary>The kernel side's MAC, lowercase with colons as in /sys/class/net/&lt;tap&gt;/address.</summary>
        public string KernelMac { get; }

        /// <summary>
        /// Skips (or under CI fails) the calling test unless the machine can do this, then builds the namespace
        /// <paramref name="prefix"/>-&lt;random&gt;, the TAP inside it, the kernel's address, and brings the TAP up.
        /// </summary>
        public static KernelOverTap Create(string prefix)
        {
            Requirements.RequireNamespacesAndTap();
            NetworkNamespace ns = NetworkNamespace.Create(prefix);
            TapLink link = null;
            try
            {
                NamespaceIpv6.Disable(ns);
                link = TapLink.OpenInNamespace(ns.Name, TapName, StackMac);
                CommandResult up = ns.Run(
                    "ip addr add " + KernelAddress + "/" + PrefixLength + " dev " + TapName + " && ip link set " + TapName + " up"
                    + " && cat /sys/class/net/" + TapName + "/address",
                    10000);
                if (up.ExitCode != 0)
                {
                    throw new InvalidOperationException("cannot configure " + TapName + " in " + ns.Name + ": " + up);
                }

                return new KernelOverTap(ns, link, up.StandardOutput.Trim());
            }
            catch
            {
                link?.Dispose();
                ns.Dispose();
                throw;
            }
        }

        /// <summary>Parses "aa:bb:cc:dd:ee:ff".</summary>
        public static byte[] ParseMac(string text)
        {
            string[] parts = text.Trim().Split(':');
            if (parts.Length != 6)
            {
                throw new FormatException("not a MAC address: '" + text + "'");
            }

            var mac = new byte[6];
            for (int i = 0; i < 6; i++)
            {
                mac[i] = Convert.ToByte(parts[i], 16);
            }

            return mac;
        }

        public void Dispose()
        {
            Link.Dispose();
            Namespace.Dispose();
        }
    }
}
