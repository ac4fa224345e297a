using System.Text;
using Mono.Cecil;

namespace KwsNano.NfBuild;

/// <summary>
/// The native method table and native checksum of a compiled nanoFramework assembly, computed the way the
/// nanoFramework Metadata Processor (3.0.x) computes them from the assembly's metadata:
/// <list type="bullet">
/// <item>Types: every type of the module but &lt;Module&gt;, ordered by full name (ordinal), each preceded by the types
/// it depends on (declaring type, implemented interfaces of this module, and the types of the return values and
/// parameters of the methods its bodies call, when those types are defined in this module), depth first.</item>
/// <item>Only classes and value types count (not interfaces, enums or delegates), minus the excluded classes
/// (ThisAssembly, RefSafetyRulesAttribute, AccessedThroughPropertyAttribute, types marked ExcludeTypeAttribute).</item>
/// <item>Per type, methods in the order virtual, instance non-virtual, static. A method without IL (RVA 0) that is not
/// abstract is native: the CRC takes the assembly name, the class name and the mangled method name. Any other method
/// takes "NULL". Every step starts from the running value, which reads 0 until the first native method has been
/// counted: so "NULL" steps before it, and the assembly and class names of the first native method, do not count.
/// No native method: checksum 0.</item>
/// <item>CRC-32 with polynomial 0x04C11DB7, most significant bit first, no reflection, no final xor.</item>
/// </list>
/// Every method of a counted type has a slot in the runtime's method table (null for managed methods), so the slot
/// list is exactly the list the CRC walks.
/// </summary>
public sealed class NativeMethodTable
{
    private static readonly string[] DefaultExcluded =
    [
        "ThisAssembly",
        "System.Runtime.CompilerServices.RefSafetyRulesAttribute",
        "System.Runtime.CompilerServices.AccessedThroughPropertyAttribute",
    ];

    private static readonly Dictionary<string, string> Primitives = new(StringComparer.Ordinal)
    {
        ["System.Void"] = "VOID", ["System.SByte"] = "I1", ["System.Int16"] = "I2", ["System.Int32"] = "I4",
        ["System.Int64"] = "I8", ["System.Byte"] = "U1", ["System.UInt16"] = "U2", ["System.UInt32"] = "U4",
        ["System.UInt64"] = "U8", ["System.Single"] = "R4", ["System.Double"] = "R8", ["System.Char"] = "CHAR",
        ["System.String"] = "STRING", ["System.Boolean"] = "BOOLEAN", ["System.Object"] = "OBJECT",
        ["System.IntPtr"] = "I4", ["System.UIntPtr"] = "U4", ["System.WeakReference"] = "WEAKCLASS",
    };

    private NativeMethodTable(string assemblyName, uint checksum, IReadOnlyList<NativeSlot> slots)
    {
        AssemblyName = assemblyName;
        Checksum = checksum;
        Slots = slots;
    }

    /// <summary>Assembly name (the first string the CRC takes for every native method).</summary>
    public string AssemblyName { get; }

    /// <summary>Native methods checksum the runtime compares at load (0 when the assembly has no native method).</summary>
    public uint Checksum { get; }

    /// <summary>Every slot of the method table in order; <see cref="NativeSlot.IsNative"/> false for managed methods.</summary>
    public IReadOnlyList<NativeSlot> Slots { get; }

    /// <summary>The native slots only.</summary>
    public IEnumerable<NativeSlot> NativeSlots => Slots.Where(s => s.IsNative);

    /// <summary>Reads <paramref name="assemblyPath"/>; references resolve from <paramref name="searchDirectories"/>.</summary>
    public static NativeMethodTable Read(string assemblyPath, params string[] searchDirectories)
    {
        using var resolver = new DefaultAssemblyResolver();
        resolver.AddSearchDirectory(Path.GetDirectoryName(Path.GetFullPath(assemblyPath))!);
        foreach (var dir in searchDirectories)
        {
            resolver.AddSearchDirectory(dir);
        }
        using var assembly = AssemblyDefinition.ReadAssembly(assemblyPath, new ReaderParameters { AssemblyResolver = resolver });
        return From(assembly);
    }

    /// <summary>Computes the table of a loaded assembly.</summary>
    public static NativeMethodTable From(AssemblyDefinition assembly)
    {
        var module = assembly.MainModule;
        var ordered = OrderByUsage(module);
        var excluded = new HashSet<string>(DefaultExcluded, StringComparer.Ordinal);
        foreach (var type in ordered.Where(t => t.CustomAttributes.Any(a => a.AttributeType.FullName == "System.Runtime.CompilerServices.ExcludeTypeAttribute")))
        {
            excluded.Add(type.FullName);
        }

        string name = assembly.Name.Name;
        uint crc = 0;
        int natives = 0;
        var slots = new List<NativeSlot>();
        foreach (var type in ordered)
        {
            if (!CountsForStubs(type) || excluded.Contains(type.FullName) || (type.DeclaringType != null && excluded.Contains(type.DeclaringType.FullName)))
            {
                continue;
            }
            string className = ClassName(type);
            foreach (var method in OrderMethods(type.Methods))
            {
                if (method.RVA == 0 && !method.IsAbstract)
                {
                    string mangled = MangledName(method);
                    // each step starts from the running value, which reads 0 until a native method was counted
                    crc = Crc32(name, natives > 0 ? crc : 0);
                    crc = Crc32(className, natives > 0 ? crc : 0);
                    crc = Crc32(mangled, natives > 0 ? crc : 0);
                    natives++;
                    slots.Add(new NativeSlot(className, mangled, true));
                }
                else
                {
                    crc = Crc32("NULL", natives > 0 ? crc : 0);
                    slots.Add(new NativeSlot(className, MangledName(method), false));
                }
            }
        }
        return new NativeMethodTable(name, natives > 0 ? crc : 0, slots);
    }

    /// <summary>Class name as the runtime and the generated stubs spell it: declaring types, namespace and name joined by '_', dots as '_'.</summary>
    public static string ClassName(TypeDefinition type) =>
        string.Join("_", type.DeclaringType == null ? "" : ClassName(type.DeclaringType), type.Namespace, type.Name).Replace(".", "_").TrimStart('_');

    /// <summary>Mangled method name: Name___STATIC__RET__ARG1__ARG2 (instance methods: Name___RET__...).</summary>
    public static string MangledName(MethodDefinition method)
    {
        var parts = new List<string> { TypeCode(method.ReturnType) };
        parts.AddRange(method.Parameters.Select(p => TypeCode(p.ParameterType)));
        return (method.Name + (method.IsStatic ? "___STATIC__" : "___") + string.Join("__", parts)).Replace(".", "_").Replace("/", "");
    }

    private static string TypeCode(TypeReference type)
    {
        if (type.IsArray)
        {
            return "SZARRAY_" + TypeCode(((ArrayType)type).ElementType);
        }
        if (type.IsByReference)
        {
            var element = ((ByReferenceType)type).ElementType;
            return "BYREF_" + (element.IsArray ? "SZARRAY_" + TypeCode(((ArrayType)element).ElementType) : ScalarCode(element));
        }
        return ScalarCode(type);
    }

    private static string ScalarCode(TypeReference type)
    {
        if (Primitives.TryGetValue(type.FullName, out var code))
        {
            return code;
        }
        return type.IsGenericParameter ? "GENERICTYPE" : type.FullName.Replace(".", "");
    }

    /// <summary>Classes and value types take part; interfaces, enums and delegates do not.</summary>
    private static bool CountsForStubs(TypeDefinition type)
    {
        string? baseName = type.BaseType?.FullName;
        if (baseName == "System.MulticastDelegate" || (baseName == "System.Delegate" && type.FullName != "System.MulticastDelegate"))
        {
            return false;
        }
        return !type.IsEnum && !type.IsInterface;
    }

    private static IEnumerable<MethodDefinition> OrderMethods(IEnumerable<MethodDefinition> methods)
    {
        var list = methods.ToList();
        return list.Where(m => m.IsVirtual)
            .Concat(list.Where(m => !m.IsVirtual && !m.IsStatic))
            .Concat(list.Where(m => m.IsStatic && !m.IsVirtual));
    }

    private static List<TypeDefinition> OrderByUsage(ModuleDefinition module)
    {
        var done = new HashSet<string>(StringComparer.Ordinal);
        var result = new List<TypeDefinition>();
        var start = module.GetTypes().Where(t => t.FullName != "<Module>").OrderBy(t => t.FullName, StringComparer.Ordinal).ToList();
        Visit(start, module, done, result);
        return result;
    }

    private static void Visit(IEnumerable<TypeDefinition> types, ModuleDefinition module, HashSet<string> done, List<TypeDefinition> result)
    {
        foreach (var type in types)
        {
            if (done.Contains(type.FullName))
            {
                continue;
            }
            if (type.DeclaringType != null)
            {
                Visit([type.DeclaringType], module, done, result);
            }
            Visit(type.Interfaces.Select(i => i.InterfaceType.Resolve()).Where(t => t != null && t.Module.FileName == module.FileName).ToList(), module, done, result);
            if (!done.Add(type.FullName))
            {
                continue;
            }
            var used = type.Methods.Where(m => m.HasBody)
                .SelectMany(m => m.Body.Instructions)
                .Select(i => i.Operand).OfType<MethodReference>()
                .SelectMany(TypesOfSignature)
                .Where(t => t.Module.FileName == module.FileName)
                .ToList();
            Visit(used, module, done, result);
            result.Add(type);
        }
    }

    private static IEnumerable<TypeDefinition> TypesOfSignature(MethodReference method)
    {
        var ret = method.ReturnType.Resolve();
        if (ret != null && ret.FullName != "System.Void")
        {
            yield return ret;
        }
        foreach (var p in method.Parameters)
        {
            var t = p.ParameterType.Resolve();
            if (t != null)
            {
                yield return t;
            }
        }
    }

    /// <summary>One CRC step over the ASCII bytes of <paramref name="text"/>, starting from <paramref name="crc"/>.</summary>
    public static uint Crc32(string text, uint crc)
    {
        foreach (byte b in Encoding.ASCII.GetBytes(text))
        {
            crc ^= (uint)b << 24;
            for (int i = 0; i < 8; i++)
            {
                crc = (crc & 0x80000000u) != 0 ? (crc << 1) ^ 0x04C11DB7u : crc << 1;
            }
        }
        return crc;
    }
}
