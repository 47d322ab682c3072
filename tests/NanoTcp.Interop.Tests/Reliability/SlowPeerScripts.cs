using System;
using System.Globalization;
using System.IO;

namespace NanoTcp.Interop.Tests.Reliability
{
    /// <summary>The slow peers of <see cref="KernelSlowPeerTests"/>: Python programs run by the kernel of the test's namespace, each bounded in time.</summary>
    internal static class SlowPeerScripts
    {
        /// <summary>
        /// Slowloris: COUNT connections that send a request line and then header bytes one at a time every 0.5 s, never
        /// ending the header; a connection the board answers or closes is counted and opened again at once. Runs
        /// DURATION seconds or until the file STOP exists (select with a deadline, no fixed sleeps), then prints
        /// "opened N answered408 M closed K".
        /// </summary>
        public const string Slowloris = @"import os, select, socket, sys, time
host, count, duration, stop = sys.argv[1], int(sys.argv[2]), float(sys.argv[3]), sys.argv[4]
end = time.monotonic() + duration
state = {}
opened = answered408 = closed = 0
head = b'GET / HTTP/1.1\r\nHost: slow\r\nX-Slow: '
def connect():
    global opened
    s = socket.socket()
    s.setblocking(False)
    try:
        s.connect((host, 80))
    except BlockingIOError:
        pass
    state[s] = -1
    opened += 1
for _ in range(count):
    connect()
print('started', flush=True)
tick = time.monotonic()
while True:
    now = time.monotonic()
    if now >= end or os.path.exists(stop):
        break
    if now >= tick:
        for s in list(state):
            try:
                if state[s] < 0:
                    s.send(head)
                    state[s] = 0
                else:
                    s.send(b'a')
                    state[s] += 1
            except (BlockingIOError, OSError):
                pass
        tick = now + 0.5
    readable, _, _ = select.select(list(state), [], [], max(0.0, min(tick, end) - time.monotonic()))
    for s in readable:
        try:
            data = s.recv(4096)
        except OSError:
            data = b''
        if data.startswith(b'HTTP/1.1 408'):
            answered408 += 1
        closed += 1
        del state[s]
        s.close()
        connect()
print('opened %d answered408 %d closed %d' % (opened, answered408, closed), flush=True)
";

        /// <summary>
        /// Zero-window readers: COUNT connections with a 2 KB receive buffer each ask for /bulk/10000000 and then read
        /// nothing, so the kernel's window closes and the board can only probe it. Prints "requested", then holds the
        /// sockets until SECONDS pass or the file STOP exists (checked every 0.1 s), and prints per connection "open" or
        /// "reset" (what a read finds after draining what the kernel holds).
        /// </summary>
        public const string ZeroWindowReaders = @"import os, socket, sys, time
host, count, seconds, stop = sys.argv[1], int(sys.argv[2]), float(sys.argv[3]), sys.argv[4]
socks = []
for i in range(count):
    s = socket.socket()
    s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 2048)
    s.settimeout(10)
    s.connect((host, 80))
    s.sendall(b'GET /bulk/10000000 HTTP/1.1\r\nHost: reader\r\n\r\n')
    socks.append(s)
print('requested', flush=True)
end = time.monotonic() + seconds
while time.monotonic() < end and not os.path.exists(stop):
    time.sleep(0.1)
result = []
for s in socks:
    s.setblocking(False)
    state = 'open'
    try:
        while True:
            if not s.recv(65536):
                state = 'closed'
                break
    except BlockingIOError:
        pass
    except ConnectionResetError:
        state = 'reset'
    result.append(state)
print(' '.join(result), flush=True)
";

        /// <summary>Writes <paramref name="script"/> to a temporary file; returns the command that runs it with <paramref name="arguments"/>.</summary>
        public static string Command(string name, string script, params object[] arguments)
        {
            string path = PathOf(name);
            File.WriteAllText(path, script);
            string command = "exec python3 " + path;
            foreach (object argument in arguments)
            {
                command += " " + Convert.ToString(argument, CultureInfo.InvariantCulture);
            }

            return command;
        }

        /// <summary>The temporary file <see cref="Command"/> writes the script <paramref name="name"/> to (the test deletes it).</summary>
        public static string PathOf(string name)
        {
            return Path.Combine(Path.GetTempPath(), "nanotcp-" + name + "-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + ".py");
        }
    }
}
