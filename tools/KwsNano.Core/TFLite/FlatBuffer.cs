using System.Buffers.Binary;

namespace KwsNano.TFLite;

/// <summary>
/// Bounds-checked access to a flatbuffer held in memory. Every read checks its range and throws
/// <see cref="TfliteFormatException"/> naming the file, the offset and what was being read.
/// </summary>
public sealed class FlatBuffer
{
    private readonly byte[] _data;

    /// <summary>Wraps <paramref name="data"/>; <paramref name="sourceName"/> is used in error messages.</summary>
    public FlatBuffer(byte[] data, string sourceName)
    {
        _data = data;
        SourceName = sourceName;
    }

    /// <summary>File name for error messages.</summary>
    public string SourceName { get; }

    /// <summary>Buffer length in bytes.</summary>
    public int Length => _data.Length;

    /// <summary>Throws a format error naming the file.</summary>
    public TfliteFormatException Error(string what) => new($"{SourceName}: {what}");

    /// <summary>Checks that [offset, offset + size) lies inside the buffer.</summary>
    public void Require(long offset, long size, string what)
    {
        if (offset < 0 || size < 0 || offset + size > _data.Length)
        {
            throw Error($"{what} at offset {offset} (size {size}) is outside the file ({_data.Length} bytes); the file is truncated or corrupted");
        }
    }

    /// <summary>Reads an unsigned byte.</summary>
    public byte U8(long offset, string what) { Require(offset, 1, what); return _data[offset]; }

    /// <summary>Reads a little-endian u16.</summary>
    public ushort U16(long offset, string what) { Require(offset, 2, what); return BinaryPrimitives.ReadUInt16LittleEndian(_data.AsSpan((int)offset)); }

    /// <summary>Reads a little-endian i32.</summary>
    public int I32(long offset, string what) { Require(offset, 4, what); return BinaryPrimitives.ReadInt32LittleEndian(_data.AsSpan((int)offset)); }

    /// <summary>Reads a little-endian u32.</summary>
    public uint U32(long offset, string what) { Require(offset, 4, what); return BinaryPrimitives.ReadUInt32LittleEndian(_data.AsSpan((int)offset)); }

    /// <summary>Reads a little-endian i64.</summary>
    public long I64(long offset, string what) { Require(offset, 8, what); return BinaryPrimitives.ReadInt64LittleEndian(_data.AsSpan((int)offset)); }

    /// <summary>Reads a little-endian f32.</summary>
    public float F32(long offset, string what) { Require(offset, 4, what); return BinaryPrimitives.ReadSingleLittleEndian(_data.AsSpan((int)offset)); }

    /// <summary>Bytes [offset, offset + size) (checked).</summary>
    public ReadOnlySpan<byte> Slice(long offset, long size, string what) { Require(offset, size, what); return _data.AsSpan((int)offset, (int)size); }

    /// <summary>Follows a uoffset stored at <paramref name="at"/> and returns the absolute target position.</summary>
    public long Deref(long at, string what)
    {
        uint rel = U32(at, what);
        long target = at + rel;
        Require(target, 4, what);
        return target;
    }

    /// <summary>The root table of the buffer.</summary>
    public FlatTable Root(string what)
    {
        if (_data.Length < 8)
        {
            throw Error($"file is {_data.Length} bytes, too short to be a TFLite flatbuffer");
        }
        return FlatTable.At(this, Deref(0, what), what);
    }
}
