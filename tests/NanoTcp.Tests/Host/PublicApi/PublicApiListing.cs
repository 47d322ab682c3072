using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Text;

namespace NanoTcp.Tests.Host.PublicApi
{
    /// <summary>
    /// The public API of an assembly as text, one line per visible type and per visible member, sorted: what an app
    /// compiled against the assembly can see (public, and protected members of unsealed public types). The files in
    /// api/ hold this text for each shipped assembly; <see cref="PublicApiTests"/> compares them.
    /// </summary>
    public static class PublicApiListing
    {
        private const BindingFlags Declared = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

        /// <summary>The listing of <paramref name="assembly"/>: types in name order, each followed by its members.</summary>
        public static string Of(Assembly assembly)
        {
            var text = new StringBuilder();
            foreach (Type type in assembly.GetExportedTypes().OrderBy(t => t.FullName, StringComparer.Ordinal))
            {
                text.Append(TypeLine(type)).Append('\n');
                foreach (string member in Members(type).OrderBy(m => m, StringComparer.Ordinal))
                {
                    text.Append("  ").Append(member).Append('\n');
                }
            }

            return text.ToString();
        }

        /// <summary>The number of visible types of <paramref name="assembly"/>.</summary>
        public static int TypeCount(Assembly assembly) => assembly.GetExportedTypes().Length;

        private static string TypeLine(Type type)
        {
            string kind = type.IsInterface ? "interface"
                : type.IsEnum ? "enum"
                : type.IsValueType ? "struct"
                : typeof(Delegate).IsAssignableFrom(type.BaseType) ? "delegate"
                : type.IsAbstract && type.IsSealed ? "static class"
                : type.IsAbstract ? "abstract class"
                : type.IsSealed ? "sealed class"
                : "class";
            string line = kind + " " + Name(type);
            var bases = new List<string>();
            if (type.BaseType != null && type.BaseType != typeof(object) && type.BaseType != typeof(ValueType) && type.BaseType != typeof(Enum)
                && type.BaseType != typeof(MulticastDelegate))
            {
                bases.Add(Name(type.BaseType));
            }

            // The project's own interfaces and IDisposable: the runtime's (ISerializable, ISpanFormattable...) depend on
            // the runtime the listing is made on, not on the assembly.
            if (!type.IsEnum && !typeof(Delegate).IsAssignableFrom(type))
            {
                bases.AddRange(type.GetInterfaces()
                    .Where(i => i.Namespace.StartsWith("NanoTcp", StringComparison.Ordinal) || i == typeof(IDisposable))
                    .Select(Name).OrderBy(n => n, StringComparer.Ordinal));
            }
            return bases.Count == 0 ? line : line + " : " + string.Join(", ", bases);
        }

        private static IEnumerable<string> Members(Type type)
        {
            if (type.IsEnum)
            {
                foreach (FieldInfo field in type.GetFields(BindingFlags.Public | BindingFlags.Static))
                {
                    yield return field.Name + " = " + Convert.ToInt64(field.GetRawConstantValue());
                }

                yield break;
            }

            foreach (MemberInfo member in type.GetMembers(Declared))
            {
                string line = Member(type, member);
                if (line != null)
                {
                    yield return line;
                }
            }
        }

        private static string Member(Type type, MemberInfo member)
        {
            switch (member)
            {
                case ConstructorInfo ctor when Visible(type, ctor):
                    return (ctor.IsStatic ? "static " : string.Empty) + Access(ctor) + "ctor(" + Parameters(ctor) + ")";
                case MethodInfo method when Visible(type, method) && !method.IsSpecialName:
                    return Access(method) + Modifiers(method) + "method " + Name(method.ReturnType) + " " + method.Name + "(" + Parameters(method) + ")";
                case FieldInfo field when Visible(type, field):
                    string fieldKind = field.IsLiteral ? "const " : (field.IsStatic ? "static " : string.Empty) + (field.IsInitOnly ? "readonly " : string.Empty);
                    string value = field.IsLiteral ? " = " + Literal(field.GetRawConstantValue()) : string.Empty;
                    return Access(field) + fieldKind + "field " + Name(field.FieldType) + " " + field.Name + value;
                case PropertyInfo property:
                    MethodInfo get = property.GetMethod, set = property.SetMethod;
                    bool getVisible = get != null && Visible(type, get), setVisible = set != null && Visible(type, set);
                    if (!getVisible && !setVisible)
                    {
                        return null;
                    }

                    MethodInfo any = getVisible ? get : set;
                    string indexer = property.GetIndexParameters().Length == 0 ? string.Empty : "[" + Parameters(property.GetIndexParameters()) + "]";
                    return Access(any) + Modifiers(any) + "property " + Name(property.PropertyType) + " " + property.Name + indexer
                        + " {" + (getVisible ? " get;" : string.Empty) + (setVisible ? " set;" : string.Empty) + " }";
                case EventInfo evt when evt.AddMethod != null && Visible(type, evt.AddMethod):
                    return Access(evt.AddMethod) + Modifiers(evt.AddMethod) + "event " + Name(evt.EventHandlerType) + " " + evt.Name;
                case Type nested:
                    return null; // listed as a type of its own (GetExportedTypes)
                default:
                    return null;
            }
        }

        /// <summary>Public, or protected in a type an app can derive from.</summary>
        private static bool Visible(Type type, MethodBase method) =>
            method.IsPublic || ((method.IsFamily || method.IsFamilyOrAssembly) && !type.IsSealed);

        private static bool Visible(Type type, FieldInfo field) =>
            field.IsPublic || ((field.IsFamily || field.IsFamilyOrAssembly) && !type.IsSealed);

        private static string Access(MethodBase method) => method.IsPublic ? string.Empty : "protected ";

        private static string Access(FieldInfo field) => field.IsPublic ? string.Empty : "protected ";

        private static string Modifiers(MethodInfo method)
        {
            if (method.IsStatic)
            {
                return "static ";
            }

            if (method.IsAbstract)
            {
                return method.DeclaringType.IsInterface ? string.Empty : "abstract ";
            }

            if (method.IsVirtual && !method.IsFinal)
            {
                return method.GetBaseDefinition() == method ? "virtual " : "override ";
            }

            return string.Empty;
        }

        private static string Parameters(MethodBase method) => Parameters(method.GetParameters());

        private static string Parameters(ParameterInfo[] parameters) =>
            string.Join(", ", parameters.Select(p => (p.IsOut ? "out " : p.ParameterType.IsByRef ? "ref " : string.Empty) + Name(p.ParameterType) + " " + p.Name));

        private static string Literal(object value) => value == null ? "null" : value is string s ? "\"" + s + "\"" : Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture);

        private static string Name(Type type)
        {
            if (type.IsByRef)
            {
                return Name(type.GetElementType());
            }

            if (type.IsArray)
            {
                return Name(type.GetElementType()) + "[" + new string(',', type.GetArrayRank() - 1) + "]";
            }

            return type.FullName ?? type.Name;
        }
    }
}
