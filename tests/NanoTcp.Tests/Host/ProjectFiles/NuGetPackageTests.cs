using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Xml.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using NanoTcp.NanoBuild;
using NanoTcp.Tests.Host.Guard;

namespace NanoTcp.Tests.Host.ProjectFiles
{
    /// <summary>
    /// The NanoTcp packages (README.md, "Building for nanoFramework"): one .nuspec beside each packed .nfproj, one
    /// version for all (VERSION), nanoFramework dependencies at the project's pins (packages.config, which
    /// PackagePinTests ties to the toolchain's reference assemblies), NanoTcp dependencies where the project
    /// references another project, the lib files, licence and README in every package; the sample app takes the
    /// packages of that version.
    /// </summary>
    [TestClass]
    public class NuGetPackageTests
    {
        private static readonly XNamespace MsBuild = "http://schemas.microsoft.com/developer/msbuild/2003";
        private static readonly XNamespace Nuspec = "http://schemas.microsoft.com/packaging/2013/05/nuspec.xsd";

        private static readonly string[] PackedProjects =
        {
            "hw/NanoTcp.Hardware", "hw/NanoTcp.Hardware.Simulation", "drivers/NanoTcp.Drivers.Enc28j60",
            "firmware/NanoTcp", "firmware/NanoTcp.Http", "firmware/NanoTcp.Firmware",
        };

        [TestMethod]
        public void EveryNuspecBelongsToAPackedProject()
        {
            string root = RepositoryLayout.Root;
            string[] nuspecs = Directory.GetFiles(root, "*.nuspec", SearchOption.AllDirectories)
                .Where(f => !Path.GetRelativePath(root, f).Split(Path.DirectorySeparatorChar).Any(d => d == "bin" || d == "obj" || d == "artifacts" || d == "packages" || d.StartsWith('.')))
                .Select(f => Path.GetRelativePath(root, f).Replace('\\', '/')).OrderBy(f => f, StringComparer.Ordinal).ToArray();
            CollectionAssert.AreEqual(PackedProjects.Select(p => p + "/" + Path.GetFileName(p) + ".nuspec").OrderBy(f => f, StringComparer.Ordinal).ToArray(), nuspecs);
        }

        [TestMethod]
        public void VersionFileHoldsMajorMinorPatch()
        {
            string version = NanoTcpVersion();
            Assert.IsTrue(Version.TryParse(version, out Version parsed) && parsed.Build >= 0 && parsed.Revision < 0, "VERSION: " + version);
        }

        [TestMethod]
        [DynamicData(nameof(Projects))]
        public void NuspecTakesTheOneVersionForItselfAndItsNanoTcpDependencies(string project)
        {
            XElement metadata = Metadata(project);
            Assert.AreEqual(Path.GetFileName(project), (string)metadata.Element(Nuspec + "id"));
            Assert.AreEqual("$version$", (string)metadata.Element(Nuspec + "version"), "the version comes from VERSION when packing");
            string[] referenced = ProjectReferences(project).OrderBy(n => n, StringComparer.Ordinal).ToArray();
            string[] nanoTcp = Dependencies(project).Where(d => SampleRun.IsNanoTcpPackage(d.Id)).OrderBy(d => d.Id, StringComparer.Ordinal).Select(d => d.Id + " " + d.Version).ToArray();
            CollectionAssert.AreEqual(referenced.Select(r => r + " $version$").ToArray(), nanoTcp, "one NanoTcp dependency per project reference, at the one version");
        }

        [TestMethod]
        [DynamicData(nameof(Projects))]
        public void NuspecDependsOnThePinnedNanoFrameworkPackages(string project)
        {
            string[] pinned = XDocument.Load(Path.Combine(RepositoryLayout.Root, project, "packages.config")).Root.Elements("package")
                .Select(p => (string)p.Attribute("id") + " " + (string)p.Attribute("version")).OrderBy(p => p, StringComparer.Ordinal).ToArray();
            string[] dependencies = Dependencies(project).Where(d => !SampleRun.IsNanoTcpPackage(d.Id)).Select(d => d.Id + " " + d.Version).OrderBy(d => d, StringComparer.Ordinal).ToArray();
            CollectionAssert.AreEqual(pinned, dependencies, project + ": the nuspec's nanoFramework dependencies must be the packages.config pins");
        }

        [TestMethod]
        [DynamicData(nameof(Projects))]
        public void NuspecShipsTheLibFilesLicenceAndReadme(string project)
        {
            string name = Path.GetFileName(project);
            string nuspec = NuspecPath(project);
            XDocument document = XDocument.Load(nuspec);
            XElement metadata = document.Root.Element(Nuspec + "metadata");
            var files = document.Root.Element(Nuspec + "files").Elements(Nuspec + "file")
                .Select(f => ((string)f.Attribute("src"), ((string)f.Attribute("target")).Replace('\\', '/'))).ToList();
            foreach (string extension in new[] { ".dll", ".pe", ".pdbx", ".xml" })
            {
                Assert.IsTrue(files.Contains(("$bin$/" + name + extension, NuGetPacker.LibFolder)), name + extension + " must go to " + NuGetPacker.LibFolder);
            }

            XElement license = metadata.Element(Nuspec + "license");
            Assert.AreEqual("file", (string)license.Attribute("type"));
            foreach (string shipped in new[] { license.Value, (string)metadata.Element(Nuspec + "readme") })
            {
                (string src, string target) = files.Single(f => Path.GetFileName(f.Item1) == shipped);
                Assert.AreEqual(string.Empty, target, shipped + " goes to the package's root");
                Assert.IsTrue(File.Exists(Path.Combine(Path.GetDirectoryName(nuspec), src)), shipped + " (" + src + ") exists");
            }
        }

        [TestMethod]
        public void SampleTakesTheNanoTcpPackagesOfTheOneVersion()
        {
            string sample = Path.Combine(RepositoryLayout.Root, "samples", "HelloRoute");
            string version = NanoTcpVersion();
            var packages = XDocument.Load(Path.Combine(sample, "packages.config")).Root.Elements("package")
                .Where(p => SampleRun.IsNanoTcpPackage((string)p.Attribute("id"))).ToList();
            Assert.IsTrue(packages.Count > 0, "the sample uses NanoTcp packages");
            var packed = new HashSet<string>(PackedProjects.Select(Path.GetFileName), StringComparer.Ordinal);
            foreach (XElement package in packages)
            {
                Assert.AreEqual(version, (string)package.Attribute("version"), (string)package.Attribute("id"));
                Assert.IsTrue(packed.Contains((string)package.Attribute("id")), (string)package.Attribute("id") + " is not a NanoTcp package");
            }

            string[] hintPaths = XDocument.Load(Path.Combine(sample, "HelloRoute.nfproj")).Descendants(MsBuild + "HintPath")
                .Select(h => h.Value.Replace('\\', '/')).Where(h => h.Contains("/NanoTcp", StringComparison.Ordinal)).ToArray();
            foreach (XElement package in packages)
            {
                string id = (string)package.Attribute("id");
                string expected = "../../packages/" + id + "." + version + "/lib/netnano1.0/" + id + ".dll";
                CollectionAssert.Contains(hintPaths, expected, "HelloRoute.nfproj references " + id + " from its package");
            }
        }

        [TestMethod]
        public void PackPutsTheLibFilesReadmeAndLicenceIntoTheNupkgWithTheVersionFilledIn()
        {
            string folder = Path.Combine(Path.GetTempPath(), "nanotcp-pack-" + Guid.NewGuid().ToString("N"));
            try
            {
                string bin = FakeBin(folder, "NanoTcp.Http");
                string package = NuGetPacker.Pack(NuspecPath("firmware/NanoTcp.Http"), "9.8.7", bin, Path.Combine(folder, "feed"), "NanoTcp.Http");
                Assert.AreEqual("NanoTcp.Http.9.8.7.nupkg", Path.GetFileName(package));
                using ZipArchive zip = ZipFile.OpenRead(package);
                string[] entries = zip.Entries.Select(e => e.FullName).OrderBy(e => e, StringComparer.Ordinal).ToArray();
                CollectionAssert.AreEqual(
                    new[]
                    {
                        "LICENSE.md", "NanoTcp.Http.nuspec", "README.md", "[Content_Types].xml", "_rels/.rels",
                        "lib/netnano1.0/NanoTcp.Http.dll", "lib/netnano1.0/NanoTcp.Http.pdbx", "lib/netnano1.0/NanoTcp.Http.pe", "lib/netnano1.0/NanoTcp.Http.xml",
                    }.OrderBy(e => e, StringComparer.Ordinal).ToArray(),
                    entries);
                XDocument nuspec;
                using (Stream stream = zip.GetEntry("NanoTcp.Http.nuspec").Open())
                {
                    nuspec = XDocument.Load(stream);
                }

                XElement metadata = nuspec.Root.Element(Nuspec + "metadata");
                Assert.AreEqual("9.8.7", (string)metadata.Element(Nuspec + "version"));
                Assert.IsNull(nuspec.Root.Element(Nuspec + "files"), "a packed nuspec has no <files>");
                Assert.AreEqual("9.8.7", metadata.Descendants(Nuspec + "dependency").Single(d => (string)d.Attribute("id") == "NanoTcp").Attribute("version").Value);
                Assert.IsFalse(nuspec.ToString().Contains('$'), "every $token$ is filled in");
            }
            finally
            {
                Directory.Delete(folder, recursive: true);
            }
        }

        [TestMethod]
        public void PackFailsWhenALibFileIsMissing()
        {
            string folder = Path.Combine(Path.GetTempPath(), "nanotcp-pack-" + Guid.NewGuid().ToString("N"));
            try
            {
                string bin = FakeBin(folder, "NanoTcp.Hardware");
                File.Delete(Path.Combine(bin, "NanoTcp.Hardware.pdbx"));
                BuildException e = Assert.ThrowsExactly<BuildException>(() => NuGetPacker.Pack(NuspecPath("hw/NanoTcp.Hardware"), "1.0.0", bin, Path.Combine(folder, "feed"), "NanoTcp.Hardware"));
                StringAssert.Contains(e.Message, "NanoTcp.Hardware.pdbx");
            }
            finally
            {
                Directory.Delete(folder, recursive: true);
            }
        }

        public static IEnumerable<object[]> Projects => PackedProjects.Select(p => new object[] { p });

        private static string FakeBin(string folder, string assembly)
        {
            string bin = Path.Combine(folder, "bin");
            Directory.CreateDirectory(bin);
            foreach (string extension in new[] { ".dll", ".pe", ".pdbx", ".xml" })
            {
                File.WriteAllText(Path.Combine(bin, assembly + extension), assembly + extension);
            }

            return bin;
        }

        private static string NanoTcpVersion() => File.ReadAllText(Path.Combine(RepositoryLayout.Root, "VERSION")).Trim();

        private static string NuspecPath(string project) => Path.Combine(RepositoryLayout.Root, project, Path.GetFileName(project) + ".nuspec");

        private static XElement Metadata(string project) => XDocument.Load(NuspecPath(project)).Root.Element(Nuspec + "metadata");

        private static IEnumerable<(string Id, string Version)> Dependencies(string project) =>
            Metadata(project).Element(Nuspec + "dependencies").Elements(Nuspec + "dependency").Select(d => ((string)d.Attribute("id"), (string)d.Attribute("version")));

        /// <summary>The names of the .nfproj files the project references.</summary>
        private static IEnumerable<string> ProjectReferences(string project) =>
            XDocument.Load(Path.Combine(RepositoryLayout.Root, project, Path.GetFileName(project) + ".nfproj")).Descendants(MsBuild + "ProjectReference")
                .Select(r => Path.GetFileNameWithoutExtension(((string)r.Attribute("Include")).Replace('\\', '/')));
    }
}
