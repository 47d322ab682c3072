using System;
using System.Collections.Generic;
using System.IO;
using System.Text.RegularExpressions;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using NanoTcp.Tests.Host.Guard;

namespace NanoTcp.Tests.Host.ProjectFiles
{
    /// <summary>Every relative link in the repository's Markdown documents names a file or folder of the repository.</summary>
    [TestClass]
    public class DocumentLinkTests
    {
        private static readonly Regex Link = new Regex(@"\]\(([^)\s#]+)(#[^)]*)?\)");

        [TestMethod]
        public void RelativeLinksInTheReadmeAndDocsResolve()
        {
            string root = RepositoryLayout.Root;
            var documents = new List<string> { Path.Combine(root, "README.md") };
            documents.AddRange(Directory.GetFiles(Path.Combine(root, "docs"), "*.md"));
            var broken = new List<string>();
            int checkedLinks = 0;
            foreach (string document in documents)
            {
                foreach (Match match in Link.Matches(File.ReadAllText(document)))
                {
                    string target = match.Groups[1].Value;
                    if (target.Contains("://", StringComparison.Ordinal) || target.StartsWith("mailto:", StringComparison.Ordinal))
                    {
                        continue;
                    }

                    checkedLinks++;
                    string path = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(document), target));
                    if (!path.StartsWith(root, StringComparison.Ordinal) || !(File.Exists(path) || Directory.Exists(path)))
                    {
                        broken.Add(Path.GetRelativePath(root, document) + " -> " + target);
                    }
                }
            }

            Assert.IsTrue(checkedLinks > 0, "the README links to docs/ARCHITECTURE.md at least");
            Assert.AreEqual(0, broken.Count, "links outside the repository or to missing files: " + string.Join(", ", broken));
        }
    }
}
