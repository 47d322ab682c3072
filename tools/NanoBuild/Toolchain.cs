using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace NanoTcp.NanoBuild
{
    /// <summary>
    /// The genuine nanoFramework toolchain folder (NANOCLR_HOME, default ../shared/nanoclr beside the repository; its
    /// README.md), the SDK's Roslyn, and mscorlib from NuGet's nanoFramework.CoreLibrary.
    /// </summary>
    public sealed class Toolchain
    {
        /// <summary>The CoreLibrary the projects pin (packages.config); restored from NuGet by <see cref="RestoreCoreLibrary"/>.</summary>
        public const string CoreLibraryVersion = "1.17.11";

        private Toolchain(string home)
        {
            Home = home;
        }

        public string Home { get; }

        public string Mdp => Path.Combine(Home, "mdp", "nanoFramework.Tools.MetadataProcessor.dll");

        public string Runner => Path.Combine(Home, "nanoclr-run");

        public string Csc { get; private set; }

        /// <summary>lib/mscorlib.dll of the restored nanoFramework.CoreLibrary package.</summary>
        public string Mscorlib { get; private set; }

        public static string DefaultHome(string root) => Path.GetFullPath(Path.Combine(root, "..", "shared", "nanoclr"));

        /// <summary>The toolchain, or null with <paramref name="missing"/> saying what is absent.</summary>
        public static Toolchain Find(string root, out string missing)
        {
            string home = Environment.GetEnvironmentVariable("NANOCLR_HOME");
            home = string.IsNullOrEmpty(home) ? DefaultHome(root) : Path.GetFullPath(home);
            var toolchain = new Toolchain(home);
            string[] needed =
            {
                toolchain.Runner, Path.Combine(home, "bin", "nanoclr"), toolchain.Mdp, Path.Combine(home, "ref", "mscorlib.dll"),
                Path.Combine(home, "pe", "mscorlib.pe"), Path.Combine(home, "pe", "nanoFramework.UnitTestLauncher.pe"),
            };
            string absent = needed.FirstOrDefault(f => !File.Exists(f));
            if (absent != null)
            {
                missing = "no nanoFramework toolchain at " + home + " (" + Path.GetRelativePath(home, absent) + " is missing; set NANOCLR_HOME)";
                return null;
            }

            toolchain.Csc = FindCsc();
            if (toolchain.Csc == null)
            {
                missing = "no Roslyn csc.dll in the .NET SDK (dotnet --list-sdks)";
                return null;
            }

            missing = null;
            return toolchain;
        }

        /// <summary>ref/&lt;name&gt;.dll (or .exe) of the toolchain; mscorlib is the restored package's.</summary>
        public string ReferenceAssembly(string name)
        {
            if (name == "mscorlib")
            {
                return Mscorlib;
            }

            foreach (string extension in new[] { ".dll", ".exe" })
            {
                string file = Path.Combine(Home, "ref", name + extension);
                if (File.Exists(file))
                {
                    return file;
                }
            }

            throw new BuildException("no reference assembly " + name + " in " + Path.Combine(Home, "ref"));
        }

        /// <summary>pe/&lt;name&gt;.pe of the toolchain.</summary>
        public string LibraryPe(string name) => Path.Combine(Home, "pe", name + ".pe");

        /// <summary>
        /// Restores nanoFramework.CoreLibrary <see cref="CoreLibraryVersion"/> from NuGet with a one-line
        /// PackageDownload project and checks that its mscorlib.pe is the one nanoCLR loads.
        /// </summary>
        public void RestoreCoreLibrary(string output)
        {
            string restore = Path.Combine(output, "restore");
            string packages = Path.Combine(output, "restore", "packages");
            Directory.CreateDirectory(restore);
            File.WriteAllText(
                Path.Combine(restore, "restore.csproj"),
                "<Project Sdk=\"Microsoft.NET.Sdk\">\n  <PropertyGroup><TargetFramework>net10.0</TargetFramework></PropertyGroup>\n"
                + "  <ItemGroup><PackageDownload Include=\"nanoFramework.CoreLibrary\" Version=\"[" + CoreLibraryVersion + "]\" /></ItemGroup>\n</Project>\n");
            // An empty Directory.Build.props/targets keeps the repository's settings out of this throw-away project.
            File.WriteAllText(Path.Combine(restore, "Directory.Build.props"), "<Project />\n");
            File.WriteAllText(Path.Combine(restore, "Directory.Build.targets"), "<Project />\n");
            string lib = Path.Combine(packages, "nanoframework.corelibrary", CoreLibraryVersion, "lib");
            if (!File.Exists(Path.Combine(lib, "mscorlib.dll")))
            {
                Process.Run("dotnet", new[] { "restore", Path.Combine(restore, "restore.csproj"), "--packages", packages, "-nologo", "-v:q" }, 300);
            }

            Mscorlib = Path.Combine(lib, "mscorlib.dll");
            string pe = Path.Combine(lib, "mscorlib.pe");
            if (!File.Exists(Mscorlib) || !File.Exists(pe))
            {
                throw new BuildException("nanoFramework.CoreLibrary " + CoreLibraryVersion + " restored without lib/mscorlib.dll and .pe (" + lib + ")");
            }

            // nanoclr-run always loads the toolchain's pe/mscorlib.pe: it must be the package's.
            if (!File.ReadAllBytes(pe).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(Home, "pe", "mscorlib.pe"))))
            {
                throw new BuildException("the toolchain's pe/mscorlib.pe is not nanoFramework.CoreLibrary " + CoreLibraryVersion + "'s mscorlib.pe");
            }
        }

        /// <summary>Roslyn of the newest installed SDK, as shared/nanoclr/README.md §1 finds it.</summary>
        private static string FindCsc()
        {
            ProcessResult sdks = Process.Run("dotnet", new[] { "--list-sdks" }, 60);
            var candidates = new List<string>();
            foreach (string line in sdks.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                int bracket = line.IndexOf(" [", StringComparison.Ordinal);
                if (bracket > 0 && line.EndsWith(']'))
                {
                    candidates.Add(Path.Combine(line.Substring(bracket + 2, line.Length - bracket - 3), line.Substring(0, bracket), "Roslyn", "bincore", "csc.dll"));
                }
            }

            return candidates.LastOrDefault(File.Exists);
        }
    }
}
