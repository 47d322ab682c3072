using System;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Threading;

namespace NanoTcp.Interop.Tests.Ipv4
{
    /// <summary>
    /// Runs a <see cref="NetworkStack"/> on its own thread, polling in a loop bounded in time, as the board's main loop
    /// would. Work that touches the stack (sending, binding) is handed to that thread with <see cref="Invoke"/>.
    /// </summary>
    internal sealed class StackRunner : IDisposable
    {
        private const int MaxRunMilliseconds = 180_000;

        private readonly NetworkStack _stack;
        private readonly ConcurrentQueue<(Action Work, ManualResetEventSlim Done)> _work = new();
        private readonly Thread _thread;
        private volatile bool _stop;
        private Exception _failure;

        public StackRunner(NetworkStack stack)
        {
            _stack = stack;
            _thread = new Thread(Loop) { IsBackground = true, Name = "NanoTcp stack" };
            _thread.Start();
        }

        public long Polls { get; private set; }

        /// <summary>Runs <paramref name="work"/> on the stack's thread between two polls and waits for it.</summary>
        public void Invoke(Action work)
        {
            using var done = new ManualResetEventSlim();
            _work.Enqueue((work, done));
            if (!done.Wait(10_000))
            {
                throw new TimeoutException("the stack thread did not run the work within 10 s");
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

        public void Dispose()
        {
            _stop = true;
            _thread.Join(5000);
        }

        private void Loop()
        {
            var watch = Stopwatch.StartNew();
            try
            {
                while (!_stop && watch.ElapsedMilliseconds < MaxRunMilliseconds)
                {
                    _stack.Poll();
                    Polls++;
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

                    Thread.Sleep(1);
                }
            }
            catch (Exception e)
            {
                _failure = e;
            }
        }
    }
}
