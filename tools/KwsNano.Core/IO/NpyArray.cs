namespace KwsNano.IO;

/// <summary>An array read from a NumPy .npy file: its element type, C-order shape and typed data.</summary>
public sealed class NpyArray
{
    /// <summary>Creates an array (normally done by <see cref="NpyReader"/>).</summary>
    public NpyArray(string descr, int[] shape, Array data, string source)
    {
        Descr = descr;
        Shape = shape;
        Data = data;
        Source = source;
    }

    /// <summary>The NumPy type descriptor as written in the header, e.g. <c>|i1</c> or <c>&lt;f4</c>.</summary>
    public string Descr { get; }

    /// <summary>Dimensions, outermost first (empty for a scalar).</summary>
    public int[] Shape { get; }

    /// <summary>Elements in C order: sbyte[], byte[], short[], ushort[], int[], uint[], long[], ulong[], float[] or double[].</summary>
    public Array Data { get; }

    /// <summary>Where the array came from (file name), for messages.</summary>
    public string Source { get; }

    /// <summary>Number of elements.</summary>
    public int Count => Data.Length;

    /// <summary>The data as <typeparamref name="T"/>[]; throws naming the actual type when it is another.</summary>
    /// <exception cref="InvalidDataException">The file holds another element type.</exception>
    public T[] Get<T>()
    {
        if (Data is T[] typed)
        {
            return typed;
        }
        throw new InvalidDataException($"{Source}: holds '{Descr}' elements ({Data.GetType().GetElementType()?.Name}), not {typeof(T).Name}");
    }
}
