using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Xml.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using NanoTcp.Tests.Host.Guard;

namespace NanoTcp.Tests.Host.ProjectFiles
{
    /// <summary>
    /// Each portable project's X.nfproj (nanoFramework) compiles exactly the .cs files its X.csproj compiles, and
    /// the NFUnitTest groups (tests/NanoTcp.Tests.Nano*) together compile exactly the portable tests (tests/NanoTcp.Tests
    /// outside Host/), each test class in one group.
    /// </summary>
    [TestClass]
    public class ProjectFileTests
    {
        private static readonly XNamespace MsBuild = "http://schemas.microsoft.com/developer/msbuild/2003";

        [TestMethod]
        [DataRow("hw/NanoTcp.Hardware")]
        [DataRow("hw/NanoTcp.Hardware.Simulation")]
        [DataRow("hw/NanoTcp.Hardware.Enc28j60Model")]
        [DataRow("drivers/NanoTcp.Drivers.Enc28j60")]
        [DataRow("firmware/NanoTcp")]
        [DataRow("firmware/NanoTcp.Http")]
        [DataRow("firmware/NanoTcp.Firmware")]
        public void NfprojCompilesTheSameFilesAsTheCsproj(string projectFolder)
        {
            string folder = Path.Combine(RepositoryLayout.Root, projectFolder);
            string name = Path.GetFileName(projectFolder);
            string csproj = Path.Combine(folder, name + ".csproj");
            Assert.IsFalse(File.ReadAllText(csproj).Contains("<Compile ", StringComparison.Ordinal), csproj + " should compile the SDK's default **/*.cs, which this test assumes");

            SortedSet<string> compiledByCsproj = SourcesUnder(folder, excludeHost: false);
            SortedSet<string> compiledByNfproj = CompileItems(Path.Combine(folder, name + ".nfproj"));
            AssertSameFiles(name + ".nfproj", compiledByCsproj, compiledByNfproj);
        }

        /// <summary>The NFUnitTest groups: one assembly with every portable test overflows the MDP's string table.</summary>
        private static readonly string[] NanoTestGroups = { "tests/NanoTcp.Tests.Nano", "tests/NanoTcp.Tests.Nano.Chip", "tests/NanoTcp.Tests.Nano.Ip", "tests/NanoTcp.Tests.Nano.Tcp" };

        [TestMethod]
        public void NanoTestGroupsTogetherCompileEveryPortableTestFile()
        {
            string tests = Path.Combine(RepositoryLayout.Root, "tests", "NanoTcp.Tests");
            SortedSet<string> portable = SourcesUnder(tests, excludeHost: true);
            var compiled = new SortedSet<string>(StringComparer.Ordinal);
            var owner = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (string group in NanoTestGroups)
            {
                foreach (string file in CompileItems(NfprojOf(group)))
                {
                    compiled.Add(file);
                    // A test class in two groups would run twice; helpers (no [TestClass]) may be shared.
                    if (File.Exists(file) && File.ReadAllText(file).Contains("[TestClass]", StringComparison.Ordinal))
                    {
                        Assert.IsFalse(owner.ContainsKey(file), Path.GetRelativePath(RepositoryLayout.Root, file) + " is compiled by " + owner.GetValueOrDefault(file) + " and " + group);
                        owner[file] = group;
                    }
                }
            }

            AssertSameFiles(string.Join(" + ", NanoTestGroups), portable, compiled);
        }

        [TestMethod]
        public void EveryNfprojNamedNFUnitTestIsATestGroup()
        {
            string root = RepositoryLayout.Root;
            string[] groups = Directory.GetFiles(root, "*.nfproj", SearchOption.AllDirectories)
                .Where(p => !IsBuildOutput(root, p) && Property(XDocument.Load(p), "AssemblyName") == "NFUnitTest")
                .Select(p => Path.GetRelativePath(root, Path.GetDirectoryName(p)).Replace('\\', '/'))
                .OrderBy(p => p, StringComparer.Ordinal)
                .ToArray();
            CollectionAssert.AreEqual(NanoTestGroups.OrderBy(p => p, StringComparer.Ordinal).ToArray(), groups);
        }

        [TestMethod]
        public void EveryPortableProjectIsCheckedForPairs()
        {
            CollectionAssert.AreEqual(
                PortableAssemblies.ProjectFolders,
                new[] { "hw/NanoTcp.Hardware", "hw/NanoTcp.Hardware.Simulation", "hw/NanoTcp.Hardware.Enc28j60Model", "drivers/NanoTcp.Drivers.Enc28j60", "firmware/NanoTcp", "firmware/NanoTcp.Http", "firmware/NanoTcp.Firmware" },
                "the DataRows of NfprojCompilesTheSameFilesAsTheCsproj must follow PortableAssemblies.ProjectFolders");
        }

        [TestMethod]
        [DataRow("hw/NanoTcp.Hardware")]
        [DataRow("hw/NanoTcp.Hardware.Simulation")]
        [DataRow("hw/NanoTcp.Hardware.Enc28j60Model")]
        [DataRow("drivers/NanoTcp.Drivers.Enc28j60")]
        [DataRow("firmware/NanoTcp")]
        [DataRow("firmware/NanoTcp.Http")]
        [DataRow("firmware/NanoTcp.Firmware")]
        [DataRow("tests/NanoTcp.Tests.Nano")]
        [DataRow("tests/NanoTcp.Tests.Nano.Chip")]
        [DataRow("tests/NanoTcp.Tests.Nano.Ip")]
        [DataRow("tests/NanoTcp.Tests.Nano.Tcp")]
        public void NfprojHasTheLegacyNanoFrameworkShape(string projectFolder)
        {
            string folder = Path.Combine(RepositoryLayout.Root, projectFolder);
            string name = Path.GetFileName(projectFolder);
            XDocument project = XDocument.Load(Path.Combine(folder, name + ".nfproj"));

            // FACTS.md §6.1: project type GUIDs, target framework v1.0, imports from the nanoFramework project system.
            Assert.AreEqual("{11A8DD76-328B-46DF-9F39-F559912D0360};{FAE04EC0-301F-11D3-BF4B-00C04F79EFBC}", Property(project, "ProjectTypeGuids"));
            Assert.AreEqual("v1.0", Property(project, "TargetFrameworkVersion"));
            string[] imports = project.Descendants(MsBuild + "Import").Select(i => (string)i.Attribute("Project")).ToArray();
            Assert.IsTrue(imports.Contains("$(NanoFrameworkProjectSystemPath)NFProjectSystem.Default.props"), name + " imports NFProjectSystem.Default.props");
            Assert.IsTrue(imports.Contains("$(NanoFrameworkProjectSystemPath)NFProjectSystem.props"), name + " imports NFProjectSystem.props");
            Assert.IsTrue(imports.Contains("$(NanoFrameworkProjectSystemPath)NFProjectSystem.CSharp.targets"), name + " imports NFProjectSystem.CSharp.targets");

            XElement mscorlib = project.Descendants(MsBuild + "Reference").Single(r => ((string)r.Attribute("Include")).StartsWith("mscorlib,", StringComparison.Ordinal));
            Assert.AreEqual(@"..\..\packages\nanoFramework.CoreLibrary.1.17.11\lib\mscorlib.dll", (string)mscorlib.Element(MsBuild + "HintPath"));

            XDocument packages = XDocument.Load(Path.Combine(folder, "packages.config"));
            XElement core = packages.Root.Elements("package").Single(p => (string)p.Attribute("id") == "nanoFramework.CoreLibrary");
            Assert.AreEqual("1.17.11", (string)core.Attribute("version"));
            foreach (XElement package in packages.Root.Elements("package"))
            {
                Assert.AreEqual("netnano1.0", (string)package.Attribute("targetFramework"), name + " packages.config: " + package);
            }
        }

        [TestMethod]
        [DataRow("tests/NanoTcp.Tests.Nano")]
        [DataRow("tests/NanoTcp.Tests.Nano.Chip")]
        [DataRow("tests/NanoTcp.Tests.Nano.Ip")]
        [DataRow("tests/NanoTcp.Tests.Nano.Tcp")]
        public void NanoTestGroupIsWhatTheNanoRunnerLoads(string group)
        {
            XDocument project = XDocument.Load(NfprojOf(group));
            // FACTS.md §5: the on-device runner loads the assembly named NFUnitTest; test discovery needs these.
            Assert.AreEqual("NFUnitTest", Property(project, "AssemblyName"));
            Assert.AreEqual("true", Property(project, "IsTestProject"));
            Assert.AreEqual("UnitTest", Property(project, "TestProjectType"));
            Assert.IsTrue(project.Descendants(MsBuild + "ProjectCapability").Any(c => (string)c.Attribute("Include") == "TestContainer"));
            Assert.IsTrue(File.Exists(Path.Combine(RepositoryLayout.Root, group, "nano.runsettings")));
        }

        [TestMethod]
        public void NanoFrameworkSolutionListsEveryNfproj()
        {
            string root = RepositoryLayout.Root;
            string solution = File.ReadAllText(Path.Combine(root, "NanoTcp.nanoFramework.sln"));
            // samples/ are apps built against the NanoTcp packages (tools/nano samples), not members of the solution.
            string[] nfprojs = Directory.GetFiles(root, "*.nfproj", SearchOption.AllDirectories)
                .Where(p => !IsBuildOutput(root, p) && !Path.GetRelativePath(root, p).StartsWith("samples" + Path.DirectorySeparatorChar, StringComparison.Ordinal))
                .Select(p => Path.GetRelativePath(root, p))
                .ToArray();
            Assert.IsTrue(nfprojs.Length >= 5, "nfproj files found: " + string.Join(", ", nfprojs));
            foreach (string nfproj in nfprojs)
            {
                string listed = "Project(\"{11A8DD76-328B-46DF-9F39-F559912D0360}\") = \"" + Path.GetFileNameWithoutExtension(nfproj) + "\", \"" + nfproj.Replace('/', '\\') + "\"";
                Assert.IsTrue(solution.Contains(listed, StringComparison.Ordinal), "NanoTcp.nanoFramework.sln should list " + nfproj + " with the nanoFramework project type");
            }
        }

        private static string NfprojOf(string folder) =>
            Path.Combine(RepositoryLayout.Root, folder, Path.GetFileName(folder) + ".nfproj");

        private static string Property(XDocument project, string name) =>
            project.Descendants(MsBuild + name).Select(e => e.Value).FirstOrDefault();

        /// <summary>Every *.cs under <paramref name="folder"/> except bin/ and obj/ (and Host/ when asked), as full paths.</summary>
        private static SortedSet<string> SourcesUnder(string folder, bool excludeHost)
        {
            var files = new SortedSet<string>(StringComparer.Ordinal);
            foreach (string file in Directory.GetFiles(folder, "*.cs", SearchOption.AllDirectories))
            {
                string relative = Path.GetRelativePath(folder, file).Replace('\\', '/');
                string top = relative.Split('/')[0];
                if (relative.Contains('/') && (top == "bin" || top == "obj" || (excludeHost && top == "Host")))
                {
                    continue;
                }

                files.Add(Path.GetFullPath(file));
            }

            return files;
        }

        /// <summary>The Compile items of a legacy project (backslash paths relative to it), as full paths.</summary>
        private static SortedSet<string> CompileItems(string nfproj)
        {
            string folder = Path.GetDirectoryName(nfproj);
            var files = new SortedSet<string>(StringComparer.Ordinal);
            foreach (XElement compile in XDocument.Load(nfproj).Descendants(MsBuild + "Compile"))
            {
                string include = ((string)compile.Attribute("Include")).Replace('\\', '/');
                files.Add(Path.GetFullPath(Path.Combine(folder, include)));
            }

            return files;
        }

        private static void AssertSameFiles(string project, SortedSet<string> expected, SortedSet<string> listed)
        {
            string root = RepositoryLayout.Root;
            string[] missing = expected.Except(listed).Select(f => Path.GetRelativePath(root, f)).ToArray();
            string[] extra = listed.Except(expected).Select(f => Path.GetRelativePath(root, f)).ToArray();
            Assert.IsTrue(
                missing.Length == 0 && extra.Length == 0,
                project + " is out of step with the sources."
                + (missing.Length > 0 ? "\n  missing from it (add <Compile Include=\"...\" />): " + string.Join(", ", missing) : string.Empty)
                + (extra.Length > 0 ? "\n  listed but not compiled by the csproj / absent: " + string.Join(", ", extra) : string.Empty));
        }

        private static bool IsBuildOutput(string root, string path)
        {
            string[] parts = Path.GetRelativePath(root, path).Replace('\\', '/').Split('/');
            return parts.Contains("bin") || parts.Contains("obj") || parts.Contains("packages") || parts[0].StartsWith('.');
        }
    }
}
