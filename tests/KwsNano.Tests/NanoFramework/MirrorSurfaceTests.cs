using KwsNano.NfBuild;
using Mono.Cecil;

namespace KwsNano.Tests.NanoFramework;

/// <summary>
/// The virtual board's nanoFramework types against the facts of the real APIs (../shared/docs/nanoframework.md, read
/// by reflection), and against the reference assemblies compiled from the same surface: the behaviour half of a
/// mirror may add no public member, and the CoreLibrary mirrors match the real mscorlib.
/// </summary>
public class MirrorSurfaceTests
{
    private static readonly System.Reflection.Assembly Board = typeof(KwsNano.VirtualBoard.Board).Assembly;

    private static Type T(string name) => Board.GetType(name, throwOnError: true)!;

    private static bool IsStatic(Type t) => t.IsAbstract && t.IsSealed;

    [Theory]
    [InlineData("I2S1_MCK", 0x60100)]
    [InlineData("I2S1_BCK", 0x60101)]
    [InlineData("I2S1_WS", 0x60102)]
    [InlineData("I2S1_DATA_OUT", 0x60103)]
    [InlineData("I2S1_MDATA_IN", 0x60104)]
    [InlineData("I2S2_MCK", 0x60200)]
    [InlineData("I2S2_MDATA_IN", 0x60204)]
    public void DeviceFunctionValuesAreTheReals(string name, int value)
    {
        Assert.Equal(value, (int)Enum.Parse(T("nanoFramework.Hardware.Esp32.DeviceFunction"), name));
    }

    [Fact]
    public void ClassShapesAreTheReals()
    {
        var configuration = T("nanoFramework.Hardware.Esp32.Configuration");
        Assert.False(IsStatic(configuration), "Configuration is a non-static class");
        Assert.NotNull(configuration.GetMethod("SetPinFunction", [typeof(int), T("nanoFramework.Hardware.Esp32.DeviceFunction")]));
        Assert.True(T("System.Device.Gpio.GpioController").IsSealed);
        var pin = T("System.Device.Gpio.GpioPin");
        Assert.True(pin.IsSealed);
        Assert.Null(pin.GetProperty("Mode"));
        Assert.Empty(pin.GetConstructors());
        Assert.NotNull(pin.GetMethod("GetPinMode", Type.EmptyTypes));
        Assert.NotNull(pin.GetMethod("SetPinMode", [T("System.Device.Gpio.PinMode")]));
        Assert.NotNull(pin.GetMethod("IsPinModeSupported", [T("System.Device.Gpio.PinMode")]));
        Assert.Equal(typeof(TimeSpan), pin.GetProperty("DebounceTimeout")!.PropertyType);
        Assert.Equal("nanoFramework.Runtime.Events.BaseEvent", T("System.Device.Gpio.PinValueChangedEventArgs").BaseType!.FullName);
        Assert.False(T("System.Device.I2s.I2sDevice").IsSealed);
        Assert.True(T("System.Device.I2s.I2sConnectionSettings").IsSealed);
        Assert.True(IsStatic(T("nanoFramework.Runtime.Native.SystemInfo")));
        Assert.True(IsStatic(T("nanoFramework.Runtime.Native.GC")));
        var assert = T("nanoFramework.TestFramework.Assert");
        Assert.True(assert.IsSealed && !assert.IsAbstract, "TestFramework's Assert is a sealed, non-static class");
        Assert.NotNull(assert.GetMethod("AreEqual", [typeof(int), typeof(int), typeof(string)]));
    }

    [Theory]
    [InlineData("System.Device.Gpio.PinMode", "Input=0,InputPullDown=1,InputPullUp=2,Output=3,OutputOpenDrain=4,OutputOpenDrainPullUp=5,OutputOpenSource=6,OutputOpenSourcePullDown=7")]
    [InlineData("System.Device.I2s.I2sMode", "Master=1,Slave=2,Tx=4,Rx=8,DacBuiltIn=16,AdcBuiltIn=32,Pdm=64")]
    [InlineData("System.Device.I2s.I2sBitsPerSample", "Bit8=8,Bit16=16,Bit24=24,Bit32=32")]
    [InlineData("System.Device.I2s.I2sChannelFormat", "RightLeft=0,AllRight=1,AllLeft=2,OnlyRight=3,OnlyLeft=4")]
    [InlineData("System.Device.I2s.I2sCommunicationFormat", "I2S=1,Msb=3,PcmShort=4,PcmLong=12,Max=13")]
    public void EnumValuesAreTheReals(string type, string expected)
    {
        var e = T(type);
        var actual = string.Join(",", Enum.GetNames(e).Select(n => n + "=" + Convert.ToInt64(Enum.Parse(e, n))).OrderBy(x => int.Parse(x.Split('=')[1])).ThenBy(x => x, StringComparer.Ordinal));
        var want = string.Join(",", expected.Split(',').OrderBy(x => int.Parse(x.Split('=')[1])).ThenBy(x => x, StringComparer.Ordinal));
        Assert.Equal(want, actual);
    }

    [Fact]
    public void DefaultsOfI2sSettingsAreTheReals()
    {
        dynamic s = Activator.CreateInstance(T("System.Device.I2s.I2sConnectionSettings"), 1)!;
        Assert.Equal(44100, (int)s.SampleRate);
        Assert.Equal(10000, (int)s.BufferSize);
        Assert.Equal("Pdm", s.Mode.ToString());
        Assert.Equal("Bit16", s.BitsPerSample.ToString());
        Assert.Equal("RightLeft", s.ChannelFormat.ToString());
        Assert.Equal("I2S", s.CommunicationFormat.ToString());
    }

    /// <summary>Public members of a type as "kind name(params):type" strings (Cecil, so both builds read alike).</summary>
    private static SortedSet<string> PublicSurface(TypeDefinition type)
    {
        var set = new SortedSet<string>(StringComparer.Ordinal) { $"type {(type.IsSealed ? "sealed " : "")}{(type.IsAbstract ? "abstract " : "")}{type.BaseType?.FullName}" };
        foreach (var m in type.Methods.Where(m => m.IsPublic || m.IsFamily))
        {
            set.Add($"method {(m.IsStatic ? "static " : "")}{m.Name}({string.Join(",", m.Parameters.Select(p => p.ParameterType.FullName))}):{m.ReturnType.FullName}");
        }
        foreach (var f in type.Fields.Where(f => f.IsPublic))
        {
            set.Add($"field {f.Name}:{f.FieldType.FullName}{(f.HasConstant ? "=" + f.Constant : "")}");
        }
        foreach (var e in type.Events.Where(e => e.AddMethod?.IsPublic == true))
        {
            set.Add($"event {e.Name}:{e.EventType.FullName}");
        }
        return set;
    }

    [Fact]
    public void VirtualBoardMirrorsExposeExactlyTheReferenceAssembliesSurface()
    {
        string dir = Path.Combine(Path.GetTempPath(), "kwsnano-surface-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            var built = SurfaceCompiler.BuildAll(Firmware.FirmwarePaths.Repo("firmware", "ApiSurface"), Mscorlib.Dll, dir);
            using var board = AssemblyDefinition.ReadAssembly(Board.Location);
            int compared = 0;
            foreach (var (name, path) in built.Where(b => b.Key is not ("System.Math" or "nanoFramework.UnitTestLauncher")))
            {
                using var reference = AssemblyDefinition.ReadAssembly(path);
                foreach (var type in reference.MainModule.Types.Where(t => t.IsPublic))
                {
                    var mirror = board.MainModule.GetType(type.FullName);
                    Assert.True(mirror != null, $"{type.FullName} ({name}) is not in the virtual board");
                    Assert.Equal(PublicSurface(type), PublicSurface(mirror!));
                    compared++;
                }
            }
            Assert.True(compared >= 25, $"only {compared} types compared");
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Theory]
    [InlineData("System.SpanByte")]
    [InlineData("System.Reflection.AssemblyNativeVersionAttribute")]
    public void CoreLibraryMirrorsMatchTheRealMscorlib(string typeName)
    {
        using var real = AssemblyDefinition.ReadAssembly(Mscorlib.Dll);
        using var board = AssemblyDefinition.ReadAssembly(Board.Location);
        var realType = real.MainModule.GetType(typeName);
        var mirror = board.MainModule.GetType(typeName);
        // the mirror may not expose what the device lacks (the host-only helpers are internal)
        var realSurface = PublicSurface(realType).Where(s => !s.StartsWith("type", StringComparison.Ordinal)).ToHashSet();
        var mirrorSurface = PublicSurface(mirror).Where(s => !s.StartsWith("type", StringComparison.Ordinal)).ToHashSet();
        Assert.Empty(mirrorSurface.Except(realSurface));
        Assert.Empty(realSurface.Except(mirrorSurface));
    }

    [Fact]
    public void SystemMathSurfaceExistsInDotNet()
    {
        // the virtual board uses .NET's System.Math for the reference-only surface
        string dir = Path.Combine(Path.GetTempPath(), "kwsnano-math-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            var built = SurfaceCompiler.BuildAll(Firmware.FirmwarePaths.Repo("firmware", "ApiSurface"), Mscorlib.Dll, dir);
            using var math = AssemblyDefinition.ReadAssembly(built["System.Math"]);
            foreach (var m in math.MainModule.GetType("System.Math").Methods.Where(m => m.IsPublic))
            {
                var parameters = m.Parameters.Select(p => Type.GetType(p.ParameterType.FullName, true)!).ToArray();
                Assert.True(typeof(Math).GetMethod(m.Name, parameters) != null, $"System.Math.{m.Name}({string.Join(",", parameters.Select(p => p.Name))})");
            }
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }
}
