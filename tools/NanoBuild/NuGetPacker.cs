using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text;
using System.Xml.Linq;

namespace NanoTcp.NanoBuild
{
    /// <summary>
    /// Makes a .nupkg from a project's .nuspec and the nano build's output, as nuget pack would: a zip holding the
    /// nuspec (without its &lt;files&gt;), the listed files, [Content_Types].xml and _rels/.rels. Needs nothing from
    /// NuGet, so it works offline. $version$ becomes the one NanoTcp version (VERSION), $bin$ the build's output.
    /// After writing, the package is read back: every file the nuspec lists must be in it, and lib/netnano1.0 must
    /// hold the assembly's .dll, .pe, .pdbx and .xml.
    /// </summary>
    public static class NuGetPacker
    {
        public const string LibFolder = "lib/netnano1.0";

        private static readonly XNamespace Nuspec = "http://schemas.microsoft.com/packaging/2013/05/nuspec.xsd";

        // A fixed time stamp keeps the package the same from one build to the next.
        private static readonly DateTimeOffset Stamp = new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

        /// <summary>Writes &lt;id&gt;.&lt;version&gt;.nupkg into <paramref name="outputFolder"/>; returns its path.</summary>
        public static string Pack(string nuspecFile, string version, string bin, string outputFolder, string assemblyName)
        {
            string folder = Path.GetDirectoryName(nuspecFile);
            XDocument nuspec = XDocument.Parse(File.ReadAllText(nuspecFile).Replace("$version$", version, StringComparison.Ordinal));
            XElement metadata = nuspec.Root.Element(Nuspec + "metadata");
            string id = (string)metadata.Element(Nuspec + "id");
            var files = new List<(string Source, string Target)>();
            foreach (XElement file in nuspec.Root.Element(Nuspec + "files").Elements(Nuspec + "file"))
            {
                string src = ((string)file.Attribute("src")).Replace("$bin$", bin, StringComparison.Ordinal);
                string source = Path.GetFullPath(Path.Combine(folder, src));
                if (!File.Exists(source))
                {
                    throw new BuildException(Path.GetFileName(nuspecFile) + ": " + src + " does not exist (" + source + ")");
                }

                string target = ((string)file.Attribute("target") ?? string.Empty).Replace('\\', '/').Trim('/');
                files.Add((source, (target.Length == 0 ? string.Empty : target + "/") + Path.GetFileName(source)));
            }

            nuspec.Root.Element(Nuspec + "files").Remove();
            Directory.CreateDirectory(outputFolder);
            string package = Path.Combine(outputFolder, id + "." + version + ".nupkg");
            File.Delete(package);
            using (ZipArchive zip = ZipFile.Open(package, ZipArchiveMode.Create))
            {
                Add(zip, id + ".nuspec", Encoding.UTF8.GetBytes(nuspec.Declaration + "\n" + nuspec.Root));
                foreach ((string source, string target) in files)
                {
                    Add(zip, target, File.ReadAllBytes(source));
                }

                Add(zip, "_rels/.rels", Encoding.UTF8.GetBytes(
                    "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                    + "<Relationship Type=\"http://schemas.microsoft.com/packaging/2010/07/manifest\" Target=\"/" + id + ".nuspec\" Id=\"R0\" /></Relationships>\n"));
                string extensions = string.Concat(files.Select(f => Path.GetExtension(f.Target).TrimStart('.')).Append("nuspec").Append("rels")
                    .Distinct(StringComparer.OrdinalIgnoreCase).OrderBy(e => e, StringComparer.Ordinal)
                    .Select(e => "<Default Extension=\"" + e + "\" ContentType=\"" + (e == "rels" ? "application/vnd.openxmlformats-package.relationships+xml" : "application/octet") + "\" />"));
                Add(zip, "[Content_Types].xml", Encoding.UTF8.GetBytes(
                    "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">" + extensions + "</Types>\n"));
            }

            Verify(package, id, assemblyName, files.Select(f => f.Target));
            return package;
        }

        /// <summary>Reads the package back: the nuspec, every listed file, and the four lib files of the assembly.</summary>
        public static void Verify(string package, string id, string assemblyName, IEnumerable<string> listed)
        {
            using ZipArchive zip = ZipFile.OpenRead(package);
            var entries = new HashSet<string>(zip.Entries.Select(e => e.FullName), StringComparer.Ordinal);
            var needed = new List<string> { id + ".nuspec", "[Content_Types].xml", "_rels/.rels" };
            needed.AddRange(listed);
            needed.AddRange(new[] { ".dll", ".pe", ".pdbx", ".xml" }.Select(e => LibFolder + "/" + assemblyName + e));
            string[] missing = needed.Where(n => !entries.Contains(n)).ToArray();
            if (missing.Length > 0)
            {
                throw new BuildException(Path.GetFileName(package) + " lacks " + string.Join(", ", missing));
            }

            string[] empty = zip.Entries.Where(e => e.FullName.StartsWith(LibFolder + "/", StringComparison.Ordinal) && e.Length == 0).Select(e => e.FullName).ToArray();
            if (empty.Length > 0)
            {
                throw new BuildException(Path.GetFileName(package) + " has empty files: " + string.Join(", ", empty));
            }
        }

        private static void Add(ZipArchive zip, string name, byte[] content)
        {
            ZipArchiveEntry entry = zip.CreateEntry(name, CompressionLevel.Optimal);
            entry.LastWriteTime = Stamp;
            using Stream stream = entry.Open();
            stream.Write(content, 0, content.Length);
        }
    }
}
