using System;
using System.Collections.Generic;
using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Parsing;
using System.IO;

namespace NanoTcp.Host
{
    /// <summary>
    /// The `nanotcp` command: the board's firmware on an emulated board (ENC28J60 model + driver + stack + HTTP),
    /// reachable through a loopback port forward or a Linux TAP device; `nanotcp demo` prints one HTTP GET as a
    /// ladder diagram.
    /// </summary>
    public static class Program
    {
        public static int Main(string[] args)
        {
            Console.OutputEncoding = System.Text.Encoding.UTF8;
            return Run(args, Console.Out, Console.Error, RunCommand.Run);
        }

        /// <summary>Parses ARGS, checks the options and calls RUN with them (the app's run command, or a test's).</summary>
        public static int Run(string[] args, TextWriter output, TextWriter error, Func<HostOptions, int> run)
        {
            var forward = new Option<int>("--forward")
            {
                Description = "Forward 127.0.0.1:PORT to the board's port 80 through a second emulated host (1..65535; 0 = off)",
                DefaultValueFactory = _ => HostOptions.DefaultForwardPort,
                HelpName = "PORT",
            };
            var tap = new Option<string>("--tap") { Description = "Bridge the board's wire to Linux TAP device NAME (created if absent; needs root)", HelpName = "NAME" };
            var hostIp = new Option<string>("--host-ip") { Description = "With --tap: give the kernel side of the TAP device this address, e.g. 10.0.77.1/24 (A alone means /24)", HelpName = "A/P" };
            var ip = new Option<string>("--ip") { Description = "The board's address (the fallback with --dhcp); A alone means /24", DefaultValueFactory = _ => "10.0.77.2/24", HelpName = "A/P" };
            var gateway = new Option<string>("--gateway") { Description = "The board's default gateway", HelpName = "G" };
            var dhcp = new Option<bool>("--dhcp") { Description = "Ask a DHCP server for the address; --ip is the fallback after 10 s" };
            var direct = new Option<bool>("--direct") { Description = "Run the stack straight on the wire, without the ENC28J60 model and driver" };
            var connections = new Option<int>("--connections") { Description = "TCP connection slots of the board (1..64)", DefaultValueFactory = _ => 4, HelpName = "N" };
            var tcpBuffer = new Option<int>("--tcp-buffer") { Description = "Bytes of each TCP ring of the board (send and receive, per connection; 536..65535)", DefaultValueFactory = _ => 8192, HelpName = "N" };
            var msl = new Option<int>("--msl") { Description = "Maximum segment lifetime in seconds, 0 or more (TIME-WAIT lasts 2·MSL)", DefaultValueFactory = _ => 30, HelpName = "S" };
            var pcap = new Option<string>("--pcap") { Description = "Write every frame on the wire to FILE (pcap)", HelpName = "FILE" };
            var hostName = new Option<string>("--hostname") { Description = "Answer for NAME.local by multicast DNS (RFC 6762), e.g. nanotcp; renamed NAME-2 on a conflict", HelpName = "NAME" };
            var serviceName = new Option<string>("--service-name") { Description = "Advertise the HTTP server by DNS-SD (RFC 6763) as NAME._http._tcp.local (default with --hostname: the host name; turns mDNS on)", HelpName = "NAME" };
            var ntpServer = new Option<string>("--ntp-server") { Description = "Set the board's clock from this SNTP server, an address or a host name resolved through DNS (default: the servers DHCP names in option 42)", HelpName = "A|NAME" };
            var faults = new Option<string>("--faults") { Description = "Inject faults on every frame of the board's wire, both ways, seeded: e.g. loss=10,dup=5,delay=5,reorder=10,corrupt=1,seed=7 (percent, ms), or mix for that mix", HelpName = "SPEC" };
            var trace = new Option<bool>("--trace") { Description = "Print a ladder diagram of every TCP connection (segments and state changes)" };

            // A plain command named nanotcp, not RootCommand, whose usage line would name the assembly (NanoTcp.Host).
            var root = new Command("nanotcp", "nanotcp: the NanoTcp firmware (ESP32 + ENC28J60) on an emulated board. Without a command it runs the board until Ctrl+C.");
            foreach (Option option in new Option[] { new HelpOption(), forward, tap, hostIp, ip, gateway, dhcp, direct, connections, tcpBuffer, msl, pcap, trace, hostName, serviceName, ntpServer, faults })
            {
                root.Options.Add(option);
            }

            root.SetAction(parsed =>
            {
                var errors = new List<string>();
                var options = new HostOptions
                {
                    ForwardPort = parsed.GetValue(forward),
                    Tap = parsed.GetValue(tap),
                    HostIp = parsed.GetValue(hostIp),
                    Dhcp = parsed.GetValue(dhcp),
                    Direct = parsed.GetValue(direct),
                    Connections = parsed.GetValue(connections),
                    TcpBufferSize = parsed.GetValue(tcpBuffer),
                    MslSeconds = parsed.GetValue(msl),
                    Pcap = parsed.GetValue(pcap),
                    Trace = parsed.GetValue(trace),
                    HostName = parsed.GetValue(hostName),
                    ServiceName = parsed.GetValue(serviceName),
                };
                try
                {
                    (uint address, int prefix) = Ipv4Text.ParseWithPrefix(parsed.GetValue(ip));
                    options.Address = address;
                    options.PrefixLength = prefix;
                }
                catch (FormatException e)
                {
                    errors.Add("--ip: " + e.Message);
                }

                string faultText = parsed.GetValue(faults);
                if (faultText != null)
                {
                    try
                    {
                        options.Faults = FaultOption.Parse(faultText, out int seed);
                        options.FaultSeed = seed;
                    }
                    catch (FormatException e)
                    {
                        errors.Add("--faults: " + e.Message);
                    }
                }

                string gatewayText = parsed.GetValue(gateway);
                if (gatewayText != null)
                {
                    if (Ipv4Text.TryParse(gatewayText, out uint gatewayAddress))
                    {
                        options.Gateway = gatewayAddress;
                    }
                    else
                    {
                        errors.Add("--gateway: '" + gatewayText + "' is not an IPv4 address such as 10.0.77.1");
                    }
                }

                string ntpText = parsed.GetValue(ntpServer);
                if (ntpText != null)
                {
                    if (Ipv4Text.TryParse(ntpText, out uint ntpAddress))
                    {
                        options.NtpServer = ntpAddress;
                    }
                    else
                    {
                        options.NtpServerName = ntpText;
                    }
                }

                if (options.HostIp != null)
                {
                    try
                    {
                        Ipv4Text.ParseWithPrefix(options.HostIp);
                    }
                    catch (FormatException e)
                    {
                        errors.Add("--host-ip: " + e.Message);
                    }
                }

                errors.AddRange(HostOptionChecks.Errors(options));
                foreach (string message in errors)
                {
                    error.WriteLine("nanotcp: " + message);
                }

                if (errors.Count > 0)
                {
                    return 2;
                }

                foreach (string note in HostOptionChecks.Notes(options))
                {
                    error.WriteLine("nanotcp: " + note);
                }

                return run(options);
            });

            var demoMsl = new Option<int>("--msl") { Description = "Maximum segment lifetime in seconds shown in the demo", DefaultValueFactory = _ => 30, HelpName = "S" };
            var demo = new Command("demo", "One HTTP GET from an emulated PC to the emulated board, printed as a ladder diagram: handshake, request, response, close, TIME-WAIT");
            demo.Options.Add(demoMsl);
            demo.SetAction(parsed => DemoCommand.Run(output, parsed.GetValue(demoMsl)));
            root.Subcommands.Add(demo);

            ParseResult result = root.Parse(args);
            return result.Invoke(new InvocationConfiguration { Output = output, Error = error });
        }
    }
}
