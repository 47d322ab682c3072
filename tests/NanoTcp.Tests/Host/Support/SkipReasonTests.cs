using System;
using System.Diagnostics;
using System.IO;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace NanoTcp.Tests.Host.Support
{
    /// <summary>
    /// `dotnet test` prints why a test was skipped (tests/NanoTcp.SkipReasons.TestLogger, turned on by
    /// NanoTcp.runsettings): this runs the tshark test in a child `dotnet test` whose PATH holds only dotnet, so it
    /// skips, and reads the reason in the child's console output.
    /// </summary>
    [TestClass]
    public class SkipReasonTests
    {
        [TestMethod]
        public void DotnetTestPrintsTheReasonOfASkippedTest()
        {
            string dotnet = ResolveDotnet();
            string binDirectory = AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar);
            string configuration = Path.GetFileName(Path.GetDirectoryName(binDirectory)); // bin/<Configuration>/net10.0
            string project = Path.GetFullPath(Path.Combine(binDirectory, "..", "..", "..", "NanoTcp.Tests.csproj"));
            Assert.IsTrue(File.Exists(project), project);

            string pathDirectory = Path.Combine(Path.GetTempPath(), "nanotcp-skip-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(pathDirectory);
            try
            {
                File.CreateSymbolicLink(Path.Combine(pathDirectory, "dotnet"), dotnet);
                var start = new ProcessStartInfo(dotnet)
                {
                    RedirectStandardOutput = true,
                    RedirectStandardError = true,
                    UseShellExecute = false,
                };
                foreach (string argument in new[] { "test", project, "--no-build", "-c", configuration, "--filter", "FullyQualifiedName~TsharkReadsTheWiresCaptureWithoutErrors" })
                {
                    start.ArgumentList.Add(argument);
                }

                start.Environment["PATH"] = pathDirectory;
                start.Environment.Remove("CI"); // under CI a missing tool fails instead of skipping
                foreach (string name in new[] { "VSTEST_HOST_DEBUG", "VSTEST_RUNNER_DEBUG", "MSBuildExtensionsPath", "MSBuildSDKsPath", "MSBUILD_EXE_PATH" })
                {
                    start.Environment.Remove(name);
                }

                using var child = Process.Start(start)!;
                var output = child.StandardOutput.ReadToEndAsync();
                var error = child.StandardError.ReadToEndAsync();
                if (!child.WaitForExit(300000))
                {
                    child.Kill(entireProcessTree: true);
                    Assert.Fail("the child dotnet test did not finish within 300 s");
                }

                child.WaitForExit();
                string console = output.Result + error.Result;
                StringAssert.Contains(console, "Skipped:     1", console);
                StringAssert.Contains(console, "Skipped TsharkReadsTheWiresCaptureWithoutErrors: ", console);
                StringAssert.Contains(console, "tshark is not installed", console);
            }
            finally
            {
                Directory.Delete(pathDirectory, recursive: true);
            }
        }

        private static string ResolveDotnet()
        {
            string host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
            if (!string.IsNullOrEmpty(host) && File.Exists(host))
            {
                return host;
            }

            string main = Environment.ProcessPath;
            if (main != null && Path.GetFileNameWithoutExtension(main) == "dotnet")
            {
                return main;
            }

            foreach (string dir in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':'))
            {
                string candidate = Path.Combine(dir, "dotnet");
                if (dir.Length > 0 && File.Exists(candidate))
                {
                    return new FileInfo(candidate).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? candidate;
                }
            }

            Assert.Fail("dotnet not found");
            return null;
        }
    }
}
