namespace KwsNano.VirtualBoard;

/// <summary>Flash regions written by the host (like nanoff --binfile --address) and read by the native glue.</summary>
public sealed class VirtualFlash
{
    private readonly SortedDictionary<uint, byte[]> _regions = new();

    /// <summary>Writes <paramref name="data"/> at <paramref name="address"/> (replacing a region that starts there).</summary>
    public void Write(uint address, byte[] data) => _regions[address] = (byte[])data.Clone();

    /// <summary>The bytes written at exactly <paramref name="address"/>, or null (erased flash).</summary>
    public byte[]? At(uint address) => _regions.TryGetValue(address, out var data) ? data : null;
}
