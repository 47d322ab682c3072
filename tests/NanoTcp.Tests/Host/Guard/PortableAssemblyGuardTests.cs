using System;
using System.Collections.Generic;
using System.IO;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace NanoTcp.Tests.Host.Guard
{
    /// <summary>Every portable assembly, as compiled for this test run, passes the nanoFramework guard.</summary>
    [TestClass]
    public class PortableAssemblyGuardTests
    {
        [TestMethod]
        [DataRow("NanoTcp.Hardware")]
        [DataRow("NanoTcp.Hardware.Simulation")]
        [DataRow("NanoTcp.Drivers.Enc28j60")]
        [DataRow("NanoTcp")]
        [DataRow("NanoTcp.Http")]
        [DataRow("NanoTcp.Firmware")]
        public void PortableAssemblyUsesOnlyWhatNanoFrameworkHas(string assemblyName)
        {
            // The test project references each portable project, so the netstandard2.0 build is copied beside this test.
            string path = Path.Combine(AppContext.BaseDirectory, assemblyName + ".dll");
            Assert.IsTrue(File.Exists(path), "the portable assembly should be in the test output folder: " + path);

            List<string> violations = NanoGuard.Check(path, PortableAssemblies.Names);

            Assert.AreEqual(
                0,
                violations.Count,
                assemblyName + ".dll has " + violations.Count + " nanoFramework violation(s) (see ../shared/nano/FACTS.md):\n  "
                + string.Join("\n  ", violations));
        }

        [TestMethod]
        public void EveryPortableAssemblyIsChecked()
        {
            // The DataRows above and PortableAssemblies.Names must name the same projects as Directory.Build.props.
            string props = File.ReadAllText(Path.Combine(RepositoryLayout.Root, "Directory.Build.props"));
            foreach (string name in PortableAssemblies.Names)
            {
                Assert.IsTrue(props.Contains("'$(MSBuildProjectName)' == '" + name + "'", StringComparison.Ordinal), name + " should be portable in Directory.Build.props");
            }

            Assert.AreEqual(PortableAssemblies.Names.Length, props.Split("'$(MSBuildProjectName)' == '").Length - 1, "Directory.Build.props names a portable project the guard does not check");
        }
    }
}
