using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Xml.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using NanoTcp.Tests.Host.Guard;

namespace NanoTcp.Tests.Host.ProjectFiles
{
    /// <summary>
    /// The nanoFramework package pins load together: every project pins the same version of a package, each .nfproj
    /// HintPath names the pinned package, and (from the genuine reference assemblies of the toolchain folder,
    /// ../shared/nanoclr or NANOCLR_HOME) every assembly the board app loads references mscorlib 1.17 and each
    /// reference resolves the way nanoCLR resolves it: same name, same major.minor.
    /// </summary>
    [TestClass]
    public class PackagePinTests
    {
        private static readonly XNamespace MsBuild = "http://schemas.microsoft.com/developer/msbuild/2003";

        [TestMethod]
        public void EveryProjectPinsTheSameVersionOfAPackage()
        {
            var versions = new Dictionary<string, SortedSet<string>>(StringComparer.Ordinal);
            foreach ((string project, string id, string version) in Pins())
            {
                if (!versions.TryGetValue(id, out SortedSet<string> seen))
                {
                    versions[id] = seen = new SortedSet<string>(StringComparer.Ordinal);
                }

                seen.Add(version + " (" + project + ")");
            }

            string[] disagreeing = versions.Where(v => v.Value.Select(s => s.Split(' ')[0]).Distinct().Count() > 1)
                .Select(v => v.Key + ": " + string.Join(", ", v.Value)).ToArray();
            Assert.AreEqual(0, disagreeing.Length, "packages pinned at different versions:\n" + string.Join("\n", disagreeing));
            Assert.IsTrue(versions.ContainsKey("nanoFramework.CoreLibrary"), "no packages.config pins nanoFramework.CoreLibrary");
        }

        [TestMethod]
        public void EveryHintPathNamesThePinnedPackage()
        {
            foreach (string nfproj in NfProjects())
            {
                string folder = Path.GetDirectoryName(nfproj);
                HashSet<string> pinned = PackagesConfig(Path.Combine(folder, "packages.config")).Select(p => p.Id + "." + p.Version).ToHashSet(StringComparer.Ordinal);
                foreach ((string package, string assembly) in HintPaths(nfproj))
                {
                    Assert.IsTrue(pinned.Contains(package), Path.GetFileName(nfproj) + " has a HintPath into packages/" + package + " (" + assembly + "), which its packages.config does not pin: " + string.Join(", ", pinned));
                }
            }
        }

        [TestMethod]
        public void PinsAreTheVersionsOfTheReferenceAssemblies()
        {
            string refs = ReferenceFolderOrSkip();
            foreach (string nfproj in NfProjects())
            {
                Dictionary<string, string> versions = PackagesConfig(Path.Combine(Path.GetDirectoryName(nfproj), "packages.config"))
                    .ToDictionary(p => p.Id + "." + p.Version, p => p.Version, StringComparer.Ordinal);
                // The NanoTcp packages (a sample's) are this repository's own, not the toolchain's.
                foreach ((string package, string assembly) in HintPaths(nfproj).Where(h => versions.ContainsKey(h.Package) && !h.Package.StartsWith("NanoTcp", StringComparison.Ordinal)))
                {
                    string file = ReferenceFile(refs, assembly);
                    Version pinned = Version.Parse(versions[package]);
                    Version built = AssemblyVersion(file);
                    // The reference assemblies are the consistent set of shared/nanoclr/VERSIONS.md, each built against
                    // mscorlib 1.17.11: a pin must be that very version, or the package may be built against another
                    // mscorlib (Spi 1.3.73 was built against 1.16 and does not load). One exception, VERSIONS.md's note:
                    // System.Text 1.3.42 (NuGet) was built from the newest tag available, 1.3.1; nanoCLR binds it
                    // because name and major.minor agree (shared/nanoclr/README.md §3).
                    bool sameBuild = built.Major == pinned.Major && built.Minor == pinned.Minor && built.Build == pinned.Build;
                    bool sameMajorMinor = built.Major == pinned.Major && built.Minor == pinned.Minor;
                    Assert.IsTrue(sameBuild || (assembly == "nanoFramework.System.Text" && sameMajorMinor), Path.GetFileName(nfproj) + ": " + package + " is pinned but the toolchain's " + assembly + " is " + built);
                }
            }
        }

        [TestMethod]
        public void EveryAssemblyTheBoardAppLoadsReferencesMscorlib117AndResolves()
        {
            string refs = ReferenceFolderOrSkip();
            string board = Path.Combine(RepositoryLayout.Root, "firmware", "NanoTcp.Esp32", "NanoTcp.Esp32.nfproj");
            var pending = new Queue<string>(ReferencesOfBoardApp(board));
            var loaded = new HashSet<string>(StringComparer.Ordinal);
            var problems = new List<string>();
            while (pending.Count > 0)
            {
                string name = pending.Dequeue();
                if (!loaded.Add(name))
                {
                    continue;
                }

                foreach ((string referenced, Version version) in AssemblyReferences(ReferenceFile(refs, name)))
                {
                    Version available = AssemblyVersion(ReferenceFile(refs, referenced));
                    if (referenced == "mscorlib" && (version.Major != 1 || version.Minor != 17))
                    {
                        problems.Add(name + " references mscorlib " + version + ", not 1.17");
                    }

                    if (available.Major != version.Major || available.Minor != version.Minor)
                    {
                        problems.Add(name + " references " + referenced + " " + version + " but " + available + " is what loads");
                    }

                    pending.Enqueue(referenced);
                }
            }

            Assert.IsTrue(loaded.Contains("System.Device.Spi") && loaded.Contains("nanoFramework.Hardware.Esp32"), "the board app's references were not found: " + string.Join(", ", loaded));
            Assert.AreEqual(0, problems.Count, string.Join("\n", problems));
        }

        /// <summary>The &lt;Reference&gt; names of the board app and of every project it references.</summary>
        private static IEnumerable<string> ReferencesOfBoardApp(string nfproj)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var pending = new Queue<string>(new[] { Path.GetFullPath(nfproj) });
            while (pending.Count > 0)
            {
                string project = pending.Dequeue();
                if (!seen.Add(project))
                {
                    continue;
                }

                XDocument xml = XDocument.Load(project);
                foreach (XElement reference in xml.Descendants(MsBuild + "Reference"))
                {
                    yield return ((string)reference.Attribute("Include")).Split(',')[0].Trim();
                }

                foreach (XElement reference in xml.Descendants(MsBuild + "ProjectReference"))
                {
                    pending.Enqueue(Path.GetFullPath(Path.Combine(Path.GetDirectoryName(project), ((string)reference.Attribute("Include")).Replace('\\', '/'))));
                }
            }
        }

        /// <summary>../shared/nanoclr/ref (or $NANOCLR_HOME/ref); skips the test outside CI when it is absent.</summary>
        private static string ReferenceFolderOrSkip()
        {
            string home = Environment.GetEnvironmentVariable("NANOCLR_HOME");
            home = string.IsNullOrEmpty(home) ? Path.Combine(RepositoryLayout.Root, "..", "shared", "nanoclr") : home;
            string refs = Path.GetFullPath(Path.Combine(home, "ref"));
            if (!File.Exists(Path.Combine(refs, "mscorlib.dll")))
            {
                string reason = "no nanoFramework reference assemblies at " + refs + " (the toolchain folder; set NANOCLR_HOME)";
                if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
                {
                    Assert.Fail(reason);
                }

                Assert.Inconclusive(reason);
            }

            return refs;
        }

        private static string ReferenceFile(string refs, string assembly)
        {
            string file = new[] { ".dll", ".exe" }.Select(e => Path.Combine(refs, assembly + e)).FirstOrDefault(File.Exists);
            Assert.IsNotNull(file, "the toolchain has no reference assembly " + assembly + " in " + refs);
            return file;
        }

        private static Version AssemblyVersion(string file)
        {
            using var pe = new PEReader(File.OpenRead(file));
            MetadataReader reader = pe.GetMetadataReader();
            return reader.GetAssemblyDefinition().Version;
        }

        private static List<(string Name, Version Version)> AssemblyReferences(string file)
        {
            using var pe = new PEReader(File.OpenRead(file));
            MetadataReader reader = pe.GetMetadataReader();
            return reader.AssemblyReferences.Select(h => reader.GetAssemblyReference(h)).Select(r => (reader.GetString(r.Name), r.Version)).ToList();
        }

        private static IEnumerable<string> NfProjects()
        {
            string root = RepositoryLayout.Root;
            return Directory.GetFiles(root, "*.nfproj", SearchOption.AllDirectories)
                .Where(p => !Path.GetRelativePath(root, p).Split(Path.DirectorySeparatorChar).Any(d => d == "bin" || d == "obj" || d == "packages" || d == "artifacts" || d.StartsWith('.')))
                .OrderBy(p => p, StringComparer.Ordinal);
        }

        private static IEnumerable<(string Project, string Id, string Version)> Pins()
        {
            foreach (string nfproj in NfProjects())
            {
                foreach ((string id, string version) in PackagesConfig(Path.Combine(Path.GetDirectoryName(nfproj), "packages.config")).Select(p => (p.Id, p.Version)))
                {
                    yield return (Path.GetFileNameWithoutExtension(nfproj), id, version);
                }
            }
        }

        private static IEnumerable<(string Id, string Version)> PackagesConfig(string file) =>
            XDocument.Load(file).Root.Elements("package").Select(p => ((string)p.Attribute("id"), (string)p.Attribute("version")));

        /// <summary>
        /// (package folder "Id.Version", assembly name) of each HintPath ..\..\packages\Id.Version\lib\Assembly.dll, or
        /// lib\netnano1.0\Assembly.dll (the NanoTcp packages).
        /// </summary>
        private static IEnumerable<(string Package, string Assembly)> HintPaths(string nfproj)
        {
            foreach (XElement hint in XDocument.Load(nfproj).Descendants(MsBuild + "HintPath"))
            {
                string[] parts = hint.Value.Replace('\\', '/').Split('/');
                int packages = Array.IndexOf(parts, "packages");
                bool framework = parts.Length == packages + 5 && parts[packages + 3] == "netnano1.0";
                Assert.IsTrue(packages >= 0 && (parts.Length == packages + 4 || framework) && parts[packages + 2] == "lib", Path.GetFileName(nfproj) + ": HintPath " + hint.Value + " is not packages/Id.Version/lib/[netnano1.0/]Assembly");
                yield return (parts[packages + 1], Path.GetFileNameWithoutExtension(parts[^1]));
            }
        }
    }
}
