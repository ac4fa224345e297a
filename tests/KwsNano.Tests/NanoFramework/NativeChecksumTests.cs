using KwsNano.NfBuild;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace KwsNano.Tests.NanoFramework;

/// <summary>
/// nfbuild's native checksum (the metadata processor's algorithm over the compiled metadata) against the three values
/// the real toolchain gave for KwsNano.Interop: the oracle for the checksum the CI asserts against the glue.
/// </summary>
public class NativeChecksumTests
{
    [Theory]
    [InlineData(LanguageVersion.CSharp9, NullableContextOptions.Disable, 0xE6D297F9u, 13)]
    [InlineData(LanguageVersion.Latest, NullableContextOptions.Enable, 0xB89CA571u, 17)]
    public void ChecksumEqualsTheRealMetadataProcessors(LanguageVersion version, NullableContextOptions nullable, uint expected, int slots)
    {
        var table = InteropAssembly.Compile(version, nullable);
        Assert.Equal(expected, table.Checksum);
        Assert.Equal(slots, table.Slots.Count);
        Assert.Equal(13, table.NativeSlots.Count());
    }

    [Fact]
    public void ManagedMethodsAfterTheFirstNativeOneChangeTheChecksumButNotBeforeIt()
    {
        // "NULL" steps count only after a native method: the extra attribute types of a nullable build sort after
        // KwsNano.Interop.KwsEngine and so change the value, as the real toolchain showed.
        var table = InteropAssembly.Compile(LanguageVersion.Latest, NullableContextOptions.Enable);
        int firstNull = table.Slots.ToList().FindIndex(s => !s.IsNative);
        Assert.True(firstNull >= 13, "managed slots come after the 13 native ones");
        Assert.All(table.Slots.Skip(13), s => Assert.False(s.IsNative));
        Assert.Equal("KwsNano_Interop_KwsEngine", table.NativeSlots.First().ClassName);
        Assert.Equal("LoadModel___STATIC__I4__SZARRAY_U1", table.NativeSlots.First().MangledName);
        Assert.Equal("ProcessI2s___STATIC__I4__SZARRAY_U1__I4__I4__SZARRAY_I1__SZARRAY_I4", table.NativeSlots.ElementAt(5).MangledName);
    }

    [Fact]
    public void CrcStepIsMsbFirstWithoutReflection()
    {
        // CRC-32/MPEG-2 check value over "123456789" (init 0xFFFFFFFF) is 0x0376E6E7; from 0 it is 0x89A1897F.
        Assert.Equal(0x0376E6E7u, NativeMethodTable.Crc32("123456789", 0xFFFFFFFF));
        Assert.Equal(0x89A1897Fu, NativeMethodTable.Crc32("123456789", 0));
    }
}
