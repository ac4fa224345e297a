namespace KwsNano.Interpreter.Kernels;

/// <summary>Shape of an NHWC int8 feature map with batch 1: element (y, x, c) is at (y * Width + x) * Channels + c.</summary>
/// <param name="Height">Rows (H).</param>
/// <param name="Width">Columns (W).</param>
/// <param name="Channels">Channels (C), innermost.</param>
public readonly record struct FeatureMapShape(int Height, int Width, int Channels)
{
    /// <summary>Number of elements (= bytes for int8).</summary>
    public int Size => checked(Height * Width * Channels);

    /// <summary>Throws when a dimension is not positive.</summary>
    internal void Validate(string what)
    {
        if (Height < 1 || Width < 1 || Channels < 1)
        {
            throw new ArgumentException($"{what} shape {Height}x{Width}x{Channels} has a dimension < 1");
        }
    }

    /// <inheritdoc />
    public override string ToString() => $"[1,{Height},{Width},{Channels}]";
}
