using NAudio.Wave;

namespace KwsNano.Cli.Input;

/// <summary>A read-only stream over an NAudio wave provider (its bytes as they are produced; ends when it returns 0).</summary>
public sealed class WaveProviderStream(IWaveProvider source) : ReadOnlyForwardStream
{
    /// <inheritdoc/>
    public override int Read(byte[] buffer, int offset, int count) => source.Read(buffer.AsSpan(offset, count));
}
