namespace KwsNano.TFLite;

/// <summary>One flatbuffer table: its position and vtable. Field <c>i</c> is the i-th field of the schema (vtable slot 4 + 2i).</summary>
public readonly struct FlatTable
{
    private readonly FlatBuffer _buf;
    private readonly long _pos;
    private readonly long _vtable;
    private readonly int _vtableSize;
    private readonly int _tableSize;

    private FlatTable(FlatBuffer buf, long pos, long vtable, int vtableSize, int tableSize, string what)
    {
        _buf = buf;
        _pos = pos;
        _vtable = vtable;
        _vtableSize = vtableSize;
        _tableSize = tableSize;
        What = what;
    }

    /// <summary>Description of this table for error messages (e.g. "subgraph 0 tensor 3").</summary>
    public string What { get; }

    /// <summary>The underlying buffer.</summary>
    public FlatBuffer Buffer => _buf;

    /// <summary>Reads the table at absolute <paramref name="pos"/>, validating its vtable.</summary>
    public static FlatTable At(FlatBuffer buf, long pos, string what)
    {
        int soff = buf.I32(pos, what + " vtable offset");
        long vtable = pos - soff;
        ushort vsize = buf.U16(vtable, what + " vtable");
        ushort tsize = buf.U16(vtable + 2, what + " vtable");
        if (vsize < 4 || (vsize & 1) != 0)
        {
            throw buf.Error($"{what}: invalid vtable size {vsize} at offset {vtable}");
        }
        buf.Require(vtable, vsize, what + " vtable");
        if (tsize < 4)
        {
            throw buf.Error($"{what}: invalid table size {tsize} at offset {pos}");
        }
        buf.Require(pos, tsize, what);
        return new FlatTable(buf, pos, vtable, vsize, tsize, what);
    }

    /// <summary>Absolute position of field <paramref name="field"/>, or -1 when absent.</summary>
    public long FieldPos(int field, int size)
    {
        int slot = 4 + 2 * field;
        if (slot + 2 > _vtableSize)
        {
            return -1;
        }
        ushort off = _buf.U16(_vtable + slot, What + " vtable");
        if (off == 0)
        {
            return -1;
        }
        if (off + size > _tableSize)
        {
            throw _buf.Error($"{What}: field {field} at table offset {off} lies outside the table ({_tableSize} bytes)");
        }
        return _pos + off;
    }

    /// <summary>True when the field is present.</summary>
    public bool Has(int field) => FieldPos(field, 1) >= 0;

    public byte U8(int field, byte dflt = 0) { long p = FieldPos(field, 1); return p < 0 ? dflt : _buf.U8(p, What); }
    public sbyte I8(int field, sbyte dflt = 0) { long p = FieldPos(field, 1); return p < 0 ? dflt : (sbyte)_buf.U8(p, What); }
    public bool Bool(int field, bool dflt = false) { long p = FieldPos(field, 1); return p < 0 ? dflt : _buf.U8(p, What) != 0; }
    public int I32(int field, int dflt = 0) { long p = FieldPos(field, 4); return p < 0 ? dflt : _buf.I32(p, What); }
    public uint U32(int field, uint dflt = 0) { long p = FieldPos(field, 4); return p < 0 ? dflt : _buf.U32(p, What); }
    public long I64(int field, long dflt = 0) { long p = FieldPos(field, 8); return p < 0 ? dflt : _buf.I64(p, What); }
    public float F32(int field, float dflt = 0) { long p = FieldPos(field, 4); return p < 0 ? dflt : _buf.F32(p, What); }

    /// <summary>Sub-table in field <paramref name="field"/>, or null when absent.</summary>
    public FlatTable? Table(int field, string what)
    {
        long p = FieldPos(field, 4);
        if (p < 0)
        {
            return null;
        }
        return At(_buf, _buf.Deref(p, what), what);
    }

    /// <summary>Start and length of the vector in field <paramref name="field"/>; (-1, 0) when absent. Checks elements fit.</summary>
    public (long Start, int Count) Vector(int field, int elementSize, string what)
    {
        long p = FieldPos(field, 4);
        if (p < 0)
        {
            return (-1, 0);
        }
        long v = _buf.Deref(p, what);
        uint count = _buf.U32(v, what + " length");
        if ((long)count * elementSize > _buf.Length)
        {
            throw _buf.Error($"{what}: vector length {count} at offset {v} exceeds the file size");
        }
        _buf.Require(v + 4, (long)count * elementSize, what);
        return (v + 4, (int)count);
    }

    /// <summary>int32 vector (empty when absent).</summary>
    public int[] I32Vector(int field, string what)
    {
        var (s, n) = Vector(field, 4, what);
        var r = new int[n];
        for (int i = 0; i < n; i++) r[i] = _buf.I32(s + 4L * i, what);
        return r;
    }

    /// <summary>float32 vector (empty when absent).</summary>
    public float[] F32Vector(int field, string what)
    {
        var (s, n) = Vector(field, 4, what);
        var r = new float[n];
        for (int i = 0; i < n; i++) r[i] = _buf.F32(s + 4L * i, what);
        return r;
    }

    /// <summary>int64 vector (empty when absent).</summary>
    public long[] I64Vector(int field, string what)
    {
        var (s, n) = Vector(field, 8, what);
        var r = new long[n];
        for (int i = 0; i < n; i++) r[i] = _buf.I64(s + 8L * i, what);
        return r;
    }

    /// <summary>Byte vector as (absolute start, length) without copying; (-1, 0) when absent.</summary>
    public (long Start, int Count) ByteVector(int field, string what) => Vector(field, 1, what);

    /// <summary>Vector of tables (empty when absent).</summary>
    public FlatTable[] TableVector(int field, string what)
    {
        var (s, n) = Vector(field, 4, what);
        var r = new FlatTable[n];
        for (int i = 0; i < n; i++)
        {
            long at = s + 4L * i;
            r[i] = At(_buf, _buf.Deref(at, $"{what} {i}"), $"{what} {i}");
        }
        return r;
    }

    /// <summary>UTF-8 string (null when absent).</summary>
    public string? String(int field, string what)
    {
        var (s, n) = Vector(field, 1, what);
        if (s < 0)
        {
            return null;
        }
        return System.Text.Encoding.UTF8.GetString(_buf.Slice(s, n, what));
    }
}
