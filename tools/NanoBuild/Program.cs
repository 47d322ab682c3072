using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;

namespace NanoTcp.NanoBuild
{
    /// <summary>
    /// dotnet run --project tools/NanoBuild -- build            compile every .nfproj and make its .pe (artifacts/nano/bin)
    /// dotnet run --project tools/NanoBuild -- pack             build, then make a .nupkg of each project with a .nuspec
    ///                                                          (artifacts/nano/packages, version from VERSION)
    /// dotnet run --project tools/NanoBuild -- samples          pack, then restore the packages into each samples/ app,
    ///                                                          build it and run it on nanoCLR (it must print PASS)
    /// dotnet run --project tools/NanoBuild -- test [--timeout S] samples, then run each NFUnitTest group on nanoCLR and
    ///                                                          print "nanoCLR: N passed, N failed, N skipped, E expected"
    /// Without the toolchain (NANOCLR_HOME, default ../shared/nanoclr) the command is skipped with the reason, unless
    /// CI=true, where that is a failure. Exit status: 0 success or skipped, 1 failure, 2 usage.
    /// </summary>
    public static class Program
    {
        public static int Main(string[] args)
        {
            string command = args.Length > 0 ? args[0] : string.Empty;
            int timeout = 600;
            for (int i = 1; i < args.Length; i++)
            {
                if (args[i] == "--timeout" && i + 1 < args.Length && int.TryParse(args[i + 1], out timeout))
                {
                    i++;
                }
                else
                {
                    command = "usage";
                }
            }

            if (command != "build" && command != "pack" && command != "samples" && command != "test")
            {
                Console.Error.WriteLine("usage: dotnet run --project tools/NanoBuild -- build | pack | samples | test [--timeout SECONDS]");
                return 2;
            }

            var watch = Stopwatch.StartNew();
            try
            {
                string root = FindRoot();
                Toolchain toolchain = Toolchain.Find(root, out string missing);
                if (toolchain == null)
                {
                    bool ci = string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
                    Console.WriteLine("nano: " + (ci ? "FAILED under CI=true: " : "skipped: ") + missing);
                    return ci ? 1 : 0;
                }

                string output = Path.Combine(root, "artifacts", "nano");
                toolchain.RestoreCoreLibrary(output);
                List<NfProject> projects = NfProject.FindAll(root);
                string version = ReadVersion(root);
                var builder = new NanoBuilder(toolchain, projects, output, null, version);
                foreach (NfProject project in builder.BuildOrder())
                {
                    builder.Build(project, Console.Out);
                }

                Console.WriteLine("nano: built " + projects.Count + " projects in " + watch.Elapsed.TotalSeconds.ToString("F0") + " s (toolchain " + toolchain.Home + ")");
                if (command == "build")
                {
                    return 0;
                }

                string feed = Pack(projects, version, output);
                if (command == "pack")
                {
                    return 0;
                }

                bool samplesPassed = SampleRun.RunAll(root, toolchain, feed, timeout, Console.Out);
                int tests = command == "test" ? RunTests(toolchain, builder, projects, output, timeout, watch) : 0;
                if (!samplesPassed)
                {
                    Console.WriteLine("nano: FAILED: a sample app did not print PASS on nanoCLR");
                }

                return samplesPassed ? tests : 1;
            }
            catch (BuildException e)
            {
                Console.WriteLine("nano: FAILED: " + e.Message);
                return 1;
            }
        }

        /// <summary>
        /// Runs every NFUnitTest project (a test group) on nanoCLR in turn and prints the totals. The portable tests are
        /// split into groups because one assembly holding them all overflows the metadata processor's string table.
        /// </summary>
        private static int RunTests(Toolchain toolchain, NanoBuilder builder, List<NfProject> projects, string output, int timeout, Stopwatch watch)
        {
            List<NfProject> groups = projects.Where(p => p.AssemblyName == NanoBuilder.TestAssemblyName).OrderBy(p => p.Name, StringComparer.Ordinal).ToList();
            if (groups.Count == 0)
            {
                throw new BuildException("no .nfproj with AssemblyName " + NanoBuilder.TestAssemblyName + " (the launcher loads that name)");
            }

            var loadedByRunner = new[] { "nanoFramework.TestFramework", "nanoFramework.UnitTestLauncher" };
            int passed = 0, failed = 0, skipped = 0, expected = 0;
            bool succeeded = true;
            foreach (NfProject tests in groups)
            {
                List<string> pes = builder.LoadOrder(tests, loadedByRunner);
                pes.Add(builder.Build(tests, TextWriter.Null));
                string log = Path.Combine(output, "nanoclr-tests." + tests.Name + ".log");
                Console.WriteLine("nano: " + tests.Name + ": nanoclr-run --tests " + string.Join(' ', pes.Select(p => Path.GetFileNameWithoutExtension(p))));
                NanoTestRun run = NanoTestRun.Run(toolchain, pes, Path.ChangeExtension(pes[^1], ".dll"), timeout, log, Console.Out);
                foreach (string problem in run.Problems)
                {
                    Console.WriteLine("nanoCLR: FAILED: " + tests.Name + ": " + problem);
                }

                Console.WriteLine("nano: " + tests.Name + ": " + run.Passed + " passed, " + run.Failed + " failed, " + run.Skipped + " skipped, "
                    + run.Expected + " expected in " + run.Elapsed.TotalSeconds.ToString("F0") + " s; log " + log);
                passed += run.Passed;
                failed += run.Failed;
                skipped += run.Skipped;
                expected += run.Expected;
                succeeded &= run.Succeeded;
            }

            Console.WriteLine("nano: stage " + watch.Elapsed.TotalSeconds.ToString("F0") + " s");
            Console.WriteLine("nanoCLR: " + passed + " passed, " + failed + " failed, " + skipped + " skipped, " + expected + " expected");
            Console.WriteLine(PortableShare(Path.GetFullPath(Path.Combine(output, "..", "..")), expected));
            return succeeded ? 0 : 1;
        }

        /// <summary>
        /// "portable: N of M .NET unit/simulation tests run on nanoCLR (P %)": N = the runs the NFUnitTest groups hold,
        /// M = the tests dotnet test runs for tests/NanoTcp.Tests (Host/ included), from the newest build of
        /// NanoTcp.Tests.dll (CI runs the .NET tests first): counted from metadata by <see cref="ExpectedTests"/> (a
        /// [DataRow] is one test), plus the rows of each [DynamicData] source, which exist only at run time and are
        /// read by loading the assembly and enumerating the source member. If a source cannot be read, the line says
        /// so and counts that method once.
        /// </summary>
        private static string PortableShare(string root, int portable)
        {
            string bin = Path.Combine(root, "tests", "NanoTcp.Tests", "bin");
            string assembly = Directory.Exists(bin)
                ? Directory.GetFiles(bin, "NanoTcp.Tests.dll", SearchOption.AllDirectories).OrderByDescending(File.GetLastWriteTimeUtc).FirstOrDefault()
                : null;
            if (assembly == null)
            {
                return "portable: share not computed: build tests/NanoTcp.Tests first (no NanoTcp.Tests.dll under " + bin + ")";
            }

            List<ExpectedTests.TestClass> classes = ExpectedTests.Read(assembly, ExpectedTests.MsTestNamespace);
            int all = classes.Sum(c => c.Runs);
            string note = string.Empty;
            try
            {
                all += DynamicDataRows(assembly, classes);
            }
            catch (Exception e) when (e is IOException || e is BadImageFormatException || e is InvalidOperationException || e is TypeLoadException || e is MissingMemberException || e is System.Reflection.TargetInvocationException)
            {
                note = "; [DynamicData] rows not counted (" + e.GetType().Name + ": " + e.Message + "), each such method counted once";
            }

            string percent = all == 0 ? "-" : (100.0 * portable / all).ToString("F1", System.Globalization.CultureInfo.InvariantCulture);
            return "portable: " + portable + " of " + all + " .NET unit/simulation tests run on nanoCLR (" + percent + " %, counted as dotnet test counts them" + note + ")";
        }

        /// <summary>
        /// The extra runs of the [DynamicData] methods: rows of the source member less the one run already counted.
        /// The source is a static property, method or field of the test class, enumerated as dotnet test does.
        /// </summary>
        private static int DynamicDataRows(string assembly, List<ExpectedTests.TestClass> classes)
        {
            List<ExpectedTests.TestClass> withSources = classes.Where(c => c.DynamicDataSources.Count > 0).ToList();
            if (withSources.Count == 0)
            {
                return 0;
            }

            var context = new System.Runtime.Loader.AssemblyLoadContext("NanoTcp.Tests share", isCollectible: true);
            string folder = Path.GetDirectoryName(assembly);
            context.Resolving += (loadContext, name) =>
            {
                string candidate = Path.Combine(folder, name.Name + ".dll");
                return File.Exists(candidate) ? loadContext.LoadFromAssemblyPath(candidate) : null;
            };
            try
            {
                System.Reflection.Assembly tests = context.LoadFromAssemblyPath(assembly);
                int extra = 0;
                const System.Reflection.BindingFlags Static = System.Reflection.BindingFlags.Static | System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.NonPublic;
                foreach (ExpectedTests.TestClass testClass in withSources)
                {
                    Type type = tests.GetType(testClass.FullName, throwOnError: true);
                    foreach (string source in testClass.DynamicDataSources)
                    {
                        object rows = type.GetProperty(source, Static)?.GetValue(null)
                            ?? type.GetMethod(source, Static, Type.EmptyTypes)?.Invoke(null, null)
                            ?? type.GetField(source, Static)?.GetValue(null)
                            ?? throw new MissingMemberException(testClass.FullName, source ?? "(unnamed)");
                        int count = 0;
                        foreach (object row in (System.Collections.IEnumerable)rows)
                        {
                            count++;
                        }

                        extra += count - 1;
                    }
                }

                return extra;
            }
            finally
            {
                context.Unload();
            }
        }

        /// <summary>Packs every project that has a .nuspec into artifacts/nano/packages (the local folder feed); returns the feed.</summary>
        private static string Pack(List<NfProject> projects, string version, string output)
        {
            string feed = Path.Combine(output, "packages");
            Directory.CreateDirectory(feed);
            foreach (string stale in Directory.GetFiles(feed, "NanoTcp*.nupkg"))
            {
                File.Delete(stale);
            }

            foreach (NfProject project in projects.Where(p => p.Nuspec != null))
            {
                string package = NuGetPacker.Pack(project.Nuspec, version, Path.Combine(output, "bin"), feed, project.AssemblyName);
                Console.WriteLine("nano: pack " + project.Name + " -> " + Path.GetRelativePath(Directory.GetCurrentDirectory(), package) + " (" + new FileInfo(package).Length + " bytes)");
            }

            return feed;
        }

        /// <summary>The one NanoTcp version (VERSION at the root): major.minor.patch.</summary>
        private static string ReadVersion(string root)
        {
            string version = File.ReadAllText(Path.Combine(root, "VERSION")).Trim();
            if (!Version.TryParse(version, out Version parsed) || parsed.Build < 0 || parsed.Revision >= 0)
            {
                throw new BuildException("VERSION must hold major.minor.patch, not \"" + version + "\"");
            }

            return version;
        }

        /// <summary>The folder holding NanoTcp.sln, from the current directory up.</summary>
        private static string FindRoot()
        {
            for (string directory = Directory.GetCurrentDirectory(); directory != null; directory = Path.GetDirectoryName(directory))
            {
                if (File.Exists(Path.Combine(directory, "NanoTcp.sln")))
                {
                    return directory;
                }
            }

            throw new BuildException("run from inside the repository (no NanoTcp.sln above " + Directory.GetCurrentDirectory() + ")");
        }
    }
}
