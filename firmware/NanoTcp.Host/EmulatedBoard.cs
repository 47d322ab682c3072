using System;
using System.Diagnostics;
using System.Threading;
using NanoTcp.Firmware;
using NanoTcp.Hardware;
using NanoTcp.Hardware.Host;
using NanoTcp.Hardware.Enc28j60Model;
using NanoTcp.Hardware.Host.Tap;
using NanoTcp.Hardware.Host.Wire;
using NanoTcp.Hardware.Simulation;

namespace NanoTcp.Host
{
    /// <summary>
    /// The board on a PC: the ENC28J60 chip model (or, with --direct, a plain wire port) on an in-memory Ethernet
    /// wire, the firmware composition on top, and optionally a TAP device bridged onto the same wire and a pcap
    /// capture of everything on it. <see cref="Step"/> moves the world outside the firmware (wire, chip, extra hosts);
    /// the firmware calls it at every poll step through its hook and waits no longer than the deadline it returns. The
    /// firmware's wake signal is set by the wire (a frame queued), the chip's INT pin, a readable TAP device and the
    /// extra hosts; with a manual clock it is a <see cref="ManualWakeSignal"/>.
    /// </summary>
    public sealed class EmulatedBoard : IDisposable
    {
        public static readonly byte[] BoardMac = { 0x02, 0x4E, 0x54, 0x43, 0x50, 0x01 };
        public static readonly byte[] TapMac = { 0x02, 0x4E, 0x54, 0x43, 0x50, 0xFE };

        private readonly ManualClock _manualClock;
        private readonly TapWakeSignal _tapWake;
        private readonly PcapWriter _directCapture;
        private Func<long> _extraStep;

        public EmulatedBoard(HostOptions options, ITickSource clock, int seed = 1)
        {
            Options = options;
            Clock = clock;
            _manualClock = clock as ManualClock;
            Wire = new EthernetWire(clock, options.Faults != null ? options.FaultSeed : seed);
            if (options.Faults != null)
            {
                Wire.Faults.DropRate = options.Faults.DropRate;
                Wire.Faults.DuplicateRate = options.Faults.DuplicateRate;
                Wire.Faults.ReorderRate = options.Faults.ReorderRate;
                Wire.Faults.CorruptRate = options.Faults.CorruptRate;
                Wire.Faults.DelayMilliseconds = options.Faults.DelayMilliseconds;
                Wire.Faults.ReorderDelayMilliseconds = options.Faults.ReorderDelayMilliseconds;
            }

            if (options.Pcap != null && !IsStraightOnTap(options, _manualClock))
            {
                Wire.Capture = new PcapWriter(options.Pcap);
            }

            var configuration = new FirmwareConfiguration
            {
                MacAddress = (byte[])BoardMac.Clone(),
                Address = options.Address,
                PrefixLength = options.PrefixLength,
                Gateway = options.Gateway,
                UseDhcp = options.Dhcp,
                NtpServer = options.NtpServer,
                NtpServerName = options.NtpServerName,
                ConnectionCount = options.Connections,
                SendBufferSize = options.TcpBufferSize,
                ReceiveBufferSize = options.TcpBufferSize,
                MaximumSegmentLifetimeMilliseconds = options.MslSeconds * 1000,
                UseMdns = options.HostName != null || options.ServiceName != null,
                HostName = options.HostName ?? "nanotcp",
                HttpServiceName = options.ServiceName ?? options.HostName,
            };
            configuration.Tcp.SecretSeed = seed;
            configuration.Driver.Delay = Delay;

            // A PC process can be descheduled for tens of milliseconds on a loaded machine, between a register read
            // and the driver's time-out check: give the register and transmit waits room (the board keeps 10/100 ms).
            configuration.Driver.RegisterTimeoutMilliseconds = 500;
            configuration.Driver.TransmitTimeoutMilliseconds = 1000;

            if (IsStraightOnTap(options, _manualClock))
            {
                // Nothing else is on the wire: the stack reads and writes the TAP device itself (one copy each way), and
                // the loop's own thread waits in poll(2) on it, with no reader thread to hand frames over.
                Tap = new TapLink(options.Tap, BoardMac);
                IEthernetLink link = Tap;
                if (options.Pcap != null)
                {
                    _directCapture = new PcapWriter(options.Pcap);
                    link = new CapturingLink(Tap, _directCapture, clock);
                }

                Firmware = new NanoTcpFirmware(link, clock, configuration);
                _tapWake = Tap.CreateWakeSignal(clock);
                Firmware.Wake = _tapWake;
                Firmware.HoldsHttpOutput = true;
            }
            else if (options.Direct)
            {
                Port = Wire.CreatePort(BoardMac);
                Firmware = new NanoTcpFirmware(Port, clock, configuration);
            }
            else
            {
                Chip = new Enc28j60Chip(clock, new Enc28j60ModelOptions());

                // The model's INT falls when the chip is asked: let the chip's time run to the end of the frame.
                configuration.Driver.InterruptWait = ms =>
                {
                    if (!Chip.WaitForInterrupt(ms))
                    {
                        Delay(ms);
                    }
                };
                Wire.Attach(Chip.WireSide);
                Firmware = new NanoTcpFirmware(Chip, Chip.InterruptPin, clock, configuration);
            }

            if (_manualClock != null)
            {
                Firmware.Wake = new ManualWakeSignal(_manualClock);
            }

            Wire.Wake = Firmware.Wake;
            Firmware.Hook = Step;
        }

        public HostOptions Options { get; }

        public ITickSource Clock { get; }

        public EthernetWire Wire { get; }

        /// <summary>The ENC28J60 model, or null with --direct.</summary>
        public Enc28j60Chip Chip { get; }

        /// <summary>The board's wire port with --direct, else null.</summary>
        public WirePort Port { get; }

        public NanoTcpFirmware Firmware { get; }

        public TapLink Tap { get; private set; }

        /// <summary>Frames moved by the wire so far (a progress measure for the host loop).</summary>
        public long FramesMoved => Wire.Statistics.FramesSent;

        /// <summary>
        /// True when the firmware runs straight on the TAP device (--direct, --tap, no loopback forward, a real clock):
        /// then the in-memory wire carries nothing.
        /// </summary>
        public bool StraightOnTap => _tapWake != null;

        /// <summary>
        /// Creates (or takes) the TAP device, bridges it to the wire (unless the firmware runs straight on it), and gives
        /// the kernel side an address when asked.
        /// </summary>
        public void AttachTap(string name, string hostIp)
        {
            if (!StraightOnTap)
            {
                Tap = new TapLink(name, TapMac);
                Wire.Attach(Tap);
            }

            if (hostIp != null)
            {
                (uint address, int prefix) = Ipv4Text.ParseWithPrefix(hostIp);
                RunIp("addr replace " + Ipv4Text.Format(address) + "/" + prefix + " dev " + name);
            }

            RunIp("link set " + name + " up");
            if (!StraightOnTap)
            {
                Tap.WakeWhenReadable(Firmware.Wake);
            }
        }

        /// <summary>Work the firmware's loop does besides the firmware (the forwarding host); returns when it is next due.</summary>
        public void AddStep(Func<long> step)
        {
            if (_extraStep != null)
            {
                throw new InvalidOperationException("one extra step only");
            }

            _extraStep = step;
        }

        /// <summary>
        /// Moves frames on the wire and lets the chip finish what is due, then the other hosts. Returns the clock time the
        /// next step is due without a wake: the chip's next transmission end, the wire's next delayed frame, the other
        /// hosts' timers; now while the TAP device still has frames.
        /// </summary>
        public long Step()
        {
            if (StraightOnTap)
            {
                // The stack reads the device itself; a frame left unread keeps it readable, so the wait returns at once.
                _tapWake.StepStarting();
                return _extraStep == null ? long.MaxValue : _extraStep();
            }

            if (Chip != null && _manualClock == null)
            {
                // Against the PC's millisecond clock a frame's wire time would round up to a whole millisecond per frame.
                Chip.CompleteTransmission();
            }

            Chip?.Update();
            Wire.Pump();
            long now = Clock.Milliseconds;
            long next = _extraStep == null ? long.MaxValue : _extraStep();
            if (Chip != null)
            {
                next = Math.Min(next, Chip.NextEventMilliseconds);
            }

            long delay = Wire.NextDeliveryDelay();
            if (delay >= 0)
            {
                next = Math.Min(next, now + delay);
            }

            if (Tap != null && !Tap.Drained)
            {
                next = now;
            }

            return next;
        }

        public void Dispose()
        {
            Tap?.Dispose();
            _tapWake?.Dispose();
            _directCapture?.Dispose();
            (Wire.Capture as IDisposable)?.Dispose();
        }

        /// <summary>--direct --tap with no forward and no --faults (the faults live on the in-memory wire): the stack on the TAP itself.</summary>
        private static bool IsStraightOnTap(HostOptions options, ManualClock manualClock) =>
            options.Direct && options.Tap != null && options.ForwardPort == 0 && options.Faults == null && manualClock == null;

        private void Delay(int milliseconds)
        {
            if (_manualClock != null)
            {
                _manualClock.Advance(milliseconds);
            }
            else
            {
                Thread.Sleep(milliseconds);
            }
        }

        private static void RunIp(string arguments)
        {
            var info = new ProcessStartInfo("ip") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
            foreach (string argument in arguments.Split(' '))
            {
                info.ArgumentList.Add(argument);
            }

            using Process process = Process.Start(info) ?? throw new InvalidOperationException("cannot run ip " + arguments);
            string error = process.StandardError.ReadToEnd();
            if (!process.WaitForExit(10000) || process.ExitCode != 0)
            {
                throw new InvalidOperationException("ip " + arguments + " failed: " + error.Trim());
            }
        }
    }
}
