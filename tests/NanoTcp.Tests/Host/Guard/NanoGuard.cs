using System;
using System.Collections.Generic;
using System.IO;
using System.Reflection;
using System.Reflection.Emit;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;

namespace NanoTcp.Tests.Host.Guard
{
    /// <summary>
    /// Checks a compiled assembly against what nanoFramework 1.x can run (shared/nano/FACTS.md §1.5): no generic
    /// definition, instantiation or generic TypeRef; no vararg call; none of the opcodes the nanoCLR interpreter rejects.
    /// It runs on the netstandard2.0 builds in the .NET tests and keeps only what the genuine toolchain (tools/nano)
    /// does not catch: the metadata processor turns a generic class into a .pe without an error and nanoCLR then stops
    /// silently while resolving it; a rejected opcode fails only when nanoCLR executes it. An API missing from
    /// nanoFramework's mscorlib is no longer checked here (the former api allow-list): compiling against the genuine
    /// mscorlib.dll rejects it (CS0117/CS1061/CS0234), and the MDP rejects pointer types. Each violation names where it is
    /// (Type::Method, Type::Field, or Type) and what is wrong. Assembly- and module-level attributes are not checked
    /// (the SDK emits them). References to the project's own assemblies are not checked (they are checked themselves).
    /// </summary>
    public sealed class NanoGuard
    {
        /// <summary>Opcodes rejected by nf-interpreter's Interpreter.cpp ("Unsupported opcodes"), FACTS.md §1.5.</summary>
        public static readonly string[] RejectedOpcodes =
        {
            "localloc", "calli", "cpblk", "initblk", "jmp", "arglist", "mkrefany", "refanyval", "refanytype", "ckfinite", "readonly.",
        };

        private static readonly OpCode[] OneByte = new OpCode[256];
        private static readonly OpCode[] TwoByte = new OpCode[256];
        private static readonly bool[] OneByteKnown = new bool[256];
        private static readonly bool[] TwoByteKnown = new bool[256];

        private readonly MetadataReader _reader;
        private readonly PEReader _pe;
        private readonly HashSet<string> _projectAssemblies;
        private readonly SignatureNames _names;
        private readonly List<string> _violations = new List<string>();
        private readonly HashSet<string> _seen = new HashSet<string>(StringComparer.Ordinal);
        private bool _inFieldLikeEventAccessor;

        static NanoGuard()
        {
            foreach (FieldInfo field in typeof(OpCodes).GetFields(BindingFlags.Public | BindingFlags.Static))
            {
                var opcode = (OpCode)field.GetValue(null);
                ushort value = unchecked((ushort)opcode.Value);
                if (opcode.Size == 1)
                {
                    OneByte[value] = opcode;
                    OneByteKnown[value] = true;
                }
                else
                {
                    TwoByte[value & 0xFF] = opcode;
                    TwoByteKnown[value & 0xFF] = true;
                }
            }
        }

        private NanoGuard(PEReader pe, IEnumerable<string> projectAssemblies)
        {
            _pe = pe;
            _reader = pe.GetMetadataReader();
            _projectAssemblies = new HashSet<string>(projectAssemblies, StringComparer.Ordinal);
            _names = new SignatureNames(this);
        }

        /// <summary>Checks the assembly at <paramref name="path"/>; returns its violations in metadata order (empty when clean).</summary>
        public static List<string> Check(string path, IEnumerable<string> projectAssemblies)
        {
            using FileStream stream = File.OpenRead(path);
            return Check(stream, projectAssemblies);
        }

        /// <summary>Checks the assembly image in <paramref name="image"/>.</summary>
        public static List<string> Check(Stream image, IEnumerable<string> projectAssemblies)
        {
            using var pe = new PEReader(image, PEStreamOptions.PrefetchEntireImage | PEStreamOptions.LeaveOpen);
            var guard = new NanoGuard(pe, projectAssemblies);
            guard.CheckAll();
            return guard._violations;
        }

        internal static string TypeName(MetadataReader reader, TypeDefinitionHandle handle)
        {
            TypeDefinition type = reader.GetTypeDefinition(handle);
            string name = reader.GetString(type.Name);
            TypeDefinitionHandle declaring = type.GetDeclaringType();
            if (!declaring.IsNil)
            {
                return TypeName(reader, declaring) + "/" + name;
            }

            string ns = reader.GetString(type.Namespace);
            return ns.Length == 0 ? name : ns + "." + name;
        }

        internal static string TypeName(MetadataReader reader, TypeReferenceHandle handle)
        {
            TypeReference type = reader.GetTypeReference(handle);
            string name = reader.GetString(type.Name);
            if (type.ResolutionScope.Kind == HandleKind.TypeReference)
            {
                return TypeName(reader, (TypeReferenceHandle)type.ResolutionScope) + "/" + name;
            }

            string ns = reader.GetString(type.Namespace);
            return ns.Length == 0 ? name : ns + "." + name;
        }

        /// <summary>True when the TypeRef points into this assembly or one of the project's own assemblies.</summary>
        internal bool IsProjectType(TypeReferenceHandle handle)
        {
            EntityHandle scope = _reader.GetTypeReference(handle).ResolutionScope;
            while (scope.Kind == HandleKind.TypeReference)
            {
                scope = _reader.GetTypeReference((TypeReferenceHandle)scope).ResolutionScope;
            }

            if (scope.Kind == HandleKind.AssemblyReference)
            {
                AssemblyReference assembly = _reader.GetAssemblyReference((AssemblyReferenceHandle)scope);
                return _projectAssemblies.Contains(_reader.GetString(assembly.Name));
            }

            // Module definition (this module) or nil scope: defined here.
            return scope.Kind == HandleKind.ModuleDefinition || scope.IsNil;
        }

        private void CheckAll()
        {
            foreach (TypeDefinitionHandle typeHandle in _reader.TypeDefinitions)
            {
                TypeDefinition type = _reader.GetTypeDefinition(typeHandle);
                string typeName = TypeName(_reader, typeHandle);
                if (typeName == "<Module>")
                {
                    continue;
                }

                if (type.GetGenericParameters().Count > 0)
                {
                    Report(typeName, "generic type definition with " + type.GetGenericParameters().Count + " type parameter(s)");
                }

                CheckTypeHandle(typeName, type.BaseType);
                foreach (InterfaceImplementationHandle implementation in type.GetInterfaceImplementations())
                {
                    CheckTypeHandle(typeName, _reader.GetInterfaceImplementation(implementation).Interface);
                }

                foreach (MethodImplementationHandle implementation in type.GetMethodImplementations())
                {
                    CheckMethodHandle(typeName, _reader.GetMethodImplementation(implementation).MethodDeclaration);
                }

                foreach (FieldDefinitionHandle fieldHandle in type.GetFields())
                {
                    FieldDefinition field = _reader.GetFieldDefinition(fieldHandle);
                    string where = typeName + "::" + _reader.GetString(field.Name);
                    _names.Reset();
                    field.DecodeSignature(_names, null);
                    ReportSignature(where);
                }

                foreach (MethodDefinitionHandle methodHandle in type.GetMethods())
                {
                    CheckMethod(typeName, methodHandle);
                }
            }

            foreach (CustomAttributeHandle attributeHandle in _reader.CustomAttributes)
            {
                CustomAttribute attribute = _reader.GetCustomAttribute(attributeHandle);
                if (attribute.Parent.Kind == HandleKind.AssemblyDefinition || attribute.Parent.Kind == HandleKind.ModuleDefinition)
                {
                    continue;
                }

                CheckMethodHandle(Describe(attribute.Parent) + " (attribute)", attribute.Constructor);
            }
        }

        private void CheckMethod(string typeName, MethodDefinitionHandle methodHandle)
        {
            MethodDefinition method = _reader.GetMethodDefinition(methodHandle);
            string where = typeName + "::" + _reader.GetString(method.Name);
            if (method.GetGenericParameters().Count > 0)
            {
                Report(where, "generic method definition with " + method.GetGenericParameters().Count + " type parameter(s)");
            }

            _names.Reset();
            method.DecodeSignature(_names, null);
            ReportSignature(where);

            if (method.RelativeVirtualAddress == 0)
            {
                return;
            }

            MethodBodyBlock body = _pe.GetMethodBody(method.RelativeVirtualAddress);
            if (!body.LocalSignature.IsNil)
            {
                _names.Reset();
                _reader.GetStandaloneSignature(body.LocalSignature).DecodeLocalSignature(_names, null);
                ReportSignature(where);
            }

            _inFieldLikeEventAccessor = IsFieldLikeEventAccessor(method);
            try
            {
                CheckInstructions(where, body.GetILReader());
            }
            finally
            {
                _inFieldLikeEventAccessor = false;
            }
        }

        /// <summary>
        /// Roslyn writes the accessors of a field-like event (<c>public event EventHandler Changed;</c>) with
        /// Interlocked.CompareExchange&lt;T&gt; when the base library has it (.NET) and otherwise (nanoFramework 1.x has
        /// only the int overloads, FACTS.md §1.4) with a plain Delegate.Combine / Remove store in a Synchronized method
        /// (Roslyn MethodBodySynthesizer.ConstructFieldLikeEventAccessorBody_Regular), so that generic call is not in
        /// the board's build.
        /// </summary>
        private bool IsFieldLikeEventAccessor(MethodDefinition method)
        {
            string name = _reader.GetString(method.Name);
            if (!name.StartsWith("add_", StringComparison.Ordinal) && !name.StartsWith("remove_", StringComparison.Ordinal))
            {
                return false;
            }

            foreach (CustomAttributeHandle handle in method.GetCustomAttributes())
            {
                EntityHandle constructor = _reader.GetCustomAttribute(handle).Constructor;
                if (constructor.Kind == HandleKind.MemberReference)
                {
                    EntityHandle parent = _reader.GetMemberReference((MemberReferenceHandle)constructor).Parent;
                    if (parent.Kind == HandleKind.TypeReference
                        && TypeName(_reader, (TypeReferenceHandle)parent) == "System.Runtime.CompilerServices.CompilerGeneratedAttribute")
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        private void CheckInstructions(string where, BlobReader il)
        {
            while (il.RemainingBytes > 0)
            {
                int offset = il.Offset;
                byte first = il.ReadByte();
                OpCode opcode;
                if (first == 0xFE)
                {
                    byte second = il.ReadByte();
                    if (!TwoByteKnown[second])
                    {
                        Report(where, "unknown opcode 0xFE 0x" + second.ToString("X2", System.Globalization.CultureInfo.InvariantCulture) + " at " + Label(offset));
                        return;
                    }

                    opcode = TwoByte[second];
                }
                else
                {
                    if (!OneByteKnown[first])
                    {
                        Report(where, "unknown opcode 0x" + first.ToString("X2", System.Globalization.CultureInfo.InvariantCulture) + " at " + Label(offset));
                        return;
                    }

                    opcode = OneByte[first];
                }

                if (Array.IndexOf(RejectedOpcodes, opcode.Name) >= 0)
                {
                    Report(where, "opcode " + opcode.Name + " at " + Label(offset) + ", which nanoFramework rejects");
                }

                switch (opcode.OperandType)
                {
                    case OperandType.InlineNone:
                        break;
                    case OperandType.ShortInlineBrTarget:
                    case OperandType.ShortInlineI:
                    case OperandType.ShortInlineVar:
                        il.ReadByte();
                        break;
                    case OperandType.InlineVar:
                        il.ReadUInt16();
                        break;
                    case OperandType.InlineBrTarget:
                    case OperandType.InlineI:
                    case OperandType.ShortInlineR:
                    case OperandType.InlineString:
                    case OperandType.InlineSig:
                        il.ReadInt32();
                        break;
                    case OperandType.InlineI8:
                    case OperandType.InlineR:
                        il.ReadInt64();
                        break;
                    case OperandType.InlineSwitch:
                        int targets = il.ReadInt32();
                        for (int i = 0; i < targets; i++)
                        {
                            il.ReadInt32();
                        }

                        break;
                    case OperandType.InlineMethod:
                    case OperandType.InlineField:
                    case OperandType.InlineType:
                    case OperandType.InlineTok:
                        CheckToken(where, MetadataTokens.EntityHandle(il.ReadInt32()));
                        break;
                    default:
                        Report(where, "opcode " + opcode.Name + " with unexpected operand type " + opcode.OperandType + " at " + Label(offset));
                        return;
                }
            }
        }

        private void CheckToken(string where, EntityHandle handle)
        {
            switch (handle.Kind)
            {
                case HandleKind.TypeReference:
                case HandleKind.TypeSpecification:
                case HandleKind.TypeDefinition:
                    CheckTypeHandle(where, handle);
                    break;
                default:
                    CheckMethodHandle(where, handle);
                    break;
            }
        }

        private void CheckTypeHandle(string where, EntityHandle handle)
        {
            if (handle.IsNil || handle.Kind == HandleKind.TypeDefinition)
            {
                return;
            }

            _names.Reset();
            if (handle.Kind == HandleKind.TypeReference)
            {
                _names.GetTypeFromReference(_reader, (TypeReferenceHandle)handle, 0);
            }
            else if (handle.Kind == HandleKind.TypeSpecification)
            {
                _reader.GetTypeSpecification((TypeSpecificationHandle)handle).DecodeSignature(_names, null);
            }

            ReportSignature(where);
        }

        /// <summary>A method or field token: MethodDef/FieldDef (ours), MemberRef, or MethodSpec.</summary>
        private void CheckMethodHandle(string where, EntityHandle handle)
        {
            switch (handle.Kind)
            {
                case HandleKind.MethodSpecification:
                    MethodSpecification spec = _reader.GetMethodSpecification((MethodSpecificationHandle)handle);
                    if (_inFieldLikeEventAccessor && MemberName(spec.Method) == "System.Threading.Interlocked::CompareExchange")
                    {
                        break;
                    }

                    _names.Reset();
                    var arguments = spec.DecodeSignature(_names, null);
                    Report(where, "generic: method instantiation " + MemberName(spec.Method) + "<" + string.Join(",", arguments) + ">");
                    ReportSignature(where);
                    CheckMethodHandle(where, spec.Method);
                    break;
                case HandleKind.MemberReference:
                    CheckMemberReference(where, (MemberReferenceHandle)handle);
                    break;
            }
        }

        private void CheckMemberReference(string where, MemberReferenceHandle handle)
        {
            MemberReference member = _reader.GetMemberReference(handle);
            string name = _reader.GetString(member.Name);
            switch (member.Parent.Kind)
            {
                case HandleKind.TypeReference:
                    var parent = (TypeReferenceHandle)member.Parent;
                    string typeName = TypeName(_reader, parent);
                    if (IsProjectType(parent))
                    {
                        return;
                    }

                    if (typeName.Contains('`', StringComparison.Ordinal))
                    {
                        Report(where, "generic: type " + typeName);
                    }

                    string parameters = null;
                    if (member.GetKind() == MemberReferenceKind.Method)
                    {
                        _names.Reset();
                        MethodSignature<string> signature = member.DecodeMethodSignature(_names, null);
                        parameters = string.Join(",", signature.ParameterTypes);
                        if (signature.Header.CallingConvention == SignatureCallingConvention.VarArgs)
                        {
                            Report(where, "vararg call to " + typeName + "::" + name);
                        }
                    }

                    break;
                case HandleKind.TypeSpecification:
                    CheckTypeHandle(where, member.Parent);
                    break;
                case HandleKind.MethodDefinition:
                    // A call site of a method of ours with a vararg signature (__arglist).
                    Report(where, "vararg call to " + MemberName(member.Parent));
                    break;
                default:
                    Report(where, "references " + name + " through a " + member.Parent.Kind + ", which nanoFramework does not support");
                    break;
            }
        }

        private void ReportSignature(string where)
        {
            foreach (string generic in _names.Generics)
            {
                Report(where, "generic: " + generic);
            }

            _names.Reset();
        }

        private string MemberName(EntityHandle handle)
        {
            switch (handle.Kind)
            {
                case HandleKind.MethodDefinition:
                    MethodDefinition method = _reader.GetMethodDefinition((MethodDefinitionHandle)handle);
                    return TypeName(_reader, method.GetDeclaringType()) + "::" + _reader.GetString(method.Name);
                case HandleKind.MemberReference:
                    MemberReference member = _reader.GetMemberReference((MemberReferenceHandle)handle);
                    string parent = member.Parent.Kind == HandleKind.TypeReference
                        ? TypeName(_reader, (TypeReferenceHandle)member.Parent)
                        : member.Parent.Kind == HandleKind.TypeDefinition ? TypeName(_reader, (TypeDefinitionHandle)member.Parent) : member.Parent.Kind.ToString();
                    return parent + "::" + _reader.GetString(member.Name);
                default:
                    return handle.Kind.ToString();
            }
        }

        private string Describe(EntityHandle parent)
        {
            switch (parent.Kind)
            {
                case HandleKind.TypeDefinition:
                    return TypeName(_reader, (TypeDefinitionHandle)parent);
                case HandleKind.MethodDefinition:
                    return MemberName(parent);
                case HandleKind.FieldDefinition:
                    FieldDefinition field = _reader.GetFieldDefinition((FieldDefinitionHandle)parent);
                    return TypeName(_reader, field.GetDeclaringType()) + "::" + _reader.GetString(field.Name);
                case HandleKind.Parameter:
                    return "parameter " + _reader.GetString(_reader.GetParameter((ParameterHandle)parent).Name);
                case HandleKind.PropertyDefinition:
                    return "property " + _reader.GetString(_reader.GetPropertyDefinition((PropertyDefinitionHandle)parent).Name);
                case HandleKind.EventDefinition:
                    return "event " + _reader.GetString(_reader.GetEventDefinition((EventDefinitionHandle)parent).Name);
                default:
                    return parent.Kind.ToString();
            }
        }

        private static string Label(int offset) => "IL_" + offset.ToString("x4", System.Globalization.CultureInfo.InvariantCulture);

        private void Report(string where, string what)
        {
            string violation = where + ": " + what;
            if (_seen.Add(violation))
            {
                _violations.Add(violation);
            }
        }
    }
}
