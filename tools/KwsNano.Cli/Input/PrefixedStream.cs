namespace KwsNano.Cli.Input;

/// <summary>A read-only stream: <c>prefix</c> (bytes already peeked), then the rest of <c>rest</c>.</summary>
public sealed class PrefixedStream(byte[] prefix, Stream rest) : ReadOnlyForwardStream
{
    private int _offset;

    /// <inheritdoc/>
    public override int Read(byte[] buffer, int offset, int count)
    {
        if (_offset < prefix.Length)
        {
            int n = Math.Min(count, prefix.Length - _offset);
            Array.Copy(prefix, _offset, buffer, offset, n);
            _offset += n;
            return n;
        }
        return rest.Read(buffer, offset, count);
    }
}
