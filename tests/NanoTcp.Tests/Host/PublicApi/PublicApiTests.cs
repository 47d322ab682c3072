using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using NanoTcp.Tests.Host.Guard;

namespace NanoTcp.Tests.Host.PublicApi
{
    /// <summary>
    /// The public API of each shipped assembly (the ones tools/nano pack makes packages of) is listed in
    /// api/ASSEMBLY.txt; a change to it is deliberate: edit the file, or regenerate all of them with
    /// <c>NANOTCP_UPDATE_API=1 dotnet test tests/NanoTcp.Tests --filter FullyQualifiedName~PublicApiTests</c> and review
    /// the diff (git diff api/).
    /// </summary>
    [TestClass]
    public sealed class PublicApiTests
    {
        /// <summary>The assemblies an app references through the NuGet packages (their .nuspec files).</summary>
        public static readonly string[] Shipped =
        {
            "NanoTcp.Hardware", "NanoTcp.Hardware.Simulation", "NanoTcp.Drivers.Enc28j60", "NanoTcp", "NanoTcp.Http", "NanoTcp.Firmware",
        };

        private const string UpdateVariable = "NANOTCP_UPDATE_API";

        [TestMethod]
        public void EveryPackagedAssemblyHasAnApiFile()
        {
            string[] nuspecs = Directory.GetFiles(Path.Combine(RepositoryLayout.Root, "firmware"), "*.nuspec", SearchOption.AllDirectories)
                .Concat(Directory.GetFiles(Path.Combine(RepositoryLayout.Root, "drivers"), "*.nuspec", SearchOption.AllDirectories))
                .Concat(Directory.GetFiles(Path.Combine(RepositoryLayout.Root, "hw"), "*.nuspec", SearchOption.AllDirectories))
                .Where(p => !p.Contains(Path.DirectorySeparatorChar + "bin" + Path.DirectorySeparatorChar) && !p.Contains(Path.DirectorySeparatorChar + "obj" + Path.DirectorySeparatorChar))
                .ToArray();
            string[] packaged = nuspecs.Select(Path.GetFileNameWithoutExtension).OrderBy(n => n, StringComparer.Ordinal).ToArray();
            CollectionAssert.AreEqual(Shipped.OrderBy(n => n, StringComparer.Ordinal).ToArray(), packaged, "PublicApiTests.Shipped must name every assembly that has a .nuspec");
        }

        [TestMethod]
        [DynamicData(nameof(ShippedNames))]
        public void PublicApiMatchesTheApiFile(string assemblyName)
        {
            Assembly assembly = Assembly.Load(new AssemblyName(assemblyName));
            string actual = PublicApiListing.Of(assembly);
            string path = Path.Combine(RepositoryLayout.Root, "api", assemblyName + ".txt");
            if (Environment.GetEnvironmentVariable(UpdateVariable) == "1")
            {
                Directory.CreateDirectory(Path.GetDirectoryName(path));
                File.WriteAllText(path, actual);
            }

            string expected = File.Exists(path) ? File.ReadAllText(path).Replace("\r\n", "\n") : string.Empty;
            if (expected == actual)
            {
                return;
            }

            Assert.AreEqual(expected, actual, Difference(assemblyName, expected, actual));
        }

        public static IEnumerable<object[]> ShippedNames => Shipped.Select(n => new object[] { n });

        /// <summary>What was added to and removed from the public API, and how to accept it.</summary>
        private static string Difference(string assemblyName, string expected, string actual)
        {
            // A member line is only meaningful with its type: qualify each line by the type line above it.
            List<string> before = Qualified(expected), after = Qualified(actual);
            var removed = before.Except(after).ToList();
            var added = after.Except(before).ToList();
            return "\nThe public API of " + assemblyName + " differs from api/" + assemblyName + ".txt.\n"
                + (added.Count > 0 ? "Added (now public, not in the file):\n  + " + string.Join("\n  + ", added) + "\n" : string.Empty)
                + (removed.Count > 0 ? "Removed (in the file, no longer public):\n  - " + string.Join("\n  - ", removed) + "\n" : string.Empty)
                + "If the change is deliberate, update the file: " + UpdateVariable + "=1 dotnet test tests/NanoTcp.Tests --filter FullyQualifiedName~PublicApiTests"
                + " (then review git diff api/). Otherwise make the new type or member internal.\n";
        }

        private static List<string> Qualified(string listing)
        {
            var lines = new List<string>();
            string type = string.Empty;
            foreach (string line in listing.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                if (line.StartsWith("  ", StringComparison.Ordinal))
                {
                    lines.Add(type + " :: " + line.Trim());
                }
                else
                {
                    type = line;
                    lines.Add(line);
                }
            }

            return lines;
        }
    }
}
