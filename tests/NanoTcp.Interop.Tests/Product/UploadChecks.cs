using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Security.Cryptography;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using NanoTcp.Hardware.Host.Tap;
using NanoTcp.Interop.Tests.Support;

namespace NanoTcp.Interop.Tests.Product
{
    /// <summary>10 MB request bodies from curl in a namespace to the PC app's "/echo" and "/upload" (streamed request bodies).</summary>
    internal static class UploadChecks
    {
        /// <summary>curl POSTs 10 MB (Content-Length, no Expect, as the benchmark does) to /echo; the echo's SHA-256 equals the file's.</summary>
        public static void EchoComesBackWithTheSameSha256(NetworkNamespace ns, string board, string label)
        {
            string file = TempFile("echo-up");
            string back = TempFile("echo-back");
            try
            {
                byte[] data = new byte[10000000];
                new Random(7).NextBytes(data);
                File.WriteAllBytes(file, data);
                var clock = Stopwatch.StartNew();
                CommandResult curl = ns.Run("curl -sS -m 120 -H 'Expect:' -H 'Content-Type: application/octet-stream' --data-binary @" + file
                    + " -o " + back + " http://" + board + "/echo", 150000);
                Assert.AreEqual(0, curl.ExitCode, curl.ToString());
                Assert.AreEqual(Convert.ToHexString(SHA256.HashData(data)), Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(back))), "SHA-256 of the echoed body");
                Console.WriteLine("10 MB echoed by the emulated board (" + label + ") in " + clock.ElapsedMilliseconds + " ms");
            }
            finally
            {
                File.Delete(file);
                File.Delete(back);
            }
        }

        /// <summary>curl POSTs 10 MB to /upload with Content-Length (and curl's Expect: 100-continue) and chunked from a pipe.</summary>
        public static void UploadsGetTheirLengthAndCrc32(NetworkNamespace ns, string board, string label)
        {
            string file = TempFile("upload");
            try
            {
                byte[] data = new byte[10000000];
                new Random(11).NextBytes(data);
                File.WriteAllBytes(file, data);
                string expected = "10000000 " + ReferenceCrc32(data).ToString("x8", CultureInfo.InvariantCulture);

                // curl sends "Expect: 100-continue" for a body this large: the board's 100 Continue lets it go at once.
                var clock = Stopwatch.StartNew();
                CommandResult sized = ns.Run("curl -sS -m 120 -H 'Content-Type: application/octet-stream' --data-binary @" + file + " http://" + board + "/upload", 150000);
                Assert.AreEqual(0, sized.ExitCode, sized.ToString());
                Assert.AreEqual(expected, sized.StandardOutput.Trim());
                long sizedMs = clock.ElapsedMilliseconds;

                // From a pipe curl cannot know the length: Transfer-Encoding: chunked.
                clock.Restart();
                CommandResult chunked = ns.Run("cat " + file + " | curl -sS -m 120 -X POST -T - http://" + board + "/upload", 150000);
                Assert.AreEqual(0, chunked.ExitCode, chunked.ToString());
                Assert.AreEqual(expected, chunked.StandardOutput.Trim());
                Console.WriteLine("10 MB uploads to the emulated board (" + label + "): Content-Length " + sizedMs + " ms, chunked " + clock.ElapsedMilliseconds + " ms");
            }
            finally
            {
                File.Delete(file);
            }
        }

        private static string TempFile(string name)
        {
            return Path.Combine(Path.GetTempPath(), "nanotcp-tap-" + name + "-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + ".bin");
        }

        /// <summary>CRC-32 (IEEE 802.3, reflected 0xEDB88320), bit by bit: a reference independent of the board's table.</summary>
        internal static uint ReferenceCrc32(byte[] data)
        {
            uint crc = 0xFFFFFFFF;
            foreach (byte b in data)
            {
                crc ^= b;
                for (int k = 0; k < 8; k++)
                {
                    crc = (crc & 1) != 0 ? 0xEDB88320 ^ (crc >> 1) : crc >> 1;
                }
            }

            return crc ^ 0xFFFFFFFF;
        }

    }
}
