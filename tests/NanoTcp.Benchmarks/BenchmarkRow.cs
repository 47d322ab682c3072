namespace NanoTcp.Benchmarks
{
    /// <summary>One line of the result table.</summary>
    public sealed record BenchmarkRow(string Name, string Value, string Unit, string Note);
}
