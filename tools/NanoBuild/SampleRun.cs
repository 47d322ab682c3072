using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Xml.Linq;

namespace NanoTcp.NanoBuild
{
    /// <summary>
    /// Builds and runs the apps of samples/ as a user's app would be built: the NanoTcp packages its packages.config
    /// names are restored by NuGet from the local folder feed (artifacts/nano/packages, nothing else), the app is
    /// compiled against the assemblies taken out of those packages (the nanoFramework ones come from the toolchain),
    /// the metadata processor makes its .pe, and nanoCLR runs it with the packages' .pe files. A sample passes when it
    /// prints a line "PASS" and no line starting with "FAIL".
    /// </summary>
    public static class SampleRun
    {
        public static bool IsNanoTcpPackage(string id) => id == "NanoTcp" || id.StartsWith("NanoTcp.", StringComparison.Ordinal);

        /// <summary>Runs every samples/*/*.nfproj; returns true when all passed.</summary>
        public static bool RunAll(string root, Toolchain toolchain, string feed, int timeoutSeconds, TextWriter log)
        {
            string samples = Path.Combine(root, "samples");
            string[] projects = Directory.Exists(samples) ? Directory.GetFiles(samples, "*.nfproj", SearchOption.AllDirectories)
                .Where(p => !p.Contains("/bin/", StringComparison.Ordinal) && !p.Contains("/obj/", StringComparison.Ordinal)).OrderBy(p => p, StringComparer.Ordinal).ToArray() : Array.Empty<string>();
            if (projects.Length == 0)
            {
                throw new BuildException("no sample app (samples/*/*.nfproj)");
            }

            bool passed = true;
            foreach (string file in projects)
            {
                passed &= Run(root, toolchain, NfProject.Load(file), feed, timeoutSeconds, log);
            }

            return passed;
        }

        private static bool Run(string root, Toolchain toolchain, NfProject sample, string feed, int timeoutSeconds, TextWriter log)
        {
            string output = Path.Combine(root, "artifacts", "nano", "samples", sample.Name);
            Dictionary<string, string> assemblies = Restore(sample, feed, output);
            var builder = new NanoBuilder(toolchain, new[] { sample }, output, assemblies);
            string pe = builder.Build(sample, log);
            List<string> pes = builder.LoadOrder(sample, Array.Empty<string>());
            pes.Add(pe);
            log.WriteLine("nano: sample " + sample.Name + ": nanoclr-run " + string.Join(' ', pes.Select(p => Path.GetFileNameWithoutExtension(p))));
            var arguments = new List<string> { "--timeout", timeoutSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture) };
            arguments.AddRange(pes);
            ProcessResult result = Process.Run(toolchain.Runner, arguments, timeoutSeconds + 60, throwOnFailure: false);
            string logFile = Path.Combine(output, "nanoclr.log");
            File.WriteAllText(logFile, result.Output);
            string[] lines = result.Output.Split('\n').Select(l => l.TrimEnd('\r')).ToArray();
            foreach (string line in lines.Where(l => l.StartsWith(sample.Name + ":", StringComparison.Ordinal) || l.StartsWith("PASS", StringComparison.Ordinal) || l.StartsWith("FAIL", StringComparison.Ordinal)))
            {
                log.WriteLine("nano: sample " + sample.Name + ": " + line);
            }

            bool passed = result.ExitCode == 0 && lines.Any(l => l == "PASS") && !lines.Any(l => l.StartsWith("FAIL", StringComparison.Ordinal));
            log.WriteLine("nano: sample " + sample.Name + ": " + (passed ? "passed" : "FAILED (exit " + result.ExitCode + "; log " + logFile + ")"));
            return passed;
        }

        /// <summary>
        /// Restores the NanoTcp packages of the sample's packages.config from <paramref name="feed"/> only (a
        /// PackageDownload project: exact versions, no dependency walk, so nanoFramework packages that NuGet does not
        /// serve here are not needed); returns assembly name -> .dll of each package's lib/netnano1.0.
        /// </summary>
        private static Dictionary<string, string> Restore(NfProject sample, string feed, string output)
        {
            List<(string Id, string Version)> packages = XDocument.Load(Path.Combine(sample.Directory, "packages.config")).Root.Elements("package")
                .Select(p => ((string)p.Attribute("id"), (string)p.Attribute("version"))).Where(p => IsNanoTcpPackage(p.Item1)).ToList();
            if (packages.Count == 0)
            {
                throw new BuildException(sample.Name + ": its packages.config names no NanoTcp package");
            }

            string restore = Path.Combine(output, "restore");
            string folder = Path.Combine(output, "packages");
            // The packages are rebuilt with the same version: a fresh folder makes NuGet take this build's.
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }

            Directory.CreateDirectory(restore);
            File.WriteAllText(Path.Combine(restore, "restore.csproj"),
                "<Project Sdk=\"Microsoft.NET.Sdk\">\n  <PropertyGroup><TargetFramework>net10.0</TargetFramework></PropertyGroup>\n  <ItemGroup>\n"
                + string.Concat(packages.Select(p => "    <PackageDownload Include=\"" + p.Id + "\" Version=\"[" + p.Version + "]\" />\n"))
                + "  </ItemGroup>\n</Project>\n");
            File.WriteAllText(Path.Combine(restore, "Directory.Build.props"), "<Project />\n");
            File.WriteAllText(Path.Combine(restore, "Directory.Build.targets"), "<Project />\n");
            Process.Run("dotnet", new[] { "restore", Path.Combine(restore, "restore.csproj"), "--source", feed, "--packages", folder, "-nologo", "-v:q" }, 300);

            var assemblies = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach ((string id, string version) in packages)
            {
                string lib = Path.Combine(folder, id.ToLowerInvariant(), version, "lib", "netnano1.0");
                string[] dlls = Directory.Exists(lib) ? Directory.GetFiles(lib, "*.dll") : Array.Empty<string>();
                if (dlls.Length == 0)
                {
                    throw new BuildException(sample.Name + ": package " + id + " " + version + " restored without lib/netnano1.0/*.dll (" + lib + ")");
                }

                foreach (string dll in dlls)
                {
                    assemblies[Path.GetFileNameWithoutExtension(dll)] = dll;
                }
            }

            return assemblies;
        }
    }
}
