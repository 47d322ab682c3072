using System.Collections.Generic;
using System.Reflection.Emit;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace NanoTcp.Tests.Host.Guard
{
    /// <summary>The guard catches each kind of violation in compiled snippets, and passes clean code.</summary>
    [TestClass]
    public class NanoGuardTests
    {
        [TestMethod]
        public void CleanSnippetPasses()
        {
            List<string> violations = Check(@"
                public static class Snippet
                {
                    private static readonly byte[] Buffer = new byte[64];
                    public static ushort Run(byte[] frame, int offset)
                    {
                        System.Array.Copy(frame, offset, Buffer, 0, 20);
                        System.Array.Clear(Buffer, 20, 44);
                        string s = ""length "" + frame.Length.ToString();
                        if (s.Length == 0) { throw new System.ArgumentOutOfRangeException(nameof(offset), ""bad""); }
                        lock (Buffer) { }
                        switch (frame[offset]) { case 1: return 1; case 2: return 2; case 3: return 7; default: break; }
                        return (ushort)((frame[offset] << 8) | frame[offset + 1]);
                    }
                }");
            Assert.AreEqual(0, violations.Count, string.Join("\n", violations));
        }

        [TestMethod]
        public void FieldLikeEventPassesBecauseNanoFrameworksCompilerWritesItWithoutGenerics()
        {
            List<string> violations = Check(@"
                public sealed class Snippet
                {
                    public event System.EventHandler Changed;
                    public void Raise() { System.EventHandler handler = Changed; if (handler != null) { handler(this, System.EventArgs.Empty); } }
                }");
            Assert.AreEqual(0, violations.Count, string.Join("\n", violations));
        }

        [TestMethod]
        public void GenericInterlockedOutsideAnEventAccessorIsCaught()
        {
            List<string> violations = Check(@"
                public static class Snippet
                {
                    private static object _value;
                    public static object Run(object next) { return System.Threading.Interlocked.CompareExchange<object>(ref _value, next, null); }
                }");
            AssertHas(violations, "Snippet::Run: generic: method instantiation System.Threading.Interlocked::CompareExchange<System.Object>");
        }

        [TestMethod]
        public void ListOfTIsCaught()
        {
            List<string> violations = Check(@"
                public static class Snippet
                {
                    public static int Run() { var list = new System.Collections.Generic.List<int>(); list.Add(1); return list.Count; }
                }");
            AssertHas(violations, "Snippet::Run: generic: instantiation System.Collections.Generic.List`1<System.Int32>");
        }

        [TestMethod]
        public void GenericMethodDefinitionIsCaught()
        {
            List<string> violations = Check(@"
                public static class Snippet
                {
                    public static T Identity<T>(T value) { return value; }
                }");
            AssertHas(violations, "Snippet::Identity: generic method definition with 1 type parameter(s)");
        }

        [TestMethod]
        public void GenericMethodInstantiationIsCaught()
        {
            List<string> violations = Check(@"
                public static class Snippet
                {
                    public static int Run() { return System.Array.Empty<byte>().Length; }
                }");
            AssertHas(violations, "Snippet::Run: generic: method instantiation System.Array::Empty<System.Byte>");
        }

        [TestMethod]
        public void GenericTypeDefinitionIsCaught()
        {
            List<string> violations = Check(@"
                public sealed class Box<T> { public T Value; }");
            AssertHas(violations, "Box`1: generic type definition with 1 type parameter(s)");
        }

        [TestMethod]
        public void GenericDelegateTypeRefIsCaught()
        {
            List<string> violations = Check(@"
                public static class Snippet
                {
                    public static System.Action<int> Handler;
                }");
            AssertHas(violations, "Snippet::Handler: generic: generic type System.Action`1");
            AssertHas(violations, "Snippet::Handler: generic: instantiation System.Action`1<System.Int32>");
        }

        [TestMethod]
        public void SpanOfTIsCaught()
        {
            List<string> violations = Check(@"
                public static class Snippet
                {
                    public static int Run(byte[] data) { System.Span<byte> span = data; return span.Length; }
                }");
            AssertHas(violations, "Snippet::Run: generic: instantiation System.Span`1<System.Byte>");
        }

        [TestMethod]
        public void StackallocIsCaught()
        {
            List<string> violations = Check(@"
                public static unsafe class Snippet
                {
                    public static byte Run() { byte* scratch = stackalloc byte[16]; scratch[0] = 1; return scratch[0]; }
                }");
            AssertHasOpcode(violations, "localloc");
        }

        [TestMethod]
        public void FunctionPointerCallIsCaught()
        {
            List<string> violations = Check(@"
                public static unsafe class Snippet
                {
                    private static int Twice(int x) { return 2 * x; }
                    public static int Run() { delegate*<int, int> f = &Twice; return f(3); }
                }");
            AssertHasOpcode(violations, "calli");
        }

        [TestMethod]
        public void ArglistIsCaught()
        {
            List<string> violations = Check(@"
                public static class Snippet
                {
                    public static int Count(__arglist) { return new System.ArgIterator(__arglist).GetRemainingCount(); }
                    public static int Run() { return Count(__arglist(1, 2)); }
                }");
            AssertHasOpcode(violations, "arglist");
            AssertHas(violations, "Snippet::Run: vararg call to Snippet::Count");
        }

        [TestMethod]
        public void TypedReferenceOpcodesAreCaught()
        {
            List<string> violations = Check(@"
                public static class Snippet
                {
                    public static int Run(int x)
                    {
                        System.TypedReference r = __makeref(x);
                        System.Type t = __reftype(r);
                        return __refvalue(r, int) + ((object)t == null ? 0 : 1);
                    }
                }");
            AssertHasOpcode(violations, "mkrefany");
            AssertHasOpcode(violations, "refanytype");
            AssertHasOpcode(violations, "refanyval");
        }

        [TestMethod]
        [DataRow("cpblk")]
        [DataRow("initblk")]
        [DataRow("jmp")]
        [DataRow("ckfinite")]
        public void OpcodesCSharpCannotExpressAreCaught(string opcode)
        {
            using var image = SnippetCompiler.Emit((il, target) =>
            {
                switch (opcode)
                {
                    case "cpblk":
                        il.Emit(OpCodes.Ldarg_0);
                        il.Emit(OpCodes.Ldarg_1);
                        il.Emit(OpCodes.Ldarg_2);
                        il.Emit(OpCodes.Cpblk);
                        break;
                    case "initblk":
                        il.Emit(OpCodes.Ldarg_0);
                        il.Emit(OpCodes.Ldc_I4_0);
                        il.Emit(OpCodes.Ldarg_2);
                        il.Emit(OpCodes.Initblk);
                        break;
                    case "jmp":
                        il.Emit(OpCodes.Jmp, target);
                        return;
                    case "ckfinite":
                        il.Emit(OpCodes.Ldc_R8, 1.5);
                        il.Emit(OpCodes.Ckfinite);
                        il.Emit(OpCodes.Pop);
                        break;
                }

                il.Emit(OpCodes.Ret);
            });
            List<string> violations = SnippetCompiler.Check(image);
            string expected = opcode == "ckfinite" ? "Snippet::Run: opcode ckfinite at IL_0009, which nanoFramework rejects" : "Snippet::Run: opcode " + opcode + " at IL_0003, which nanoFramework rejects";
            if (opcode == "jmp")
            {
                expected = "Snippet::Run: opcode jmp at IL_0000, which nanoFramework rejects";
            }

            CollectionAssert.AreEqual(new[] { expected }, violations);
        }

        [TestMethod]
        public void SwitchTablesAreSkippedAsOperandsNotDecodedAsOpcodes()
        {
            // The switch's jump target is 195 = 0xC3 bytes ahead: its table bytes C3 00 00 00, read as opcodes, would be ckfinite.
            using var image = SnippetCompiler.Emit((il, target) =>
            {
                Label label = il.DefineLabel();
                il.Emit(OpCodes.Ldarg_2);
                il.Emit(OpCodes.Switch, new[] { label });
                for (int i = 0; i < 0xC3; i++)
                {
                    il.Emit(OpCodes.Nop);
                }

                il.MarkLabel(label);
                il.Emit(OpCodes.Ret);
            });
            CollectionAssert.AreEqual(new string[0], SnippetCompiler.Check(image));
        }

        private static List<string> Check(string source)
        {
            using var image = SnippetCompiler.Compile(source);
            return SnippetCompiler.Check(image);
        }

        private static void AssertHas(List<string> violations, string expected)
        {
            Assert.IsTrue(violations.Contains(expected), "expected the violation\n  " + expected + "\nin:\n  " + string.Join("\n  ", violations));
        }

        private static void AssertHasOpcode(List<string> violations, string opcode)
        {
            string fragment = ": opcode " + opcode + " at IL_";
            Assert.IsTrue(
                violations.Exists(v => v.StartsWith("Snippet::", System.StringComparison.Ordinal) && v.Contains(fragment, System.StringComparison.Ordinal)),
                "expected opcode " + opcode + " to be reported in:\n  " + string.Join("\n  ", violations));
        }
    }
}
