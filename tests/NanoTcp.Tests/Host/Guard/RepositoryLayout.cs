using System;
using System.IO;

namespace NanoTcp.Tests.Host.Guard
{
    /// <summary>Where the repository and the shared reference folder beside it are, found from the test's output folder.</summary>
    public static class RepositoryLayout
    {
        /// <summary>The folder holding NanoTcp.sln.</summary>
        public static string Root
        {
            get
            {
                string directory = AppContext.BaseDirectory;
                for (int depth = 0; depth < 16 && directory != null; depth++)
                {
                    if (File.Exists(Path.Combine(directory, "NanoTcp.sln")))
                    {
                        return directory;
                    }

                    directory = Path.GetDirectoryName(directory.TrimEnd(Path.DirectorySeparatorChar));
                }

                throw new InvalidOperationException("no NanoTcp.sln above " + AppContext.BaseDirectory);
            }
        }

        /// <summary>../shared/nano/api-allowlist.txt (CI clones the repository with shared/ beside it).</summary>
        public static string AllowlistPath => Path.GetFullPath(Path.Combine(Root, "..", "shared", "nano", "api-allowlist.txt"));

        /// <summary>../shared/nano/FACTS.md.</summary>
        public static string FactsPath => Path.GetFullPath(Path.Combine(Root, "..", "shared", "nano", "FACTS.md"));

        /// <summary>Members the project adds to the shared allowlist, each proved by a FACTS.md line.</summary>
        public static string SupplementPath => Path.Combine(Root, "tests", "NanoTcp.Tests", "Host", "Guard", "api-allowlist-supplement.txt");

        /// <summary>The shared allowlist plus the project's supplement.</summary>
        public static ApiAllowlist LoadAllowlist()
        {
            if (!File.Exists(AllowlistPath))
            {
                throw new FileNotFoundException("the nanoFramework allowlist is expected at ../shared/nano/api-allowlist.txt beside the repository", AllowlistPath);
            }

            return ApiAllowlist.Load(AllowlistPath, SupplementPath);
        }
    }
}
