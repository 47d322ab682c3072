namespace NanoTcp.Tests.Support
{
    /// <summary>A condition a simulation runs until (Func&lt;bool&gt; is generic, which nanoFramework 1.x cannot run).</summary>
    public delegate bool Condition();
}
