using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using NanoTcp.Interop.Tests.Support;

namespace NanoTcp.Interop.Tests.Product
{
    /// <summary>
    /// A real browser on the status page: headless Chromium (Debian's package) loads http://127.0.0.1:PORT/ through
    /// the PC app's loopback forward; the DOM it dumps after the page's refresh script ran has the tables; the page fits
    /// a 1366x768 window; screenshots go to TestResults/status-page.png (a CI artifact).
    /// </summary>
    [TestClass]
    public class ChromiumStatusPageTests
    {
        [TestMethod]
        public void HeadlessChromiumLoadsTheStatusPageThroughTheForward()
        {
            Requirements.RequireCommand("chromium", "chromium");
            int port = FreeLoopbackPort();
            using Process app = StartApp("--forward " + port.ToString(CultureInfo.InvariantCulture), out StringBuilder output);
            string profile = Path.Combine(Path.GetTempPath(), "nanotcp-chromium-" + Guid.NewGuid().ToString("N"));
            try
            {
                Assert.IsTrue(WaitFor(output, "open http://127.0.0.1:" + port + "/", 60000), "nanotcp started: " + output);
                string url = "http://127.0.0.1:" + port.ToString(CultureInfo.InvariantCulture) + "/";

                // The page refreshes itself from /api/status every 2 s: virtual time runs that script before the dump,
                // and it sets the title last, so the title proves the script filled every table without an error.
                (int exit, string dom, string error) = Chromium(profile + "-dom", "--virtual-time-budget=5000 --dump-dom " + url);
                Assert.AreEqual(0, exit, "chromium --dump-dom: " + error);
                StringAssert.Contains(dom, "<title>NanoTcp 10.0.77.2</title>", "the refresh script ran to the end: " + dom);
                StringAssert.Contains(dom, "<table id=\"connections\">", "the DOM has the connection table: " + dom);
                StringAssert.Contains(dom, "10.0.77.2/24");
                StringAssert.Contains(dom, " of 4 in use</small>", "idle slots are a count: " + dom);
                Assert.IsFalse(dom.Contains("<td>CLOSED</td>", StringComparison.Ordinal), "no row for an idle slot: " + dom);
                StringAssert.Contains(dom, "<table id=\"c-tcp\">", "one counter table per layer: " + dom);

                // The whole page fits a 1366x768 laptop window: drawn on a tall viewport, nothing below 640 px (768 less
                // the browser's bars and the desktop's panel).
                string tall = Path.Combine(NanotcpApp.TestResults, "status-page-tall.png");
                File.Delete(tall);
                (exit, _, error) = Chromium(profile + "-tall", "--virtual-time-budget=5000 --hide-scrollbars --window-size=1366,1400 --screenshot=" + tall + " " + url);
                Assert.AreEqual(0, exit, "chromium --screenshot: " + error);
                int bottom = PngRows.LastRowDifferentFromTheFirstPixel(File.ReadAllBytes(tall), out int width, out int height);
                Assert.AreEqual(1366, width, "screenshot width");
                Assert.IsTrue(bottom > 100 && bottom < 640, "the page draws down to row " + bottom + " of " + height + " (must stay above 640 to fit 1366x768)");

                string screenshot = Path.Combine(NanotcpApp.TestResults, "status-page.png");
                File.Delete(screenshot);
                (exit, _, error) = Chromium(profile + "-shot", "--virtual-time-budget=5000 --window-size=1366,768 --screenshot=" + screenshot + " " + url);
                Assert.AreEqual(0, exit, "chromium --screenshot: " + error);
                byte[] png = File.ReadAllBytes(screenshot);
                Assert.IsTrue(png.Length > 1000 && png[0] == 0x89 && png[1] == (byte)'P' && png[2] == (byte)'N' && png[3] == (byte)'G', "a PNG screenshot at " + screenshot);
            }
            finally
            {
                Stop(app);
                DeleteQuietly(profile + "-dom");
                DeleteQuietly(profile + "-shot");
                DeleteQuietly(profile + "-tall");
            }
        }

        private static (int ExitCode, string Output, string Error) Chromium(string profile, string arguments)
        {
            Directory.CreateDirectory(profile);
            var info = new ProcessStartInfo("chromium")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                RedirectStandardInput = true,
                UseShellExecute = false,
            };
            string all = "--headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking --disable-component-update --disable-sync --disable-dev-shm-usage --user-data-dir=" + profile + " " + arguments;
            foreach (string argument in all.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                info.ArgumentList.Add(argument);
            }

            using Process process = Process.Start(info) ?? throw new InvalidOperationException("cannot start chromium");
            process.StandardInput.Close();
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(120000))
            {
                process.Kill(entireProcessTree: true);
                Assert.Fail("chromium " + arguments + " did not finish within 120 s");
            }

            process.WaitForExit();
            return (process.ExitCode, stdout.Result, stderr.Result);
        }

        private static Process StartApp(string arguments, out StringBuilder output)
        {
            var info = new ProcessStartInfo("dotnet")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                RedirectStandardInput = true,
                UseShellExecute = false,
            };
            info.ArgumentList.Add(NanotcpApp.DllPath);
            foreach (string argument in arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                info.ArgumentList.Add(argument);
            }

            Process process = Process.Start(info) ?? throw new InvalidOperationException("cannot start nanotcp");
            var collected = new StringBuilder();
            process.OutputDataReceived += (_, e) => { lock (collected) { collected.Append(e.Data).Append('\n'); } };
            process.ErrorDataReceived += (_, e) => { lock (collected) { collected.Append(e.Data).Append('\n'); } };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            output = collected;
            return process;
        }

        private static bool WaitFor(StringBuilder output, string text, int timeoutMilliseconds)
        {
            var clock = Stopwatch.StartNew();
            while (clock.ElapsedMilliseconds < timeoutMilliseconds)
            {
                lock (output)
                {
                    if (output.ToString().Contains(text, StringComparison.Ordinal))
                    {
                        return true;
                    }
                }

                Thread.Sleep(100);
            }

            return false;
        }

        private static void Stop(Process app)
        {
            if (!app.HasExited)
            {
                app.Kill(entireProcessTree: true);
                app.WaitForExit(5000);
            }
        }

        private static int FreeLoopbackPort()
        {
            var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            int port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            return port;
        }

        private static void DeleteQuietly(string directory)
        {
            try
            {
                if (Directory.Exists(directory))
                {
                    Directory.Delete(directory, recursive: true);
                }
            }
            catch (IOException)
            {
                // A profile file still held by a chromium child that is ending; temp space is cleaned eventually.
            }
            catch (UnauthorizedAccessException)
            {
                // Same.
            }
        }
    }
}
