using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace NanoTcp.NanoBuild
{
    /// <summary>
    /// How many "Test ..." lines nanoFramework.UnitTestLauncher 3.0.77 prints for an NFUnitTest assembly, read from
    /// its metadata (independent of the run). The launcher (TestFramework source/UnitTestLauncher/Program.cs, v3.0.77):
    /// for each class carrying [TestClass] (once per such attribute), for each public method of the class
    /// (Type.GetMethods()), it runs once per attribute of the kind in turn — [Setup], then [TestMethod], then
    /// [DataRow], then [Cleanup] — after dropping [TestMethod] from a method that also has [DataRow]. Each run prints
    /// one line. A skipped [Setup] stops the class: its later runs print nothing.
    /// </summary>
    public static class ExpectedTests
    {
        private const string Namespace = "nanoFramework.TestFramework";

        /// <summary>The namespace of MSTest's attributes, which carry the same names for the same roles.</summary>
        public const string MsTestNamespace = "Microsoft.VisualStudio.TestTools.UnitTesting";

        public sealed class TestClass
        {
            public string FullName { get; init; }

            /// <summary>Lines the class prints when its Setup is not skipped.</summary>
            public int Runs { get; init; }

            /// <summary>Methods that carry [Setup].</summary>
            public List<string> SetupMethods { get; init; }

            /// <summary>
            /// The source member named by each MSTest [DynamicData] (one entry per attribute): such a method is counted
            /// once in <see cref="Runs"/>, while dotnet test runs it once per row of that source.
            /// </summary>
            public List<string> DynamicDataSources { get; init; }
        }

        public static List<TestClass> Read(string assembly) => Read(assembly, Namespace);

        /// <summary>
        /// The same count for an assembly whose attributes come from <paramref name="attributeNamespace"/>: for MSTest,
        /// a [TestMethod] runs once, or once per [DataRow] when it has any (its setup attributes have other names).
        /// </summary>
        public static List<TestClass> Read(string assembly, string attributeNamespace)
        {
            using var pe = new PEReader(File.OpenRead(assembly));
            MetadataReader reader = pe.GetMetadataReader();
            var classes = new List<TestClass>();
            foreach (TypeDefinitionHandle handle in reader.TypeDefinitions)
            {
                TypeDefinition type = reader.GetTypeDefinition(handle);
                bool isClass = (type.Attributes & TypeAttributes.Interface) == 0 && !IsValueType(reader, type);
                int testClassAttributes = Attributes(reader, type.GetCustomAttributes(), attributeNamespace).Count(a => a == "TestClassAttribute");
                if (!isClass || testClassAttributes == 0)
                {
                    continue;
                }

                int runs = 0;
                var setups = new List<string>();
                var dynamicSources = new List<string>();
                foreach (MethodDefinitionHandle methodHandle in type.GetMethods())
                {
                    MethodDefinition method = reader.GetMethodDefinition(methodHandle);
                    if ((method.Attributes & MethodAttributes.MemberAccessMask) != MethodAttributes.Public)
                    {
                        continue;
                    }

                    List<string> attributes = Attributes(reader, method.GetCustomAttributes(), attributeNamespace);
                    int dataRows = attributes.Count(a => a == "DataRowAttribute");
                    int setup = attributes.Count(a => a == "SetupAttribute");
                    runs += setup + dataRows + attributes.Count(a => a == "CleanupAttribute")
                        + (dataRows > 0 ? 0 : attributes.Count(a => a == "TestMethodAttribute"));
                    if (setup > 0)
                    {
                        setups.Add(reader.GetString(method.Name));
                    }

                    dynamicSources.AddRange(DynamicDataSources(reader, method.GetCustomAttributes(), attributeNamespace));
                }

                string ns = reader.GetString(type.Namespace);
                string name = (ns.Length > 0 ? ns + "." : string.Empty) + reader.GetString(type.Name);
                for (int i = 0; i < testClassAttributes; i++)
                {
                    classes.Add(new TestClass { FullName = name, Runs = runs, SetupMethods = setups, DynamicDataSources = dynamicSources });
                }
            }

            return classes;
        }

        private static bool IsValueType(MetadataReader reader, TypeDefinition type)
        {
            if (type.BaseType.IsNil || type.BaseType.Kind != HandleKind.TypeReference)
            {
                return false;
            }

            TypeReference baseType = reader.GetTypeReference((TypeReferenceHandle)type.BaseType);
            string name = reader.GetString(baseType.Name);
            return reader.GetString(baseType.Namespace) == "System" && (name == "ValueType" || name == "Enum");
        }

        /// <summary>
        /// The first constructor argument (the source member's name, a string in every constructor MSTest has) of each
        /// DynamicDataAttribute among <paramref name="attributes"/>.
        /// </summary>
        private static List<string> DynamicDataSources(MetadataReader reader, CustomAttributeHandleCollection attributes, string attributeNamespace)
        {
            var sources = new List<string>();
            foreach (CustomAttributeHandle handle in attributes)
            {
                CustomAttribute attribute = reader.GetCustomAttribute(handle);
                if (attribute.Constructor.Kind != HandleKind.MemberReference)
                {
                    continue;
                }

                EntityHandle type = reader.GetMemberReference((MemberReferenceHandle)attribute.Constructor).Parent;
                if (type.Kind != HandleKind.TypeReference)
                {
                    continue;
                }

                TypeReference reference = reader.GetTypeReference((TypeReferenceHandle)type);
                if (reader.GetString(reference.Namespace) != attributeNamespace || reader.GetString(reference.Name) != "DynamicDataAttribute")
                {
                    continue;
                }

                // ECMA-335 §II.23.3: prolog 0x0001, then the first fixed argument, a SerString.
                BlobReader blob = reader.GetBlobReader(attribute.Value);
                sources.Add(blob.ReadUInt16() == 1 ? blob.ReadSerializedString() : null);
            }

            return sources;
        }

        /// <summary>Names of the attributes of <paramref name="attributeNamespace"/> among <paramref name="attributes"/>, in order.</summary>
        private static List<string> Attributes(MetadataReader reader, CustomAttributeHandleCollection attributes, string attributeNamespace)
        {
            var names = new List<string>();
            foreach (CustomAttributeHandle handle in attributes)
            {
                CustomAttribute attribute = reader.GetCustomAttribute(handle);
                EntityHandle type = attribute.Constructor.Kind == HandleKind.MemberReference
                    ? reader.GetMemberReference((MemberReferenceHandle)attribute.Constructor).Parent
                    : default;
                if (type.Kind == HandleKind.TypeReference)
                {
                    TypeReference reference = reader.GetTypeReference((TypeReferenceHandle)type);
                    if (reader.GetString(reference.Namespace) == attributeNamespace)
                    {
                        names.Add(reader.GetString(reference.Name));
                    }
                }
            }

            return names;
        }
    }
}
