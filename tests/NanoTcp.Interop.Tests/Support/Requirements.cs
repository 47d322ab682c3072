using System;
using System.IO;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace NanoTcp.Interop.Tests.Support
{
    /// <summary>
    /// What real-peer tests need from the machine. Missing on a developer's machine: the test is skipped with the
    /// reason (inconclusive). Missing under CI (environment variable CI set): the test fails, so CI never passes
    /// by skipping.
    /// </summary>
    public static class Requirements
    {
        /// <summary>True when the environment variable CI is set (non-empty), as .ci/run sets it.</summary>
        public static bool UnderCi => !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI"));

        /// <summary>Network namespaces and TAP devices: root, /dev/net/tun and the iproute2 'ip' command.</summary>
        public static void RequireNamespacesAndTap()
        {
            if (!Environment.IsPrivilegedProcess)
            {
                Skip("needs root (network namespaces and TAP devices); run the tests as root, e.g. sudo dotnet test");
            }

            if (!File.Exists("/dev/net/tun"))
            {
                Skip("needs /dev/net/tun (modprobe tun, or --device /dev/net/tun for a container)");
            }

            RequireCommand("ip", "iproute2");
        }

        /// <summary>A command on PATH, installed by .ci/run from Debian package <paramref name="debianPackage"/>.</summary>
        public static void RequireCommand(string command, string debianPackage)
        {
            string path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
            foreach (string directory in path.Split(':', StringSplitOptions.RemoveEmptyEntries))
            {
                if (File.Exists(Path.Combine(directory, command)))
                {
                    return;
                }
            }

            Skip("needs the '" + command + "' command (apt-get install " + debianPackage + ")");
        }

        private static void Skip(string reason)
        {
            if (UnderCi)
            {
                Assert.Fail("CI is set, so a skip is a failure: this test " + reason);
            }

            Assert.Inconclusive("skipped: this test " + reason);
        }
    }
}
