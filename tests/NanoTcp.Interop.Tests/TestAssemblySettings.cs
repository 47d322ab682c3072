using Microsoft.VisualStudio.TestTools.UnitTesting;

// Real-peer tests create network namespaces and TAP devices and load both cores: one at a time.
[assembly: DoNotParallelize]
