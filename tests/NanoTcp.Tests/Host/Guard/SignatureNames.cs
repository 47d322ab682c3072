using System.Collections.Generic;
using System.Collections.Immutable;
using System.Reflection.Metadata;

namespace NanoTcp.Tests.Host.Guard
{
    /// <summary>
    /// Decodes signatures into .NET full names (System.Int32, System.Byte[],
    /// System.Int32&amp;, Ns.Outer/Inner) and, while doing so, records the external types a signature names and any
    /// generic construct in it. Call <see cref="Reset"/> before each decode.
    /// </summary>
    internal sealed class SignatureNames : ISignatureTypeProvider<string, object>
    {
        private readonly NanoGuard _guard;

        public SignatureNames(NanoGuard guard)
        {
            _guard = guard;
        }

        /// <summary>External types (TypeRefs outside the project, and primitives) named by the last decode.</summary>
        public List<string> ExternalTypes { get; } = new List<string>();

        /// <summary>Generic constructs met by the last decode ("instantiation X&lt;Y&gt;", "type parameter !0").</summary>
        public List<string> Generics { get; } = new List<string>();

        public void Reset()
        {
            ExternalTypes.Clear();
            Generics.Clear();
        }

        public string GetPrimitiveType(PrimitiveTypeCode typeCode)
        {
            string name = "System." + typeCode;
            ExternalTypes.Add(name);
            return name;
        }

        public string GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind) =>
            NanoGuard.TypeName(reader, handle);

        public string GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind)
        {
            string name = NanoGuard.TypeName(reader, handle);
            if (!_guard.IsProjectType(handle))
            {
                ExternalTypes.Add(name);
            }

            if (name.Contains('`', System.StringComparison.Ordinal))
            {
                Generics.Add("generic type " + name);
            }

            return name;
        }

        public string GetTypeFromSpecification(MetadataReader reader, object genericContext, TypeSpecificationHandle handle, byte rawTypeKind) =>
            reader.GetTypeSpecification(handle).DecodeSignature(this, genericContext);

        public string GetSZArrayType(string elementType) => elementType + "[]";

        public string GetArrayType(string elementType, ArrayShape shape) => elementType + "[" + new string(',', shape.Rank - 1) + "]";

        public string GetByReferenceType(string elementType) => elementType + "&";

        public string GetPointerType(string elementType) => elementType + "*";

        public string GetPinnedType(string elementType) => elementType;

        public string GetModifiedType(string modifier, string unmodifiedType, bool isRequired) => unmodifiedType;

        public string GetFunctionPointerType(MethodSignature<string> signature) => "method " + signature.ReturnType + " *(" + string.Join(",", signature.ParameterTypes) + ")";

        public string GetGenericInstantiation(string genericType, ImmutableArray<string> typeArguments)
        {
            string name = genericType + "<" + string.Join(",", typeArguments) + ">";
            Generics.Add("instantiation " + name);
            return name;
        }

        public string GetGenericMethodParameter(object genericContext, int index)
        {
            Generics.Add("method type parameter !!" + index);
            return "!!" + index;
        }

        public string GetGenericTypeParameter(object genericContext, int index)
        {
            Generics.Add("type parameter !" + index);
            return "!" + index;
        }
    }
}
