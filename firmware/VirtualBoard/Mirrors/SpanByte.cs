// Mirror of nanoFramework's System.SpanByte (CoreLibrary).
namespace System;

/// <summary>A view of a byte array range (nanoFramework's pre-generics Span).</summary>
public readonly ref struct SpanByte
{
    private readonly byte[]? _array;
    private readonly int _start;

    /// <summary>The whole array.</summary>
    public SpanByte(byte[] array)
    {
        _array = array;
        _start = 0;
        Length = array?.Length ?? 0;
    }

    /// <summary>A range of the array.</summary>
    public SpanByte(byte[] array, int start, int length)
    {
        ArgumentNullException.ThrowIfNull(array);
        if (start < 0 || length < 0 || start + length > array.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(length));
        }
        _array = array;
        _start = start;
        Length = length;
    }

    /// <summary>An empty span.</summary>
    public static SpanByte Empty => default;

    /// <summary>Number of bytes.</summary>
    public int Length { get; }

    /// <summary>True when empty.</summary>
    public bool IsEmpty => Length == 0;

    /// <summary>Byte <paramref name="index"/>.</summary>
    public byte this[int index]
    {
        get
        {
            if ((uint)index >= (uint)Length) throw new IndexOutOfRangeException();
            return _array![_start + index];
        }
        set
        {
            if ((uint)index >= (uint)Length) throw new IndexOutOfRangeException();
            _array![_start + index] = value;
        }
    }

    /// <summary>Copies to <paramref name="destination"/>.</summary>
    public void CopyTo(SpanByte destination)
    {
        if (destination.Length < Length) throw new ArgumentException("destination too small");
        AsSpan().CopyTo(destination.AsSpan());
    }

    /// <summary>From <paramref name="start"/> to the end.</summary>
    public SpanByte Slice(int start) => Slice(start, Length - start);

    /// <summary>A sub-range.</summary>
    public SpanByte Slice(int start, int length)
    {
        if (start < 0 || length < 0 || start + length > Length) throw new ArgumentOutOfRangeException(nameof(start));
        return _array == null ? default : new SpanByte(_array, _start + start, length);
    }

    /// <summary>A copy as an array.</summary>
    public byte[] ToArray() => AsSpan().ToArray();

    /// <summary>Host-only access for the virtual board.</summary>
    internal Span<byte> AsSpan() => _array == null ? Span<byte>.Empty : _array.AsSpan(_start, Length);

    /// <summary>Wraps an array.</summary>
    public static implicit operator SpanByte(byte[] array) => new(array);
}
