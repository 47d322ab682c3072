namespace NanoTcp.Tests.Support
{
    /// <summary>Min and Max for the tests: nanoFramework's mscorlib has no System.Math (it is a separate package).</summary>
    public static class Numbers
    {
        public static int Min(int a, int b)
        {
            return a < b ? a : b;
        }

        public static long Min(long a, long b)
        {
            return a < b ? a : b;
        }

        public static int Max(int a, int b)
        {
            return a > b ? a : b;
        }

        public static long Max(long a, long b)
        {
            return a > b ? a : b;
        }
    }
}
