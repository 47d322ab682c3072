using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using NanoTcp.Firmware;
using NanoTcp.Tcp;
using NanoTcp.Tests.Firmware;
using NanoTcp.Tests.Host.Guard;

namespace NanoTcp.Tests.Host.Docs
{
    /// <summary>The README and docs/: links resolve inside the repository, code blocks are compiled code, the examples work.</summary>
    [TestClass]
    public class DocsTests
    {
        private static readonly Regex Link = new Regex(@"\]\(([^)\s]+)\)", RegexOptions.Compiled);
        private static readonly Regex CodeBlock = new Regex(@"```csharp\n(.*?)```", RegexOptions.Compiled | RegexOptions.Singleline);

        [TestMethod]
        public void EveryRelativeLinkInTheReadmeAndDocsResolvesToAFileInTheRepository()
        {
            string root = Path.GetFullPath(RepositoryLayout.Root);
            var broken = new List<string>();
            int checkedLinks = 0;
            foreach (string page in Pages())
            {
                foreach (Match match in Link.Matches(File.ReadAllText(page)))
                {
                    string target = match.Groups[1].Value;
                    if (target.StartsWith("http://", StringComparison.Ordinal) || target.StartsWith("https://", StringComparison.Ordinal)
                        || target.StartsWith("mailto:", StringComparison.Ordinal) || target.StartsWith('#'))
                    {
                        continue;
                    }

                    int anchor = target.IndexOf('#', StringComparison.Ordinal);
                    string path = anchor >= 0 ? target.Substring(0, anchor) : target;
                    string full = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(page)!, Uri.UnescapeDataString(path)));
                    checkedLinks++;
                    if (!full.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal) || !(File.Exists(full) || Directory.Exists(full)))
                    {
                        broken.Add(Path.GetRelativePath(root, page) + ": " + target);
                    }
                }
            }

            Assert.IsTrue(checkedLinks >= 5, "the pages link to each other: " + checkedLinks + " links");
            Assert.AreEqual(0, broken.Count, "links that leave the repository or name no file: " + string.Join(", ", broken));
        }

        [TestMethod]
        public void EveryCodeBlockInTheDocsIsTheTextOfACompiledSourceFile()
        {
            var sources = new List<string>();
            foreach (string folder in new[] { "hw", "drivers", "firmware", "tests" })
            {
                foreach (string file in Directory.EnumerateFiles(Path.Combine(RepositoryLayout.Root, folder), "*.cs", SearchOption.AllDirectories))
                {
                    string separator = Path.DirectorySeparatorChar.ToString();
                    if (!file.Contains(separator + "bin" + separator, StringComparison.Ordinal) && !file.Contains(separator + "obj" + separator, StringComparison.Ordinal))
                    {
                        sources.Add(Normalize(File.ReadAllText(file)));
                    }
                }
            }

            var missing = new List<string>();
            int blocks = 0;
            foreach (string page in Directory.EnumerateFiles(Path.Combine(RepositoryLayout.Root, "docs"), "*.md"))
            {
                foreach (Match match in CodeBlock.Matches(File.ReadAllText(page).Replace("\r", string.Empty, StringComparison.Ordinal)))
                {
                    blocks++;
                    string block = Normalize(match.Groups[1].Value);
                    if (!sources.Exists(source => source.Contains(block, StringComparison.Ordinal)))
                    {
                        missing.Add(Path.GetFileName(page) + ": " + match.Groups[1].Value.Split('\n')[0]);
                    }
                }
            }

            Assert.IsTrue(blocks >= 4, "getting-started.md quotes the app, the pins, the route and the echo server: " + blocks);
            Assert.AreEqual(0, missing.Count, "code blocks that are not the text of a source file: " + string.Join(" | ", missing));
        }

        [TestMethod]
        public void TheGettingStartedRouteAndEchoServerWorkOnTheFirmware()
        {
            var harness = new FirmwareHarness();
            GettingStartedExample.AddRoute(harness.Firmware);
            FirmwareHook harnessHook = harness.Firmware.Hook;
            _ = new GettingStartedExample(harness.Firmware, 7);
            FirmwareHook echoHook = harness.Firmware.Hook;
            harness.Firmware.Hook = () => Math.Min(harnessHook(), echoHook());
            harness.Firmware.Start();

            string response = harness.Get("/hello");
            StringAssert.StartsWith(response, "HTTP/1.1 200 OK");
            StringAssert.EndsWith(response, "\r\n\r\nhello\n");

            TcpConnection client = TcpConnection.BeginConnect(harness.ClientTcp, harness.Firmware.Stack.LocalAddress, 7);
            byte[] message = Encoding.ASCII.GetBytes("echo me, twice over: 0123456789");
            int sent = 0;
            var echoed = new MemoryStream();
            var buffer = new byte[256];
            bool done = harness.RunUntil(
                () =>
                {
                    if (client.State == TcpState.Established && sent < message.Length)
                    {
                        sent += client.TrySend(message, sent, message.Length - sent);
                    }

                    int n = client.TryReceive(buffer, 0, buffer.Length);
                    if (n > 0)
                    {
                        echoed.Write(buffer, 0, n);
                    }

                    return echoed.Length >= message.Length;
                },
                20000);
            Assert.IsTrue(done, "echoed " + echoed.Length + " of " + message.Length + " bytes; state " + client.State);
            CollectionAssert.AreEqual(message, echoed.ToArray());

            client.Close();
            Assert.IsTrue(harness.RunUntil(() => harness.Firmware.Tcp.ConnectionsInUse == 0, 20000), "the echo server closes after the client's FIN: " + harness.Firmware.Tcp.ConnectionsInUse + " slots in use");
        }

        private static IEnumerable<string> Pages()
        {
            yield return Path.Combine(RepositoryLayout.Root, "README.md");
            foreach (string page in Directory.EnumerateFiles(Path.Combine(RepositoryLayout.Root, "docs"), "*.md"))
            {
                yield return page;
            }
        }

        /// <summary>Lines trimmed, empty ones dropped: a quoted block keeps its text, not its indentation.</summary>
        private static string Normalize(string text)
        {
            var builder = new StringBuilder();
            foreach (string line in text.Replace("\r", string.Empty, StringComparison.Ordinal).Split('\n'))
            {
                string trimmed = line.Trim();
                if (trimmed.Length > 0)
                {
                    builder.Append(trimmed).Append('\n');
                }
            }

            return builder.ToString();
        }
    }
}
