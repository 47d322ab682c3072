using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace NanoTcp.NanoBuild
{
    /// <summary>
    /// Compiles .nfproj projects with the SDK's Roslyn exactly as shared/nanoclr/README.md §1 says, then turns each
    /// assembly into .pe/.pdbx with the metadata processor (§2). Any compiler or MDP error, or a missing/empty .pe,
    /// fails the build.
    /// </summary>
    public sealed class NanoBuilder
    {
        /// <summary>The assembly name nanoFramework.UnitTestLauncher loads (FACTS.md §5).</summary>
        public const string TestAssemblyName = "NFUnitTest";

        private readonly Toolchain _toolchain;
        private readonly string _output;
        private readonly Dictionary<string, NfProject> _byPath;
        private readonly Dictionary<string, string> _builtAssembly = new Dictionary<string, string>(StringComparer.Ordinal);
        private readonly Dictionary<string, string> _packageAssemblies;
        private readonly string _version;

        /// <param name="packageAssemblies">assembly name -> .dll taken from restored packages (its .pe beside it), used
        /// before the toolchain's ref/ and pe/; null for none.</param>
        /// <param name="version">the NanoTcp version (VERSION) stamped on every assembly of a project with a .nuspec.</param>
        public NanoBuilder(Toolchain toolchain, IEnumerable<NfProject> projects, string output, Dictionary<string, string> packageAssemblies = null, string version = null)
        {
            _toolchain = toolchain;
            _output = output;
            _byPath = projects.ToDictionary(p => p.Path, StringComparer.Ordinal);
            _packageAssemblies = packageAssemblies ?? new Dictionary<string, string>(StringComparer.Ordinal);
            _version = version;
        }

        /// <summary>The projects in build order: each after the projects it references.</summary>
        public List<NfProject> BuildOrder()
        {
            var order = new List<NfProject>();
            var state = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (NfProject project in _byPath.Values.OrderBy(p => p.Path, StringComparer.Ordinal))
            {
                Visit(project, state, order);
            }

            return order;
        }

        /// <summary>Compiles and MDPs <paramref name="project"/> (its references first); returns the .pe path.</summary>
        public string Build(NfProject project, TextWriter log)
        {
            if (_builtAssembly.TryGetValue(project.Path, out string built))
            {
                return Path.ChangeExtension(built, ".pe");
            }

            foreach (NfProject referenced in ProjectClosure(project).Where(p => p != project))
            {
                Build(referenced, log);
            }

            // Every test group is an assembly named NFUnitTest (the launcher loads that name): each gets its own folder.
            string bin = project.AssemblyName == TestAssemblyName ? Path.Combine(_output, "bin", project.Name) : Path.Combine(_output, "bin");
            Directory.CreateDirectory(bin);
            string assembly = Path.Combine(bin, project.AssemblyName + (project.IsExe ? ".exe" : ".dll"));
            string pe = Path.Combine(bin, project.AssemblyName + ".pe");
            string doc = Path.ChangeExtension(pe, ".xml");
            foreach (string stale in new[] { assembly, pe, doc, Path.ChangeExtension(pe, ".pdbx"), Path.ChangeExtension(pe, ".pdb") })
            {
                File.Delete(stale);
            }

            Dictionary<string, string> references = CompileReferences(project);
            var csc = new List<string>
            {
                _toolchain.Csc, "-nologo", "-noconfig", "-nostdlib", "-deterministic", "-optimize+", "-debug:portable",
                "-langversion:" + project.LangVersion, "-define:" + string.Join(';', new[] { "NANOFRAMEWORK_1_0" }.Concat(project.Defines)),
                "-nowarn:1591", "-t:" + (project.IsExe ? "exe" : "library"), "-out:" + assembly,
            };
            // Libraries carry their XML documentation (it goes into the package beside the .dll).
            if (!project.IsExe && project.AssemblyName != TestAssemblyName)
            {
                csc.Add("-doc:" + doc);
            }

            List<string> sources = new List<string>(project.Sources);
            if (_version != null && project.Nuspec != null)
            {
                sources.Add(WriteVersionSource(project));
            }

            if (project.AllowUnsafe)
            {
                csc.Add("-unsafe");
            }

            if (project.KeyFile != null)
            {
                csc.Add("-keyfile:" + project.KeyFile);
            }

            csc.AddRange(references.Values.Select(r => "-r:" + r));
            csc.AddRange(sources);
            ProcessResult compiled = Process.Run("dotnet", csc, 600, throwOnFailure: false);
            if (compiled.ExitCode != 0 || !File.Exists(assembly))
            {
                throw new BuildException(project.Name + ": the compiler failed (exit " + compiled.ExitCode + "):\n" + compiled.Output);
            }

            int warnings = compiled.Output.Split('\n').Count(l => l.Contains(": warning ", StringComparison.Ordinal));
            if (warnings > 0)
            {
                log.Write(compiled.Output);
            }

            // The MDP resolves every assembly the input references, and those the references reference: one hint each.
            var mdp = new List<string> { _toolchain.Mdp };
            foreach (KeyValuePair<string, string> hint in WithLibraryDependencies(references))
            {
                mdp.AddRange(new[] { "-loadHints", hint.Key, hint.Value });
            }

            mdp.AddRange(new[] { "-parse", assembly, "-compile", pe, "false" });
            ProcessResult processed = Process.Run("dotnet", mdp, 600, throwOnFailure: false);
            if (processed.ExitCode != 0 || !File.Exists(pe) || new FileInfo(pe).Length == 0)
            {
                throw new BuildException(project.Name + ": the metadata processor failed (exit " + processed.ExitCode + ", .pe "
                    + (File.Exists(pe) ? new FileInfo(pe).Length + " bytes" : "missing") + "):\n" + processed.Output);
            }

            log.WriteLine("nano: " + project.Name + " -> " + Path.GetRelativePath(Directory.GetCurrentDirectory(), pe) + " ("
                + new FileInfo(pe).Length + " bytes, " + warnings + " warnings)");
            _builtAssembly[project.Path] = assembly;
            return pe;
        }

        /// <summary>
        /// The .pe files nanoCLR must load before <paramref name="project"/>'s own, in dependency order: the toolchain's
        /// libraries (mscorlib and <paramref name="loadedByRunner"/> excluded), then the referenced projects.
        /// </summary>
        public List<string> LoadOrder(NfProject project, ICollection<string> loadedByRunner)
        {
            Dictionary<string, string> references = WithLibraryDependencies(CompileReferences(project));
            var libraries = new List<string>();
            var state = new Dictionary<string, int>(StringComparer.Ordinal);
            var projectAssemblies = new HashSet<string>(ProjectClosure(project).Select(p => p.AssemblyName), StringComparer.Ordinal);
            foreach (string name in references.Keys.Where(n => !projectAssemblies.Contains(n)).OrderBy(n => n, StringComparer.Ordinal))
            {
                VisitLibrary(name, references, state, libraries);
            }

            var order = libraries.Where(n => n != "mscorlib" && !loadedByRunner.Contains(n)).Select(LibraryPe).ToList();
            foreach (NfProject referenced in ProjectClosure(project).Where(p => p != project))
            {
                order.Add(Build(referenced, TextWriter.Null));
            }

            return order;
        }

        /// <summary>Assembly name -> file for csc -r: the project's References and those of every project it references (as MSBuild finds a reference's dependencies), plus the referenced projects' outputs.</summary>
        private Dictionary<string, string> CompileReferences(NfProject project)
        {
            var references = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (NfProject member in ProjectClosure(project))
            {
                foreach (string name in member.References)
                {
                    // The test launcher is an application run beside the tests, never compiled against (README §1).
                    if (name != "nanoFramework.UnitTestLauncher")
                    {
                        references[name] = ReferenceAssembly(name);
                    }
                }

                if (member != project)
                {
                    references[member.AssemblyName] = _builtAssembly[member.Path];
                }
            }

            return references;
        }

        /// <summary>Adds the toolchain libraries that the given ones reference (read from their AssemblyRef tables).</summary>
        private Dictionary<string, string> WithLibraryDependencies(Dictionary<string, string> references)
        {
            var all = new Dictionary<string, string>(references, StringComparer.Ordinal);
            var pending = new Queue<string>(all.Values);
            while (pending.Count > 0)
            {
                foreach (string name in AssemblyReferences(pending.Dequeue()))
                {
                    if (!all.ContainsKey(name))
                    {
                        all[name] = ReferenceAssembly(name);
                        pending.Enqueue(all[name]);
                    }
                }
            }

            return all;
        }

        private string ReferenceAssembly(string name) =>
            _packageAssemblies.TryGetValue(name, out string file) ? file : _toolchain.ReferenceAssembly(name);

        private string LibraryPe(string name) =>
            _packageAssemblies.TryGetValue(name, out string file) ? Path.ChangeExtension(file, ".pe") : _toolchain.LibraryPe(name);

        /// <summary>A source with [assembly: AssemblyVersion] of the NanoTcp version (nanoCLR binds references by major.minor).</summary>
        private string WriteVersionSource(NfProject project)
        {
            string folder = Path.Combine(_output, "obj", project.Name);
            Directory.CreateDirectory(folder);
            string file = Path.Combine(folder, "AssemblyVersion.g.cs");
            File.WriteAllText(file, "[assembly: System.Reflection.AssemblyVersion(\"" + _version + ".0\")]\n");
            return file;
        }

        /// <summary>The names in an assembly's AssemblyRef table.</summary>
        public static List<string> AssemblyReferences(string file)
        {
            using var pe = new PEReader(File.OpenRead(file));
            MetadataReader reader = pe.GetMetadataReader();
            return reader.AssemblyReferences.Select(h => reader.GetString(reader.GetAssemblyReference(h).Name)).ToList();
        }

        private void VisitLibrary(string name, Dictionary<string, string> files, Dictionary<string, int> state, List<string> order)
        {
            if (state.TryGetValue(name, out int mark))
            {
                if (mark == 1)
                {
                    throw new BuildException("the library references form a cycle through " + name);
                }

                return;
            }

            state[name] = 1;
            foreach (string dependency in AssemblyReferences(files[name]))
            {
                VisitLibrary(dependency, files, state, order);
            }

            state[name] = 2;
            order.Add(name);
        }

        /// <summary><paramref name="project"/> and every project it references, directly or not, referenced ones first.</summary>
        private List<NfProject> ProjectClosure(NfProject project)
        {
            var order = new List<NfProject>();
            Visit(project, new Dictionary<string, int>(StringComparer.Ordinal), order);
            return order;
        }

        private void Visit(NfProject project, Dictionary<string, int> state, List<NfProject> order)
        {
            if (state.TryGetValue(project.Path, out int mark))
            {
                if (mark == 1)
                {
                    throw new BuildException("the project references form a cycle through " + project.Name);
                }

                return;
            }

            state[project.Path] = 1;
            foreach (string reference in project.ProjectReferences)
            {
                if (!_byPath.TryGetValue(reference, out NfProject referenced))
                {
                    throw new BuildException(project.Name + " references " + reference + ", which is not a .nfproj of the repository");
                }

                Visit(referenced, state, order);
            }

            state[project.Path] = 2;
            order.Add(project);
        }
    }
}
