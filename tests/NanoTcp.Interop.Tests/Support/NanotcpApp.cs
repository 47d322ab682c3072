using System;
using System.IO;

namespace NanoTcp.Interop.Tests.Support
{
    /// <summary>Where the built PC app (`nanotcp`, firmware/NanoTcp.Host) and the repository are, from this test's output folder.</summary>
    public static class NanotcpApp
    {
        /// <summary>The folder holding NanoTcp.sln.</summary>
        public static string RepositoryRoot
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

        /// <summary>firmware/NanoTcp.Host/bin/&lt;configuration&gt;/net10.0/NanoTcp.Host.dll (this project references it, so it is built with the tests).</summary>
        public static string DllPath
        {
            get
            {
                string configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;
                string path = Path.Combine(RepositoryRoot, "firmware", "NanoTcp.Host", "bin", configuration, "net10.0", "NanoTcp.Host.dll");
                if (!File.Exists(path))
                {
                    throw new FileNotFoundException("the PC app is not built", path);
                }

                return path;
            }
        }

        /// <summary>TestResults/ at the repository root (CI keeps it as an artifact).</summary>
        public static string TestResults
        {
            get
            {
                string path = Path.Combine(RepositoryRoot, "TestResults");
                Directory.CreateDirectory(path);
                return path;
            }
        }
    }
}
