using System;
using System.Globalization;
using System.IO;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using NanoTcp.Hardware.Host.Tap;
using NanoTcp.Interop.Tests.Support;

namespace NanoTcp.Interop.Tests.Reliability
{
    /// <summary>
    /// An established connection that must survive an attack: curl reading /bulk/100000000, paced to a limited rate so
    /// that it stays open for minutes. <see cref="AssertAliveAndByteExact"/> checks it still grows after the attack, then stops
    /// it and compares every byte received with the route's repeating line.
    /// </summary>
    public sealed class SlowDownload : IDisposable
    {
        private const string Line = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+\n";

        /// <summary>Copies standard input to the file argv[2] at argv[1] bytes a second.</summary>
        private const string PacedReader = "import sys, time\n"
            + "rate, out, start, n = int(sys.argv[1]), open(sys.argv[2], \"wb\", 0), time.monotonic(), 0\n"
            + "while True:\n"
            + "    b = sys.stdin.buffer.read1(8192)\n"
            + "    if not b: break\n"
            + "    out.write(b); n += len(b)\n"
            + "    time.sleep(max(0, n / rate - (time.monotonic() - start)))\n";

        private readonly NamespaceProcess _curl;
        private readonly BoardInNamespace _board;

        private SlowDownload(BoardInNamespace board, NamespaceProcess curl, string file)
        {
            _board = board;
            _curl = curl;
            File = file;
        }

        /// <summary>Where curl writes the body (on this machine's file system: namespaces share it).</summary>
        public string File { get; }

        public long Size => System.IO.File.Exists(File) ? new FileInfo(File).Length : 0;

        /// <summary>Starts the download at <paramref name="bytesPerSecond"/> and waits until its first bytes arrived.</summary>
        public static SlowDownload Start(BoardInNamespace board, int bytesPerSecond)
        {
            string file = Path.Combine(Path.GetTempPath(), "nanotcp-attack-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N") + ".bin");
            // curl reads at full speed and a reader paces it: curl's own --limit-rate reads in bursts 10-15 s apart,
            // which looks like a stall. The pipeline ends when the connection does.
            NamespaceProcess curl = board.Namespace.Start("curl -sS http://" + BoardInNamespace.BoardAddress + "/bulk/100000000 | /usr/bin/python3 -c '" + PacedReader + "' "
                + bytesPerSecond.ToString(CultureInfo.InvariantCulture) + " " + file);
            var download = new SlowDownload(board, curl, file);
            Assert.IsTrue(BoardInNamespace.WaitFor(() => download.Size > 0 || curl.HasExited, 20000), "the download did not start");
            Assert.IsFalse(curl.HasExited, "the download ended: " + curl.StandardError);
            return download;
        }

        /// <summary>The download still runs and grows (within 20 s), and every byte so far is the route's.</summary>
        public void AssertAliveAndByteExact(string after)
        {
            long size = Size;
            bool grew = BoardInNamespace.WaitFor(() => Size > size || _curl.HasExited, 20000);
            Assert.IsFalse(_curl.HasExited, "the established download ended " + after + ": " + _curl.StandardError);
            Assert.IsTrue(grew, "the established download stalled " + after + " at " + size + " bytes; the board's status: " + _board.Read().Json);
            _curl.Kill();
            byte[] body = System.IO.File.ReadAllBytes(File);
            for (int i = 0; i < body.Length; i++)
            {
                if (body[i] != Line[i % Line.Length])
                {
                    Assert.Fail("the established download's byte " + i + " is " + body[i] + ", expected " + (int)Line[i % Line.Length] + " (" + after + ")");
                }
            }
        }

        public void Dispose()
        {
            _curl.Dispose();
            System.IO.File.Delete(File);
        }
    }
}
