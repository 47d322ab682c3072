using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Xml.Linq;

namespace NanoTcp.NanoBuild
{
    /// <summary>
    /// What the nano build needs from a legacy .nfproj: its Compile list (and that of imported .projitems), its
    /// references, assembly name, output type and compiler settings. Everything comes from the file, so moving a
    /// source or a reference only needs the .nfproj edited.
    /// </summary>
    public sealed class NfProject
    {
        private static readonly XNamespace MsBuild = "http://schemas.microsoft.com/developer/msbuild/2003";

        private NfProject(string path)
        {
            Path = System.IO.Path.GetFullPath(path);
            Directory = System.IO.Path.GetDirectoryName(Path);
        }

        public string Path { get; }

        public string Directory { get; }

        public string Name => System.IO.Path.GetFileNameWithoutExtension(Path);

        public string AssemblyName { get; private set; }

        /// <summary>The project's package description (&lt;Name&gt;.nuspec beside it), or null when it is not packed.</summary>
        public string Nuspec => File.Exists(System.IO.Path.Combine(Directory, Name + ".nuspec")) ? System.IO.Path.Combine(Directory, Name + ".nuspec") : null;

        public bool IsExe { get; private set; }

        public string LangVersion { get; private set; }

        public List<string> Defines { get; } = new List<string>();

        public bool AllowUnsafe { get; private set; }

        /// <summary>The key file when the project signs its assembly, else null.</summary>
        public string KeyFile { get; private set; }

        /// <summary>Full paths of the sources, in project order.</summary>
        public List<string> Sources { get; } = new List<string>();

        /// <summary>Simple names of the &lt;Reference&gt; items (mscorlib included).</summary>
        public List<string> References { get; } = new List<string>();

        /// <summary>Full paths of the referenced .nfproj files.</summary>
        public List<string> ProjectReferences { get; } = new List<string>();

        /// <summary>
        /// Every .nfproj under <paramref name="root"/>, outside build output and hidden folders. samples/ is left out:
        /// the samples compile against the packages (tools/nano samples), not the repository's projects.
        /// </summary>
        public static List<NfProject> FindAll(string root)
        {
            var projects = new List<NfProject>();
            foreach (string file in System.IO.Directory.GetFiles(root, "*.nfproj", SearchOption.AllDirectories).OrderBy(f => f, StringComparer.Ordinal))
            {
                string[] parts = System.IO.Path.GetRelativePath(root, file).Split(System.IO.Path.DirectorySeparatorChar);
                if (parts.Any(p => p == "bin" || p == "obj" || p == "packages" || p == "artifacts" || p.StartsWith('.')) || parts[0] == "samples")
                {
                    continue;
                }

                projects.Add(Load(file));
            }

            return projects;
        }

        public static NfProject Load(string path)
        {
            var project = new NfProject(path);
            XDocument xml = XDocument.Load(path);
            project.AssemblyName = Property(xml, "AssemblyName") ?? project.Name;
            project.IsExe = string.Equals(Property(xml, "OutputType"), "Exe", StringComparison.OrdinalIgnoreCase);
            project.LangVersion = Property(xml, "LangVersion") ?? "9";
            project.AllowUnsafe = string.Equals(Property(xml, "AllowUnsafeBlocks"), "true", StringComparison.OrdinalIgnoreCase);
            string defines = Property(xml, "DefineConstants");
            if (defines != null)
            {
                project.Defines.AddRange(defines.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                    .Where(d => d != "$(DefineConstants)"));
            }

            if (string.Equals(Property(xml, "SignAssembly"), "true", StringComparison.OrdinalIgnoreCase))
            {
                project.KeyFile = ResolvePath(project.Directory, Property(xml, "AssemblyOriginatorKeyFile"));
            }

            project.AddSources(xml, project.Directory, null);
            foreach (XElement import in xml.Descendants(MsBuild + "Import"))
            {
                string target = (string)import.Attribute("Project");
                if (target != null && target.EndsWith(".projitems", StringComparison.OrdinalIgnoreCase))
                {
                    string shared = ResolvePath(project.Directory, target);
                    project.AddSources(XDocument.Load(shared), project.Directory, System.IO.Path.GetDirectoryName(shared));
                }
            }

            foreach (XElement reference in xml.Descendants(MsBuild + "Reference"))
            {
                project.References.Add(((string)reference.Attribute("Include")).Split(',')[0].Trim());
            }

            foreach (XElement reference in xml.Descendants(MsBuild + "ProjectReference"))
            {
                project.ProjectReferences.Add(ResolvePath(project.Directory, (string)reference.Attribute("Include")));
            }

            return project;
        }

        /// <summary>
        /// A Windows project path on Linux: backslashes become slashes and each name is matched case-insensitively
        /// when the exact spelling does not exist (Windows file names are case-insensitive).
        /// </summary>
        public static string ResolvePath(string baseDirectory, string windowsPath)
        {
            string relative = windowsPath.Replace('\\', '/');
            if (relative.IndexOfAny(new[] { '*', '?' }) >= 0 || relative.Contains("$(", StringComparison.Ordinal))
            {
                throw new BuildException("unsupported item path (wildcard or property): " + windowsPath);
            }

            string current = relative.StartsWith('/') ? "/" : baseDirectory;
            foreach (string part in relative.Split('/', StringSplitOptions.RemoveEmptyEntries))
            {
                string next = System.IO.Path.Combine(current, part);
                if (part != "." && part != ".." && !File.Exists(next) && !System.IO.Directory.Exists(next) && System.IO.Directory.Exists(current))
                {
                    string match = System.IO.Directory.EnumerateFileSystemEntries(current)
                        .FirstOrDefault(e => string.Equals(System.IO.Path.GetFileName(e), part, StringComparison.OrdinalIgnoreCase));
                    next = match ?? next;
                }

                current = System.IO.Path.GetFullPath(next);
            }

            return current;
        }

        private void AddSources(XDocument xml, string projectDirectory, string sharedDirectory)
        {
            foreach (XElement compile in xml.Descendants(MsBuild + "Compile"))
            {
                string include = (string)compile.Attribute("Include");
                if (include == null)
                {
                    continue;
                }

                if (sharedDirectory != null)
                {
                    include = include.Replace("$(MSBuildThisFileDirectory)", sharedDirectory + "/", StringComparison.OrdinalIgnoreCase);
                }

                string source = ResolvePath(sharedDirectory ?? projectDirectory, include);
                if (!File.Exists(source))
                {
                    throw new BuildException(Name + ": <Compile Include=\"" + include + "\"> names no file (" + source + ")");
                }

                Sources.Add(source);
            }
        }

        private static string Property(XDocument xml, string name)
        {
            XElement element = xml.Descendants(MsBuild + name).FirstOrDefault(e => e.Parent?.Name == MsBuild + "PropertyGroup");
            string value = element?.Value.Trim();
            return string.IsNullOrEmpty(value) ? null : value;
        }
    }
}
