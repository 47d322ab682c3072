using System;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Threading;
using NanoTcp.Drivers.Enc28j60;
using NanoTcp.Hardware.Host;
using NanoTcp.Hardware.Enc28j60Model;
using NanoTcp.Hardware.Host.Wire;
using NanoTcp.Hardware.Simulation;
using NanoTcp.Interop.Tests.Support;
using NanoTcp.Tcp;

namespace NanoTcp.Interop.Tests.Enc28j60
{
    /// <summary>
    /// The emulated board against the Linux kernel: a NanoTcp stack with TCP on the ENC28J60 driver, the driver on the
    /// chip model (every errata switch on), the chip's cable on an in-memory wire, and the wire bridged to a TAP device
    /// inside a fresh network namespace (<see cref="KernelOverTap"/>). One thread owns chip, wire and stack, as the
    /// board's main loop would: pump the wire, poll the stack, run the application step; it stops after
    /// <see cref="MaxRunMilliseconds"/> at the latest. Work for the stack is handed to that thread with <see cref="Invoke"/>.
    /// </summary>
    internal sealed class ChipOnTap : IDisposable
    {
        public const int MaxRunMilliseconds = 240_000;

        /// <summary>10.77.0.2 as a number.</summary>
        public const uint StackAddress = 0x0A4D0002;

        private readonly ConcurrentQueue<(Action Work, ManualResetEventSlim Done)> _work = new();
        private readonly Thread _thread;
        private volatile bool _stop;
        private Exception _failure;

        public ChipOnTap(string prefix, bool useInterruptPin, int tcpReceiveBufferSize)
        {
            Kernel = KernelOverTap.Create(prefix);
            try
            {
                Clock = new SystemClock();
                ModelOptions = new Enc28j60ModelOptions
                {
                    Errata2ResetWindow = true,
                    Errata5WritePointerToZero = true,
                    Errata6PacketFlagUnreliable = true,
                    Errata12TransmitStall = true,
                    Errata13LateCollisionEvery = 7,
                    Errata14EvenReadPointerCorrupts = true,
                    Errata15LateCollisionFlagUnreliable = true,
                    HalfDuplexLoopback = true,
                };
                Chip = new Enc28j60Chip(Clock, ModelOptions);
                Wire = new EthernetWire(Clock, 1);
                Wire.Attach(Chip.WireSide);
                Wire.Attach(Kernel.Link);
                var options = new Enc28j60Options { MacAddress = KernelOverTap.StackMac, Delay = ms => Thread.Sleep(ms) };
                options.InterruptWait = ms =>
                {
                    if (!Chip.WaitForInterrupt(ms))
                    {
                        Thread.Sleep(ms); // nothing will pull INT low: the wait ends at its deadline
                    }
                };
                Link = new Enc28j60Link(Chip, useInterruptPin ? Chip.InterruptPin : null, Clock, options);
                Thread.Sleep(2); // the chip's oscillator start-up after power-on
                Link.Initialize();
                Stack = new NetworkStack(Link, Clock, new NetworkConfiguration { Address = StackAddress, PrefixLength = KernelOverTap.PrefixLength });
                Tcp = new TcpLayer(Stack.Ipv4, Clock, new TcpConfiguration
                {
                    SecretSeed = 77,
                    SendBufferSize = 8192,
                    ReceiveBufferSize = tcpReceiveBufferSize,
                    MinimumRetransmissionTimeout = 200,
                    InitialRetransmissionTimeout = 1000,
                }, null);
                Stack.RegisterTransport(6, Tcp);
            }
            catch
            {
                Kernel.Dispose();
                throw;
            }

            _thread = new Thread(Loop) { IsBackground = true, Name = "NanoTcp on ENC28J60 model" };
            _thread.Start();
        }

        public KernelOverTap Kernel { get; }

        public SystemClock Clock { get; }

        public Enc28j60ModelOptions ModelOptions { get; }

        public Enc28j60Chip Chip { get; }

        public EthernetWire Wire { get; }

        public Enc28j60Link Link { get; }

        public NetworkStack Stack { get; }

        public TcpLayer Tcp { get; }

        /// <summary>Run on the stack's thread after every poll (the application's part of the main loop).</summary>
        public Action Step { get; set; }

        /// <summary>Loop iterations so far.</summary>
        public long Rounds { get; private set; }

        /// <summary>Runs <paramref name="work"/> on the stack's thread between two polls and waits (bounded) for it.</summary>
        public void Invoke(Action work)
        {
            using var done = new ManualResetEventSlim();
            _work.Enqueue((work, done));
            if (!done.Wait(10_000))
            {
                throw new TimeoutException("the stack thread did not run the work within 10 s (it ended after " + Rounds + " rounds: " + _failure + ")");
            }

            if (_failure != null)
            {
                throw new InvalidOperationException("the stack thread failed", _failure);
            }
        }

        /// <summary>Waits (bounded) until <paramref name="condition"/>, evaluated on the stack's thread, holds.</summary>
        public bool WaitUntil(Func<bool> condition, int timeoutMilliseconds)
        {
            var watch = Stopwatch.StartNew();
            while (watch.ElapsedMilliseconds < timeoutMilliseconds)
            {
                bool met = false;
                Invoke(() => met = condition());
                if (met)
                {
                    return true;
                }

                Thread.Sleep(20);
            }

            return false;
        }

        /// <summary>Driver and model counters in one line.</summary>
        public string Describe()
        {
            string text = null;
            Invoke(() =>
            {
                var s = Link.Statistics;
                var c = Chip.Counters;
                text = "driver: rx " + s.FramesReceived + " tx " + s.FramesSent + " overflows " + s.ReceiveOverflows + " header errors " + s.ReceiveHeaderErrors
                    + " retries " + s.TransmitRetries + " aborts " + s.TransmitAborts + " timeouts " + s.TransmitTimeouts
                    + "; model: stored " + c.FramesReceived + " sent " + c.FramesTransmitted + " ring full " + c.DroppedRingFull
                    + "; SPI frames per Ethernet frame (received + sent) " + ((double)c.TotalSpiFrames / (c.PacketDecrements + c.TransmitRequests)).ToString("F2")
                    + ": RCR " + c.SpiFrames(Enc28j60Instruction.ReadControlRegister) + " RBM " + c.SpiFrames(Enc28j60Instruction.ReadBufferMemory)
                    + " WCR " + c.SpiFrames(Enc28j60Instruction.WriteControlRegister) + " WBM " + c.SpiFrames(Enc28j60Instruction.WriteBufferMemory)
                    + " BFS " + c.SpiFrames(Enc28j60Instruction.BitFieldSet) + " BFC " + c.SpiFrames(Enc28j60Instruction.BitFieldClear)
                    + " (idle polls and initialization included)"
                    + "; TCP retransmissions " + Tcp.Counters.Retransmissions + "; rounds " + Rounds;
            });
            return text;
        }

        public void Dispose()
        {
            _stop = true;
            _thread?.Join(5000);
            Kernel.Dispose();
        }

        private void Loop()
        {
            var watch = Stopwatch.StartNew();
            try
            {
                while (!_stop && watch.ElapsedMilliseconds < MaxRunMilliseconds)
                {
                    long framesBefore = Link.Statistics.FramesReceived + Link.Statistics.FramesSent;
                    Chip.Update();
                    Wire.Pump();
                    Stack.Poll();
                    Step?.Invoke();
                    Wire.Pump();
                    Rounds++;
                    while (_work.TryDequeue(out var item))
                    {
                        try
                        {
                            item.Work();
                        }
                        catch (Exception e)
                        {
                            _failure = e;
                        }

                        item.Done.Set();
                    }

                    // Busy while frames move; otherwise give the (shared, loaded) processor away for a moment.
                    if (Link.Statistics.FramesReceived + Link.Statistics.FramesSent == framesBefore)
                    {
                        Thread.Sleep(1);
                    }
                }
            }
            catch (Exception e)
            {
                _failure = e;
            }

            if (!_stop && _failure == null)
            {
                _failure = new TimeoutException("the stack loop ran for its " + MaxRunMilliseconds + " ms limit");
            }

            // Release anybody still waiting for work.
            while (_work.TryDequeue(out var item))
            {
                item.Done.Set();
            }
        }
    }
}
