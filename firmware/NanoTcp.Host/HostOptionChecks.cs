using System.Collections.Generic;
using System.Globalization;

namespace NanoTcp.Host
{
    /// <summary>
    /// The checks of the `nanotcp` options after parsing: one error per bad option, naming the option and its range,
    /// and notes for combinations that run but may not do what the user expects.
    /// </summary>
    public static class HostOptionChecks
    {
        public const int MaxConnections = 64;
        public const int MinTcpBuffer = 536;
        public const int MaxTcpBuffer = 65535;

        /// <summary>The errors (the app does not start); empty when every option is in range.</summary>
        public static List<string> Errors(HostOptions options)
        {
            var errors = new List<string>();
            if (options.ForwardPort < 0 || options.ForwardPort > 65535)
            {
                errors.Add("--forward " + Text(options.ForwardPort) + ": the loopback port is 1..65535, or 0 for no forward");
            }

            if (options.Connections < 1 || options.Connections > MaxConnections)
            {
                errors.Add("--connections " + Text(options.Connections) + ": the board has 1.." + Text(MaxConnections) + " TCP connection slots");
            }

            if (options.TcpBufferSize < MinTcpBuffer || options.TcpBufferSize > MaxTcpBuffer)
            {
                errors.Add("--tcp-buffer " + Text(options.TcpBufferSize) + ": each TCP ring is " + Text(MinTcpBuffer) + ".." + Text(MaxTcpBuffer) + " bytes");
            }

            if (options.MslSeconds < 0)
            {
                errors.Add("--msl " + Text(options.MslSeconds) + ": the maximum segment lifetime is 0 or more seconds");
            }

            if (options.HostIp != null && options.Tap == null)
            {
                errors.Add("--host-ip " + options.HostIp + ": gives the kernel side of the TAP device an address, so it needs --tap NAME too");
            }

            if (options.HostName != null && !IsHostLabel(options.HostName))
            {
                errors.Add("--hostname " + options.HostName + ": the name is one label of 1.." + Text(NanoTcp.Mdns.MdnsResponder.MaxHostNameLength) + " letters, digits and '-' (the board adds .local)");
            }

            if (options.ServiceName != null && !IsInstanceName(options.ServiceName))
            {
                errors.Add("--service-name " + options.ServiceName + ": the instance name is 1..55 printable ASCII characters, spaces allowed, no '.' or '\\'");
            }

            if (options.NtpServerName != null && !IsHostName(options.NtpServerName))
            {
                errors.Add("--ntp-server " + options.NtpServerName + ": neither an IPv4 address such as 10.0.77.1 nor a host name (dot-separated labels of letters, digits and '-', 253 characters at most)");
            }
            else if (options.NtpServerName != null && !options.Dhcp)
            {
                errors.Add("--ntp-server " + options.NtpServerName + ": a name is resolved through the DNS servers DHCP names (option 6), so it needs --dhcp too");
            }

            return errors;
        }

        private static bool IsInstanceName(string name)
        {
            if (name.Length < 1 || name.Length > 55)
            {
                return false;
            }

            foreach (char c in name)
            {
                if (c < ' ' || c > '~' || c == '.' || c == '\\')
                {
                    return false;
                }
            }

            return true;
        }

        private static bool IsHostName(string name)
        {
            if (name.Length < 1 || name.Length > 253)
            {
                return false;
            }

            foreach (string label in name.TrimEnd('.').Split('.'))
            {
                if (label.Length < 1 || label.Length > 63 || !IsLabel(label))
                {
                    return false;
                }
            }

            return true;
        }

        private static bool IsHostLabel(string name)
        {
            return name.Length >= 1 && name.Length <= NanoTcp.Mdns.MdnsResponder.MaxHostNameLength && IsLabel(name);
        }

        private static bool IsLabel(string name)
        {
            foreach (char c in name)
            {
                if (!char.IsAsciiLetterOrDigit(c) && c != '-')
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>Notes printed before the app starts; it runs anyway.</summary>
        public static List<string> Notes(HostOptions options)
        {
            var notes = new List<string>();
            if (options.ForwardPort == 0 && options.Tap == null)
            {
                notes.Add("with --forward 0 and no --tap nobody can reach the board; running anyway");
            }

            if (options.Tap != null && options.HostIp == null)
            {
                notes.Add("--tap " + options.Tap + " without --host-ip: the kernel side of the TAP device gets no address from nanotcp, so the kernel reaches the board only once it has one in the board's subnet (give --host-ip "
                    + Ipv4Text.Format((options.Address & 0xFFFFFF00) | 1) + "/" + Text(options.PrefixLength) + ", or `ip addr add` it yourself)");
            }

            return notes;
        }

        private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
    }
}
