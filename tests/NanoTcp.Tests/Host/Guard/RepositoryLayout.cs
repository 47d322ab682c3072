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

        /// <summary>../shared/nano/FACTS.md.</summary>
        public static string FactsPath => Path.GetFullPath(Path.Combine(Root, "..", "shared", "nano", "FACTS.md"));
    }
}
