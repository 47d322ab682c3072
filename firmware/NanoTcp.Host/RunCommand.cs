using System;
using System.Globalization;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Threading;
using NanoTcp.Hardware.Host;
using NanoTcp.Http;

namespace NanoTcp.Host
{
    /// <summary>
    /// `nanotcp` without a command: the emulated board, the loopback forward and/or the TAP bridge, run until Ctrl+C
    /// or SIGTERM. One thread runs the firmware's own loop (<see cref="NanoTcp.Firmware.NanoTcpFirmware.Run"/>): a poll
    /// step (its hook moves the wire, the chip and the forwarding host), then a wait on the one wake signal until the
    /// next deadline. The TAP device, the loopback sockets, the chip's INT pin and the wire set the signal.
    /// </summary>
    public static class RunCommand
    {
        public static int Run(HostOptions options)
        {
            EmulatedBoard running = null;
            bool stopRequested = false;
            object stopGate = new object();
            void RequestStop(PosixSignalContext context)
            {
                context.Cancel = true;
                lock (stopGate)
                {
                    stopRequested = true;
                    running?.Firmware.Stop();
                }
            }

            using PosixSignalRegistration sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, RequestStop);
            using PosixSignalRegistration sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, RequestStop);

            var clock = new SystemClock();
            EmulatedBoard board;
            try
            {
                board = new EmulatedBoard(options, clock);
            }
            catch (Exception e) when (e is ArgumentException || e is System.IO.IOException || e is UnauthorizedAccessException)
            {
                Console.Error.WriteLine("nanotcp: " + e.Message);
                return 2;
            }

            using (board)
            {
                ForwardingHost forward = null;
                LadderPrinter ladder = null;
                try
                {
                    board.Firmware.Start();
                    if (options.Tap != null)
                    {
                        board.AttachTap(options.Tap, options.HostIp);
                    }

                    if (options.ForwardPort != 0)
                    {
                        forward = new ForwardingHost(board.Wire, clock, options.ForwarderAddress, options.PrefixLength, () => board.Firmware.Stack.LocalAddress, 80, options.ForwardPort);
                        forward.Wake = board.Firmware.Wake;
                        forward.AcceptInBackground();
                    }

                    if (options.Trace)
                    {
                        ladder = new LadderPrinter(Console.Out, options.Address, tagConnections: true);
                        board.Firmware.Tcp.Trace = ladder.Listener(isBoard: true, drawReceived: forward == null || options.Tap != null, options.Address);
                        if (forward != null && options.Tap == null)
                        {
                            forward.Tcp.Trace = ladder.Listener(isBoard: false, drawReceived: false, options.ForwarderAddress);
                        }
                    }
                }
                catch (SocketException e)
                {
                    Console.Error.WriteLine("nanotcp: cannot listen on 127.0.0.1:" + options.ForwardPort.ToString(CultureInfo.InvariantCulture) + ": " + e.Message + " (choose another with --forward PORT, or --forward 0)");
                    forward?.Dispose();
                    return 2;
                }
                catch (Exception e) when (e is System.IO.IOException || e is InvalidOperationException || e is TimeoutException || e is FormatException)
                {
                    Console.Error.WriteLine("nanotcp: " + e.Message);
                    forward?.Dispose();
                    return 2;
                }

                PrintBanner(options, board, forward);
                long lastAddress = board.Firmware.Stack.LocalAddress;
                ForwardingHost forwarder = forward;
                LadderPrinter printer = ladder;
                board.AddStep(() =>
                {
                    long due = long.MaxValue;
                    if (forwarder != null)
                    {
                        forwarder.Step();
                        due = forwarder.NextDue;
                    }

                    printer?.Flush();
                    if (board.Firmware.Stack.LocalAddress != lastAddress)
                    {
                        lastAddress = board.Firmware.Stack.LocalAddress;
                        if (printer != null)
                        {
                            printer.BoardAddress = (uint)lastAddress;
                        }

                        Console.WriteLine("nanotcp: board address now " + StatusLine(board));
                    }

                    return due;
                });

                lock (stopGate)
                {
                    running = board;
                    if (stopRequested)
                    {
                        board.Firmware.Stop();
                    }
                }

                board.Firmware.Run();
                lock (stopGate)
                {
                    running = null;
                }

                Console.WriteLine("nanotcp: stopping");
                board.Firmware.Shutdown();
                for (int i = 0; i < 20; i++)
                {
                    board.Firmware.Poll();
                }

                ladder?.Flush();
                forward?.Dispose();
                if (options.Faults != null)
                {
                    Console.WriteLine("nanotcp: " + FaultOption.Counts(board.Wire.Statistics));
                }

                Console.WriteLine("nanotcp: stopped after " + (clock.Milliseconds / 1000.0).ToString("F1", CultureInfo.InvariantCulture) + " s; "
                    + board.Firmware.Http.Counters.RequestsServed.ToString(CultureInfo.InvariantCulture) + " requests served");
            }

            return 0;
        }

        private static void PrintBanner(HostOptions options, EmulatedBoard board, ForwardingHost forward)
        {
            string model = options.Direct ? "stack straight on the wire (--direct)" : "emulated ENC28J60 " + Revision(board.Firmware.Driver.RevisionId);
            Console.WriteLine("nanotcp: NanoTcp firmware on " + model + ", " + options.Connections.ToString(CultureInfo.InvariantCulture) + " connection slots, MSL " + options.MslSeconds.ToString(CultureInfo.InvariantCulture) + " s");
            Console.WriteLine("nanotcp: board " + StatusLine(board));
            if (forward != null)
            {
                Console.WriteLine("nanotcp: open http://127.0.0.1:" + forward.LoopbackPort.ToString(CultureInfo.InvariantCulture) + "/  (forwarded to the board's port 80 through an emulated host at " + Ipv4Text.Format(options.ForwarderAddress) + ")");
            }

            if (board.Tap != null)
            {
                Console.WriteLine("nanotcp: TAP " + board.Tap.Name + " bridged to the board's wire" + (options.HostIp != null ? ", kernel side " + options.HostIp : string.Empty)
                    + "; from the kernel: http://" + Ipv4Text.Format(board.Firmware.Stack.LocalAddress == 0 ? options.Address : board.Firmware.Stack.LocalAddress) + "/");
            }

            if (options.Faults != null)
            {
                Console.WriteLine("nanotcp: wire faults on every frame, both ways: " + FaultOption.Describe(options.Faults, options.FaultSeed));
            }

            if (options.Pcap != null)
            {
                Console.WriteLine("nanotcp: capturing the wire to " + options.Pcap);
            }

            Console.WriteLine("nanotcp: Ctrl+C or SIGTERM stops it");
            Console.Out.Flush();
        }

        /// <summary>"10.0.77.2/24 (static), link up".</summary>
        public static string StatusLine(EmulatedBoard board)
        {
            IStatusSource status = board.Firmware.Status;
            string origin = status.AddressOrigin switch
            {
                AddressOrigin.Static => "static",
                AddressOrigin.Dhcp => "DHCP",
                AddressOrigin.StaticFallback => "static fallback, no DHCP answer",
                _ => "no address yet, DHCP",
            };
            string address = status.Address == 0 ? "-" : Ipv4Text.Format(status.Address) + "/" + status.PrefixLength.ToString(CultureInfo.InvariantCulture);
            return address + " (" + origin + "), link " + (status.LinkUp ? "up" : "down");
        }

        /// <summary>The chip revision as the run line and the demo print it: "rev B7 (EREVID 06h)".</summary>
        public static string Revision(int revision) =>
            "rev " + RevisionName(revision) + " (EREVID " + revision.ToString("X2", CultureInfo.InvariantCulture) + "h)";

        private static string RevisionName(int revision) => revision switch
        {
            0x02 => "B1",
            0x04 => "B4",
            0x05 => "B5",
            0x06 => "B7",
            _ => "0x" + revision.ToString("X2", CultureInfo.InvariantCulture),
        };
    }
}
