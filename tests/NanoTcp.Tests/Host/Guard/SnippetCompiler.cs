using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Reflection.Emit;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace NanoTcp.Tests.Host.Guard
{
    /// <summary>Builds small assemblies in memory to prove the guard: C# through Roslyn, raw IL through PersistedAssemblyBuilder.</summary>
    public static class SnippetCompiler
    {
        private static readonly Lazy<MetadataReference[]> References = new Lazy<MetadataReference[]>(() =>
            ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")).Split(Path.PathSeparator)
                .Where(path => path.Length > 0)
                .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
                .ToArray());

        /// <summary>Compiles C# <paramref name="source"/> (unsafe allowed, latest language) to an assembly image named Snippet.</summary>
        public static MemoryStream Compile(string source)
        {
            var compilation = CSharpCompilation.Create(
                "Snippet",
                new[] { CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Latest)) },
                References.Value,
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, allowUnsafe: true, optimizationLevel: OptimizationLevel.Release));
            var image = new MemoryStream();
            var result = compilation.Emit(image);
            if (!result.Success)
            {
                throw new InvalidOperationException("snippet does not compile:\n" + string.Join("\n", result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
            }

            image.Position = 0;
            return image;
        }

        /// <summary>
        /// An assembly with <c>public static class Snippet</c> whose method <c>Run(IntPtr, IntPtr, UInt32)</c> has the body
        /// <paramref name="emit"/> writes (a <c>Target</c> method with the same signature exists for <c>jmp</c>).
        /// </summary>
        public static MemoryStream Emit(Action<ILGenerator, MethodInfo> emit)
        {
            var assembly = new PersistedAssemblyBuilder(new AssemblyName("Snippet"), typeof(object).Assembly);
            ModuleBuilder module = assembly.DefineDynamicModule("Snippet");
            TypeBuilder type = module.DefineType("Snippet", TypeAttributes.Public | TypeAttributes.Abstract | TypeAttributes.Sealed);
            Type[] parameters = { typeof(IntPtr), typeof(IntPtr), typeof(uint) };
            MethodBuilder target = type.DefineMethod("Target", MethodAttributes.Public | MethodAttributes.Static, typeof(void), parameters);
            target.GetILGenerator().Emit(OpCodes.Ret);
            MethodBuilder run = type.DefineMethod("Run", MethodAttributes.Public | MethodAttributes.Static, typeof(void), parameters);
            emit(run.GetILGenerator(), target);
            type.CreateType();
            var image = new MemoryStream();
            assembly.Save(image);
            image.Position = 0;
            return image;
        }

        /// <summary>The guard's verdict on an image, with no project assemblies.</summary>
        public static List<string> Check(MemoryStream image) =>
            NanoGuard.Check(image, Array.Empty<string>());
    }
}
