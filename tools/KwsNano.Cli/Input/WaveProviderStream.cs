using NAudio.Wave;

namespace KwsNano.Cli.Input;

/// <summary>A read-only stream over an NAudio wave provider (its bytes as they are produced; ends when it returns 0).</summary>
public sealed class WaveProviderStream(IWaveProvider source) : Stream
{
    /// <inheritdoc/>
    public override int Read(byte[] buffer, int offset, int count) => source.Read(buffer.AsSpan(offset, count));

    /// <inheritdoc/>
    public override bool CanRead => true;

    /// <inheritdoc/>
    public override bool CanSeek => false;

    /// <inheritdoc/>
    public override bool CanWrite => false;

    /// <inheritdoc/>
    public override long Length => throw new NotSupportedException();

    /// <inheritdoc/>
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    /// <inheritdoc/>
    public override void Flush() { }

    /// <inheritdoc/>
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    /// <inheritdoc/>
    public override void SetLength(long value) => throw new NotSupportedException();

    /// <inheritdoc/>
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
