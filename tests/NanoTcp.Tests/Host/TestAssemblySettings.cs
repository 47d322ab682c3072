using Microsoft.VisualStudio.TestTools.UnitTesting;

// Simulation tests share no state (each builds its own wire, clock and stacks), so they may run side by side.
[assembly: Parallelize(Scope = ExecutionScope.MethodLevel)]
